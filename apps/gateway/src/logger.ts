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

/** Error details for logs: no upstream body excerpts (personal data), stacks only for unexpected errors. */
function serializeError(error: unknown, depth = 0): Record<string, unknown> {
  if (!(error instanceof Error)) return { type: typeof error, message: String(error) };
  const code = (error as { code?: unknown }).code;
  const details: Record<string, unknown> = { type: error.name, message: error.message };
  if (typeof code === 'string') details.code = code;
  if (UnicartError.isInstance(error)) {
    if (error.platform !== undefined) details.platform = error.platform;
    const upstreamStatus = (error as { upstreamStatus?: unknown }).upstreamStatus;
    if (typeof upstreamStatus === 'number') details.upstreamStatus = upstreamStatus;
  } else {
    details.stack = error.stack;
  }
  if (error.cause !== undefined && depth < 3) details.cause = serializeError(error.cause, depth + 1);
  return details;
}

/** The request without its query string (filters are personal data: emails, names) or headers. */
function serializeRequest(request: Partial<Pick<FastifyRequest, 'method' | 'url' | 'ip'>>) {
  return { method: request.method, path: request.url?.split('?')[0], remoteAddress: request.ip };
}

function serializeReply(reply: Partial<Pick<FastifyReply, 'statusCode'>>) {
  return { statusCode: reply.statusCode };
}

/**
 * The gateway's pino logger. Three layers keep secrets out: credential and token fields are
 * redacted by path, errors are logged without upstream bodies, and every line is scrubbed of store
 * tokens (`uc_…`) and of the configured secrets before it is written.
 */
export function createLogger(options: LoggerOptions): Logger {
  const secrets = options.secrets.flatMap((secret) => [secret, JSON.stringify(secret).slice(1, -1)]);
  return pino(
    {
      level: options.level,
      redact: { paths: redactedPaths, censor: '[redacted]' },
      serializers: { err: serializeError, req: serializeRequest, res: serializeReply },
      hooks: {
        streamWrite: (line) => redactSecrets(line, secrets).replace(storeTokenPattern, 'uc_[redacted]'),
      },
    },
    options.destination ?? pino.destination(1),
  );
}
