import { setTimeout as sleep } from 'node:timers/promises';
import type { FaultKind, PlatformSimulator, RecordedRequest } from '@unicart/core/testing';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { FaultQueue } from './fault-queue';

/** Where a simulator listens. Loopback and a free port by default. */
export interface ListenOptions {
  /** Default `127.0.0.1`. */
  readonly host?: string;
  /** Default 0: a free port. */
  readonly port?: number;
}

/** How one platform answers what the shared server cannot know. */
export interface SimulatorServerSettings extends ListenOptions {
  /** Answers an injected fault (every kind but `delayed`) in the platform's way. */
  answerFault(
    kind: Exclude<FaultKind, 'delayed'>,
    request: FastifyRequest,
    reply: FastifyReply,
  ): FastifyReply;
  /** Answers a path or method the platform does not have. */
  answerNotFound(request: FastifyRequest, reply: FastifyReply): FastifyReply;
  /** Rewrites the request URL before routing (WooCommerce's `?rest_route=` form). */
  rewriteUrl?(url: string): string;
}

/** The shared HTTP part of a simulator: routing, recording, fault injection, lifecycle. */
export interface SimulatorServer {
  /** Register the platform's routes on it before `listen`. */
  readonly app: FastifyInstance;
  readonly faults: FaultQueue;
  readonly requests: RecordedRequest[];
  /** The simulator members that are the same on every platform: spread them into the simulator. */
  readonly controls: Pick<
    PlatformSimulator<unknown, unknown, unknown>,
    'failNext' | 'clearFaults' | 'requests'
  >;
  /** Starts listening; resolves to the origin, e.g. `http://127.0.0.1:41234`. */
  listen(): Promise<string>;
  close(): Promise<void>;
}

/** A request body as the simulator read it. */
export type RequestBody =
  | { readonly kind: 'none' }
  | { readonly kind: 'json'; readonly value: unknown }
  | { readonly kind: 'invalidJson'; readonly value: string }
  | { readonly kind: 'form'; readonly value: Readonly<Record<string, string>> }
  | { readonly kind: 'text'; readonly value: string };

const bodyLimitBytes = 10 * 1024 * 1024;

/** The query string of a request, as the platform reads it (every value of repeated keys kept). */
export function searchParamsOf(request: FastifyRequest): URLSearchParams {
  const questionMark = request.url.indexOf('?');
  return new URLSearchParams(questionMark === -1 ? '' : request.url.slice(questionMark + 1));
}

/** Path of a request without the query string. */
export function pathOf(request: FastifyRequest): string {
  const questionMark = request.url.indexOf('?');
  return questionMark === -1 ? request.url : request.url.slice(0, questionMark);
}

/** Reads the body kept as text by the simulator's content parser. */
export function readBody(request: FastifyRequest): RequestBody {
  const text = typeof request.body === 'string' ? request.body : '';
  if (text === '') return { kind: 'none' };
  const contentType = String(request.headers['content-type'] ?? '').toLowerCase();
  if (contentType.includes('application/x-www-form-urlencoded')) {
    return { kind: 'form', value: Object.fromEntries(new URLSearchParams(text)) };
  }
  if (contentType.includes('json')) {
    try {
      return { kind: 'json', value: JSON.parse(text) as unknown };
    } catch {
      return { kind: 'invalidJson', value: text };
    }
  }
  return { kind: 'text', value: text };
}

function recordedBody(body: RequestBody): unknown {
  return body.kind === 'none' ? undefined : body.value;
}

function headerRecord(request: FastifyRequest): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

/**
 * Creates the Fastify instance every simulator builds on. Bodies are kept as text so each platform
 * answers malformed JSON with its own error; every request is recorded, then the next queued fault
 * (if any) answers instead of the platform.
 */
export function createSimulatorServer(settings: SimulatorServerSettings): SimulatorServer {
  const faults = new FaultQueue();
  const requests: RecordedRequest[] = [];
  const closing = new AbortController();
  const app = Fastify({
    logger: false,
    forceCloseConnections: true,
    bodyLimit: bodyLimitBytes,
    ...(settings.rewriteUrl === undefined
      ? {}
      : { rewriteUrl: (request: { url?: string }) => settings.rewriteUrl?.(request.url ?? '/') ?? '/' }),
  });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));

  app.addHook('preHandler', async (request, reply) => {
    requests.push({
      method: request.method,
      path: pathOf(request),
      query: Object.fromEntries(searchParamsOf(request)),
      headers: headerRecord(request),
      body: recordedBody(readBody(request)),
    });
    const fault = faults.take();
    if (fault === undefined) return;
    if (fault.kind === 'delayed') {
      await sleep(fault.delayMs, undefined, { signal: closing.signal }).catch(() => undefined);
      return;
    }
    return settings.answerFault(fault.kind, request, reply);
  });
  app.setNotFoundHandler((request, reply) => settings.answerNotFound(request, reply));

  return {
    app,
    faults,
    requests,
    controls: {
      failNext: (kind, count, options) => faults.add(kind, count, options),
      clearFaults: () => faults.clear(),
      requests,
    },
    async listen() {
      const address = await app.listen({ host: settings.host ?? '127.0.0.1', port: settings.port ?? 0 });
      const { port } = new URL(address);
      const host = settings.host ?? '127.0.0.1';
      return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
    },
    async close() {
      closing.abort();
      await app.close();
    },
  };
}
