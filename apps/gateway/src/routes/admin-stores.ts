import { InvalidRequestError, NotFoundError, UnauthorizedError } from '@unicart/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AuthFailureThrottle } from '../auth-failure-throttle';
import { secretsEqual } from '../crypto/store-token';
import type { PlatformRegistry } from '../platforms';
import type { StoreRegistry } from '../stores/store-registry';
import type { StoreSummary } from '../stores/store-repository';
import type { SyncEngine, SyncSettings } from '../sync/sync-engine';
import { bearerTokenOf } from './request-context';
import {
  adminErrorResponses,
  credentialCheckResponses,
  idParamsSchema,
  payloadTooLargeResponse,
} from './schemas';

export interface AdminRoutesOptions {
  /** `UNICART_ADMIN_TOKEN`; `undefined` makes every admin route answer 404. */
  readonly adminToken: string | undefined;
  readonly stores: StoreRegistry;
  readonly platforms: PlatformRegistry;
  /** Shared with the store API: a client guessing tokens is slowed down on both. */
  readonly authFailures: AuthFailureThrottle;
  readonly sync: SyncEngine;
}

const storeSchema = z
  .object({
    id: z.string(),
    platform: z.string(),
    name: z.string(),
    createdAt: z.string().meta({ format: 'date-time' }).describe('ISO 8601, UTC'),
    sync: z
      .object({ enabled: z.boolean() })
      .strict()
      .describe('Whether the gateway keeps a mirror and change feed of the store (CONTRACT.md §5)'),
  })
  .strict();

const webhookSecretSchema = z
  .string()
  .min(1)
  .max(1024)
  .describe(
    'The secret the platform signs its webhooks with (Shopify app secret, WooCommerce webhook secret, Ecwid client_secret, …); stored encrypted, never shown',
  );

const syncSettingsSchema = z
  .object({
    enabled: z.boolean().describe('Keep a mirror and change feed of the store: a full read, then polls'),
    webhookSecret: webhookSecretSchema.optional(),
  })
  .strict();

const syncChangeSchema = z
  .object({
    enabled: z.boolean().describe('false stops sync and clears the mirror and feed'),
    webhookSecret: webhookSecretSchema
      .nullable()
      .optional()
      .describe('A new secret; null removes it; absent keeps it'),
  })
  .strict();

const accessTokenSchema = z
  .string()
  .describe('The store access token (`uc_...`): shown once, send it as `Authorization: Bearer <token>`');

const storeIdParamsSchema = idParamsSchema('The store id', '3f1c0a4e-2b7d-4c55-9a57-1d6f0e2b9c11');

/** One body variant per platform, so the OpenAPI document shows each platform's credentials. */
function connectStoreBodySchema(platforms: PlatformRegistry) {
  const variants = platforms.definitions.map((definition) =>
    z
      .object({
        platform: z.literal(definition.platform),
        name: z.string().describe('A name for people: shown in store listings'),
        credentials: definition.credentialsSchema,
        baseUrl: z
          .string()
          .optional()
          .describe("An origin (scheme://host[:port]) replacing the platform's public origin"),
        sync: syncSettingsSchema
          .optional()
          .describe('Default: disabled (always enabled on platforms read only from a mirror)'),
        verifyCredentials: z
          .boolean()
          .optional()
          .describe(
            'Default true: one cheap read (a count) checks the credentials first; a refusal answers 424 upstream_unauthorized (502/504 when the platform fails) and nothing is stored',
          ),
      })
      .strict()
      .meta({ title: `${definition.displayName} store` }),
  );
  const [first, ...rest] = variants;
  if (first === undefined) throw new Error('No platform is registered');
  return z.discriminatedUnion('platform', [first, ...rest], {
    error: `must be one of ${platforms.ids.join(', ')}`,
  });
}

