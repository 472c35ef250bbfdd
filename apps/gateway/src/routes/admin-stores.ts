import { NotFoundError, UnauthorizedError } from '@unicart/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AuthFailureThrottle } from '../auth-failure-throttle';
import { secretsEqual } from '../crypto/store-token';
import type { PlatformRegistry } from '../platforms';
import type { StoreRegistry } from '../stores/store-registry';
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
}

const storeSchema = z
  .object({
    id: z.string(),
    platform: z.string(),
    name: z.string(),
    createdAt: z.string().meta({ format: 'date-time' }).describe('ISO 8601, UTC'),
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
  const { adminToken, stores, authFailures } = options;
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
    async (request, reply) => reply.code(201).send(await stores.connect(request.body)),
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
    async () => ({ stores: await stores.list() }),
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
