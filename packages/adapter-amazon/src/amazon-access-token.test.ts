import { type AmazonSimulator, startAmazonSimulator } from '@unicart/sandbox';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { amazonAccessToken } from './amazon-access-token';

describe('amazonAccessToken', () => {
  let simulator: AmazonSimulator;
  beforeAll(async () => {
    simulator = await startAmazonSimulator({ count: 5, rateLimit: false });
  });
  afterAll(() => simulator.close());
  beforeEach(() => simulator.reset());

  const tokenRequests = () => simulator.requests.filter((request) => request.path === '/auth/o2/token');
  const tokenFor = (now: () => number) =>
    amazonAccessToken({
      origin: simulator.url,
      credentials: simulator.credentials,
      retry: { maxRetries: 0 },
      now,
    });

  it('reuses the token until a minute before its hour ends, then asks again', async () => {
    let clock = 1_000_000;
    const token = tokenFor(() => clock);
    const first = await token.current();
    expect(first).toMatch(/^Atza\|/);
    clock += 3_539_000;
    expect(await token.current()).toBe(first);
    clock += 2_000;
    expect(await token.current()).not.toBe(first);
    expect(tokenRequests()).toHaveLength(2);
  });

  it('asks once for concurrent callers', async () => {
    const token = tokenFor(Date.now);
    const tokens = await Promise.all([token.current(), token.current(), token.current()]);
    expect(new Set(tokens).size).toBe(1);
    expect(tokenRequests()).toHaveLength(1);
  });

  it('forgets a refused token only when it was obtained before the refused request', async () => {
    let clock = 1_000_000;
    const token = tokenFor(() => clock);
    const first = await token.current();
    token.discardRejected(clock - 1);
    expect(await token.current()).toBe(first);
    clock += 10;
    token.discardRejected(clock);
    expect(await token.current()).not.toBe(first);
  });

  it('keeps the client secret and refresh token among its secrets', async () => {
    const token = tokenFor(Date.now);
    const value = await token.current();
    expect(token.secrets()).toStrictEqual(
      expect.arrayContaining([simulator.credentials.clientSecret, simulator.credentials.refreshToken, value]),
    );
  });
});
