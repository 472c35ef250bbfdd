import type { Customer } from '../../models/customer';
import type { CustomerCreateInput, CustomerUpdateInput } from '../../models/customer-input';
import type { Order } from '../../models/order';
import type { CustomerFilters, FilterableCustomer } from '../../query/customer-query';
import type { CurrencyUnavailable } from '../store-currency';
import type { AdapterLogger } from './adapter-definition';
import type { AdapterCapabilities, CallOptions, IterateOptions } from './customer-adapter-v1';

/**
 * What a platform adapter writes: platform logic only (translate, fetch one native page, map one
 * record). `defineCustomerAdapter(driver)` turns it into a `CustomerAdapterV1` and does the rest
 * once for every platform: validation, refusals, the id guard, paging, filter emulation (filter,
 * then map each record once), count by scan, the store currency cache, "does the customer exist"
 * before its orders, and normalised errors.
 *
 * Type parameters: `Native` is the platform's complete customer record (what `map` takes), `Listed`
 * what a list page holds (`Native` unless lists read a lighter record first), `Params` the driver's
 * own translation of filters, `Position` a native page position, `NativeOrder` an order record.
 */
export interface CustomerDriver<
  Native,
  Listed = Native,
  Params = unknown,
  Position = string,
  NativeOrder = never,
  OrderPosition = string,
> {
  /** Platform id, lower case, no separators (`ecwid`, `woocommerce`). */
  readonly platform: string;
  /** Human name (`WooCommerce`), used in messages such as "WooCommerce has no customer "7"". */
  readonly displayName: string;
  /** Operations and filters the platform honours; `defineCustomerAdapter` checks them against the members below. */
  readonly capabilities: AdapterCapabilities;
  /**
   * The native id a canonical id names, or `null` when it cannot name a record of this platform:
   * core then answers `null` (get) or `NotFoundError` (update, delete, orders) without a request.
   */
  parseId(id: string): string | null;
  /** Maps one complete native customer to the canonical model; pure, called once per record returned. */
  map(native: Native, context: MappingContext): Customer;
  /**
   * Where the store's currency comes from, for platforms that keep it on the store rather than on
   * each record (read once per adapter, cached, and only when a record is about to be mapped).
   * Omit it and `context.currency` is always `null`.
   */
  readonly storeCurrency?: StoreCurrencySource | undefined;
  /** Receives core's warnings about this platform (an unavailable store currency). */
  readonly logger?: AdapterLogger | undefined;
  /** Lists and counts customers; required when `list` or `count` is declared. */
  readonly list?: CustomerListDriver<Native, Listed, Params, Position> | undefined;
  /**
   * Reads one customer by native id; `null` or a `NotFoundError` both mean "no such customer"
   * (core answers `null`). Required when `get` is declared.
   */
  read?(nativeId: string, options: CallOptions): Promise<Native | null>;
  /** Creates a customer and returns its native record as stored. Required when `create` is declared. */
  create?(input: CustomerCreateInput, options: CallOptions): Promise<Native>;
  /**
   * Changes only the keys present in `input` and returns the native record as stored; throws
   * `NotFoundError` for an unknown customer. Required when `update` is declared.
   */
  update?(nativeId: string, input: CustomerUpdateInput, options: CallOptions): Promise<Native>;
  /** Deletes a customer; throws `NotFoundError` for an unknown one. Required when `delete` is declared. */
  delete?(nativeId: string, options: CallOptions): Promise<void>;
  /** Pages a customer's orders; required when `orders` is declared. */
  readonly orders?: CustomerOrdersDriver<NativeOrder, OrderPosition> | undefined;
  /** The platform's own change feeds, as `capabilities.sync` declares them. */
  readonly changeFeeds?: CustomerChangeFeeds | undefined;
}

/**
 * The feeds behind `capabilities.sync` (`listChangedCustomerIds` for `changes: 'changedIds'`,
 * `listDeletedCustomerIds` for `deletes: 'native'`). Ids are canonical customer ids.
 */
