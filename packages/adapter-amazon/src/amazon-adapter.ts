import {
  type AdapterCapabilities,
  type AdapterDefinition,
  type CallOptions,
  type CommonAdapterSettings,
  type Customer,
  type CustomerAdapterV1,
  defineCustomerAdapter,
  NotFoundError,
  nextOffset,
  offsetPositions,
  parseWithSchema,
  type RequestLimiter,
} from '@unicart/core';
import { z } from 'zod';
import type { AmazonOrder } from './amazon-api';
import {
  type AmazonSyncStep,
  defaultAmazonHistoryDays,
  deriveAmazonCustomer,
  historyStart,
  readAmazonOrdersPage,
} from './amazon-buyer-sync';
import { amazonMarketplaceRegions, regionOfMarketplaces } from './amazon-marketplaces';
import { type AmazonOrderLedger, createMemoryAmazonOrderLedger } from './amazon-order-ledger';
import {
  type AmazonOrdersApi,
  type AmazonRateLimit,
  amazonLoginOrigin,
  amazonRegionOrigins,
  createAmazonOrdersApi,
} from './amazon-orders-api';
import { mapAmazonOrder } from './map-amazon-order';
import { type AmazonListParams, matchesAmazonQuery, translateAmazonQuery } from './translate-amazon-query';

const platform = 'amazon';
const secret = z.string().trim().min(1, 'must be a non-empty string');

const credentialsSchema = z
  .object({
    clientId: secret,
    clientSecret: secret,
    refreshToken: secret,
    marketplaceIds: z
      .array(
        z.string().refine((id) => id in amazonMarketplaceRegions, 'must be a known Amazon marketplace id'),
      )
      .min(1, 'must name at least one marketplace')
      .max(50, 'must name at most 50 marketplaces')
      .refine((ids) => new Set(ids).size === ids.length, 'must not repeat a marketplace')
      .refine(
        (ids) => regionOfMarketplaces(ids) !== null,
        'must all be marketplaces of one region (one refresh token authorizes one region)',
      ),
  })
  .strict();

/** What a store is connected with (CONTRACT §2): Login with Amazon client, refresh token, marketplaces. */
export type AmazonCredentials = z.infer<typeof credentialsSchema>;

export type AmazonAdapterSettings = AmazonCredentials &
  CommonAdapterSettings & {
    /**
     * Where the orders are kept. Given: its owner keeps it read (the gateway's sync), and reads never
     * call Amazon. Default: one in memory that reads bring up to date (`refreshAfterMs`).
     */
    readonly ledger?: AmazonOrderLedger | undefined;
    /** The history window in days (default 730, CONTRACT §6). */
    readonly historyDays?: number | undefined;
    /**
     * With the in-memory ledger: how old its last read may be before a read polls Amazon again
     * (default 180 000 ms, searchOrders' sustained pace of one call per ~3 minutes, sheet §8).
     */
    readonly refreshAfterMs?: number | undefined;
    /** searchOrders' usage plan, if Amazon granted this seller more than the default (sheet §8). */
    readonly rateLimit?: AmazonRateLimit | undefined;
    /** Replaces the pacing of searchOrders (a limiter shared by every adapter of one seller). */
    readonly limiter?: RequestLimiter | undefined;
  };

/**
 * Amazon has no customer resource (sheet §2): customers are derived from orders kept in a ledger,
 * so list, count, get and a customer's orders are answered from it, with every filter applied to
 * the derived customers; nothing can be written.
 */
export const amazonCapabilities: AdapterCapabilities = {
  operations: {
    list: true,
    count: true,
    get: true,
    create: false,
    update: false,
    delete: false,
    orders: true,
  },
  filters: {
    'createdAt[from]': 'emulated',
    'createdAt[to]': 'emulated',
    'updatedAt[from]': 'emulated',
    'updatedAt[to]': 'emulated',
    name: 'emulated',
    search: 'emulated',
    email: 'emulated',
  },
};

/** A customer id: 24 lower-case hex digits (CONTRACT §6). */
const customerIdPattern = /^[0-9a-f]{24}$/;

function parseCredentials(settings: AmazonCredentials): AmazonCredentials {
  const { clientId, clientSecret, refreshToken, marketplaceIds } = settings;
  return parseWithSchema(
    credentialsSchema,
    { clientId, clientSecret, refreshToken, marketplaceIds },
    { summary: 'Invalid Amazon credentials', platform },
  );
}

/** The Orders API of a store, for whoever keeps its ledger read (the gateway's sync). */
export function createAmazonOrdersReader(settings: AmazonAdapterSettings): AmazonOrdersApi {
  const credentials = parseCredentials(settings);
  return createAmazonOrdersApi({
    ...settings,
    credentials,
    marketplaceIds: credentials.marketplaceIds,
    region: regionOfMarketplaces(credentials.marketplaceIds) ?? 'na',
  });
}

/** How whoever keeps an adapter's ledger (the gateway's sync) reads orders into it. */
export interface AmazonLedgerReader {
  /**
   * Reads one page of orders into the adapter's ledger with its Orders API (token, pacing) and
   * history window (`readAmazonOrdersPage`); hand the step's customers on, then `settle` them.
   */
  readPage(options: CallOptions & { readonly completeRead?: boolean | undefined }): Promise<AmazonSyncStep>;
  /** The step's customers were handed on (written to the mirror). */
  settle(customerIds: Iterable<string>): Promise<void>;
}

