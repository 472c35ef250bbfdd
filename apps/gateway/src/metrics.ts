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
  const requests = new Counter({
    name: 'unicart_http_requests_total',
    help: 'Requests answered, by method, route template and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const requestSeconds = new Histogram({
    name: 'unicart_http_request_duration_seconds',
    help: 'Time to answer a request (for an export: to its last line), by method and route template',
    labelNames: ['method', 'route'] as const,
    buckets: latencyBuckets,
    registers: [registry],
  });
  const upstreamAttempts = new Counter({
    name: 'unicart_upstream_requests_total',
    help: 'Requests to the platforms, each attempt counted, by platform, method, outcome and HTTP status',
    labelNames: ['platform', 'method', 'outcome', 'status'] as const,
    registers: [registry],
  });
  const upstreamRetries = new Counter({
    name: 'unicart_upstream_retries_total',
    help: 'Upstream attempts that failed and were tried again, by platform',
    labelNames: ['platform'] as const,
    registers: [registry],
  });
  const upstreamRateLimited = new Counter({
    name: 'unicart_upstream_rate_limited_total',
    help: "Upstream attempts the platform throttled (HTTP 429, Shopify's THROTTLED), by platform",
    labelNames: ['platform'] as const,
    registers: [registry],
  });
  const upstreamSeconds = new Histogram({
    name: 'unicart_upstream_request_duration_seconds',
    help: "Time of each upstream attempt, from sending (after the adapter's own pacing) to the answer",
    labelNames: ['platform', 'outcome'] as const,
    buckets: latencyBuckets,
    registers: [registry],
  });

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
