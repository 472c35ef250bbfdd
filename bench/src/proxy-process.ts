import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pipeline } from 'node:stream/promises';
import { Pool } from 'undici';
import { childInput, failToParent, processUsage, serveParent } from './child-process.ts';

/** What the benchmark asks of the pass-through proxy. */
export interface ProxyInput {
  /** Origin of the simulator. */
  readonly target: string;
  /**
   * Also read each answer's body for Shopify's `actualQueryCost` and `THROTTLED` (export runs,
   * where the proxy only counts); overhead runs stream bodies through untouched.
   */
  readonly inspectBodies: boolean;
}

export interface ProxyReady {
  readonly url: string;
}

/** The last request forwarded, so the benchmark can send exactly the gateway's native request. */
export interface CapturedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** What the proxy saw of the platform's answers. */
export interface ProxyCounts {
  readonly requests: number;
  readonly byStatus: Readonly<Record<string, number>>;
  /** Shopify `THROTTLED` errors inside 200 answers. */
  readonly throttledInBody: number;
  /** Sum of Shopify's `actualQueryCost`. */
  readonly actualQueryCost: number;
  /** Time of the first and last request, ms since the epoch. */
  readonly firstRequestAt: number | null;
  readonly lastRequestAt: number | null;
}

// Hop-by-hop headers (RFC 9110 §7.6.1) and the host are the proxy's own; everything else passes.
const hopByHop = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'upgrade',
  'host',
  'proxy-connection',
  'te',
  'trailer',
]);

function forwardable(
  headers: IncomingHttpHeaders | Record<string, string | string[] | undefined>,
): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !hopByHop.has(name.toLowerCase()))
      kept[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return kept;
}

try {
  const input = childInput<ProxyInput>();
  const upstream = new Pool(input.target, { connections: 64 });
  let captured: CapturedRequest | null = null;
  const counts = {
    requests: 0,
    byStatus: {} as Record<string, number>,
    throttledInBody: 0,
    actualQueryCost: 0,
    firstRequestAt: null as number | null,
    lastRequestAt: null as number | null,
  };

  const server = createServer(async (request, response) => {
    try {
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      const body = Buffer.concat(chunks);
      const path = request.url ?? '/';
      const headers = forwardable(request.headers);
      captured = { method: request.method ?? 'GET', path, headers, body: body.toString('utf8') };
      const now = Date.now();
      counts.requests += 1;
      counts.firstRequestAt ??= now;
      counts.lastRequestAt = now;
      const answer = await upstream.request({
        method: (request.method ?? 'GET') as 'GET',
        path,
        headers,
        body: body.length === 0 ? null : body,
      });
      const status = String(answer.statusCode);
      counts.byStatus[status] = (counts.byStatus[status] ?? 0) + 1;
      response.writeHead(answer.statusCode, forwardable(answer.headers));
      if (!input.inspectBodies) {
        await pipeline(answer.body, response);
        return;
      }
      const text = await answer.body.text();
      const cost = /"actualQueryCost":(\d+)/.exec(text)?.[1];
      if (cost !== undefined) counts.actualQueryCost += Number(cost);
      if (text.includes('"THROTTLED"')) counts.throttledInBody += 1;
      response.end(text);
    } catch (error) {
      // A client gone mid-answer (the load generator stopping) ends only that response.
      if (response.headersSent) response.destroy();
      else response.writeHead(502).end(String(error));
    }
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  serveParent(
    { url: `http://127.0.0.1:${port}` } satisfies ProxyReady,
    { captured: () => captured, counts: () => counts, usage: processUsage },
    async () => {
      server.closeAllConnections();
      server.close();
      await upstream.close();
    },
  );
} catch (error) {
  failToParent(error);
}
