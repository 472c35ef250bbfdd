import type { UpstreamObserver } from '@unicart/core';
import type { FastifyInstance } from 'fastify';
import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';

/** Seconds; upstream calls reach the 30 s default timeout, so the buckets go that far. */
const latencyBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** The gateway's Prometheus metrics, in a registry of its own (one per app). */
export interface GatewayMetrics {
  readonly registry: Registry;
  /** The adapters' HTTP client observer: upstream attempts, retries and 429s by platform. */
  readonly observeUpstream: UpstreamObserver;
  /** Counts and times every answered request by route template and status. */
  instrument(app: FastifyInstance): void;
}

export function createGatewayMetrics(): GatewayMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'unicart_' });
  const counter = <Label extends string>(name: string, help: string, labelNames: readonly Label[]) =>
    new Counter({ name, help, labelNames, registers: [registry] });
  const histogram = <Label extends string>(name: string, help: string, labelNames: readonly Label[]) =>
    new Histogram({ name, help, labelNames, buckets: latencyBuckets, registers: [registry] });

  const requests = counter(
    'unicart_http_requests_total',
    'Requests answered, by method, route template and status',
    ['method', 'route', 'status'],
  );
  const requestSeconds = histogram(
    'unicart_http_request_duration_seconds',
    'Time to answer a request (for an export: to its last line), by method and route template',
    ['method', 'route'],
  );
  const upstreamAttempts = counter(
    'unicart_upstream_requests_total',
    'Requests to the platforms, each attempt counted, by platform, method, outcome and HTTP status',
    ['platform', 'method', 'outcome', 'status'],
  );
  const upstreamRetries = counter(
    'unicart_upstream_retries_total',
    'Upstream attempts that failed and were tried again, by platform',
    ['platform'],
  );
  const upstreamRateLimited = counter(
    'unicart_upstream_rate_limited_total',
    "Upstream attempts the platform throttled (HTTP 429, Shopify's THROTTLED), by platform",
    ['platform'],
  );
  const upstreamSeconds = histogram(
    'unicart_upstream_request_duration_seconds',
    "Time of each upstream attempt, from sending (after the adapter's own pacing) to the answer",
    ['platform', 'outcome'],
  );

  return {
    registry,
    observeUpstream(event) {
      const { platform } = event;
      upstreamAttempts.inc({
        platform,
        method: event.method,
        outcome: event.outcome,
        status: event.status === undefined ? 'none' : String(event.status),
      });
      upstreamSeconds.observe({ platform, outcome: event.outcome }, event.durationMs / 1000);
      if (event.willRetry) upstreamRetries.inc({ platform });
      if (event.outcome === 'rate_limited') upstreamRateLimited.inc({ platform });
    },
    instrument(app) {
      app.addHook('onResponse', async (request, reply) => {
        // The route's template (`/api/v2/customers/:id`), never the raw URL: ids and queries stay out.
        const route = request.routeOptions.url ?? 'unmatched';
        requests.inc({ method: request.method, route, status: String(reply.statusCode) });
        requestSeconds.observe({ method: request.method, route }, reply.elapsedTime / 1000);
      });
    },
  };
}