export interface CustomerChangeFeeds {
  listChangedCustomerIds?(since: string, options: CallOptions): Promise<string[]>;
  listDeletedCustomerIds?(since: string | null, options: CallOptions): Promise<string[]>;
}

/** What `map` receives besides the record. */
export interface MappingContext {
  /** The store's ISO 4217 currency, or `null` when the platform has none or did not give it. */
  readonly currency: string | null;
}

/** The store currency of platforms that keep it on the store (see `createStoreCurrency`). */
export interface StoreCurrencySource {
  /** Reads the store's currency code as the platform spells it (core normalises it to ISO 4217 or `null`). */
  load(options: CallOptions): Promise<string | null | undefined>;
  /** What a failed read means: `remember` (`null` from now on), `skip` (`null` this time) or `fail`. */
  whenUnavailable(error: unknown): CurrencyUnavailable;
}

/**
 * How adapter cursors name native positions. Core decodes a caller's cursor before any request, so
 * a cursor the adapter did not issue is a 400 without upstream traffic. Core ships
 * `offsetPositions(platform)` (numeric offsets) and `opaquePositions` (the platform's own strings).
 */
export interface PositionCodec<Position> {
  /** The cursor text of a position. */
  encode(position: Position): string;
  /** The position a cursor names; throws `InvalidRequestError` for a cursor this adapter did not issue. */
  decode(cursor: string): Position;
}

/** How a paged list (customers or a customer's orders) turns native pages into canonical ones. */
export interface NativePaging<Position> {
  /** Encodes and decodes native positions as cursor text. */
  readonly positions: PositionCodec<Position>;
  /**
   * `native` (default): an exact page is one native page of `limit` records, and its cursor is the
   * native position of the next page. `collected`: core fills pages from native pages and its cursor
   * keeps the native position plus the records already returned from that page (`collectFilteredPage`).
   * Lists with a `remainder` are always collected.
   */
  readonly cursor?: 'native' | 'collected' | undefined;
  /** The largest native page the driver asks for; a longer canonical page is collected from several. */
  readonly maxPageSize?: number | undefined;
}

/** Lists and counts customers: translate once, then fetch native pages at native positions. */
export interface CustomerListDriver<Native, Listed, Params, Position> extends NativePaging<Position> {
  /**
   * Canonical filters (only declared ones reach it) → the platform's own parameters plus the filters
   * core must check on each record. Pure: no I/O.
   */
  translate(filters: CustomerFilters): NativeListPlan<Params>;
  /** Fetches one native page at a native position (`null`: the start of the list, wherever that is). */
  fetchPage(
    request: NativePageRequest<Params, Position>,
    options: CallOptions,
  ): Promise<NativePage<Listed, Position>>;
  /** The fields the filters look at, of a listed record (and of a completed one when `complete` is given). */
  filterable(record: Listed | Native): FilterableCustomer;
  /** Native records read per request while scanning (a `remainder`, or a count by scan). */
  readonly scanPageSize: number;
  /** Native pages one list call reads at most while scanning before it returns a short page with a cursor (default 20). */
  readonly maxScanPages?: number | undefined;
  /**
   * The native position just after a listed record (GraphQL `edges { cursor }`), or `undefined`. When
   * given, a page that ends part-way through a native page resumes after its last record rather than
   * at a count of records into that page, which shifts when records are added or removed in between.
   */
  itemPosition?(record: Listed): Position | undefined;
  /**
   * Turns the kept listed records into complete native records, in the same order (reads them in
   * full, adds nested pages); a record gone meanwhile is left out. When a `remainder` exists core
   * checks it again on the completed records. Required unless `Listed` is `Native`.
   */
  complete?(records: readonly Listed[], options: CallOptions): Promise<readonly Native[]>;
  /**
   * Optional: every customer the plan's `params` select, read in one go by the platform's own
   * whole-store export (Shopify's bulk operations) instead of page after page. `iterateCustomers`
   * (and so the gateway's export) uses it when present; core keeps only records matching the plan's
   * `remainder` and maps each once. Answer `null` when these parameters are better served by pages
   * (core then pages as without it). Stopping the iteration or aborting `options.signal` must stop
   * the platform's work; call `options.onProgress` whenever the platform reports progress before
   * the first record can be yielded.
   */
  exportAll?(params: Params, options: IterateOptions): AsyncIterable<Native> | null;

