import {
  errorStatusByCode,
  UnicartError,
  type UnicartErrorCode,
  UpstreamRateLimitedError,
} from '@unicart/core';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { SyncNotReadyError } from './sync/sync-errors';

export const errorCodes = Object.keys(errorStatusByCode) as [UnicartErrorCode, ...UnicartErrorCode[]];

/** Every error response: `{ "error": { "code", "message", "platform"? } }`. */
export const errorResponseSchema = z
  .object({
    error: z
      .object({
        code: z.enum(errorCodes),
        message: z.string(),
        platform: z.string().optional().describe('The platform the error concerns, when it concerns one'),
      })
      .strict(),
  })
  .strict();

export type ErrorResponse = z.infer<typeof errorResponseSchema>;

export interface ErrorReply {
  readonly status: number;
  readonly body: ErrorResponse;
  /** Set on 429: seconds before the platform takes requests again. */
  readonly retryAfterSeconds?: number;
}

/** The client went away before the response was ready; upstream work was aborted with this reason. */
export class ClientClosedRequestError extends Error {
  constructor() {
    super('The client closed the connection before the response was ready');
    this.name = 'ClientClosedRequestError';
  }
}

/**
 * The gateway is shutting down: an export still open, or a request still waiting on its platform
 * when the grace period runs out, ends with this error. The contract has no code for it; `internal`
 * (500) is the one that says "nothing wrong with your request or the platform".
 */
export class GatewayShutdownError extends UnicartError {
  constructor() {
    super({
      message: 'The gateway is shutting down and stopped this request before its end: send it again',
      code: 'internal',
    });
    this.name = 'GatewayShutdownError';
  }
}

function reply(code: UnicartErrorCode, message: string, platform?: string): ErrorReply {
  return {
    status: errorStatusByCode[code],
    body: { error: { code, message, ...(platform === undefined ? {} : { platform }) } },
  };
}

const validationSubjects: Record<string, string> = {
  body: 'request body',
  querystring: 'query parameters',
  params: 'path parameters',
  headers: 'headers',
};

/** A zod validation failure of the route schema → one message naming each offending field. */
function describeValidation(error: unknown): string | undefined {
  if (!hasZodFastifySchemaValidationErrors(error)) return undefined;
  const context = error.validationContext ?? 'body';
  const details = error.validation.map((issue) => {
    const path = issue.instancePath.slice(1).replaceAll('/', '.');
    const keys = (issue.params as { keys?: unknown }).keys;
    const message =
      issue.keyword === 'unrecognized_keys' && Array.isArray(keys)
        ? `has unknown key(s): ${keys.join(', ')}`
        : issue.message;
    return path === '' ? message : `${path}: ${message}`;
  });
  return `Invalid ${validationSubjects[context] ?? context}: ${details.join('; ')}`;
}

/** Fastify's own failures (body parsing, size limit, media type) in the contract's terms. */
function fastifyErrorReply(error: FastifyError): ErrorReply | undefined {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return reply('payload_too_large', 'The request body is larger than the 1 MiB limit');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return reply('invalid_request', 'The request body is not valid JSON');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return reply('invalid_request', 'Unsupported Content-Type: send the body as application/json');
    case 'FST_ERR_BAD_URL':
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return reply('invalid_request', 'The URL is malformed or a path parameter is too long');
  }
  const status = error.statusCode ?? 500;
  if (status === 404) return reply('not_found', 'Not found');
  if (status === 413) return reply('payload_too_large', 'The request body is too large');
  if (status >= 400 && status < 500) return reply('invalid_request', error.message);
  return undefined;
}

/** Maps any error to its response, by `code`. Unknown errors become `internal`, with nothing of theirs shown. */
export function toErrorReply(error: unknown): ErrorReply {
  if (UnicartError.isInstance(error)) {
    const mapped = reply(error.code, error.message, error.platform);
    if (!UpstreamRateLimitedError.isInstance(error) && !(error instanceof SyncNotReadyError)) return mapped;
    return { ...mapped, retryAfterSeconds: error.retryAfterSeconds };
  }
  const validation = describeValidation(error);
  if (validation !== undefined) return reply('invalid_request', validation);
  const isFastifyError = error instanceof Error && typeof (error as FastifyError).code === 'string';
  const fastifyReply = isFastifyError ? fastifyErrorReply(error as FastifyError) : undefined;
  return fastifyReply ?? reply('internal', 'Internal server error');
}

/**
 * Logs a failure by its kind: bugs with their stack, platform failures with their details, refusals
 * by their answer alone. The message of an error that concerns a platform is never logged (the
 * logger's error serializer drops it too): it may quote the platform's text, and that quotes
 * customer data ("Customer with email '…' already exists"). The client has it in the answer.
 */
export function logFailure(request: FastifyRequest, error: unknown, mapped: ErrorReply): void {
  const { code, message, platform } = mapped.body.error;
  if (error instanceof GatewayShutdownError) request.log.warn('request stopped by the shutdown');
  else if (code === 'internal') request.log.error({ err: error }, 'request failed');
  else if (mapped.status >= 500 || code === 'rate_limited' || code === 'upstream_unauthorized') {
    request.log.warn({ err: error }, 'platform failure');
  } else {
    const logged = platform === undefined ? { code, message } : { code, platform };
    request.log.info({ error: logged }, 'request refused');
  }
}

/** Fastify error handler: every failure leaves as `{ "error": ... }` with the contract's status. */
export function handleError(error: unknown, request: FastifyRequest, response: FastifyReply): FastifyReply {
  if (error instanceof ClientClosedRequestError) {
    request.log.info('client closed the connection; upstream work aborted');
    // Nobody reads this answer; 499 only marks the request in the logs.
    return response.code(499).send();
  }
  const mapped = toErrorReply(error);
  logFailure(request, error, mapped);
  if (mapped.retryAfterSeconds !== undefined) {
    response.header('retry-after', String(mapped.retryAfterSeconds));
  }
  if (mapped.status === 401) response.header('www-authenticate', 'Bearer');
  return response.code(mapped.status).send(mapped.body);
}

/** Unknown routes answer like every other error. */
export function handleNotFound(request: FastifyRequest, response: FastifyReply): FastifyReply {
  const path = request.url.split('?')[0];
  return response.code(404).send(reply('not_found', `No route ${request.method} ${path}`).body);
}
