import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { CommonAdapterSettings } from '@unicart/core';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import { validatorCompiler } from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import { createAuthFailureThrottle } from './auth-failure-throttle';
import { answerServerLevelRefusals, createClientErrorHandler, refuseMissingHost } from './client-errors';
import type { GatewayConfig } from './config';
import type { SecretKeyRing } from './crypto/secret-keys';
import { handleError, handleNotFound } from './errors';
import { createIdempotentWrites, type IdempotentWritesOptions } from './idempotency/idempotent-writes';
import { createGatewayMetrics, type GatewayMetrics } from './metrics';
import { registerOpenApi } from './openapi';
import { createPageTokenCodec } from './page-token';
import { type PlatformRegistry, registeredPlatforms } from './platforms';
import { adminRoutes } from './routes/admin-stores';
import { apiRoutes } from './routes/api';
import { healthRoutes } from './routes/health';
import { refuseUnknownQueryParameters } from './routes/query-parameters';
import { maxPathParameterLength } from './routes/schemas';
import { webhookRoutes } from './routes/webhooks';
import { createUpstreamGuard, type HostResolver } from './ssrf';
import { createStoreRegistry } from './stores/store-registry';
import type { StoreRepository } from './stores/store-repository';
import { amazonAdapterSettings } from './sync/amazon-sync-source';
import type { CustomerChangeHints } from './sync/customer-change-hints';
import { createInProcessScheduler } from './sync/in-process-scheduler';
import { createPgBossScheduler } from './sync/pg-boss-scheduler';
import { createSyncEngine, type SyncEngine } from './sync/sync-engine';
import { platformSyncSources } from './sync/sync-source';
import type { SyncStatusReader } from './sync/sync-status';
import type { WebhookReceivers } from './webhooks/webhook-receivers';
import { createWebhookRegistration } from './webhooks/webhook-registration';

declare module 'fastify' {
  interface FastifyInstance {
    /** The sync engine (CONTRACT.md §5): started when the app is ready, stopped when it closes. */
    readonly sync: SyncEngine;
    /** Ends the upstream work of every request still in flight (the end of a shutdown's grace). */
    stopUpstreamWork(): void;
  }
}

/** What the app is built on; the server opens them from the configuration, tests pass their own. */
export interface GatewayDependencies {
  readonly repository: StoreRepository;
  readonly keys: SecretKeyRing;
  readonly logger: Logger;
  /** Default: every registered platform. */
  readonly platforms?: PlatformRegistry;
  /** Default: the system's DNS. */
  readonly resolver?: HostResolver;
  /** Retry policy of every adapter (tests shorten the waits). */
  readonly adapterRetry?: CommonAdapterSettings['retry'];
  /** The clock and lease margin of `Idempotency-Key`s (tests move time and shorten the lease). */
  readonly idempotency?: Pick<IdempotentWritesOptions, 'clock' | 'leaseMarginMs'>;
  /** Default: a new registry for this app. */
  readonly metrics?: GatewayMetrics;
  /** Which stores have sync and how far it got (CONTRACT.md §5). Default: the sync engine. */
  readonly syncStatus?: SyncStatusReader;
  /** The clock of the change feed's retention (tests move time). */
  readonly clock?: () => Date;
  /** Which stores take platform webhooks, and where their hints go (default: the sync engine). */
  readonly webhooks?: { readonly receivers: WebhookReceivers; readonly hints: CustomerChangeHints };
}

/** Sync steps one SQLite gateway runs at once (each mostly waits on its platform). */
const syncStepsAtOnce = 32;

/** 1 MiB (docs/api-contract.md §2, Errors: payload_too_large). */
export const bodyLimitBytes = 1024 * 1024;

const requestIdPattern = /^[\w.:-]{1,64}$/;

/** A caller's `X-Request-Id` when it is a sane value (it ends up in logs), else a new UUID. */
function requestIdOf(request: IncomingMessage): string {
  const given = request.headers['x-request-id'];
  return typeof given === 'string' && requestIdPattern.test(given) ? given : randomUUID();
}

