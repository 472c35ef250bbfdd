import type { AdapterDefinition } from '@unicart/core';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp, type GatewayDependencies } from '../../src/app';
import { loadConfig } from '../../src/config';
import { createSecretKeyRing } from '../../src/crypto/secret-keys';
import { createLogger } from '../../src/logger';
import { createPlatformRegistry } from '../../src/platforms';
import type { HostResolver } from '../../src/ssrf';
import { migrate } from '../../src/stores/migrations';
import { createSqlStoreRepository } from '../../src/stores/sql-store-repository';
import { openSqliteDatabase } from '../../src/stores/sqlite-database';
import type { StoreRepository } from '../../src/stores/store-repository';
import { acmePlatform, acmeReadOnlyPlatform } from './acme-platform';

export const testAdminToken = 'admin-token-for-tests-0123456789';
export const testSecretKey = 'secret-key-for-tests-0123456789abcdef';

/** Resolves the names in `hosts`; every other name fails like an unknown host. Never touches DNS. */
export function fakeResolver(hosts: Readonly<Record<string, readonly string[]>>): HostResolver {
  return async (hostname) => {
    const addresses = hosts[hostname];
    if (addresses === undefined) {
      throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    }
    return addresses.map((address) => ({ address }));
  };
}

/** Public documentation addresses (TEST-NET-3) for the platforms' hosts. */
export const publicHosts = fakeResolver({ 'api.acme.test': ['203.0.113.10'] });

export interface TestGatewayOptions {
  readonly environment?: Readonly<Record<string, string>>;
  readonly platforms?: readonly AdapterDefinition[];
  readonly resolver?: HostResolver;
  readonly repository?: StoreRepository;
  readonly logLevel?: string;
  readonly idempotency?: GatewayDependencies['idempotency'];
  readonly webhooks?: GatewayDependencies['webhooks'];
}

export interface TestGateway {
  readonly app: FastifyInstance;
  readonly repository: StoreRepository;
  /** Every line the gateway logged. */
  readonly logs: string[];
  /**
   * Connects a store through the admin API; answers its access token. Without the credentials check
   * unless the body asks for it (the check has its own tests), so no platform request is expected.
   */
  connect(body: object): Promise<string>;
  /** Calls a store-scoped route with the store's token. */
  call(
    token: string,
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    url: string,
    payload?: object | string,
  ): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

/** Connects without the credentials check (tested on its own in admin-stores.test.ts), so no request is expected. */
export const acmeStore = {
  platform: 'acme',
  name: 'Acme shop',
  credentials: { apiKey: 'acme-secret-key-1' },
  verifyCredentials: false,
};

/** A gateway on an in-memory SQLite registry with the Acme platforms, fast retries and captured logs. */
export async function createTestGateway(options: TestGatewayOptions = {}): Promise<TestGateway> {
  const config = loadConfig({
    UNICART_ADMIN_TOKEN: testAdminToken,
    UNICART_SECRET_KEY: testSecretKey,
    UNICART_UPSTREAM_TIMEOUT_MS: '2000',
    ...options.environment,
  });
  const logs: string[] = [];
  const logger = createLogger({
    level: options.logLevel ?? 'info',
    secrets: [config.secretKey ?? '', config.adminToken ?? ''].filter((secret) => secret !== ''),
    destination: { write: (line: string) => logs.push(line) },
  });
  const repository = options.repository ?? (await openMemoryRepository());
  const app = await buildApp(config, {
    repository,
    keys: createSecretKeyRing(config.secretKey ?? testSecretKey, config.previousSecretKeys),
    logger,
    platforms: createPlatformRegistry(options.platforms ?? [acmePlatform, acmeReadOnlyPlatform]),
    resolver: options.resolver ?? publicHosts,
    adapterRetry: { maxRetries: 1, baseDelayMs: 1, maxDelayMs: 20 },
    idempotency: options.idempotency,
    webhooks: options.webhooks,
  });
  return {
    app,
    repository,
    logs,
    async connect(body) {
      const response = await app.inject({
        method: 'POST',
        url: '/admin/v1/stores',
        headers: { authorization: `Bearer ${testAdminToken}` },
        payload: { verifyCredentials: false, ...body },
      });
      if (response.statusCode !== 201) throw new Error(`Connecting a store failed: ${response.body}`);
      return response.json<{ accessToken: string }>().accessToken;
    },
    call(token, method, url, payload) {
      return app.inject({
        method,
        url,
        headers: {
          authorization: `Bearer ${token}`,
          ...(typeof payload === 'string' ? { 'content-type': 'application/json' } : {}),
        },
        ...(payload === undefined ? {} : { payload }),
      });
    },
    async close() {
      await app.close();
      if (options.repository === undefined) await repository.close();
    },
  };
}

export async function openMemoryRepository(): Promise<StoreRepository> {
  const database = openSqliteDatabase(':memory:');
  await migrate(database);
  return createSqlStoreRepository(database);
}