/** The ledger reader behind each adapter `createAmazonAdapter` made, for `amazonLedgerReaderOf`. */
const ledgerReaders = new WeakMap<CustomerAdapterV1, AmazonLedgerReader>();

/** The ledger reader of an adapter `createAmazonAdapter` made; `undefined` for any other adapter. */
export function amazonLedgerReaderOf(adapter: CustomerAdapterV1): AmazonLedgerReader | undefined {
  return ledgerReaders.get(adapter);
}

/** Oldest order first; orders of the same second by id. */
function byCreation(left: AmazonOrder, right: AmazonOrder): number {
  return (
    Date.parse(left.createdTime) - Date.parse(right.createdTime) || left.orderId.localeCompare(right.orderId)
  );
}

/** Creates an Amazon adapter: buyers derived from the seller's orders (CONTRACT §6). */
export function createAmazonAdapter(settings: AmazonAdapterSettings): CustomerAdapterV1 {
  const api = createAmazonOrdersReader(settings);
  const historyDays = settings.historyDays ?? defaultAmazonHistoryDays;
  const ledger = settings.ledger ?? createMemoryAmazonOrderLedger();
  const refreshAfterMs = settings.refreshAfterMs ?? 180_000;
  let readAt: number | null = null;
  let reading: Promise<void> | null = null;
  let checked = false;

  /**
   * A ledger kept by someone else and never read yet holds nothing to check the credentials with:
   * the first count asks Amazon about the marketplaces instead (the gateway's check at registration).
   */
  async function checkedOnce(options: CallOptions): Promise<void> {
    if (settings.ledger === undefined || checked) return;
    const state = await ledger.state();
    if (state.readUpTo === null && state.reading === null) await api.checkMarketplaces(options);
    checked = true;
  }

  /** Brings the in-memory ledger up to date, one read at a time for every caller. */
  async function upToDate(options: CallOptions): Promise<void> {
    if (settings.ledger !== undefined) return;
    if (readAt !== null && Date.now() - readAt < refreshAfterMs) return;
    reading ??= (async () => {
      const startedAt = Date.now();
      for (;;) {
        const step = await readAmazonOrdersPage(api, ledger, { historyDays, signal: options.signal });
        // Nothing else holds these customers: the ledger itself is what reads derive from.
        await ledger.settle(step.customerIds);
        if (step.windowDone) break;
      }
      readAt = startedAt;
    })().finally(() => {
      reading = null;
    });
    await reading;
  }

  const historyFrom = () => historyStart(Date.now(), historyDays);

  async function customers(params: AmazonListParams, options: CallOptions): Promise<Customer[]> {
    await upToDate(options);
    const from = historyFrom();
    const derived: Customer[] = [];
    for (const id of await ledger.customerIds()) {
      const customer = await deriveAmazonCustomer(ledger, id, from);
      if (customer !== null && matchesAmazonQuery(customer, params)) derived.push(customer);
    }
    return derived;
  }

  async function customer(id: string, options: CallOptions): Promise<Customer | null> {
    await upToDate(options);
    return deriveAmazonCustomer(ledger, id, historyFrom());
  }

  const adapter = defineCustomerAdapter({
    platform,
    displayName: 'Amazon',
    capabilities: amazonCapabilities,
    parseId: (id) => (customerIdPattern.test(id) ? id : null),
    map: (derived: Customer) => derived,
    list: {
      positions: offsetPositions(platform),
      scanPageSize: 100,
      translate: translateAmazonQuery,
      filterable: (derived: Customer) => derived,
      async fetchPage({ params, position, size }, options) {
        const offset = position ?? 0;
        const all = await customers(params, options);
        const items = all.slice(offset, offset + size);
        return {
          items,
          next: nextOffset({ offset, requested: size, received: items.length, total: all.length }),
        };
      },
      async count(params, options) {
        await checkedOnce(options);
        return (await customers(params, options)).length;
      },
    },
    read: customer,
    orders: {
      positions: offsetPositions(platform),
      async assertCustomerExists(id, options) {
        if ((await customer(id, options)) === null) {
          throw new NotFoundError(`Amazon has no buyer ${id} in its orders`, { platform });
        }
      },
      async fetchPage({ customerId, position, size }) {
        const offset = position ?? 0;
        const cutoff = Date.parse(historyFrom());
        const orders = (await ledger.ordersOf(customerId))
          .filter((order) => Date.parse(order.createdTime) >= cutoff)
          .sort(byCreation);
        const items = orders.slice(offset, offset + size);
        return {
          items,
          next: nextOffset({ offset, requested: size, received: items.length, total: orders.length }),
        };
      },
      map: (order: AmazonOrder) => mapAmazonOrder(order),
    },
  });
  ledgerReaders.set(adapter, {
    readPage: ({ signal, completeRead }) =>
      readAmazonOrdersPage(api, ledger, { historyDays, signal, completeRead }),
    settle: (customerIds) => ledger.settle(customerIds),
  });
  return adapter;
}

/** Registers Amazon with the gateway (one line in apps/gateway/src/platforms.ts). */
export const amazonPlatform: AdapterDefinition<AmazonCredentials> = {
  specificationVersion: 'v1',
  platform,
  displayName: 'Amazon',
  capabilities: amazonCapabilities,
  credentialsSchema,
  upstreamUrls: (credentials) => [
    `${amazonLoginOrigin}/auth/o2/token`,
    amazonRegionOrigins[regionOfMarketplaces(credentials.marketplaceIds) ?? 'na'],
  ],
  create: createAmazonAdapter,
};
