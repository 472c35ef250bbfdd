import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { callSimulator } from '../kit/call-simulator';
import { type AmazonSimulator, startAmazonSimulator } from './amazon-simulator';
import { amazonFarEast } from './amazon-types';

let simulator: AmazonSimulator;
let offsetMs = 0;
const search = '/orders/2026-01-01/orders';

beforeAll(async () => {
  simulator = await startAmazonSimulator({
    count: 150,
    seed: 9,
    rateLimit: { perSecond: 0.0056, burst: 3 },
    now: () => Date.now() + offsetMs,
  });
});
afterEach(() => {
  offsetMs = 0;
  simulator.reset();
});
afterAll(() => simulator.close());

interface SearchBody {
  readonly orders: readonly {
    orderId: string;
    createdTime: string;
    buyer?: { buyerEmail?: string; buyerName?: string };
    recipient?: { deliveryAddress?: Record<string, string> };
    fulfillment?: { fulfillmentStatus: string; fulfilledBy: string };
  }[];
  readonly pagination?: { nextToken: string };
  readonly createdBefore?: string;
  readonly lastUpdatedBefore?: string;
  readonly errors?: readonly { code: string; message: string; details: string }[];
  readonly access_token?: string;
  readonly error?: string;
}

async function token(fields: Record<string, string> = {}) {
  const { clientId, clientSecret, refreshToken } = simulator.credentials;
  return callSimulator(`${simulator.url}/auth/o2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded;charset=UTF-8' },
    body: new URLSearchParams({
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
      client_id: clientId,
      client_secret: clientSecret,
      ...fields,
    }).toString(),
  });
}

async function get(query: Record<string, string>, accessToken?: string) {
  const bearer = accessToken ?? ((await token()).json() as SearchBody).access_token ?? '';
  const answer = await callSimulator(`${simulator.url}${search}?${new URLSearchParams(query)}`, {
    headers: { 'x-amz-access-token': bearer },
  });
  return { ...answer, body: answer.json() as SearchBody };
}

const longAgo = '2020-01-01T00:00:00Z';

describe('Login with Amazon', () => {
  it('grants an access token for the refresh token, with no-store caching', async () => {
    const answer = await token();
    expect(answer.status).toBe(200);
    expect(answer.headers.get('cache-control')).toBe('no-store');
    expect(answer.json()).toMatchObject({
      token_type: 'bearer',
      expires_in: 3600,
      refresh_token: simulator.credentials.refreshToken,
    });
  });

  it('answers invalid_client and invalid_grant as the sheet shows', async () => {
    expect((await token({ client_secret: 'amzn1.oa2-cs.v1.wrong' })).status).toBe(401);
    const grant = await token({ refresh_token: 'Atzr|revoked' });
    expect([grant.status, grant.json()]).toStrictEqual([
      400,
      {
        error_description: 'The request has an invalid grant parameter : refresh_token',
        error: 'invalid_grant',
      },
    ]);
  });
});

describe('searchOrders', () => {
  it('refuses a missing, expired or unknown token with 403 Unauthorized and its details', async () => {
    const missing = await callSimulator(`${simulator.url}${search}?createdAfter=${longAgo}`);
    expect(missing.status).toBe(403);
    expect(missing.headers.get('x-amzn-errortype')).toBe('AccessDeniedException');
    const bearer = ((await token()).json() as SearchBody).access_token ?? '';
    offsetMs = 3_600_001;
    const expired = await get({ createdAfter: longAgo }, bearer);
    expect(expired.body.errors?.[0]).toStrictEqual({
      code: 'Unauthorized',
      message: 'Access to requested resource is denied.',
      details: 'The access token you provided has expired.',
    });
  });

  it('pages a created window in ascending order, every page repeating the window bound', async () => {
    const first = await get({ createdAfter: longAgo, maxResultsPerPage: '40' });
    expect(first.status).toBe(200);
    expect(first.headers.get('x-amzn-ratelimit-limit')).toBe('0.0056');
    expect(first.body.orders).toHaveLength(40);
    const times = first.body.orders.map((order) => Date.parse(order.createdTime));
    expect(times).toStrictEqual([...times].sort((left, right) => left - right));
    const second = await get({
      createdAfter: longAgo,
      maxResultsPerPage: '100',
      paginationToken: first.body.pagination?.nextToken ?? '',
    });
    expect(second.body.createdBefore).toBe(first.body.createdBefore);
    expect(second.body.orders[0]?.orderId).not.toBe(first.body.orders[0]?.orderId);
  });

  it('refuses a page token sent with other parameters, and a forged one', async () => {
    const first = await get({ createdAfter: longAgo, maxResultsPerPage: '10' });
    const changed = await get({
      createdAfter: '2021-01-01T00:00:00Z',
      paginationToken: first.body.pagination?.nextToken ?? '',
    });
    expect(changed.status).toBe(400);
    expect(changed.body.errors?.[0]?.code).toBe('InvalidInput');
    expect((await get({ createdAfter: longAgo, paginationToken: 'abc.def' })).status).toBe(400);
  });

  it('enforces the 2-minute rule, the one-window rule, page sizes and the seller’s marketplaces', async () => {
    simulator.setRateLimit(false);
    const recent = new Date(Date.now() - 60_000).toISOString();
    expect((await get({ createdAfter: recent })).status).toBe(400);
    expect((await get({ createdAfter: longAgo, createdBefore: recent })).status).toBe(400);
    expect((await get({ createdAfter: longAgo, lastUpdatedAfter: longAgo })).status).toBe(400);
    expect((await get({})).status).toBe(400);
    expect((await get({ createdAfter: longAgo, maxResultsPerPage: '101' })).status).toBe(400);
    expect((await get({ createdAfter: longAgo, marketplaceIds: amazonFarEast[0]?.id ?? '' })).status).toBe(
      400,
    );
  });

  it('shows buyer emails only on merchant orders that are unshipped or shipped', async () => {
    simulator.setRateLimit(false);
    const { body } = await get({ createdAfter: longAgo, includedData: 'BUYER,RECIPIENT,FULFILLMENT' });
    for (const order of body.orders) {
      const visible =
        order.fulfillment?.fulfilledBy === 'MERCHANT' &&
        ['UNSHIPPED', 'PARTIALLY_SHIPPED', 'SHIPPED'].includes(order.fulfillment.fulfillmentStatus);
      expect(order.buyer?.buyerEmail !== undefined, order.orderId).toBe(visible);
    }
    expect(body.orders.some((order) => order.fulfillment?.fulfilledBy === 'AMAZON')).toBe(true);
    const bare = await get({ createdAfter: longAgo });
    expect(
      bare.body.orders.every((order) => order.buyer === undefined && order.recipient === undefined),
    ).toBe(true);
  });

  it('throttles after the burst with 429 QuotaExceeded, no Retry-After and no rate header', async () => {
    const bearer = ((await token()).json() as SearchBody).access_token ?? '';
    for (let call = 0; call < 3; call += 1)
      expect((await get({ createdAfter: longAgo }, bearer)).status).toBe(200);
    const throttled = await get({ createdAfter: longAgo }, bearer);
    expect(throttled.status).toBe(429);
    expect(throttled.body.errors?.[0]?.code).toBe('QuotaExceeded');
    expect(throttled.headers.get('retry-after')).toBeNull();
    expect(throttled.headers.get('x-amzn-ratelimit-limit')).toBeNull();
    offsetMs = 180_000;
    expect((await get({ createdAfter: longAgo }, bearer)).status).toBe(200);
  });

  it('shows an update in a lastUpdated window once it is two minutes old', async () => {
    simulator.setRateLimit(false);
    const [order] = simulator.orders();
    simulator.updateOrder(order?.orderId ?? '', (changed) => {
      changed.fulfillment.fulfillmentStatus = 'CANCELLED';
    });
    const after = new Date(Date.now() - 150_000).toISOString();
    const now = await get({ lastUpdatedAfter: after });
    expect(now.body.orders.map((found) => found.orderId)).not.toContain(order?.orderId);
    offsetMs = 121_000;
    const later = await get({ lastUpdatedAfter: after });
    expect(later.body.orders.map((found) => found.orderId)).toContain(order?.orderId);
    expect(Date.parse(later.body.lastUpdatedBefore ?? '')).toBeLessThanOrEqual(
      Date.now() + offsetMs - 120_000,
    );
  });
});
