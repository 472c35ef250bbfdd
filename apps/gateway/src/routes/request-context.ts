import { type CustomerFilters, InvalidRequestError, parseCustomerListParams } from '@unicart/core';
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

/**
 * The list filters of a route that takes no paging (a count, an export): `limit` and `page` are
 * refused like any unknown parameter, naming the route (`what`, e.g. "a count").
 */
export function parseFiltersWithoutPaging(
  query: Readonly<Record<string, unknown>>,
  what: string,
): CustomerFilters {
  const paging = ['limit', 'page'].filter((key) => query[key] !== undefined);
  if (paging.length > 0) {
    const issues = paging.map((path) => ({ path, message: `is not a known query parameter of ${what}` }));
    throw InvalidRequestError.fromIssues('Invalid query parameters', issues);
  }
  return parseCustomerListParams(query).filters;
}