/** The gateway as a Fastify instance, ready for `inject` or `listen`. */
export async function buildApp(
  config: GatewayConfig,
  dependencies: GatewayDependencies,
): Promise<FastifyInstance> {
  const platforms = dependencies.platforms ?? registeredPlatforms;
  const loggerInstance: FastifyBaseLogger = dependencies.logger;
  const app = Fastify({
    loggerInstance,
    bodyLimit: bodyLimitBytes,
    // The router measures a parameter percent-encoded (up to 12 characters for one); the route
    // schemas then hold the decoded id to its documented length.
    routerOptions: { maxParamLength: maxPathParameterLength * 12 },
    genReqId: requestIdOf,
    // Router failures (a malformed URL, an over-long path parameter) answer like every other error.
    frameworkErrors: handleError,
    // So are requests Node's parser refuses before any route sees them, and a missing Host.
    clientErrorHandler: createClientErrorHandler(loggerInstance),
    http: { requireHostHeader: false },
    logController: new LogController({ requestIdLogLabel: 'requestId' }),
  });
  app.setValidatorCompiler(validatorCompiler);
  // Response schemas document the API; they are not re-checked on every answer. What the routes
  // answer is the canonical model by construction (every adapter passes core's conformance kit
  // against these schemas, and errors are built here), and re-validating each customer of each
  // page cost about a sixth of the gateway's CPU per list request (bench/README.md).
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  app.setErrorHandler(handleError);
  app.setNotFoundHandler(handleNotFound);
  // Many clients send `Content-Type: application/json` on a DELETE without a body: that is no body,
  // not malformed JSON. A route that needs a body still refuses its absence through its schema.
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (body.length === 0) done(null, undefined);
    else parseJson(request, body.toString(), done);
  });
  answerServerLevelRefusals(app.server);
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  app.addHook('onRequest', refuseMissingHost);
  app.addHook('preValidation', refuseUnknownQueryParameters);
  const metrics = dependencies.metrics ?? createGatewayMetrics();
  metrics.instrument(app);

  const guard = createUpstreamGuard({
    allowPrivate: config.allowPrivateUpstreams,
    resolver: dependencies.resolver,
  });
  app.addHook('onClose', () => guard.close());
  const stores = createStoreRegistry({
    repository: dependencies.repository,
    platforms,
    keys: dependencies.keys,
    guard,
    logger: dependencies.logger,
    adapterSettings: {
      timeoutMs: config.upstreamTimeoutMs,
      retry: dependencies.adapterRetry,
      observer: metrics.observeUpstream,
    },
    platformAdapterSettings: {
      amazon: (storeId) =>
        amazonAdapterSettings({
          database: dependencies.repository.database,
          storeId,
          historyDays: config.amazonHistoryDays,
        }),
    },
  });

  // `closing` ends open exports with an error line as soon as the gateway begins to close;
  // `stopped` ends every request's upstream work when the grace period is nearly over (serve.ts).
  const closing = new AbortController();
  const stopped = new AbortController();
  app.addHook('preClose', async () => closing.abort());
  app.decorate('stopUpstreamWork', () => stopped.abort());

  // Clients are told apart by address: behind a proxy, that is the proxy's unless Fastify's
  // `trustProxy` is set, and then all its clients share one count.
  const authFailures = createAuthFailureThrottle({ maxConsecutiveFailures: 20, blockMs: 60_000 });

  app.addHook('onClose', () => stores.close());

  const sync = createSyncEngine({
    database: dependencies.repository.database,
    mirror: dependencies.repository.mirror,
    stores,
    keys: dependencies.keys,
    logger: dependencies.logger,
    // One process (SQLite) schedules in memory; processes sharing PostgreSQL share a job queue.
    scheduler: config.databaseUrl
      ? createPgBossScheduler({
          connectionString: config.databaseUrl,
          database: dependencies.repository.database,
          logger: dependencies.logger,
          intervalSeconds: config.syncIntervalSeconds,
        })
      : createInProcessScheduler({ concurrency: syncStepsAtOnce }),
    intervalMs: config.syncIntervalSeconds * 1000,
    fullScanMs: config.syncFullScanSeconds * 1000,
    sources: platformSyncSources,
  });
  app.decorate('sync', sync);
  app.addHook('onReady', () => sync.start());
  // Before the registry and the database close: a step stops between two mirror transactions.
  app.addHook('preClose', () => sync.close());

  await registerOpenApi(app);
  await app.register(healthRoutes, { repository: dependencies.repository, metrics });
  const webhookReceivers = dependencies.webhooks?.receivers ?? sync;
  await app.register(adminRoutes, {
    prefix: '/admin/v1',
    adminToken: config.adminToken,
    stores,
    platforms,
    authFailures,
    sync,
    webhookRegistration: createWebhookRegistration({
      publicUrl: config.publicUrl,
      stores,
      receivers: webhookReceivers,
      logger: dependencies.logger,
    }),
  });
  await app.register(webhookRoutes, {
    prefix: '/webhooks/v1',
    platforms,
    receivers: webhookReceivers,
    events: dependencies.repository.webhookEvents,
    hints: dependencies.webhooks?.hints ?? sync,
  });
  await app.register(apiRoutes, {
    prefix: '/api/v2',
    stores,
    pageTokens: createPageTokenCodec({ key: dependencies.keys.pageTokenKey }),
    authFailures,
    upstream: { deadlineMs: config.upstreamDeadlineMs, closing: closing.signal, stopped: stopped.signal },
    idempotency: createIdempotentWrites({
      records: dependencies.repository.idempotency,
      deadlineMs: config.upstreamDeadlineMs,
      ...dependencies.idempotency,
    }),
    mirrorAccess: {
      mirror: dependencies.repository.mirror,
      syncStatus: dependencies.syncStatus ?? sync,
      mirrorOnly: (platform) => platformSyncSources[platform] !== undefined,
    },
    changes: {
      retentionDays: config.changesRetentionDays,
      clock: dependencies.clock ?? (() => new Date()),
    },
    sync,
  });
  return app;
}
