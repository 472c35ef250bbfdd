import {
  type AdapterCapabilities,
  type AdapterDefinition,
  type CallOptions,
  type CommonAdapterSettings,
  type CurrencyUnavailable,
  type CustomerAdapterV1,
  type CustomerCreateInput,
  type CustomerUpdateInput,
  createHttpClient,
  createWindowLimiter,
  defineCustomerAdapter,
  InvalidRequestError,
  NotFoundError,
  offsetPositions,
  type PositionCodec,
  parseWithSchema,
  positiveIntegerIds,
  resolveOrigin,
  UpstreamError,
  UpstreamUnauthorizedError,
  type WindowLimiter,
} from '@unicart/core';
import { z } from 'zod';
import {
  type BigCommerceCustomer,
  type BigCommerceCustomerWithStates,
  type BigCommerceOrderWithItems,
  bigcommerceAddressWriteSchema,
  bigcommerceCustomerPageSchema,
  bigcommerceCustomerWriteSchema,
  bigcommerceOrderListSchema,
  bigcommerceOrderProductListSchema,
  bigcommerceStoreSchema,
} from './bigcommerce-api';
import { classifyBigCommerceFailure, readBigCommerceQuota } from './bigcommerce-error';
import { type BigCommerceStates, createBigCommerceGeography } from './bigcommerce-geography';
import { bigCommerceWebhooks } from './bigcommerce-webhooks';
import { mapBigCommerceCustomer, toBigCommerceFilterableCustomer } from './map-bigcommerce-customer';
import { mapBigCommerceOrder } from './map-bigcommerce-order';
import {
  type AddressBookChanges,
  assertAddressesWritable,
  type BigCommerceCustomerWrite,
  planAddressBookChanges,
  type StateCodeLookup,
  type StateNames,
  stateCodesToLookUp,
  toBigCommerceCreateBody,
  toBigCommerceUpdateBody,
} from './to-bigcommerce-customer-input';
import { type BigCommerceListParams, translateBigCommerceQuery } from './translate-bigcommerce-query';

/** Credentials of a BigCommerce store (CONTRACT §2). */
export interface BigCommerceCredentials {
  /** The permanent store id, `abc123` in `store-abc123.mybigcommerce.com`. */
  readonly storeHash: string;
  /** A store-level API account token, or an app's OAuth token; sent only in `X-Auth-Token`. */
  readonly accessToken: string;
}

/** Options of `createBigCommerceAdapter`. */
export interface BigCommerceAdapterSettings extends BigCommerceCredentials, CommonAdapterSettings {
  /**
   * Paces requests by the quota BigCommerce announces on every reply (default: one limiter per
   * adapter, core's `createWindowLimiter`). The quota is per store: pass one limiter to every adapter
   * of the same store, or `false` not to pace at all (a simulator without limits).
   */
  readonly limiter?: WindowLimiter | false | undefined;
}

export const bigcommerceCredentialsSchema: z.ZodType<BigCommerceCredentials> = z
  .object({
    storeHash: z
      .string()
      .trim()
      .regex(
        /^[a-z0-9]{1,40}$/i,
        'must be the store hash: letters and digits, as in store-{hash}.mybigcommerce.com',
      ),
    accessToken: z.string().trim().min(1, 'must be a non-empty string'),
  })
  .strict();

const platform = 'bigcommerce';
const publicOrigin = 'https://api.bigcommerce.com';
/** Records per request: the v3 and v2 maximum (sheet §2.1). */
const maxPageSize = 250;
/** Items per v3 batch write (sheet §2.2). */
const batchSize = 10;
/** Until the first reply announces the store's plan, assume the smallest: Standard, 150 per 30 s (sheet §6). */
const assumedQuota = { quota: 150, windowMs: 30_000 };

/**
 * Every operation. `ids` and the date bounds are BigCommerce's own filters; `email` and `name` are
 * BigCommerce's looser `email:in` / `name:like`, narrowed by core; `sinceId` is checked on pages walked
 * in id order. There is no free-text customer search (`search` is refused).
 */
