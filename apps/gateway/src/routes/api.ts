import { UnauthorizedError } from '@unicart/core';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AuthFailureThrottle } from '../auth-failure-throttle';
import type { IdempotentWrites } from '../idempotency/idempotent-writes';
import type { PageTokenCodec } from '../page-token';
import type { AuthenticatedStore, StoreRegistry } from '../stores/store-registry';
import type { SyncEngine } from '../sync/sync-engine';
import { capabilityRoutes } from './capabilities';
import { customerChangesRoutes } from './customer-changes';
import { customerExportRoutes } from './customer-export';
import { customerRoutes } from './customers';
import type { MirrorAccess } from './mirror-reads';
import { bearerTokenOf } from './request-context';
import { syncRoutes } from './sync';
import { startUpstreamWork, type UpstreamWork, type UpstreamWorkOptions } from './upstream-work';

declare module 'fastify' {
  interface FastifyRequest {
    /** The store the access token selected; set before every `/api/v2` handler runs. */
    connectedStore: AuthenticatedStore;
  }
  interface FastifyReply {
    /** Starts the request's upstream work: its signal, deadline and shutdown (`upstream-work.ts`). */
    startUpstreamWork(options?: { readonly export?: boolean }): UpstreamWork;
  }
}

export interface ApiRoutesOptions {
  readonly stores: StoreRegistry;
  readonly pageTokens: PageTokenCodec;
  /** Shared with the admin API: a client guessing tokens is slowed down on both. */
  readonly authFailures: AuthFailureThrottle;
  readonly upstream: UpstreamWorkOptions;
  readonly idempotency: IdempotentWrites;
  readonly mirrorAccess: MirrorAccess;
  /** The change feed's retention (`UNICART_CHANGES_RETENTION_DAYS`) and clock. */
  readonly changes: { readonly retentionDays: number; readonly clock: () => Date };
  readonly sync: SyncEngine;
}

/** The store-scoped API (`/api/v2`): every request is authenticated by its store access token first. */
export const apiRoutes: FastifyPluginAsyncZod<ApiRoutesOptions> = async (
  app,
  { stores, pageTokens, authFailures, upstream, idempotency, mirrorAccess, changes, sync },
) => {
  const storeOfRequest = new WeakMap<object, AuthenticatedStore>();
  app.decorateRequest('connectedStore', {
    getter() {
      const connected = storeOfRequest.get(this);
      if (connected === undefined) {
        throw new Error('connectedStore read before the request was authenticated');
      }
      return connected;
    },
  });
  app.decorateReply(
    'startUpstreamWork',
    function (this: FastifyReply, options?: { readonly export?: boolean }) {
      return startUpstreamWork(this, this.request.connectedStore.store.platform, { ...upstream, ...options });
    },
  );
  // onRequest runs before the body is read: an unauthenticated caller gets 401 and nothing parsed.
  app.addHook('onRequest', async (request) => {
    const token = bearerTokenOf(request.headers.authorization);
    if (token === undefined) {
      throw new UnauthorizedError('Missing store access token: send Authorization: Bearer <token>');
    }
    authFailures.assertMayTry(request.ip);
    const connected = await stores.authenticate(token);
    if (connected === undefined) {
      authFailures.failed(request.ip);
      throw new UnauthorizedError('Unknown, malformed or revoked store access token');
    }
    authFailures.succeeded(request.ip);
    storeOfRequest.set(request, connected);
  });
  await app.register(customerRoutes, { pageTokens, idempotency, mirrorAccess });
  await app.register(customerExportRoutes, { mirrorAccess });
  await app.register(customerChangesRoutes, { ...mirrorAccess, ...changes, pageTokens });
  await app.register(capabilityRoutes, { mirrorAccess });
  await app.register(syncRoutes, { sync });
};
