import { UnauthorizedError } from '@unicart/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { PageTokenCodec } from '../page-token';
import type { AuthenticatedStore, StoreRegistry } from '../stores/store-registry';
import { capabilityRoutes } from './capabilities';
import { customerExportRoutes } from './customer-export';
import { customerRoutes } from './customers';
import { bearerTokenOf } from './request-context';

declare module 'fastify' {
  interface FastifyRequest {
    /** The store the access token selected; set before every `/api/v2` handler runs. */
    connectedStore: AuthenticatedStore;
  }
}

export interface ApiRoutesOptions {
  readonly stores: StoreRegistry;
  readonly pageTokens: PageTokenCodec;
}

/** The store-scoped API (`/api/v2`): every request is authenticated by its store access token first. */
export const apiRoutes: FastifyPluginAsyncZod<ApiRoutesOptions> = async (app, { stores, pageTokens }) => {
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
  // onRequest runs before the body is read: an unauthenticated caller gets 401 and nothing parsed.
  app.addHook('onRequest', async (request) => {
    const token = bearerTokenOf(request.headers.authorization);
    if (token === undefined) {
      throw new UnauthorizedError('Missing store access token: send Authorization: Bearer <token>');
    }
    const connected = await stores.authenticate(token);
    if (connected === undefined) {
      throw new UnauthorizedError('Unknown, malformed or revoked store access token');
    }
    storeOfRequest.set(request, connected);
  });
  await app.register(customerRoutes, { pageTokens });
  await app.register(customerExportRoutes);
  await app.register(capabilityRoutes);
};
