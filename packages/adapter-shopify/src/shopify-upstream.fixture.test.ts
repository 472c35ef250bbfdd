import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { scanCustomersDocument } from './shopify-documents';
import { seededUpstream, testAccessToken } from './shopify-fixtures.fixture';
import { parseShopifySearch, UnsupportedSearchError } from './shopify-search.fixture';
import type { ShopifyUpstream } from './shopify-upstream.fixture';

let upstream: ShopifyUpstream;

afterEach(() => upstream?.close());

async function post(query: string, variables: Record<string, unknown> = {}) {
  const response = await fetch(`${upstream.baseUrl}/admin/api/2026-10/graphql.json`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-shopify-access-token': testAccessToken },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const scanIds = async (query: string) => {
  const { body } = await post(scanCustomersDocument.source, { first: 250, after: null, query });
  const { edges } = (body.data as { customers: { edges: { node: { legacyResourceId: string } }[] } })
    .customers;
  return edges.map((edge) => edge.node.legacyResourceId);
};

describe('the Shopify double', () => {
  beforeEach(() => {
    upstream = seededUpstream();
  });

  it('matches a quoted email as a phrase of tokens, as loosely as Shopify (sheet §9.9)', async () => {
    expect(await scanIds('email:"ana.reyes@example.com"')).toStrictEqual(['7010392150', '7010392211']);
  });

  it('matches updated_at by whole days', async () => {
    expect(await scanIds("updated_at:<='2025-02-01T00:00:00Z'")).toStrictEqual([
      '7010392003',
      '7010392150',
      '7010392402',
    ]);
  });

  it('answers a field the schema lacks with a validation error', async () => {
    const { status, body } = await post('query { customers(first: 1) { nodes { emial } } }');
    expect(status).toBe(200);
    expect(body.errors).toStrictEqual([
      {
        message: 'Cannot query field "emial" on type "Customer". Did you mean "email"?',
        locations: [{ line: 1, column: 39 }],
      },
    ]);
  });

  it('refuses a query above the single-query cost cap', async () => {
    const { body } = await post(
      'query { customers(first: 250) { nodes { addressesV2(first: 5) { nodes { id } } } } }',
    );
    expect((body.errors as { extensions: { code: string } }[])[0]?.extensions.code).toBe('MAX_COST_EXCEEDED');
  });

  it('answers THROTTLED when the bucket holds less than the requested cost', async () => {
    upstream.close();
    upstream = seededUpstream({ maximumAvailable: 100, restoreRate: 1 });
    const { body } = await post(scanCustomersDocument.source, { first: 250, after: null, query: null });
    expect(body).toStrictEqual({
      errors: [
        {
          message: 'Throttled',
          extensions: { code: 'THROTTLED', documentation: 'https://shopify.dev/api/usage/rate-limits' },
        },
      ],
      extensions: {
        cost: {
          requestedQueryCost: 502,
          actualQueryCost: null,
          throttleStatus: { maximumAvailable: 100, currentlyAvailable: 100, restoreRate: 1 },
        },
      },
    });
    expect(upstream.throttledAnswers()).toBe(1);
  });

  it('refuses search fields outside the subset instead of ignoring them', async () => {
    const { body } = await post(scanCustomersDocument.source, { first: 1, after: null, query: 'tag:vip' });
    expect((body.errors as { message: string }[])[0]?.message).toBe('Unknown search field tag');
  });
});

describe('parseShopifySearch', () => {
  it('reads terms, comparators, quotes, escapes and an OR group', () => {
    expect(parseShopifySearch("(id:1 OR id:2) customer_date:>='2024-01-01T00:00:00Z' a\\:b")).toStrictEqual({
      kind: 'and',
      nodes: [
        {
          kind: 'or',
          nodes: [
            { kind: 'term', field: 'id', comparator: '', value: '1', quoted: false },
            { kind: 'term', field: 'id', comparator: '', value: '2', quoted: false },
          ],
        },
        {
          kind: 'term',
          field: 'customer_date',
          comparator: '>=',
          value: '2024-01-01T00:00:00Z',
          quoted: true,
        },
        { kind: 'term', field: null, comparator: '', value: 'a:b', quoted: false },
      ],
    });
  });

  it.each([
    ['an OR without a group', 'id:1 OR id:2'],
    ['an OR mixed with AND in a group', '(id:1 OR id:2 id:3)'],
    ['NOT', 'NOT id:1'],
    ['a negation', '-ana'],
    ['an unterminated quote', 'email:"ana'],
    ['an unbalanced group', '(id:1'],
  ])('refuses %s, which the adapter must never send', (_, query) => {
    expect(() => parseShopifySearch(query)).toThrow(UnsupportedSearchError);
  });
});