  /**
   * The least time, in milliseconds, `complete` takes per record (one request each at the platform's
   * pace), for platforms whose list lacks fields that only a read per record gives. When set and the
   * call's signal carries a deadline (`setSignalDeadline`), core collects the page (`cursor` is then
   * `collected` whatever it says), completes its records one at a time, and ends the page before a
   * record that would not finish in time (judged from this time, the time records took so far and
   * what the rate limiter keeps in reserve). The first record is always completed. The page is then
   * shorter than `limit`, with a cursor resuming just after its last record. Without a deadline,
   * pages are complete as usual.
   */
  readonly completionMs?: number | undefined;
  /**
   * The platform's own count for an exact plan (`remainder` is `null`), or `null` when it cannot give
   * one cheaply or exactly: core then counts by scan. Omit it to always count by scan.
   */
  count?(params: Params, options: CallOptions): Promise<number | null>;
}

/** What `translate` makes of the canonical filters. */
export interface NativeListPlan<Params> {
  /** The platform's parameters for every page request of the list (core passes them through unread). */
  readonly params: Params;
  /**
   * Filters the platform cannot apply, or applies more loosely than the contract (partial email
   * match, day-wide dates): core keeps only records matching them (`matchesCustomerFilters` on
   * `filterable`), scanning `scanPageSize` at a time. `null` when the platform's answer is exact.
   */
  readonly remainder: CustomerFilters | null;
}

/** One request for a native page of customers. */
export interface NativePageRequest<Params, Position> {
  /** The plan's parameters. */
  readonly params: Params;
  /** Where the page starts; `null` for the start of the list (e.g. after a `sinceId` the platform cannot filter on). */
  readonly position: Position | null;
  /** How many records to ask for. */
  readonly size: number;
  /** `true` when core reads the records to check or count them itself: a lighter `Listed` record may do. */
  readonly scan: boolean;
}

/** One native page and where the next one starts. */
export interface NativePage<Item, Position = string> {
  /** The records in the platform's order. */
  readonly items: readonly Item[];
  /** Native position of the next page; `null` on the last page. */
  readonly next: Position | null;
}

/** Pages a customer's orders. */
export interface CustomerOrdersDriver<NativeOrder, Position> extends NativePaging<Position> {
  /**
   * Resolves when the customer exists and throws `NotFoundError` when not, for platforms whose order
   * list answers an empty page for an unknown customer. Omit it when `fetchPage` throws `NotFoundError` itself.
   */
  assertCustomerExists?(nativeId: string, options: CallOptions): Promise<void>;
  /** Fetches one native page of the customer's orders at a native position (`null`: the first page). */
  fetchPage(
    request: NativeOrderPageRequest<Position>,
    options: CallOptions,
  ): Promise<NativePage<NativeOrder, Position>>;
  /** Completes the orders of a page (nested pages such as line items), in the same order. */
  complete?(orders: readonly NativeOrder[], options: CallOptions): Promise<readonly NativeOrder[]>;
  /** Maps one complete native order; pure. */
  map(order: NativeOrder, context: MappingContext): Order;
  /** Whether `map` needs the store currency (the platform's orders do not carry their own). */
  readonly usesStoreCurrency?: boolean | undefined;
}

/** One request for a native page of a customer's orders. */
export interface NativeOrderPageRequest<Position> {
  /** The customer's native id (`parseId`'s answer). */
  readonly customerId: string;
  /** Where the page starts; `null` for the first page. */
  readonly position: Position | null;
  /** How many orders to ask for. */
  readonly size: number;
}
