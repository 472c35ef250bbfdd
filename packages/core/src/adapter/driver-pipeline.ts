import { NotFoundError } from '../errors/not-found-error';
import { UpstreamRateLimitedError } from '../errors/upstream-rate-limited-error';
import { timeLeftMs } from '../http/deadline';
import type { Customer } from '../models/customer';
import type { CustomerCreateInput, CustomerUpdateInput } from '../models/customer-input';
import type { Order } from '../models/order';
import { type CustomerFilters, type CustomerQuery, matchesCustomerFilters } from '../query/customer-query';
import { type CollectedPage, collectFilteredPage } from './collect-filtered-page';
import { createStoreCurrency } from './store-currency';
import type {
  AdapterCapabilities,
  CallOptions,
  CustomerOperation,
  IterateOptions,
  Page,
  PageRequest,
} from './v1/customer-adapter-v1';
import type {
  CustomerDriver,
  CustomerListDriver,
  CustomerOrdersDriver,
  MappingContext,
  NativePage,
  NativePaging,
} from './v1/customer-driver';

/** The adapter methods the pipeline builds from a driver: one per declared operation, none for the others. */
export interface AdapterMethods {
  readonly platform: string;
  readonly capabilities: AdapterCapabilities;
  listCustomers?(query: CustomerQuery, options: CallOptions): Promise<Page<Customer>>;
  countCustomers?(filters: CustomerFilters, options: CallOptions): Promise<number>;
  getCustomer?(id: string, options: CallOptions): Promise<Customer | null>;
  createCustomer?(input: CustomerCreateInput, options: CallOptions): Promise<Customer>;
  updateCustomer?(id: string, input: CustomerUpdateInput, options: CallOptions): Promise<Customer>;
  deleteCustomer?(id: string, options: CallOptions): Promise<void>;
  listCustomerOrders?(customerId: string, page: PageRequest, options: CallOptions): Promise<Page<Order>>;
  /** Every matching customer from the driver's `exportAll`, or `null` when core must page instead. */
  exportCustomers?(filters: CustomerFilters, options: IterateOptions): AsyncIterable<Customer> | null;
  /** The largest native page of the customer list (`maxPageSize`), which iterations may ask for. */
  readonly largestListPage?: number;
  listChangedCustomerIds?(since: string, options: CallOptions): Promise<string[]>;
  listDeletedCustomerIds?(since: string | null, options: CallOptions): Promise<string[]>;
}

/** Native pages one collected list call reads at most, unless the driver says otherwise. */
const defaultMaxCollectedPages = 20;

const memberByOperation: Record<CustomerOperation, keyof CustomerDriver<unknown>> = {
  list: 'list',
  count: 'list',
  get: 'read',
  create: 'create',
  update: 'update',
  delete: 'delete',
  orders: 'orders',
};

function assertDriverMatchesCapabilities(
  driver: CustomerDriver<unknown, unknown, unknown, unknown, unknown>,
) {
  const { operations } = driver.capabilities;
  for (const [operation, member] of Object.entries(memberByOperation) as [CustomerOperation, string][]) {
    const present = (driver as unknown as Record<string, unknown>)[member] !== undefined;
    const declaredByMember =
      operation === 'list' || operation === 'count'
        ? operations.list || operations.count
        : operations[operation];
    if (operations[operation] && !present) {
      throw new Error(
        `Adapter '${driver.platform}' declares operation '${operation}' but its driver lacks '${member}'`,
      );
    }
    if (!declaredByMember && present) {
      throw new Error(
        `Adapter '${driver.platform}' has '${member}' in its driver but declares no operation that uses it`,
      );
    }
  }
  assertChangeFeedsMatchCapabilities(driver);
}

/** `capabilities.sync` and the driver's change feeds must say the same thing. */
function assertChangeFeedsMatchCapabilities(
  driver: CustomerDriver<unknown, unknown, unknown, unknown, unknown>,
) {
  const { sync, filters } = driver.capabilities;
  const fail = (message: string) => {
    throw new Error(`Adapter '${driver.platform}' ${message}`);
  };
  const feeds = driver.changeFeeds;
  if ((sync?.changes === 'changedIds') !== (feeds?.listChangedCustomerIds !== undefined))
    fail("must have changeFeeds.listChangedCustomerIds exactly when it declares sync.changes 'changedIds'");
  if ((sync?.deletes === 'native') !== (feeds?.listDeletedCustomerIds !== undefined))
    fail("must have changeFeeds.listDeletedCustomerIds exactly when it declares sync.deletes 'native'");
  if (sync?.changes === 'updatedAt' && filters['updatedAt[from]'] !== 'native')
    fail("declares sync.changes 'updatedAt' without a native updatedAt[from] filter");
}

