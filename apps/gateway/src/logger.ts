import { redactSecrets, UnicartError } from '@unicart/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type DestinationStream, type Logger, pino } from 'pino';

export interface LoggerOptions {
  readonly level: string;
  /** Values that must never reach a log line (admin token, secret keys), whatever field holds them. */
  readonly secrets: readonly string[];
  /** Default: standard output. */
  readonly destination?: DestinationStream;
}

// Fields that hold credentials or tokens wherever they appear in a logged object.
const redactedPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  '*.headers.authorization',
  'authorization',
  'credentials',
  '*.credentials',
  'accessToken',
  '*.accessToken',
  'adminToken',
  'secretKey',
  'clientSecret',
  'consumerSecret',
  '*.clientSecret',
  '*.consumerSecret',
];

const storeTokenPattern = /uc_[A-Za-z0-9_-]{8,}/g;
// A store's webhook URL is what a platform is told to call: kept out of logs like a credential.
const webhookPathPattern = /^\/webhooks\/v1\/.*/;

type Scrub = (text: string) => string;

/**
 * Error details for logs: no upstream body excerpts or platform messages (personal data), stacks
 * only for unexpected errors, and messages scrubbed of secrets (a library may quote a URL or a
 * header in its message).
 */
function serializeError(error: unknown, scrub: Scrub, depth = 0): Record<string, unknown> {
  if (!(error instanceof Error)) return { type: typeof error, message: scrub(String(error)) };
  const code = (error as { code?: unknown }).code;
  const details: Record<string, unknown> = { type: error.name };
  if (typeof code === 'string') details.code = code;
  // A platform error's message may quote the platform's text, which quotes customer data.
  if (!UnicartError.isInstance(error) || error.platform === undefined) details.message = scrub(error.message);
  if (UnicartError.isInstance(error)) {
    if (error.platform !== undefined) details.platform = error.platform;
    const upstreamStatus = (error as { upstreamStatus?: unknown }).upstreamStatus;
    if (typeof upstreamStatus === 'number') details.upstreamStatus = upstreamStatus;
  } else {
    details.stack = error.stack === undefined ? undefined : scrub(error.stack);
  }
  if (error.cause !== undefined && depth < 3) details.cause = serializeError(error.cause, scrub, depth + 1);
  return details;
}

/** The request without its query string (filters are personal data: emails, names) or headers. */
function serializeRequest(request: Partial<Pick<FastifyRequest, 'method' | 'url' | 'ip'>>) {
  const path = request.url
    ?.split('?')[0]
    ?.replace(storeTokenPattern, 'uc_[redacted]')
    .replace(webhookPathPattern, '/webhooks/v1/[redacted]');
  return { method: request.method, path, remoteAddress: request.ip };
}

function serializeReply(reply: Partial<Pick<FastifyReply, 'statusCode'>>) {
  return { statusCode: reply.statusCode };
}

/**
 * The gateway's pino logger. Secrets are redacted where they can appear, and nowhere else (a
 * secret's value inside unrelated text, like `admin` in `/admin/v1/stores`, stays): credential and
 * token fields by path, errors without upstream bodies and with their messages scrubbed of the
 * configured secrets and of store tokens (`uc_…`), request paths scrubbed of store tokens.
 */
export function createLogger(options: LoggerOptions): Logger {
  const scrub: Scrub = (text) =>
    redactSecrets(text, options.secrets).replace(storeTokenPattern, 'uc_[redacted]');
  return pino(
    {
      level: options.level,
      redact: { paths: redactedPaths, censor: '[redacted]' },
      serializers: {
        err: (error: unknown) => serializeError(error, scrub),
        req: serializeRequest,
        res: serializeReply,
      },
    },
    options.destination ?? pino.destination(1),
  );
}
