import { randomUUID } from 'node:crypto';
import {
  type AdapterDefinition,
  type CommonAdapterSettings,
  type CustomerAdapterV1,
  InvalidRequestError,
  resolveAdapter,
  zodIssuesToInputIssues,
} from '@unicart/core';
import type { Logger } from 'pino';
import { type CredentialCipher, createCredentialCipher } from '../crypto/credential-cipher';
import type { SecretKeyRing } from '../crypto/secret-keys';
import { generateStoreToken, hashStoreToken, isStoreTokenShaped } from '../crypto/store-token';
import type { PlatformRegistry } from '../platforms';
import type { UpstreamGuard } from '../ssrf';
import { createBoundedCache } from './bounded-cache';
import type { StoreRecord, StoreRepository, StoreSummary } from './store-repository';

/** What connecting a store takes (the admin API's body, the CLI's options). */
export interface ConnectStoreRequest {
  readonly platform: string;
  readonly name: string;
  /** Validated with the platform's `credentialsSchema`. */
  readonly credentials: unknown;
  /** An origin (`scheme://host[:port]`) replacing the platform's public one. */
  readonly baseUrl?: string | undefined;
  /**
   * Default `true`: one cheap read (a count, or a list of one) checks the credentials before the store
   * is kept; the platform's refusal is thrown (`UpstreamUnauthorizedError`, `UpstreamError`, ...).
   */
  readonly verifyCredentials?: boolean | undefined;
}

/** A new store and its access token, which is never shown again. */
export interface ConnectedStoreResult {
  readonly store: StoreSummary;
  readonly accessToken: string;
}

/** The store a request's access token selects, with its adapter. */
export interface AuthenticatedStore {
  readonly store: StoreSummary;
  readonly adapter: CustomerAdapterV1;
}

export interface StoreRegistryOptions {
  readonly repository: StoreRepository;
  readonly platforms: PlatformRegistry;
  readonly keys: SecretKeyRing;
  readonly guard: UpstreamGuard;
  readonly logger: Logger;
  /** Timeout and retry policy every adapter gets. */
  readonly adapterSettings?: Pick<CommonAdapterSettings, 'timeoutMs' | 'retry' | 'observer'>;
  /**
   * How long a token → store lookup is reused. A delete through this registry evicts at once; a
   * delete by another process (the CLI, another instance) is seen within this time.
   */
  readonly tokenCacheTtlMs?: number;
}

/** Connected stores: creation (validated, SSRF-checked, encrypted), listing, removal and token look-up. */
export interface StoreRegistry {
  connect(request: ConnectStoreRequest): Promise<ConnectedStoreResult>;
  list(): Promise<StoreSummary[]>;
  /** `false` when there is no such store. Its tokens stop working at once. */
  remove(storeId: string): Promise<boolean>;
  /** Revokes the store's tokens and issues a new one; `undefined` when there is no such store. */
  replaceToken(storeId: string): Promise<string | undefined>;
  /** The store of an active access token, or `undefined` for a malformed, unknown or revoked one. */
  authenticate(accessToken: string): Promise<AuthenticatedStore | undefined>;
}

const maxNameLength = 200;

function invalid(path: string, message: string): InvalidRequestError {
  return new InvalidRequestError(`Invalid ${path}: ${message}`, { issues: [{ path, message }] });
}

function parseName(name: string): string {
  const trimmed = name.trim();
  if (trimmed === '' || trimmed.length > maxNameLength) {
    throw invalid('name', `must be a non-empty string of at most ${maxNameLength} characters`);
  }
  return trimmed;
}

/** `scheme://host[:port]` and nothing else, normalised (`HTTP://Example.com:443/` → `http://example.com:443`). */
function parseOrigin(value: string): string {
  const message = 'must be an origin: http(s)://host[:port], without path, query or credentials';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw invalid('baseUrl', message);
  }
  const hasMore = url.username || url.password || url.pathname !== '/' || url.search || url.hash;
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || hasMore || /[?#]$/.test(value)) {
    throw invalid('baseUrl', message);
  }
  return url.origin;
}

function parseCredentials(definition: AdapterDefinition, credentials: unknown): object {
  const parsed = definition.credentialsSchema.safeParse(credentials);
  if (parsed.success) return parsed.data;
  const issues = zodIssuesToInputIssues(parsed.error, 'credentials');
  const detail = issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
  throw new InvalidRequestError(`Invalid credentials for ${definition.platform}: ${detail}`, { issues });
}

/** Names the credential field a platform URL came from (`credentials.shop`), for the refusal message. */
function credentialFieldOf(url: string, credentials: object): string {
  const host = new URL(url).hostname.toLowerCase();
  const field = Object.entries(credentials).find(
    ([, value]) => typeof value === 'string' && value.toLowerCase().includes(host),
  );
  return field ? `credentials.${field[0]}` : 'credentials';
}

