import { randomUUID } from 'node:crypto';
import {
  type AdapterDefinition,
  type CommonAdapterSettings,
  type CredentialsRotationSettings,
  type CustomerAdapterV1,
  InvalidRequestError,
  type IssuedAccessToken,
  parseOrigin,
  parseWithSchema,
  resolveAdapter,
  type StoredCredentials,
} from '@unicart/core';
import type { Logger } from 'pino';
import { z } from 'zod';
import {
  type CredentialCipher,
  createCredentialCipher,
  type EncryptedCredentials,
} from '../crypto/credential-cipher';
import type { SecretKeyRing } from '../crypto/secret-keys';
import { generateStoreToken, hashStoreToken, isStoreTokenShaped } from '../crypto/store-token';
import type { PlatformRegistry } from '../platforms';
import type { UpstreamGuard } from '../ssrf';
import { createBoundedCache } from './bounded-cache';
import { createCustomerWriteLock, createKeyedLock } from './customer-write-lock';
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
  /** Runs a write to one customer of this store alone (`customer-write-lock.ts`). */
  serialiseCustomerWrite<Value>(
    customerId: string,
    signal: AbortSignal,
    work: () => Promise<Value>,
  ): Promise<Value>;
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
   * Settings the gateway adds to the adapters of one platform's stores, by platform id (Amazon: the
   * store's orders ledger in the database).
   */
  readonly platformAdapterSettings?: Readonly<Record<string, (storeId: string) => object>>;
  /**
   * How long a token → store lookup is reused. A delete or token replacement through this registry
   * evicts at once, and so does one by another process when the repository can tell
   * (`watchStoreChanges`, PostgreSQL); otherwise (SQLite and the CLI) it is seen within this time.
   */
  readonly tokenCacheTtlMs?: number;
  /** Listen for other processes' changes (default `true`; a one-shot command that never authenticates needs not). */
  readonly watchOtherProcesses?: boolean;
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
  /** A store by id with its adapter (the one its requests use), or `undefined` when there is none. */
  open(storeId: string): Promise<AuthenticatedStore | undefined>;
  /** Stops hearing other processes' changes (the repository stays open). */
  close(): Promise<void>;
}

const maxNameLength = 200;
/**
 * Where the encrypted credentials keep the access token a platform issued with them; stripped
 * before the platform's (strict) credentials schema sees them.
 */
const issuedAccessTokenField = 'issuedAccessToken';
const issuedAccessTokenSchema = z
  .object({ value: z.string().min(1), expiresAt: z.number().nullable() })
  .strict();
/**
 * How long a rotation waits for another process's: longer than a refresh takes (one token request
 * and storing its answer), short enough that a wedged holder fails requests rather than hangs them.
 */
const credentialsLockWaitMs = 60_000;

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