/** Collects a canonical page from native pages: positions kept as cursor text inside core's collected cursor. */
function collectPage<Item, Position>(options: {
  readonly paging: NativePaging<Position>;
  readonly limit: number;
  readonly cursor: string | null;
  readonly fetchPage: (position: Position | null) => Promise<NativePage<Item, Position>>;
  readonly keep: (item: Item) => boolean;
  readonly maxUpstreamPages: number;
  readonly itemPosition?: ((item: Item) => Position | undefined) | undefined;
}): Promise<CollectedPage<Item>> {
  const { positions } = options.paging;
  const encode = (position: Position | null) => (position === null ? null : positions.encode(position));
  const itemPosition = options.itemPosition;
  return collectFilteredPage({
    limit: options.limit,
    cursor: options.cursor,
    maxUpstreamPages: options.maxUpstreamPages,
    keep: options.keep,
    fetchPage: async (nativeCursor) => {
      const page = await options.fetchPage(nativeCursor === null ? null : positions.decode(nativeCursor));
      return { items: page.items, next: encode(page.next) };
    },
    itemCursor:
      itemPosition &&
      ((item) => {
        const position = itemPosition(item);
        return position === undefined ? undefined : positions.encode(position);
      }),
  });
}

/** The native position a caller's cursor names; a cursor the adapter did not issue is a 400. */
function decodeCursor<Position>(paging: NativePaging<Position>, cursor: string | null): Position | null {
  return cursor === null ? null : paging.positions.decode(cursor);
}

/** One native page as the canonical page, its next position as the cursor. */
function nativePage<Item, Position>(
  paging: NativePaging<Position>,
  page: NativePage<Item, Position>,
): Page<Item> {
  return {
    items: [...page.items],
    nextCursor: page.next === null ? null : paging.positions.encode(page.next),
  };
}

function usesNativeCursor(paging: NativePaging<unknown>, limit: number): boolean {
  return (
    (paging.cursor ?? 'native') === 'native' &&
    (paging.maxPageSize === undefined || limit <= paging.maxPageSize)
  );
}

/**
 * Turns a `CustomerDriver` into the adapter methods `defineCustomerAdapter` validates and wraps:
 * the list pipeline (filter, then map each record once), count by scan, the id guard, the store
 * currency and "does the customer exist" before its orders.
 */