export function createStoreRegistry(options: StoreRegistryOptions): StoreRegistry {
  const { repository, platforms, guard, logger } = options;
  const cipher: CredentialCipher = createCredentialCipher(options.keys);
  const tokens = createBoundedCache<string, AuthenticatedStore>({
    maxEntries: 10_000,
    ttlMs: options.tokenCacheTtlMs ?? 5_000,
  });
  // One adapter per store, kept across requests: its rate-limit state and connections are per store.
  const adapters = createBoundedCache<string, AuthenticatedStore>({ maxEntries: 1_000 });

  function definitionOf(platform: string): AdapterDefinition {
    const definition = platforms.get(platform);
    if (definition === undefined) throw invalid('platform', `must be one of ${platforms.ids.join(', ')}`);
    return definition;
  }

  async function assertUpstreamsAllowed(
    definition: AdapterDefinition,
    credentials: object,
    baseUrl?: string,
  ) {
    // A baseUrl replaces the origin of every platform URL, so it is the only host the adapter calls.
    if (baseUrl !== undefined) return guard.assertAllowed(baseUrl, 'baseUrl');
    for (const url of definition.upstreamUrls(credentials)) {
      await guard.assertAllowed(url, credentialFieldOf(url, credentials));
    }
  }

  function evict(storeId: string): void {
    tokens.deleteWhere((entry) => entry.store.id === storeId);
    adapters.deleteWhere((entry) => entry.store.id === storeId);
  }

  function createAdapter(
    definition: AdapterDefinition,
    credentials: object,
    baseUrl: string | null,
    storeId: string,
  ): CustomerAdapterV1 {
    return resolveAdapter(
      definition.create({
        ...credentials,
        ...options.adapterSettings,
        baseUrl: baseUrl ?? undefined,
        fetch: guard.fetch,
        logger: logger.child({ storeId, platform: definition.platform }),
      }),
    );
  }

  /** One cheap read with the new store's credentials; throws the platform's refusal. */
  async function verifyCredentials(adapter: CustomerAdapterV1): Promise<void> {
    const { operations } = adapter.capabilities;
    if (operations.count) await adapter.countCustomers({});
    else if (operations.list) await adapter.listCustomers({ limit: 1, cursor: null });
  }

  // A stored row the running code cannot use is a deployment fault (500), never the caller's (400).
  function openStore(record: StoreRecord): AuthenticatedStore {
    const definition = platforms.get(record.platform);
    if (definition === undefined) {
      throw new Error(
        `Store ${record.id} uses platform '${record.platform}', which this gateway does not register`,
      );
    }
    const stored = definition.credentialsSchema.safeParse(cipher.decrypt(record.credentials, record.id));
    if (!stored.success) {
      throw new Error(`The stored credentials of store ${record.id} no longer pass validation`);
    }
    const adapter = createAdapter(definition, stored.data, record.baseUrl, record.id);
    const { id, platform, name, createdAt } = record;
    return { store: { id, platform, name, createdAt }, adapter };
  }

  return {
    async connect(request) {
      const definition = definitionOf(request.platform);
      const name = parseName(request.name);
      const credentials = parseCredentials(definition, request.credentials);
      const baseUrl = request.baseUrl === undefined ? undefined : parseOrigin(request.baseUrl);
      await assertUpstreamsAllowed(definition, credentials, baseUrl);

      const id = randomUUID();
      if (request.verifyCredentials !== false) {
        await verifyCredentials(createAdapter(definition, credentials, baseUrl ?? null, id));
      }
      const accessToken = generateStoreToken();
      const store: StoreSummary = {
        id,
        platform: definition.platform,
        name,
        createdAt: new Date().toISOString(),
      };
      await repository.createStore(
        { ...store, baseUrl: baseUrl ?? null, credentials: cipher.encrypt(credentials, id) },
        hashStoreToken(accessToken),
      );
      logger.info({ storeId: id, platform: store.platform }, 'store connected');
      return { store, accessToken };
    },

    list: () => repository.listStores(),

    async remove(storeId) {
      const removed = await repository.deleteStore(storeId);
      evict(storeId);
      if (removed) logger.info({ storeId }, 'store removed');
      return removed;
    },

    async replaceToken(storeId) {
      const accessToken = generateStoreToken();
      const replaced = await repository.replaceTokens(storeId, hashStoreToken(accessToken));
      tokens.deleteWhere((entry) => entry.store.id === storeId);
      if (!replaced) return undefined;
      logger.info({ storeId }, 'store access token replaced');
      return accessToken;
    },

    async authenticate(accessToken) {
      if (!isStoreTokenShaped(accessToken)) return undefined;
      const tokenHash = hashStoreToken(accessToken);
      const cached = tokens.get(tokenHash);
      if (cached !== undefined) return cached;
      const record = await repository.findStoreByTokenHash(tokenHash);
      if (record === undefined) return undefined;
      const authenticated = adapters.get(record.id) ?? openStore(record);
      adapters.set(record.id, authenticated);
      tokens.set(tokenHash, authenticated);
      return authenticated;
    },
  };
}