/** Store administration (`/admin/v1`), behind `Authorization: Bearer $UNICART_ADMIN_TOKEN`. */
export const adminRoutes: FastifyPluginAsyncZod<AdminRoutesOptions> = async (app, options) => {
  const { adminToken, stores, authFailures, sync, platforms } = options;

  /** Store objects as the admin API shows them: with `sync: { enabled }`. */
  async function withSync(summaries: readonly StoreSummary[]) {
    const enabled = await sync.enabledStoreIds();
    return summaries.map((store) => ({ ...store, sync: { enabled: enabled.has(store.id) } }));
  }

  async function oneWithSync(summary: StoreSummary) {
    return { ...summary, sync: { enabled: (await sync.readiness(summary.id)) !== null } };
  }

  /** Refuses settings the platform cannot take, before anything is stored. */
  function checkSync(platform: string, settings: SyncSettings | undefined): SyncSettings | undefined {
    const definition = platforms.get(platform);
    const support = definition === undefined ? 'none' : sync.syncSupport(platform, definition.capabilities);
    const refuse = (message: string) =>
      new InvalidRequestError(`Invalid sync.enabled: ${message}`, {
        issues: [{ path: 'sync.enabled', message }],
      });
    if (support === 'required') {
      if (settings?.enabled === false)
        throw refuse(`${platform} stores are read only from their mirror: sync stays enabled`);
      return { enabled: true, webhookSecret: settings?.webhookSecret };
    }
    if (support === 'none' && settings?.enabled === true) throw refuse(`${platform} stores cannot be synced`);
    return settings;
  }
  const tags = ['stores'];
  const security = [{ adminToken: [] }];

  app.addHook('onRequest', async (request) => {
    if (adminToken === undefined) {
      throw new NotFoundError(`No route ${request.method} ${request.url.split('?')[0]}`);
    }
    authFailures.assertMayTry(request.ip);
    const given = bearerTokenOf(request.headers.authorization);
    if (given === undefined || !secretsEqual(given, adminToken)) {
      if (given !== undefined) authFailures.failed(request.ip);
      throw new UnauthorizedError(
        'Missing or wrong admin token: send Authorization: Bearer <UNICART_ADMIN_TOKEN>',
      );
    }
    authFailures.succeeded(request.ip);
  });

  app.post(
    '/stores',
    {
      schema: {
        operationId: 'connectStore',
        summary: 'Connect a store (its credentials checked with one read); answers its access token, once',
        tags,
        security,
        body: connectStoreBodySchema(options.platforms),
        response: {
          201: z
            .object({ store: storeSchema, accessToken: accessTokenSchema })
            .strict()
            .describe('The store and its access token, shown this once'),
          ...adminErrorResponses,
          ...payloadTooLargeResponse,
          ...credentialCheckResponses,
        },
      },
    },
    async (request, reply) => {
      const { sync: settings, ...connect } = request.body;
      const wanted = checkSync(connect.platform, settings);
      const connected = await stores.connect(connect);
      if (wanted !== undefined) await sync.configure(connected.store.id, wanted);
      const store = await oneWithSync(connected.store);
      return reply.code(201).send({ store, accessToken: connected.accessToken });
    },
  );

  app.get(
    '/stores',
    {
      schema: {
        operationId: 'listStores',
        summary: 'List connected stores',
        tags,
        security,
        response: {
          200: z
            .object({ stores: z.array(storeSchema) })
            .strict()
            .describe('Every connected store'),
          ...adminErrorResponses,
        },
      },
    },
    async () => ({ stores: await withSync(await stores.list()) }),
  );

  app.patch(
    '/stores/:id',
    {
      schema: {
        operationId: 'updateStore',
        summary: "Change a store's sync settings",
        description:
          'Enabling sync starts a full read of the store, then polls (CONTRACT.md §5); disabling it stops them and clears the mirror and the change feed.',
        tags,
        security,
        params: storeIdParamsSchema,
        body: z.object({ sync: syncChangeSchema }).strict(),
        response: {
          200: storeSchema.describe('The store, as the list shows it'),
          ...adminErrorResponses,
          ...payloadTooLargeResponse,
        },
      },
    },
    async (request) => {
      const found = (await stores.open(request.params.id))?.store;
      if (found === undefined) throw new NotFoundError(`No store with id ${request.params.id}`);
      const settings = checkSync(found.platform, request.body.sync);
      if (settings !== undefined) await sync.configure(found.id, settings);
      return oneWithSync(found);
    },
  );

  app.delete(
    '/stores/:id',
    {
      schema: {
        operationId: 'removeStore',
        summary: 'Remove a store; its access tokens stop working at once',
        tags,
        security,
        params: storeIdParamsSchema,
        response: { 204: z.undefined().describe('Removed'), ...adminErrorResponses },
      },
    },
    async (request, reply) => {
      await sync.storeRemoved(request.params.id);
      if (!(await stores.remove(request.params.id))) {
        throw new NotFoundError(`No store with id ${request.params.id}`);
      }
      return reply.code(204).send();
    },
  );

  app.post(
    '/stores/:id/token',
    {
      schema: {
        operationId: 'replaceStoreToken',
        summary: "Replace a store's access token: the previous ones are revoked at once",
        tags,
        security,
        params: storeIdParamsSchema,
        response: {
          201: z
            .object({ accessToken: accessTokenSchema })
            .strict()
            .describe('The new token, shown this once'),
          ...adminErrorResponses,
        },
      },
    },
    async (request, reply) => {
      const accessToken = await stores.replaceToken(request.params.id);
      if (accessToken === undefined) throw new NotFoundError(`No store with id ${request.params.id}`);
      return reply.code(201).send({ accessToken });
    },
  );
};
