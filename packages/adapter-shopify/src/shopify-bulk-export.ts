import {
  type CallOptions,
  type IterateOptions,
  sleep,
  timeLeftMs,
  UpstreamError,
  UpstreamUnauthorizedError,
} from '@unicart/core';
import type { z } from 'zod';
import {
  type ShopifyBulkOperation,
  type ShopifyCustomer,
  type ShopifyMailingAddress,
  shopifyBulkAddressLineSchema,
  shopifyBulkCustomerLineSchema,
  shopifyBulkOperationSchema,
  shopifyCancelBulkOperationSchema,
  shopifyRunBulkQuerySchema,
} from './shopify-api';
import {
  bulkCustomersQuery,
  bulkOperationDocument,
  cancelBulkOperationDocument,
  runBulkQueryDocument,
} from './shopify-documents';
import type { ShopifyGraphqlClient } from './shopify-graphql-client';
import type { ShopifyCustomerSearch } from './translate-shopify-query';

const platform = 'shopify';

export interface ShopifyBulkExportOptions {
  readonly graphql: ShopifyGraphqlClient;
  /** Downloads the result file (its URL is signed: no access token is sent). */
  readonly fetch?: typeof fetch | undefined;
  /**
   * Waits between status polls: the first, then ×1.5 each time up to the last (default 200 ms → 5 s),
   * and never more than half the time left before the signal's deadline.
   */
  readonly pollIntervalMs?: { readonly first: number; readonly max: number } | undefined;
  /** Reads the customers page after page, for when Shopify runs as many bulk queries as it allows. */
  readonly paged: (params: ShopifyCustomerSearch, options: CallOptions) => AsyncIterable<ShopifyCustomer>;
}

/** What `bulkOperationRunQuery` answers when the shop already runs its bulk queries (five from 2026-01, one before). */
const busyCodes = new Set(['LIMIT_REACHED', 'OPERATION_IN_PROGRESS']);
const unfinished = new Set(['CREATED', 'RUNNING', 'CANCELING']);

/**
 * Whole-store reads through Shopify's bulk operations (core's `exportAll`): one
 * `bulkOperationRunQuery` (10 points; the records themselves are not charged against the cost
 * bucket), status polls with backoff, then the JSONL file streamed line by line, each customer
 * reassembled with the address lines that follow it and handed on before the next is read.
 * Plans naming `ids` stay on pages: they select at most a page or two, less than a bulk
 * operation's start-up.
 */