function parseCredentials(definition: AdapterDefinition, credentials: unknown): object {
  return parseWithSchema(definition.credentialsSchema, credentials, {
    summary: `Invalid credentials for ${definition.platform}`,
    prefix: 'credentials',
  });
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
  const customerWrites = createCustomerWriteLock(repository.lockCustomerWrites);
  const { lockCredentials } = repository;
  const credentialRotations = createKeyedLock<readonly [string]>(
    lockCredentials && (([storeId], signal) => lockCredentials(storeId, signal)),
  );
  // Where other processes' revocations can be heard, cached tokens are trusted only while they are.
  const watchStoreChanges = options.watchOtherProcesses === false ? undefined : repository.watchStoreChanges;
  let cacheTrusted = watchStoreChanges === undefined;
  const stopWatching = watchStoreChanges?.({
    changed: (storeId) => evict(storeId),
    listening(active) {
      if (!active) {
        evictions += 1;
        tokens.deleteWhere(() => true);
      }
      cacheTrusted = active;
    },
  });

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

  // Counts evictions: a look-up that raced with one does not cache what it read before it.
  let evictions = 0;
  function evict(storeId: string): void {
    evictions += 1;
    tokens.deleteWhere((entry) => entry.store.id === storeId);
    adapters.deleteWhere((entry) => entry.store.id === storeId);
  }

  function createAdapter(
    definition: AdapterDefinition,
    credentials: object,
    baseUrl: string | null,
    storeId: string,
    rotation: CredentialsRotationSettings<object>,
  ): CustomerAdapterV1 {
    return resolveAdapter(
      definition.create({
        ...credentials,
        ...options.adapterSettings,
        ...options.platformAdapterSettings?.[definition.platform]?.(storeId),
        baseUrl: baseUrl ?? undefined,
        fetch: guard.fetch,
        logger: logger.child({ storeId, platform: definition.platform }),
        ...rotation,
      }),
    );
  }

  /** One cheap read with the new store's credentials; throws the platform's refusal. */
  async function verifyCredentials(adapter: CustomerAdapterV1): Promise<void> {
    const { operations } = adapter.capabilities;
    if (operations.count) await adapter.countCustomers({});
    else if (operations.list) await adapter.listCustomers({ limit: 1, cursor: null });
  }

  /** What is stored of rotated credentials: the access token issued with them rides along, if any. */
  function withIssuedAccessToken(credentials: object, accessToken: IssuedAccessToken | undefined): object {
    return accessToken === undefined
      ? credentials
      : { ...credentials, [issuedAccessTokenField]: accessToken };
  }

  /** Credentials an adapter rotated, checked as the platform's credentials are. */
  function parseRotated(definition: AdapterDefinition, storeId: string, rotated: object): object {
    const parsed = definition.credentialsSchema.safeParse(rotated);
    if (!parsed.success)
      throw new Error(`The rotated credentials of store ${storeId} do not pass validation`);
    return parsed.data;
  }

  // Rotated credentials (OAuth refresh tokens) are stored before the adapter uses them: a failure
  // here keeps the adapter from using them, and a restart then reads the new ones. The access token
  // issued with them is stored alongside, so other processes and a restart reuse it.
  async function storeRotatedCredentials(
    definition: AdapterDefinition,
    storeId: string,
    rotated: object,
    accessToken: IssuedAccessToken | undefined,
  ) {
    const plain = withIssuedAccessToken(parseRotated(definition, storeId, rotated), accessToken);
    if (!(await repository.updateCredentials(storeId, cipher.encrypt(plain, storeId)))) {
      throw new Error(`Store ${storeId} was removed while its credentials were rotated`);
    }
    logger.info({ storeId, platform: definition.platform }, 'store credentials rotated');
  }

  // A stored row the running code cannot use is a deployment fault (500), never the caller's (400).
  function decryptCredentials(
    definition: AdapterDefinition,
    storeId: string,
    encrypted: EncryptedCredentials,
  ): StoredCredentials<object> {
    const { [issuedAccessTokenField]: issued, ...plain } = cipher.decrypt(encrypted, storeId) as Record<
      string,
      unknown
    >;
    const credentials = definition.credentialsSchema.safeParse(plain);
    const accessToken = issuedAccessTokenSchema.optional().safeParse(issued);
    if (!credentials.success || !accessToken.success) {
      throw new Error(`The stored credentials of store ${storeId} no longer pass validation`);
    }
    return { credentials: credentials.data, accessToken: accessToken.data };
  }

  // Another process may have rotated them since this one opened the store (`loadCurrentCredentials`).
  async function loadStoredCredentials(definition: AdapterDefinition, storeId: string) {
    const encrypted = await repository.readCredentials(storeId);
    return encrypted === undefined ? undefined : decryptCredentials(definition, storeId, encrypted);
  }

  // A stored row the running code cannot use is a deployment fault (500), never the caller's (400).
  function openStore(record: StoreRecord): AuthenticatedStore {
    const definition = platforms.get(record.platform);
    if (definition === undefined) {
      throw new Error(
        `Store ${record.id} uses platform '${record.platform}', which this gateway does not register`,
      );
    }
    // The stored access token is not passed: the adapter adopts it through `loadCurrentCredentials`.
    const { credentials } = decryptCredentials(definition, record.id, record.credentials);
    const adapter = createAdapter(definition, credentials, record.baseUrl, record.id, {
      onCredentialsRotated: (rotated, accessToken) =>
        storeRotatedCredentials(definition, record.id, rotated, accessToken),
      loadCurrentCredentials: () => loadStoredCredentials(definition, record.id),
      withCredentialsLock: (work) =>
        credentialRotations.run([record.id], AbortSignal.timeout(credentialsLockWaitMs), work),
    });
    const { id, platform, name, createdAt } = record;
    return {
      store: { id, platform, name, createdAt },
      adapter,
      serialiseCustomerWrite: (customerId, signal, work) => customerWrites.run(id, customerId, signal, work),
    };
  }

  return {
    async connect(request) {
      const definition = definitionOf(request.platform);
      const name = parseName(request.name);
      const credentials = parseCredentials(definition, request.credentials);
      const baseUrl = request.baseUrl === undefined ? undefined : parseOrigin(request.baseUrl);
      await assertUpstreamsAllowed(definition, credentials, baseUrl);

      const id = randomUUID();
      // The check may rotate the credentials (an OAuth refresh): the store keeps the newest.
      let latestCredentials: object = credentials;
      if (request.verifyCredentials !== false) {
        await verifyCredentials(
          createAdapter(definition, credentials, baseUrl ?? null, id, {
            // The access token issued by the check is kept too, so the store's first read reuses it.
            onCredentialsRotated: async (rotated, issued) => {
              latestCredentials = withIssuedAccessToken(parseRotated(definition, id, rotated), issued);
            },
          }),
        );
      }
      const accessToken = generateStoreToken();
      const store: StoreSummary = {
        id,
        platform: definition.platform,
        name,
        createdAt: new Date().toISOString(),
      };
      await repository.createStore(
        { ...store, baseUrl: baseUrl ?? null, credentials: cipher.encrypt(latestCredentials, id) },
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
      const cached = cacheTrusted ? tokens.get(tokenHash) : undefined;
      if (cached !== undefined) return cached;
      const evictionsBefore = evictions;
      const record = await repository.findStoreByTokenHash(tokenHash);
      if (record === undefined) return undefined;
      const authenticated = adapters.get(record.id) ?? openStore(record);
      adapters.set(record.id, authenticated);
      if (cacheTrusted && evictions === evictionsBefore) tokens.set(tokenHash, authenticated);
      return authenticated;
    },

    async open(storeId) {
      const cached = adapters.get(storeId);
      if (cached !== undefined) return cached;
      const record = await repository.findStore(storeId);
      if (record === undefined) return undefined;
      const opened = openStore(record);
      adapters.set(storeId, opened);
      return opened;
    },

    close: async () => stopWatching?.(),
  };
}
