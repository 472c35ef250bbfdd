import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../src/config';
import { closeOnSignals, type RunningGateway, startGateway } from '../src/serve';
import { testAdminToken } from './support/test-gateway';

let dataDir: string;

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'unicart-serve-'));
});

afterEach(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

async function start(environment: Record<string, string> = {}) {
  const lines: string[] = [];
  const config = loadConfig({
    UNICART_PORT: '0',
    UNICART_DATA_DIR: dataDir,
    UNICART_ADMIN_TOKEN: testAdminToken,
    ...environment,
  });
  const gateway = await startGateway(config, { destination: { write: (line: string) => lines.push(line) } });
  return { gateway, lines };
}

describe('startGateway', () => {
  it('listens, logs one line with its URL, serves, and stops', async () => {
    const { gateway, lines } = await start({
      UNICART_SECRET_KEY: 'a-secret-key-for-the-serve-test-0123456789',
    });
    expect(gateway.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const listening = lines.filter((line) => line.includes('listening'));
    expect(listening).toHaveLength(1);
    expect(listening[0]).toContain(`Unicart gateway listening on ${gateway.url}`);

    const health = await fetch(`${gateway.url}/health`);
    expect(await health.json()).toStrictEqual({ status: 'ok' });

    await gateway.close();
    await expect(fetch(`${gateway.url}/health`)).rejects.toThrow();
  });

  it('generates a secret key into the data dir with mode 0600, warns, and reuses it after a restart', async () => {
    const first = await start();
    expect(first.lines.join('')).toContain('UNICART_SECRET_KEY is not set: generated a development key');
    expect(statSync(join(dataDir, 'secret.key')).mode & 0o777).toBe(0o600);
    const created = await fetch(`${first.gateway.url}/admin/v1/stores`, {
      method: 'POST',
      headers: { authorization: `Bearer ${testAdminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ platform: 'nope', name: 'x', credentials: {} }),
    });
    expect(created.status).toBe(400);
    await first.gateway.close();

    const second = await start();
    expect(second.lines.join('')).toContain('UNICART_SECRET_KEY is not set: using the development key in');
    await second.gateway.close();
  });

  it('aborts upstream work when the client goes away', async () => {
    // An upstream that never answers, and reports when the gateway drops the connection to it.
    let upstreamClosed: () => void = () => undefined;
    const closed = new Promise<void>((resolve) => {
      upstreamClosed = resolve;
    });
    const upstream = createServer((request: IncomingMessage) => request.socket.once('close', upstreamClosed));
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    const { gateway } = await start({
      UNICART_SECRET_KEY: 'a-secret-key-for-the-serve-test-0123456789',
      UNICART_ALLOW_PRIVATE_UPSTREAMS: '1',
    });
    try {
      const upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
      const connected = await fetch(`${gateway.url}/admin/v1/stores`, {
        method: 'POST',
        headers: { authorization: `Bearer ${testAdminToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          platform: 'woocommerce',
          name: 'Slow',
          credentials: { url: 'https://shop.example', consumerKey: 'ck_slow', consumerSecret: 'cs_slow' },
          verifyCredentials: false,
          baseUrl: upstreamUrl,
        }),
      });
      expect(connected.status).toBe(201);
      const { accessToken } = (await connected.json()) as { accessToken: string };
      const client = new AbortController();
      const call = fetch(`${gateway.url}/api/v2/customers`, {
        headers: { authorization: `Bearer ${accessToken}` },
        signal: client.signal,
      });
      setTimeout(() => client.abort(), 200);
      await expect(call).rejects.toThrow();
      await closed;
    } finally {
      await gateway.close();
      upstream.closeAllConnections();
      upstream.close();
    }
  });
});

describe('closeOnSignals', () => {
  function fakeProcess() {
    const target = Object.assign(new EventEmitter(), { exit: vi.fn() });
    return target as unknown as NodeJS.Process & { exit: ReturnType<typeof vi.fn> };
  }

  it('closes the gateway and exits 0 on SIGTERM', async () => {
    const target = fakeProcess();
    const close = vi.fn(async () => undefined);
    const gateway = { close, logger: { info: vi.fn(), error: vi.fn() } } as unknown as RunningGateway;
    closeOnSignals(gateway, target);
    target.emit('SIGTERM', 'SIGTERM');
    await vi.waitFor(() => expect(target.exit).toHaveBeenCalledWith(0));
    expect(close).toHaveBeenCalledTimes(1);
  });

  it('exits 1 at once on a second signal', async () => {
    const target = fakeProcess();
    const gateway = {
      close: () => new Promise<void>(() => undefined),
      logger: { info: vi.fn(), error: vi.fn() },
    } as unknown as RunningGateway;
    closeOnSignals(gateway, target);
    target.emit('SIGINT', 'SIGINT');
    target.emit('SIGINT', 'SIGINT');
    expect(target.exit).toHaveBeenCalledWith(1);
  });
});
