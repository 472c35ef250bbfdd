import type { z } from 'zod';
import { InvalidRequestError } from '../errors/invalid-request-error';
import { zodIssuesToInputIssues } from '../query/zod-issues';

/**
 * Parses credentials or settings with their schema (the same one the gateway stores them with);
 * a failure is an `InvalidRequestError` listing every issue under `prefix`, never echoing a value.
 */
export function parseWithSchema<Output>(
  schema: z.ZodType<Output>,
  value: unknown,
  options: { readonly summary: string; readonly prefix?: string; readonly platform?: string | undefined },
): Output {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues = zodIssuesToInputIssues(parsed.error, options.prefix ?? '');
  throw InvalidRequestError.fromIssues(options.summary, issues, { platform: options.platform });
}

const originMessage = 'must be an origin: http(s)://host[:port], without path, query or credentials';

/** `scheme://host[:port]` and nothing else, normalised (`HTTP://Example.com:443/` → `http://example.com:443`). */
export function parseOrigin(value: string, options: { readonly platform?: string | undefined } = {}): string {
  const url = URL.canParse(value) ? new URL(value) : null;
  const hasMore =
    url === null || url.username || url.password || url.pathname !== '/' || url.search || url.hash;
  if (url === null || hasMore || !/^https?:$/.test(url.protocol) || /[?#]$/.test(value)) {
    throw new InvalidRequestError(`Invalid baseUrl: ${originMessage}`, {
      platform: options.platform,
      issues: [{ path: 'baseUrl', message: originMessage }],
    });
  }
  return url.origin;
}

/** The origin an adapter calls: `baseUrl` (validated by `parseOrigin`) when given, else the platform's own. */
export function resolveOrigin(baseUrl: string | undefined, publicOrigin: string, platform: string): string {
  return baseUrl === undefined ? publicOrigin : parseOrigin(baseUrl, { platform });
}
