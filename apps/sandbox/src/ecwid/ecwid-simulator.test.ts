import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { callSimulator } from '../kit/call-simulator';
import { type EcwidSimulator, startEcwidSimulator } from './ecwid-simulator';
import type { EcwidCustomer } from './ecwid-types';

let simulator: EcwidSimulator;

beforeAll(async () => {
  simulator = await startEcwidSimulator({
    count: 60,
    accessToken: 'secret_test',
    rateLimit: { requestsPerMinute: 1000 },
  });
});
afterEach(() => simulator.reset());
afterAll(() => simulator.close());

interface SearchPage {
  total: number;
  count: number;
  offset: number;
  limit: number;
  items: EcwidCustomer[];
}

function call(path: string, init: RequestInit & { token?: string | null } = {}) {
  const { token = 'secret_test', ...rest } = init;
  return callSimulator(`${simulator.url}/api/v3/1003${path}`, {
    ...rest,
    authorization: token === null ? null : `Bearer ${token}`,
  });
}

async function search(query: string): Promise<SearchPage> {
  const response = await call(`/customers?${query}`);
  expect(response.status).toBe(200);
  return response.json() as SearchPage;
}

describe('authentication', () => {
  it('answers 403 INVALID_API_TOKEN without a token or with a wrong one', async () => {
    for (const token of [null, 'secret_wrong']) {
      const response = await call('/customers', { token });
      expect(response.status).toBe(403);
      expect(response.json()).toStrictEqual({
        errorMessage: 'Invalid access token',
        errorCode: 'INVALID_API_TOKEN',
      });
    }
  });

  it('ignores the token query parameter, disabled since 2025-03-20', async () => {
    expect((await call('/customers?token=secret_test', { token: null })).status).toBe(403);
  });

  it('answers 404 STORE_NOT_FOUND for another store id', async () => {
    const response = await fetch(`${simulator.url}/api/v3/999/customers`, {
      headers: { authorization: 'Bearer secret_test' },
    });
    expect(response.status).toBe(404);
    expect(await response.json()).toStrictEqual({
      errorMessage: 'Store not found',
      errorCode: 'STORE_NOT_FOUND',
    });
  });

  it('refuses a token without the needed scope with 403 INSUFFICIENT_APP_SCOPE', async () => {
    const limited = await startEcwidSimulator({
      count: 3,
      accessToken: 'secret_orders',
      scopes: ['read_orders'],
    });
    try {
      const response = await fetch(`${limited.url}/api/v3/1003/customers`, {
        headers: { authorization: 'Bearer secret_orders' },
      });
      expect(response.status).toBe(403);
      expect(((await response.json()) as { errorCode: string }).errorCode).toBe('INSUFFICIENT_APP_SCOPE');
    } finally {
      await limited.close();
    }
  });

  it('refuses revoked credentials and accepts the new ones', async () => {
    simulator.revokeCredentials();
    expect((await call('/customers')).status).toBe(403);
    expect((await call('/customers', { token: simulator.credentials.accessToken })).status).toBe(200);
  });
});