export const bigcommerceCapabilities: AdapterCapabilities = {
  operations: { list: true, count: true, get: true, create: true, update: true, delete: true, orders: true },
  filters: {
    ids: 'native',
    sinceId: 'emulated',
    'createdAt[from]': 'native',
    'createdAt[to]': 'native',
    'updatedAt[from]': 'native',
    'updatedAt[to]': 'native',
    name: 'native',
    email: 'native',
  },
  // Consent lives in subscribers and tags do not exist (sheet §2.4, §10): both are refused on writes.
  writableFields: ['firstName', 'lastName', 'email', 'phone', 'note', 'addresses'],
  // `date_modified:min` finds changes; deletions come as `store/customer/deleted` webhooks (sheet §8).
  sync: { changes: 'updatedAt', deletes: 'webhook' },
};

/** BigCommerce's opaque list cursors (`end_cursor`), refused before any request when not one of theirs. */
const cursorPositions: PositionCodec<string> = {
  encode: (cursor) => cursor,
  decode(cursor) {
    if (!/^[A-Za-z0-9_-]{1,512}={0,2}$/.test(cursor)) {
      throw new InvalidRequestError(
        'Invalid page cursor: pass back the nextCursor of the previous page unchanged',
        {
          platform,
          issues: [{ path: 'page', message: 'is not a cursor this adapter issued' }],
        },
      );
    }
    return cursor;
  },
};

function greatestCommonDivisor(left: number, right: number): number {
  return right === 0 ? left : greatestCommonDivisor(right, left % right);
}

function inBatches<Item>(items: readonly Item[]): Item[][] {
  const batches: Item[][] = [];
  for (let start = 0; start < items.length; start += batchSize)
    batches.push(items.slice(start, start + batchSize));
  return batches;
}

/** A store currency read that failed: a token without the store-information scope gives `null` for good. */
function whenCurrencyUnavailable(error: unknown): CurrencyUnavailable {
  return UpstreamUnauthorizedError.isInstance(error) ? 'remember' : 'fail';
}

