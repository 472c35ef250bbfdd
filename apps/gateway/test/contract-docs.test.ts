/**
 * docs/api-contract.md is written for people; these checks keep its route table and error table in
 * step with what the gateway serves and documents in /openapi.json.
 */
import { readFileSync } from 'node:fs';
import { errorStatusByCode } from '@unicart/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestGateway, type TestGateway } from './support/test-gateway';

const contract = readFileSync(new URL('../../../docs/api-contract.md', import.meta.url), 'utf8');

/** The rows of the markdown table under `heading` (the first table after it), as cells. */
function tableUnder(heading: string): string[][] {
  const start = contract.indexOf(`\n${heading}\n`);
  if (start < 0) throw new Error(`No ${heading} in docs/api-contract.md`);
  const lines = contract.slice(start).split('\n');
  const first = lines.findIndex((line) => line.startsWith('|'));
  const rows: string[][] = [];
  for (const line of lines.slice(first + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(
      line
        .slice(1, -1)
        .split(/(?<!\\)\|/)
        .map((cell) => cell.trim()),
    );
  }
  return rows;
}

let gateway: TestGateway;
let paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;

beforeAll(async () => {
  gateway = await createTestGateway();
  paths = (await gateway.app.inject({ method: 'GET', url: '/openapi.json' })).json().paths;
});

afterAll(async () => {
  await gateway.close();
});

describe('docs/api-contract.md', () => {
  it('lists exactly the routes of the OpenAPI document, with their success status', () => {
    const documented = tableUnder('### Routes').map(([method, path, success]) => ({
      route: `${method} ${path}`,
      status: /^(\d{3})/.exec(success ?? '')?.[1],
    }));
    const served = Object.entries(paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({
        route: `${method.toUpperCase()} ${path}`,
        status: Object.keys(operation.responses).find((status) => status.startsWith('2')),
      })),
    );
    const byRoute = (left: { route: string }, right: { route: string }) =>
      left.route.localeCompare(right.route);
    expect(documented.sort(byRoute)).toStrictEqual(served.sort(byRoute));
  });

  it('lists every error code with the status the gateway answers', () => {
    const documented = Object.fromEntries(
      tableUnder('### Errors').map(([status, code]) => [code?.replace(/`/g, ''), Number(status)]),
    );
    expect(documented).toStrictEqual({ ...errorStatusByCode });
  });
});