export function adapterMethodsFromDriver<Native, Listed, Params, Position, NativeOrder, OrderPosition>(
  driver: CustomerDriver<Native, Listed, Params, Position, NativeOrder, OrderPosition>,
): AdapterMethods {
  assertDriverMatchesCapabilities(driver as CustomerDriver<unknown, unknown, unknown, unknown, unknown>);
  const { platform, displayName, capabilities } = driver;
  const storeCurrency =
    driver.storeCurrency &&
    createStoreCurrency({
      platform,
      load: (signal) => (driver.storeCurrency as NonNullable<typeof driver.storeCurrency>).load({ signal }),
      whenUnavailable: (error) =>
        (driver.storeCurrency as NonNullable<typeof driver.storeCurrency>).whenUnavailable(error),
      logger: driver.logger,
    });

  function unknownCustomer(id: string): NotFoundError {
    return new NotFoundError(`${displayName} has no customer ${JSON.stringify(id)}`, { platform });
  }

  function nativeIdOf(id: string): string {
    const nativeId = driver.parseId(id);
    if (nativeId === null) throw unknownCustomer(id);
    return nativeId;
  }

  // The currency is read after the records, so a failure of the call itself surfaces first, and
  // not at all when there is nothing to map.
  async function mappingContext(needsCurrency: boolean, { signal }: CallOptions): Promise<MappingContext> {
    return { currency: needsCurrency && storeCurrency ? await storeCurrency.get(signal) : null };
  }

  async function mapCustomers(natives: readonly Native[], options: CallOptions): Promise<Customer[]> {
    if (natives.length === 0) return [];
    const context = await mappingContext(true, options);
    return natives.map((native) => driver.map(native, context));
  }

  const methods: {
    -readonly [Key in keyof AdapterMethods]: AdapterMethods[Key];
  } = { platform, capabilities };
  const { list, orders } = driver;

  if (list) {
    const listMethods = listPipeline(list, mapCustomers);
    if (capabilities.operations.list) methods.listCustomers = listMethods.listCustomers;
    if (capabilities.operations.count) methods.countCustomers = listMethods.countCustomers;
    const exportAll = list.exportAll;
    if (capabilities.operations.list && exportAll) {
      methods.exportCustomers = (filters, options) => {
        const { params, remainder } = list.translate(filters);
        const natives = exportAll.call(list, params, options);
        if (natives === null) return null;
        const keep =
          remainder === null
            ? null
            : (native: Native) => matchesCustomerFilters(list.filterable(native), remainder);
        return mapExported(
          natives,
          keep,
          (native, context) => driver.map(native, context),
          () => mappingContext(true, options),
        );
      };
    }
    if (list.maxPageSize !== undefined) methods.largestListPage = list.maxPageSize;
  }
  const { read, create, update } = driver;
  if (read) {
    methods.getCustomer = async (id, options) => {
      const nativeId = driver.parseId(id);
      if (nativeId === null) return null;
      const native = await orNullWhenNotFound(read.call(driver, nativeId, options));
      return native === null ? null : ((await mapCustomers([native], options))[0] ?? null);
    };
  }
  if (create) {
    methods.createCustomer = async (input, options) =>
      (await mapCustomers([await create.call(driver, input, options)], options))[0] as Customer;
  }
  if (update) {
    methods.updateCustomer = async (id, input, options) => {
      const native = await update.call(driver, nativeIdOf(id), input, options);
      return (await mapCustomers([native], options))[0] as Customer;
    };
  }
  const remove = driver.delete;
  if (remove) {
    methods.deleteCustomer = (id, options) => remove.call(driver, nativeIdOf(id), options);
  }
  if (orders) {
    methods.listCustomerOrders = (customerId, page, options) =>
      listOrders(orders, nativeIdOf(customerId), page, options, mappingContext);
  }
  const feeds = driver.changeFeeds;
  if (feeds?.listChangedCustomerIds)
    methods.listChangedCustomerIds = (since, options) => feeds.listChangedCustomerIds!(since, options);
  if (feeds?.listDeletedCustomerIds)
    methods.listDeletedCustomerIds = (since, options) => feeds.listDeletedCustomerIds!(since, options);
  return methods;
}

/** Maps exported records as they arrive; the store currency is read once, before the first record mapped. */
async function* mapExported<Native>(
  natives: AsyncIterable<Native>,
  keep: ((native: Native) => boolean) | null,
  map: (native: Native, context: MappingContext) => Customer,
  context: () => Promise<MappingContext>,
): AsyncGenerator<Customer, void, undefined> {
  let mapping: MappingContext | undefined;
  for await (const native of natives) {
    if (keep !== null && !keep(native)) continue;
    mapping ??= await context();
    yield map(native, mapping);
  }
}

/** A read that answers `null` for a `NotFoundError`; any other failure still fails. */
export async function orNullWhenNotFound<Value>(read: Promise<Value | null>): Promise<Value | null> {
  try {
    return await read;
  } catch (error) {
    if (NotFoundError.isInstance(error)) return null;
    throw error;
  }
}