/** Creates a BigCommerce customer adapter (REST Management API: customers v3, orders v2). */
export function createBigCommerceAdapter(settings: BigCommerceAdapterSettings): CustomerAdapterV1 {
  const { storeHash, accessToken } = parseWithSchema(
    bigcommerceCredentialsSchema,
    { storeHash: settings.storeHash, accessToken: settings.accessToken },
    { summary: 'Invalid BigCommerce credentials', platform },
  );
  const origin = resolveOrigin(settings.baseUrl, publicOrigin, platform);
  // The quota is per store and shared with every other app on it: paced by what each reply announces.
  const limiter =
    settings.limiter === false ? undefined : (settings.limiter ?? createWindowLimiter(assumedQuota));
  const http = createHttpClient({
    platform,
    baseUrl: `${origin}/stores/${storeHash}`,
    headers: { 'x-auth-token': accessToken },
    secrets: [accessToken],
    classifyFailure: classifyBigCommerceFailure,
    observeReply(reply) {
      const quota = readBigCommerceQuota(reply);
      if (quota !== null) limiter?.sync(quota);
    },
    limiter,
    // Date filters must not be percent-encoded (sheet §2.1, docs#620); keys and id lists read as written.
    unencodedQueryCharacters: ':,',
    timeoutMs: settings.timeoutMs,
    retry: settings.retry,
    fetch: settings.fetch,
    userAgent: `unicart-adapter-bigcommerce/${__PACKAGE_VERSION__}`,
  });
  const noBody = z.unknown();

  async function readCustomer(id: string, { signal }: CallOptions): Promise<BigCommerceCustomer | null> {
    // No single-customer route: one id through `id:in` (sheet §9.1).
    const { data } = await http.get('/v3/customers', {
      query: { 'id:in': id, include: 'addresses' },
      schema: bigcommerceCustomerPageSchema,
      signal,
    });
    return data.data.find((customer) => String(customer.id) === id) ?? null;
  }

  async function readWithStates(
    id: string,
    options: CallOptions,
  ): Promise<BigCommerceCustomerWithStates | null> {
    const customer = await readCustomer(id, options);
    return customer === null ? null : withStates(customer, options);
  }

  async function existingCustomer(id: string, options: CallOptions): Promise<BigCommerceCustomer> {
    const customer = await readCustomer(id, options);
    if (customer === null)
      throw new NotFoundError(`BigCommerce has no customer ${JSON.stringify(id)}`, { platform });
    return customer;
  }

  const geography = createBigCommerceGeography(http);

  /** Each address's state code, from BigCommerce's geography (sheet §5, §10). */
  async function withStates(
    customer: BigCommerceCustomer,
    options: CallOptions,
  ): Promise<BigCommerceCustomerWithStates> {
    const stateCodes: (string | null)[] = [];
    for (const address of customer.addresses ?? []) {
      const state = address.state_or_province?.trim().toLowerCase();
      const states =
        state && address.country_code ? await geography.states(address.country_code, options) : null;
      stateCodes.push((state && states?.codeByName.get(state)) ?? null);
    }
    return { customer, stateCodes };
  }

  /** The names of the state codes given without a name, looked up before the writes that use them. */
  async function stateNamesFor(
    lookups: readonly StateCodeLookup[],
    options: CallOptions,
  ): Promise<StateNames> {
    const tables = new Map<string, BigCommerceStates | null>();
    for (const { countryCode } of lookups) {
      if (!tables.has(countryCode)) tables.set(countryCode, await geography.states(countryCode, options));
    }
    return ({ countryCode, code }) => {
      const states = tables.get(countryCode);
      // A country without a state list takes any text (sheet §5).
      return states === null || states === undefined ? code : states.nameByCode.get(code.toLowerCase());
    };
  }
  // Validation before any request: codes pass as they are, the real names are looked up afterwards.
  const codesAsNames: StateNames = ({ code }) => code;

  async function writeCustomers(method: 'post' | 'put', body: readonly object[], { signal }: CallOptions) {
    const { data } = await http[method]('/v3/customers', {
      body,
      schema: bigcommerceCustomerWriteSchema,
      signal,
    });
    const [customer] = data.data;
    if (customer === undefined) {
      throw new UpstreamError(
        `BigCommerce answered ${method.toUpperCase()} /v3/customers without the customer`,
        {
          platform,
        },
      );
    }
    return customer;
  }

  async function applyAddressBook(customerId: number, changes: AddressBookChanges, { signal }: CallOptions) {
    for (const batch of inBatches(changes.create)) {
      await http.post('/v3/customers/addresses', {
        body: batch.map((address) => ({ ...address, customer_id: customerId })),
        schema: bigcommerceAddressWriteSchema,
        signal,
      });
    }
    for (const batch of inBatches(changes.update)) {
      await http.put('/v3/customers/addresses', {
        body: batch,
        schema: bigcommerceAddressWriteSchema,
        signal,
      });
    }
    for (const batch of inBatches(changes.remove)) {
      // Always with `id:in`: without it BigCommerce would answer 204 all the same.
      await http.delete('/v3/customers/addresses', {
        query: { 'id:in': batch.join(',') },
        schema: noBody,
        signal,
      });
    }
  }

  async function create(
    input: CustomerCreateInput,
    options: CallOptions,
  ): Promise<BigCommerceCustomerWithStates> {
    toBigCommerceCreateBody(input, codesAsNames);
    const body = toBigCommerceCreateBody(
      input,
      await stateNamesFor(stateCodesToLookUp(input.addresses), options),
    );
    // An array even for one, answered 200 with the stored customer and its addresses (sheet §2.2).
    return withStates(await writeCustomers('post', [body], options), options);
  }

  async function update(id: string, input: CustomerUpdateInput, options: CallOptions) {
    const body: BigCommerceCustomerWrite = toBigCommerceUpdateBody(input);
    if (input.addresses !== undefined) assertAddressesWritable(input.addresses);
    const existing = await existingCustomer(id, options);
    const changes =
      input.addresses === undefined
        ? undefined
        : planAddressBookChanges(
            existing.addresses ?? [],
            input.addresses,
            {
              firstName: input.firstName ?? existing.first_name,
              lastName: input.lastName ?? existing.last_name,
            },
            await stateNamesFor(stateCodesToLookUp(input.addresses), options),
          );
    // `PUT /v3/customers` ignores addresses: they go through the addresses resource (sheet §2.2).
    let customer =
      Object.keys(body).length === 0
        ? existing
        : await writeCustomers('put', [{ id: existing.id, ...body }], options);
    if (changes !== undefined) {
      await applyAddressBook(existing.id, changes, options);
      customer = await existingCustomer(id, options);
    }
    return withStates(customer, options);
  }

  async function orderItems(order: BigCommerceOrderWithItems['order'], { signal }: CallOptions) {
    // The link's `resource` under our own base; its `url` names the public host (sheet §9.10).
    const resource = order.products?.resource;
    const path =
      resource && /^\/orders\/\d+\/products$/.test(resource)
        ? `/v2${resource}`
        : `/v2/orders/${order.id}/products`;
    const items = [];
    for (let page = 1; ; page += 1) {
      const { data } = await http.get(path, {
        query: { page, limit: maxPageSize },
        schema: bigcommerceOrderProductListSchema,
        signal,
      });
      items.push(...data);
      if (data.length < maxPageSize) return items;
    }
  }

  return defineCustomerAdapter({
    platform,
    displayName: 'BigCommerce',
    capabilities: bigcommerceCapabilities,
    // Customer ids are positive integers.
    parseId: positiveIntegerIds(18),
    map: (native: BigCommerceCustomerWithStates, { currency }) => mapBigCommerceCustomer(native, currency),
    storeCurrency: {
      load: async ({ signal }) =>
        (await http.get('/v2/store', { schema: bigcommerceStoreSchema, signal })).data.currency,
      whenUnavailable: whenCurrencyUnavailable,
    },
    logger: settings.logger,

    list: {
      positions: cursorPositions,
      maxPageSize,
      scanPageSize: maxPageSize,
      maxScanPages: 4,
      translate: translateBigCommerceQuery,
      filterable: toBigCommerceFilterableCustomer,
      async complete(records: readonly BigCommerceCustomer[], options: CallOptions) {
        const completed: BigCommerceCustomerWithStates[] = [];
        for (const record of records) completed.push(await withStates(record, options));
        return completed;
      },
      // Cursor pages follow id order and do not skip or repeat over a changing store (sheet §3).
      async fetchPage(
        { params, position, size }: { params: BigCommerceListParams; position: string | null; size: number },
        { signal },
      ) {
        const { data } = await http.get('/v3/customers', {
          query: { ...params.query, limit: size, ...(position === null ? {} : { after: position }) },
          schema: bigcommerceCustomerPageSchema,
          signal,
        });
        const cursor = data.meta.cursor_pagination;
        const hasNext = data.data.length > 0 && cursor?.links?.next && cursor.end_cursor;
        return { items: data.data, next: hasNext ? (cursor?.end_cursor ?? null) : null };
      },
      // No count endpoint: the total of a one-customer page (sheet §2).
      async count(params, { signal }) {
        const { data } = await http.get('/v3/customers', {
          query: { ...params.query, include: undefined, limit: 1 },
          schema: bigcommerceCustomerPageSchema,
          signal,
        });
        return data.meta.pagination?.total ?? null;
      },
    },

    read: readWithStates,
    create,
    update,

    async delete(id, options) {
      await existingCustomer(id, options);
      await http.delete('/v3/customers', { query: { 'id:in': id }, schema: noBody, signal: options.signal });
    },

    orders: {
      positions: offsetPositions(platform),
      maxPageSize,
      async assertCustomerExists(id, options) {
        await existingCustomer(id, options);
      },
      // v2 pages by number: a position not on a page boundary of this size reads smaller pages up to it.
      async fetchPage({ customerId, position, size }, { signal }) {
        const offset = position ?? 0;
        const limit = offset % size === 0 ? size : greatestCommonDivisor(offset, size);
        const { data } = await http.get('/v2/orders', {
          query: { customer_id: customerId, page: offset / limit + 1, limit, sort: 'id:asc' },
          schema: bigcommerceOrderListSchema,
          signal,
        });
        return {
          items: data.map((order) => ({ order, items: [] })),
          next: data.length === limit ? offset + data.length : null,
        };
      },
      async complete(orders, options) {
        const completed: BigCommerceOrderWithItems[] = [];
        for (const { order } of orders) completed.push({ order, items: await orderItems(order, options) });
        return completed;
      },
      map: mapBigCommerceOrder,
    },
  });
}

/** The BigCommerce platform, as the gateway registers it. */
export const bigcommercePlatform: AdapterDefinition<BigCommerceCredentials> = {
  specificationVersion: 'v1',
  platform,
  displayName: 'BigCommerce',
  capabilities: bigcommerceCapabilities,
  credentialsSchema: bigcommerceCredentialsSchema,
  upstreamUrls: () => [publicOrigin],
  webhooks: bigCommerceWebhooks,
  create: (settings) => createBigCommerceAdapter(settings),
};