describe('GET /customers', () => {
  it('answers total, count, offset and limit, 100 by default', async () => {
    const page = await search('');
    expect(page).toMatchObject({ total: 60, count: 60, offset: 0, limit: 100 });
  });

  it('caps limit at 100 and windows with offset', async () => {
    const page = await search('limit=500&offset=55');
    expect(page).toMatchObject({ total: 60, count: 5, offset: 55, limit: 100 });
  });

  it('matches email partially, and exactly with useExactEmailMatch', async () => {
    const [first] = (await search('limit=1&sortBy=REGISTERED_DATE_ASC')).items;
    const email = first?.email ?? '';
    const partial = await search(`email=${encodeURIComponent(email.slice(1).toUpperCase())}`);
    expect(partial.items.map((customer) => customer.id)).toContain(first?.id);
    const exact = await search(`email=${encodeURIComponent(email.slice(1))}&useExactEmailMatch=true`);
    expect(exact.total).toBe(0);
  });

  it('searches name and email with keyword, name only with name', async () => {
    const [first] = (await search('limit=1&sortBy=REGISTERED_DATE_ASC')).items;
    const lastName = first?.billingPerson.lastName ?? '';
    expect(
      (await search(`keyword=${encodeURIComponent(lastName.toLowerCase())}`)).items.map((item) => item.id),
    ).toContain(first?.id);
    const byEmailDomain = await search('name=example.com');
    expect(byEmailDomain.total).toBe(0);
  });

  it('filters registration dates inclusively, given as UNIX seconds or date strings', async () => {
    const [first] = (await search('limit=1&sortBy=REGISTERED_DATE_ASC')).items;
    const registered = first?.registered ?? '';
    const seconds = Math.floor(
      Date.parse(registered.replace(' ', 'T').replace(/ ([+-]\d\d)(\d\d)$/, '$1:$2')) / 1000,
    );
    const byUnix = await search(`createdFrom=${seconds}&createdTo=${seconds}`);
    expect(byUnix.items.map((item) => item.id)).toContain(first?.id);
    const byString = await search(
      `createdFrom=${encodeURIComponent(registered)}&createdTo=${encodeURIComponent(registered)}`,
    );
    expect(byString.items.map((item) => item.id)).toContain(first?.id);
    expect((await search('createdFrom=2030-01-01')).total).toBe(0);
  });

  it('answers 400 WRONG_PARAMETER for an unreadable date or sortBy', async () => {
    for (const query of ['createdFrom=yesterday', 'sortBy=ID_ASC', 'offset=-1']) {
      const response = await call(`/customers?${query}`);
      expect(response.status).toBe(400);
      expect((response.json() as { errorCode: string }).errorCode).toBe('WRONG_PARAMETER');
    }
  });

  it('sorts by sortBy, ties broken by id in the same direction', async () => {
    const page = await search('sortBy=REGISTERED_DATE_DESC');
    const positions = page.items.map((item) => ({
      time: Date.parse(item.registered.replace(' ', 'T').replace(/ ([+-]\d\d)(\d\d)$/, '$1:$2')),
      id: item.id,
    }));
    const descending = [...positions].sort((left, right) => right.time - left.time || right.id - left.id);
    expect(positions).toStrictEqual(descending);
  });

  it('projects the answer with responseFields', async () => {
    expect((await call('/customers?limit=1&responseFields=total')).json()).toStrictEqual({ total: 60 });
    const projected = (
      await call('/customers?limit=1&responseFields=items(id,stats(numberOfOrders))')
    ).json() as {
      items: Record<string, unknown>[];
    };
    expect(Object.keys(projected.items[0] ?? {})).toStrictEqual(['id', 'stats']);
  });
});

describe('customer writes', () => {
  it('creates with 200 {id}, deriving first and last name from the billing name', async () => {
    const created = await call('/customers', {
      method: 'POST',
      body: JSON.stringify({
        email: 'ana.reyes@example.net',
        billingPerson: { name: 'Ana María Reyes', countryCode: 'US' },
      }),
    });
    expect(created.status).toBe(200);
    const { id } = created.json() as { id: number };
    const stored = simulator.stored(String(id));
    expect(stored?.billingPerson).toMatchObject({
      name: 'Ana María Reyes',
      firstName: 'Ana',
      lastName: 'María Reyes',
      countryName: 'United States',
    });
    expect(stored?.name).toBe('Ana María Reyes');
  });

  it('refuses a create without e-mail (400) or with a taken one (409, without errorCode)', async () => {
    expect(
      (await call('/customers', { method: 'POST', body: JSON.stringify({ billingPerson: { name: 'X' } }) }))
        .status,
    ).toBe(400);
    const [first] = (await search('limit=1')).items;
    const duplicate = await call('/customers', {
      method: 'POST',
      body: JSON.stringify({ email: first?.email.toUpperCase() }),
    });
    expect([duplicate.status, 'errorCode' in (duplicate.json() as object)]).toStrictEqual([409, false]);
  });

  it('answers 400 for a body that is not JSON and 415 for another content type', async () => {
    expect((await call('/customers', { method: 'POST', body: '{"email":' })).status).toBe(400);
    const form = await call('/customers', {
      method: 'POST',
      body: 'email=a',
      headers: { 'content-type': 'text/plain' },
    });
    expect(form.status).toBe(415);
  });

  it('updates the sent keys only, answering {updateCount: 1}', async () => {
    const [first] = (await search('limit=1')).items;
    const id = String(first?.id);
    const updated = await call(`/customers/${id}`, {
      method: 'PUT',
      body: JSON.stringify({ privateAdminNotes: 'VIP' }),
    });
    expect(updated.json()).toStrictEqual({ updateCount: 1 });
    expect(simulator.stored(id)?.privateAdminNotes).toBe('VIP');
    expect(simulator.stored(id)?.email).toBe(first?.email);
  });

  it('deletes with {deleteCount: 1}, then answers 404 with Ecwid’s message', async () => {
    const [first] = (await search('limit=1')).items;
    expect((await call(`/customers/${first?.id}`, { method: 'DELETE' })).json()).toStrictEqual({
      deleteCount: 1,
    });
    const missing = await call(`/customers/${first?.id}`);
    expect(missing.status).toBe(404);
    expect(missing.json()).toStrictEqual({ errorMessage: `Customer #${first?.id} not found` });
    const deleted = (await call('/customers/deleted')).json() as { items: { id: number }[] };
    expect(deleted.items.map((item) => item.id)).toStrictEqual([first?.id]);
  });

  it('answers 405 for a method the path does not have', async () => {
    expect((await call('/customers/1', { method: 'PATCH', body: '{}' })).status).toBe(405);
  });
});