export function createShopifyBulkExport(options: ShopifyBulkExportOptions) {
  const { graphql } = options;
  const download = options.fetch ?? fetch;
  const intervals = options.pollIntervalMs ?? { first: 200, max: 5000 };

  async function start(query: string, signal: AbortSignal | undefined) {
    const { bulkOperationRunQuery: payload } = await graphql.execute(
      runBulkQueryDocument,
      { query },
      shopifyRunBulkQuerySchema,
      signal,
    );
    if (payload.userErrors.some((error) => busyCodes.has(error.code ?? ''))) return null;
    if (payload.userErrors.length > 0 || !payload.bulkOperation) {
      throw new UpstreamError(
        `Shopify refused the bulk query: ${payload.userErrors.map((error) => error.message).join('; ')}`,
        { platform },
      );
    }
    return payload.bulkOperation;
  }

  /** Polls until the operation ends; each poll showing more objects read is progress. */
  async function settle(operation: ShopifyBulkOperation, { signal, onProgress }: IterateOptions) {
    let current = operation;
    let wait = intervals.first;
    while (unfinished.has(current.status)) {
      // Poll again before the caller's deadline (the gateway's restarts on progress) runs out.
      const left = timeLeftMs(signal);
      await sleep(left === undefined ? wait : Math.min(wait, Math.max(minimumPollMs, left / 2)), signal);
      wait = Math.min(intervals.max, wait * 1.5);
      const { bulkOperation } = await graphql.execute(
        bulkOperationDocument,
        { id: current.id },
        shopifyBulkOperationSchema,
        signal,
      );
      if (bulkOperation === null) {
        throw new UpstreamError(`Shopify lost bulk operation ${current.id}`, { platform });
      }
      if (bulkOperation.status !== current.status || objectsOf(bulkOperation) > objectsOf(current)) {
        onProgress?.();
      }
      current = bulkOperation;
    }
    return current;
  }

  /** Asks Shopify to stop an operation nobody will read; a failure to ask is not the caller's concern. */
  async function cancel(id: string): Promise<void> {
    try {
      await graphql.execute(
        cancelBulkOperationDocument,
        { id },
        shopifyCancelBulkOperationSchema,
        AbortSignal.timeout(10_000),
      );
    } catch {
      // The operation ends on its own; its file expires after seven days.
    }
  }

  async function* customersOf(url: string, signal: AbortSignal): AsyncGenerator<ShopifyCustomer> {
    const response = await download(url, { signal, headers: { accept: 'application/jsonl' } });
    if (!response.ok || response.body === null) {
      await response.body?.cancel();
      throw new UpstreamError(`Shopify's bulk result file answered HTTP ${response.status}`, {
        platform,
        upstreamStatus: response.status,
        retryable: response.status >= 500,
      });
    }
    let customer: (ShopifyCustomer & { readonly id: string }) | null = null;
    let addresses: ShopifyMailingAddress[] = [];
    const complete = () =>
      customer && { ...customer, addressesV2: { nodes: addresses, pageInfo: { hasNextPage: false } } };
    for await (const line of jsonLines(response.body)) {
      if (typeof line === 'object' && line !== null && '__parentId' in line) {
        const address = parseLine(shopifyBulkAddressLineSchema, line);
        // Grouped output (`groupObjects: true`) puts every address right after its customer.
        if (customer === null || address.__parentId !== customer.id) {
          throw new UpstreamError("An address line of Shopify's bulk file does not follow its customer", {
            platform,
          });
        }
        const { __parentId: _parent, ...fields } = address;
        addresses.push(fields);
        continue;
      }
      const previous = complete();
      if (previous) yield previous;
      customer = { ...parseLine(shopifyBulkCustomerLineSchema, line), addressesV2: emptyAddresses };
      addresses = [];
    }
    const last = complete();
    if (last) yield last;
  }

  return function exportAll(
    params: ShopifyCustomerSearch,
    iterateOptions: IterateOptions,
  ): AsyncIterable<ShopifyCustomer> | null {
    const { signal } = iterateOptions;
    if (params.byIds) return null;
    const query = bulkCustomersQuery(params.query);
    return (async function* () {
      const started = await start(query, signal);
      if (started === null) {
        yield* options.paged(params, { signal });
        return;
      }
      // Aborted by the caller or stopped by the consumer: the download stops and so does Shopify.
      const reading = new AbortController();
      const stopReading = () => reading.abort(signal?.reason);
      signal?.addEventListener('abort', stopReading, { once: true });
      let finished = false;
      try {
        const operation = await settle(started, iterateOptions);
        finished = true;
        if (operation.status !== 'COMPLETED') throw failed(operation);
        // Shopify gives no file when nothing matched.
        if (operation.url) yield* customersOf(operation.url, reading.signal);
      } finally {
        signal?.removeEventListener('abort', stopReading);
        reading.abort();
        if (!finished) await cancel(started.id);
      }
    })();
  };
}

const minimumPollMs = 50;
const objectsOf = (operation: ShopifyBulkOperation) => Number(operation.objectCount ?? 0);

const emptyAddresses = { nodes: [], pageInfo: { hasNextPage: false } };

function failed(operation: ShopifyBulkOperation): UpstreamError | UpstreamUnauthorizedError {
  const message = `Shopify's bulk operation ${operation.id} ended ${operation.status}${
    operation.errorCode ? ` (${operation.errorCode})` : ''
  }`;
  if (operation.errorCode === 'ACCESS_DENIED') return new UpstreamUnauthorizedError(message, { platform });
  return new UpstreamError(message, {
    platform,
    // Shopify: timeouts and internal errors "might be intermittent".
    retryable: operation.errorCode === 'INTERNAL_SERVER_ERROR' || operation.errorCode === 'TIMEOUT',
  });
}

function parseLine<Output>(schema: z.ZodType<Output>, line: unknown): Output {
  const parsed = schema.safeParse(line);
  if (!parsed.success) {
    throw new UpstreamError("A line of Shopify's bulk file has an unexpected shape", {
      platform,
      cause: parsed.error,
    });
  }
  return parsed.data;
}

/** The JSON value of each line of a JSONL body, read as it streams in (one line in memory at a time). */
async function* jsonLines(body: ReadableStream<Uint8Array>): AsyncGenerator<unknown> {
  let pending = '';
  const parse = (line: string) => {
    try {
      return JSON.parse(line) as unknown;
    } catch (error) {
      throw new UpstreamError("Shopify's bulk file holds a line that is not JSON", {
        platform,
        cause: error,
      });
    }
  };
  for await (const chunk of body.pipeThrough(new TextDecoderStream())) {
    pending += chunk;
    let start = 0;
    for (let end = pending.indexOf('\n'); end !== -1; end = pending.indexOf('\n', start)) {
      const line = pending.slice(start, end);
      start = end + 1;
      if (line.trim() !== '') yield parse(line);
    }
    pending = pending.slice(start);
  }
  if (pending.trim() !== '') yield parse(pending);
}
