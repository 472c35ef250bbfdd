import type { FastifyInstance } from 'fastify';
import type { DestinationStream, Logger } from 'pino';
import { buildApp } from './app';
import type { GatewayConfig } from './config';
import { loadSecretKeys } from './crypto/load-secret-keys';
import { createLogger } from './logger';
import type { PlatformRegistry } from './platforms';
import { openStoreRepository } from './stores/open-store-repository';
import type { SyncStatusReader } from './sync/sync-status';

export interface RunningGateway {
  /** The URL it listens on, e.g. `http://127.0.0.1:8080`. */
  readonly url: string;
  readonly app: FastifyInstance;
  readonly logger: Logger;
  /**
   * Stops accepting connections, ends open exports with an error line at once, lets other requests
   * in flight finish for most of `graceMs` (default 10 s) and then ends their upstream work, drops
   * the connections still open shortly before `graceMs`, and closes the stores registry.
   */
  close(graceMs?: number): Promise<void>;
}

export interface StartGatewayOptions {
  /** Where log lines go (default: standard output). */
  readonly destination?: DestinationStream;
  /** Default: every registered platform (embedders add their own, benchmarks tune them). */
  readonly platforms?: PlatformRegistry;
  /** Which stores have sync and how far it got (benchmarks of the mirror set their own). */
  readonly syncStatus?: SyncStatusReader;
}

/** Opens everything the configuration names and listens; logs one line with the URL. */
export async function startGateway(
  config: GatewayConfig,
  options: StartGatewayOptions = {},
): Promise<RunningGateway> {
  const loaded = loadSecretKeys(config);
  const logger = createLogger({
    level: config.logLevel,
    secrets: [...loaded.secrets, ...(config.adminToken === undefined ? [] : [config.adminToken])],
    destination: options.destination,
  });
  if (loaded.warning !== undefined) logger.warn(loaded.warning);
  const repository = await openStoreRepository(config);
  const app = await buildApp(config, {
    repository,
    keys: loaded.keys,
    logger,
    platforms: options.platforms,
    syncStatus: options.syncStatus,
  });
  app.addHook('onClose', () => repository.close());
  try {
    const url = await app.listen({
      port: config.port,
      host: config.host,
      listenTextResolver: (address) => `Unicart gateway listening on ${address}`,
    });
    return { url, app, logger, close: (graceMs = shutdownGraceMs) => closeWithin(app, graceMs) };
  } catch (error) {
    await app.close();
    throw error;
  }
}

/** In-flight requests get this long to finish after SIGTERM/SIGINT. */
const shutdownGraceMs = 10_000;

/**
 * `app.close()` stops listening and (its preClose hook) ends open exports; requests still waiting
 * on a platform at 70% of the grace period are answered with an error, and connections still open at
 * 85% (a client that stopped reading) are dropped, so closing ends within the grace period.
 */
async function closeWithin(app: FastifyInstance, graceMs: number): Promise<void> {
  const stopWork = setTimeout(() => app.stopUpstreamWork(), graceMs * 0.7);
  const dropConnections = setTimeout(() => app.server.closeAllConnections(), graceMs * 0.85);
  try {
    await app.close();
  } finally {
    clearTimeout(stopWork);
    clearTimeout(dropConnections);
  }
}

/**
 * Closes the gateway on SIGTERM or SIGINT within `graceMs` and exits 0; exits 1 when closing fails,
 * takes longer than the grace period anyway, or a second signal arrives.
 */
export function closeOnSignals(
  gateway: RunningGateway,
  target: NodeJS.Process = process,
  graceMs = shutdownGraceMs,
): void {
  let closing = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (closing) {
      target.exit(1);
      return;
    }
    closing = true;
    gateway.logger.info({ signal }, 'shutting down');
    setTimeout(() => target.exit(1), graceMs).unref();
    gateway.close(graceMs).then(
      () => target.exit(0),
      (error: unknown) => {
        gateway.logger.error({ err: error }, 'shutdown failed');
        target.exit(1);
      },
    );
  };
  target.on('SIGTERM', onSignal);
  target.on('SIGINT', onSignal);
}