describe('orders and profile', () => {
  it('lists a customer’s orders with customerId', async () => {
    const buyer = (await search('minOrderCount=1&limit=1')).items[0];
    const orders = (await call(`/orders?customerId=${buyer?.id}`)).json() as {
      total: number;
      items: { customerId: number }[];
    };
    expect(orders.total).toBe(buyer?.stats?.numberOfOrders);
    expect(orders.items.every((order) => order.customerId === buyer?.id)).toBe(true);
  });

  it('answers the store currency in the profile', async () => {
    const profile = (await call('/profile')).json() as { formatsAndUnits: { currency: string } };
    expect(profile.formatsAndUnits.currency).toBe('USD');
  });
});

describe('rate limits', () => {
  it('answers 429 RATE_LIMITED with Retry-After past the per-token limit, and not when turned off', async () => {
    const limited = await startEcwidSimulator({
      count: 2,
      accessToken: 'secret_x',
      rateLimit: { requestsPerMinute: 2 },
    });
    const unlimited = await startEcwidSimulator({ count: 2, accessToken: 'secret_x', rateLimit: false });
    try {
      const get = (target: EcwidSimulator) =>
        fetch(`${target.url}/api/v3/1003/profile`, { headers: { authorization: 'Bearer secret_x' } });
      expect([(await get(limited)).status, (await get(limited)).status]).toStrictEqual([200, 200]);
      const refused = await get(limited);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(((await refused.json()) as { errorCode: string }).errorCode).toBe('RATE_LIMITED');
      for (let attempt = 0; attempt < 5; attempt++) expect((await get(unlimited)).status).toBe(200);
    } finally {
      await Promise.all([limited.close(), unlimited.close()]);
    }
  });
});

describe('faults and bookkeeping', () => {
  it('answers queued faults the Ecwid way, in order, then normally', async () => {
    simulator.failNext('rateLimited');
    simulator.failNext('serverError');
    simulator.failNext('unauthorized');
    simulator.failNext('malformed');
    const rateLimited = await call('/profile');
    expect([rateLimited.status, rateLimited.headers.get('retry-after')]).toStrictEqual([429, '1']);
    expect((await call('/profile')).status).toBe(500);
    expect((await call('/profile')).json()).toMatchObject({ errorCode: 'INVALID_API_TOKEN' });
    const malformed = await call('/profile');
    expect(malformed.status).toBe(200);
    expect(() => malformed.json()).toThrow(SyntaxError);
    expect((await call('/profile')).status).toBe(200);
  });

  it('delays the next responses by delayMs', async () => {
    simulator.failNext('delayed', 1, { delayMs: 150 });
    const started = performance.now();
    expect((await call('/profile')).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('records every request with its path, query, headers and body', async () => {
    await call('/customers', { method: 'POST', body: JSON.stringify({ email: 'x@example.com' }) });
    await call('/nowhere?x=1');
    expect(simulator.requests.map(({ method, path, query }) => ({ method, path, query }))).toStrictEqual([
      { method: 'POST', path: '/api/v3/1003/customers', query: {} },
      { method: 'GET', path: '/api/v3/1003/nowhere', query: { x: '1' } },
    ]);
    expect(simulator.requests[0]?.body).toStrictEqual({ email: 'x@example.com' });
    expect(simulator.requests[0]?.headers.authorization).toBe('Bearer secret_test');
  });

  it('generates the same store for the same seed, and takes native records', async () => {
    const first = simulator.customerIds();
    simulator.seed({ count: 60 });
    expect(simulator.customerIds()).toStrictEqual(first);
    const customer = simulator.stored(first[0] ?? '') as EcwidCustomer;
    simulator.seed({ customers: [customer] });
    expect(simulator.customerIds()).toStrictEqual([String(customer.id)]);
    simulator.seed({ count: 60 });
  });
});
