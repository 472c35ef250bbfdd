import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BlingSimulator, startBlingSimulator } from '@unicart/sandbox';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config';
import { type RunningGateway, startGateway } from '../src/serve';
import { emptyDatabase, postgresForThisFile } from './support/postgres-server';
import { testAdminToken, testSecretKey } from './support/test-gateway';

const postgres = postgresForThisFile();

/**
 * Bling rotates its single-use refresh token on every refresh (platforms/bling.md §1.1): the
 * gateway must store the new one, encrypted, before it uses the new access token, so that a
 * restarted gateway on the same database still reaches the store.
 */
describe.each([
  { name: 'SQLite', databaseUrl: () => undefined },
  { name: 'PostgreSQL', databaseUrl: () => postgres()?.url },
])('credentials a platform rotates, on $name', ({ name, databaseUrl }) => {
  let simulator: BlingSimulator;
  let dataDir: string;
  const logs: string[] = [];
  const running: RunningGateway[] = [];

  beforeAll(async () => {
    simulator = await startBlingSimulator({ count: 8, rateLimit: false });
  });
  afterAll(() => simulator.close());
  beforeEach(async (context) => {
    if (name === 'PostgreSQL') {
      const url = databaseUrl();
      if (url === undefined) context.skip();
      else await emptyDatabase(url);
    }
    dataDir = mkdtempSync(join(tmpdir(), 'unicart-rotation-'));
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((gateway) => gateway.close()));
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function start(): Promise<RunningGateway> {
    const config = loadConfig({
      UNICART_PORT: '0',
      UNICART_DATA_DIR: dataDir,
      UNICART_ADMIN_TOKEN: testAdminToken,
      UNICART_SECRET_KEY: testSecretKey,
      UNICART_ALLOW_PRIVATE_UPSTREAMS: '1',
      ...(databaseUrl() === undefined ? {} : { DATABASE_URL: databaseUrl() }),
    });
    const gateway = await startGateway(config, { destination: { write: (line: string) => logs.push(line) } });
    running.push(gateway);
    return gateway;
  }

  const presentedRefreshTokens = () =>
    simulator.requests
      .filter((request) => request.path === '/Api/v3/oauth/token')
      .map((request) => (request.body as { refresh_token?: string }).refresh_token);

  it('stores the rotated refresh token, so a restarted gateway on the same database still reads', async () => {
    const original = simulator.credentials;
    const first = await start();
    const connected = await fetch(`${first.url}/admin/v1/stores`, {
      method: 'POST',
      headers: { authorization: `Bearer ${testAdminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        platform: 'bling',
        name: 'Loja Bling',
        credentials: original,
        baseUrl: simulator.url,
        // Rotation by the store's own adapter; the check at connection would refresh once more.
        verifyCredentials: false,
      }),
    });
    expect(connected.status).toBe(201);
    const { accessToken } = (await connected.json()) as { accessToken: string };
    const read = (gateway: RunningGateway) =>
      fetch(`${gateway.url}/api/v2/customers?limit=2`, {
        headers: { authorization: `Bearer ${accessToken}` },
      });

    expect((await read(first)).status).toBe(200);
    const rotated = simulator.credentials.refreshToken;
    expect(rotated).not.toBe(original.refreshToken);
    expect(presentedRefreshTokens()).toStrictEqual([original.refreshToken]);
    await first.close();

    const second = await start();
    const answer = await read(second);
    expect(answer.status, await answer.clone().text()).toBe(200);
    expect(((await answer.json()) as { customers: unknown[] }).customers).toHaveLength(2);
    // The restarted gateway refreshed with the token the first one stored, not the spent original.
    expect(presentedRefreshTokens()).toStrictEqual([original.refreshToken, rotated]);

    const logged = logs.join('\n');
    expect(logged).toContain('store credentials rotated');
    for (const secret of [
      original.refreshToken,
      rotated,
      simulator.credentials.refreshToken,
      original.clientSecret,
    ]) {
      expect(logged).not.toContain(secret);
    }
  });
});
