import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { shopifyPlatform } from '@unicart/adapter-shopify';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../src/config';
import { createPlatformRegistry } from '../src/platforms';
import { closeOnSignals, type RunningGateway, startGateway } from '../src/serve';
import { acmeCustomer, acmePlatform } from './support/acme-platform';
import { testAdminToken, testSecretKey } from './support/test-gateway';

/**
 * A platform on loopback: Acme's `/v1/customers` answers endless pages of 100 customers (cursor =
 * page number) and `/v1/customers/count` a count; every other path (`/v1/customers/{id}`, Shopify's
 * token endpoint) never answers, telling when the gateway drops the call.
 */
function startAcmeUpstream() {
  let heldCalls = 0;
  let droppedCalls = 0;
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://upstream');
    if (url.pathname === '/v1/customers') {
      const page = Number(url.searchParams.get('cursor') ?? '0');
      const items = Array.from({ length: 100 }, (_, index) => acmeCustomer(String(page * 100 + index + 1)));
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ items, next: String(page + 1) }));
      return;
    }
    // Connecting a store reads its count once to check the credentials.
    if (url.pathname === '/v1/customers/count') {
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ count: 1_000_000 }));
      return;
    }
    heldCalls += 1;
    request.socket.once('close', () => {
      droppedCalls += 1;
    });
  });
  return {
    server,
    heldCalls: () => heldCalls,
    droppedCalls: () => droppedCalls,
    async listen(): Promise<string> {
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    },
  };
}

function fakeProcess() {
  const target = Object.assign(new EventEmitter(), { exit: vi.fn() });
  return target as unknown as NodeJS.Process & { exit: ReturnType<typeof vi.fn> };
}

let dataDir: string;
let upstream: ReturnType<typeof startAcmeUpstream>;
let upstreamServer: Server;
let gateway: RunningGateway;
let storeToken: string;
let upstreamUrl: string;

beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'unicart-shutdown-'));
  upstream = startAcmeUpstream();
  upstreamServer = upstream.server;
  upstreamUrl = await upstream.listen();
  const config = loadConfig({
    UNICART_PORT: '0',
    UNICART_DATA_DIR: dataDir,
    UNICART_ADMIN_TOKEN: testAdminToken,
    UNICART_SECRET_KEY: testSecretKey,
    UNICART_ALLOW_PRIVATE_UPSTREAMS: '1',
  });
  gateway = await startGateway(config, {
    destination: { write: () => undefined },
    platforms: createPlatformRegistry([acmePlatform, shopifyPlatform]),
  });
  storeToken = await connectStore({
    platform: 'acme',
    name: 'Endless',
    credentials: { apiKey: 'acme-key-0123' },
    baseUrl: upstreamUrl,
  });
});

async function connectStore(body: object): Promise<string> {
  const connected = await fetch(`${gateway.url}/admin/v1/stores`, {
    method: 'POST',
    headers: { authorization: `Bearer ${testAdminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return ((await connected.json()) as { accessToken: string }).accessToken;
}

afterEach(async () => {
  await gateway.close().catch(() => undefined);
  upstreamServer.closeAllConnections();
  upstreamServer.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const api = (path: string, init: RequestInit = {}, token = storeToken) =>
  fetch(`${gateway.url}${path}`, { ...init, headers: { authorization: `Bearer ${token}` } });

describe('a shutdown', () => {
  it('ends an open export with one complete error line after whole customer lines, and exits 0', async () => {
    const target = fakeProcess();
    closeOnSignals(gateway, target, 4_000);
    const response = await api('/api/v2/customers/export');
    expect(response.status).toBe(200);
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = decoder.decode((await reader.read()).value, { stream: true });
    target.emit('SIGTERM', 'SIGTERM');
    // No new connection is accepted meanwhile.
    await expect(fetch(`${gateway.url}/health`)).rejects.toThrow();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
    expect(text.endsWith('\n')).toBe(true);
    const lines = text.slice(0, -1).split('\n');
    const last = JSON.parse(lines.pop() as string);
    expect(last).toStrictEqual({
      error: {
        code: 'internal',
        message: 'The gateway is shutting down and stopped this request before its end: send it again',
      },
    });
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.map((line) => JSON.parse(line).id)).toStrictEqual(
      lines.map((_, index) => String(index + 1)),
    );
    await vi.waitFor(() => expect(target.exit).toHaveBeenCalledWith(0), { timeout: 4_000 });
    expect(target.exit).not.toHaveBeenCalledWith(1);
  });

  it.each([
    ['a customer read', 'acme'],
    ["Shopify's token endpoint", 'shopify'],
  ])('is not held up by a client that hung up while its request waited on %s', async (_what, platform) => {
    const target = fakeProcess();
    closeOnSignals(gateway, target, 4_000);
    const token =
      platform === 'acme'
        ? storeToken
        : await connectStore({
            platform: 'shopify',
            name: 'Token endpoint that hangs',
            credentials: { shop: 'hanging.myshopify.com', clientId: 'client-id', clientSecret: 'shpss_hang' },
            baseUrl: upstreamUrl,
            // Checking them would wait on the token endpoint that never answers.
            verifyCredentials: false,
          });
    const client = new AbortController();
    const call = api('/api/v2/customers/1', { signal: client.signal }, token);
    await vi.waitFor(() => expect(upstream.heldCalls()).toBe(1));
    client.abort();
    await expect(call).rejects.toThrow();
    target.emit('SIGTERM', 'SIGTERM');
    await vi.waitFor(() => expect(target.exit).toHaveBeenCalledWith(0), { timeout: 4_000 });
    expect(target.exit).not.toHaveBeenCalledWith(1);
  });

  it('answers a request still waiting on the platform with an error before the grace period ends, and exits 0', async () => {
    const target = fakeProcess();
    closeOnSignals(gateway, target, 2_000);
    const call = api('/api/v2/customers/1');
    await vi.waitFor(() => expect(upstream.heldCalls()).toBe(1));
    target.emit('SIGTERM', 'SIGTERM');
    const response = await call;
    expect(response.status).toBe(500);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('internal');
    await vi.waitFor(() => expect(target.exit).toHaveBeenCalledWith(0), { timeout: 2_000 });
    expect(target.exit).not.toHaveBeenCalledWith(1);
  });
});
