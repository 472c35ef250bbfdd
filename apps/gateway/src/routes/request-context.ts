import type { FastifyReply } from 'fastify';
import { ClientClosedRequestError } from '../errors';

/** The token of an `Authorization: Bearer <token>` header, or `undefined`. */
export function bearerTokenOf(header: string | undefined): string | undefined {
  return /^Bearer +(\S+) *$/i.exec(header ?? '')?.[1];
}

/** Fires when the client goes away before the response is complete, so upstream work stops. */
export function clientAbortSignal(reply: FastifyReply): AbortSignal {
  const controller = new AbortController();
  reply.raw.once('close', () => {
    if (!reply.raw.writableFinished) controller.abort(new ClientClosedRequestError());
  });
  return controller.signal;
}
