import { type InputIssue, InvalidRequestError } from '@unicart/core';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';

/** The query parameters a route documents: the keys of its `querystring` schema, none without one. */
function documentedQueryParameters(querystring: unknown): readonly string[] {
  return querystring instanceof z.ZodObject ? Object.keys(querystring.shape) : [];
}

/**
 * A `preValidation` hook: every query parameter a documented route does not document is refused
 * (docs/api-contract.md §2: unknown query parameters → 400). It reads the parsed query as it arrived, before
 * any schema copies it into a plain object, where `__proto__` would silently vanish.
 */
export async function refuseUnknownQueryParameters(request: FastifyRequest): Promise<void> {
  const { schema, method, url } = request.routeOptions;
  if (schema === undefined || schema.hide === true) return;
  const known = documentedQueryParameters(schema.querystring);
  const issues: InputIssue[] = Object.keys(request.query as object)
    .filter((name) => !known.includes(name))
    .map((path) => ({ path, message: `is not a known query parameter of ${String(method)} ${url}` }));
  if (issues.length === 0) return;
  const detail = issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
  throw new InvalidRequestError(`Invalid query parameters: ${detail}`, { issues });
}