function listPipeline<Native, Listed, Params, Position>(
  list: CustomerListDriver<Native, Listed, Params, Position>,
  mapCustomers: (natives: readonly Native[], options: CallOptions) => Promise<Customer[]>,
) {
  const fetchPage =
    (params: Params, size: number, scan: boolean, options: CallOptions) => (position: Position | null) =>
      list.fetchPage({ params, position, size, scan }, options);
  const matcher = (remainder: CustomerFilters) => (record: Listed | Native) =>
    matchesCustomerFilters(list.filterable(record), remainder);

  async function listCustomers(query: CustomerQuery, options: CallOptions): Promise<Page<Customer>> {
    const { limit: _limit, cursor: _cursor, ...filters } = query;
    const { params, remainder } = list.translate(filters);
    let page: Page<Listed> | CollectedPage<Listed>;
    const boundByDeadline = list.complete !== undefined && list.completionMs !== undefined;
    if (remainder === null && !boundByDeadline && usesNativeCursor(list, query.limit)) {
      const position = decodeCursor(list, query.cursor);
      page = nativePage(list, await fetchPage(params, query.limit, false, options)(position));
    } else {
      const scanning = remainder !== null;
      const size = scanning ? list.scanPageSize : Math.min(query.limit, list.maxPageSize ?? query.limit);
      page = await collectPage({
        paging: list,
        limit: query.limit,
        cursor: query.cursor,
        fetchPage: fetchPage(params, size, scanning, options),
        keep: remainder === null ? () => true : matcher(remainder),
        maxUpstreamPages: scanning
          ? (list.maxScanPages ?? defaultMaxCollectedPages)
          : Math.max(defaultMaxCollectedPages, Math.ceil(query.limit / size)),
        itemPosition: list.itemPosition?.bind(list),
      });
    }
    let natives: readonly Native[];
    let nextCursor = page.nextCursor;
    if (list.complete) {
      ({ natives, nextCursor } = await completeInTime(list.complete.bind(list), page, options));
      // Completed records are fresher reads: what changed since the listing no longer matches.
      if (remainder !== null) natives = natives.filter(matcher(remainder));
    } else {
      natives = page.items as readonly unknown[] as readonly Native[];
    }
    return { items: await mapCustomers(natives, options), nextCursor };
  }

  /**
   * Completes a page's records; under a deadline (`completionMs`), one at a time, ending the page
   * before a record that would not finish in time and resuming just after the last one completed.
   */
  async function completeInTime(
    complete: NonNullable<typeof list.complete>,
    page: Page<Listed> | CollectedPage<Listed>,
    options: CallOptions,
  ): Promise<{ natives: readonly Native[]; nextCursor: string | null }> {
    const leastMs = list.completionMs;
    const deadlineSet = Number.isFinite(timeLeftMs(options.signal) ?? Number.POSITIVE_INFINITY);
    if (leastMs === undefined || !deadlineSet || !('cursorsAfter' in page)) {
      return { natives: await complete(page.items, options), nextCursor: page.nextCursor };
    }
    const natives: Native[] = [];
    const startedAt = Date.now();
    for (const [index, record] of page.items.entries()) {
      const endHere = { natives, nextCursor: page.cursorsAfter[index - 1] ?? null };
      if (index > 0) {
        const perRecordMs = Math.max(leastMs, (Date.now() - startedAt) / index);
        const left = timeLeftMs(options.signal) ?? Number.POSITIVE_INFINITY;
        // The limiter keeps min(1 s, a quarter) of the time left for the request; half a record more is slack.
        if (perRecordMs * 1.5 > left - Math.min(1_000, left / 4)) return endHere;
      }
      try {
        natives.push(...(await complete([record], options)));
      } catch (error) {
        // A turn the limiter cannot give in time ends the page, once it holds a record.
        if (index > 0 && UpstreamRateLimitedError.isInstance(error)) return endHere;
        throw error;
      }
    }
    return { natives, nextCursor: page.nextCursor };
  }

  async function countCustomers(filters: CustomerFilters, options: CallOptions): Promise<number> {
    const { params, remainder } = list.translate(filters);
    if (remainder === null && list.count) {
      const total = await list.count(params, options);
      if (total !== null) return total;
    }
    const keep = remainder === null ? () => true : matcher(remainder);
    const read = fetchPage(params, list.scanPageSize, true, options);
    let count = 0;
    let position: Position | null = null;
    do {
      const page: NativePage<Listed, Position> = await read(position);
      count += page.items.filter(keep).length;
      position = page.next;
    } while (position !== null);
    return count;
  }

  return { listCustomers, countCustomers };
}

async function listOrders<NativeOrder, Position>(
  orders: CustomerOrdersDriver<NativeOrder, Position>,
  customerId: string,
  request: PageRequest,
  options: CallOptions,
  mappingContext: (needsCurrency: boolean, options: CallOptions) => Promise<MappingContext>,
): Promise<Page<Order>> {
  const nativeCursor = usesNativeCursor(orders, request.limit);
  // A cursor the adapter did not issue is refused before any request.
  const position = nativeCursor ? decodeCursor(orders, request.cursor) : null;
  await orders.assertCustomerExists?.(customerId, options);
  const size = Math.min(request.limit, orders.maxPageSize ?? request.limit);
  const fetchPage = (at: Position | null) => orders.fetchPage({ customerId, position: at, size }, options);
  const page = nativeCursor
    ? nativePage(orders, await fetchPage(position))
    : await collectPage({
        paging: orders,
        limit: request.limit,
        cursor: request.cursor,
        fetchPage,
        keep: () => true,
        maxUpstreamPages: Math.ceil(request.limit / size),
      });
  const natives = orders.complete ? await orders.complete(page.items, options) : page.items;
  if (natives.length === 0) return { items: [], nextCursor: page.nextCursor };
  const context = await mappingContext(orders.usesStoreCurrency === true, options);
  return { items: natives.map((order) => orders.map(order, context)), nextCursor: page.nextCursor };
}
