import type { Customer } from '../../models/customer';
import type { CustomerCreateInput, CustomerUpdateInput } from '../../models/customer-input';
import type { Order } from '../../models/order';
import type { CustomerFilterName, CustomerFilters, CustomerQuery } from '../../query/customer-query';
import type { WebhookSubscriptions } from './platform-webhooks';

/** The seven operations of the contract; `orders` is "list a customer's orders". */
export type CustomerOperation = 'list' | 'count' | 'get' | 'create' | 'update' | 'delete' | 'orders';

export const customerOperations: readonly CustomerOperation[] = [
  'list',
  'count',
  'get',
  'create',
  'update',
  'delete',
  'orders',
];

/** `native`: the platform filters; `emulated`: the adapter does extra upstream work (e.g. a scan). */
export type FilterSupport = 'native' | 'emulated';

/** What a platform can do. Capabilities are data: the gateway's capabilities route and refusals come from them. */
export interface AdapterCapabilities {
  /** Operations the platform supports; a `false` one throws `OperationNotSupportedError`. */
  readonly operations: Readonly<Record<CustomerOperation, boolean>>;
  /** Filters honoured natively or by a correct emulation; any other filter is refused. */
  readonly filters: Readonly<Partial<Record<CustomerFilterName, FilterSupport>>>;
  /**
   * The customer input fields (create and update) the platform stores; a non-empty value of any other
   * field is refused with `InvalidRequestError`. Absent: not declared (clients must try).
   */
  readonly writableFields?: readonly CustomerWritableField[];
  /**
   * How a mirror of the store is kept (CONTRACT.md §5): how changed and deleted customers are found.
   * Absent: the platform's customers cannot be mirrored from its customer resource.
   */
  readonly sync?: SyncCapabilities;
}

/**
 * How the sync engine finds what changed on the platform since its last look.
 * - `changes: 'updatedAt'`: the platform filters on update time (`updatedAt[from]` is `native`), so
 *   `iterateCustomers({ updatedAt: { from } })` reads only customers changed since `from`.
 * - `changes: 'changedIds'`: records carry no update time, but the platform lists the ids of those
 *   altered since a time (`listChangedCustomerIds`); each is then read (`getCustomer`).
 * - `changes: 'scan'`: nothing narrows the read: every poll is a full read.
 * - `deletes: 'native'`: the platform keeps a feed of deleted customers (`listDeletedCustomerIds`).
 * - `deletes: 'webhook'`: the platform sends customer-deleted webhooks (else, and always as a
 *   safety net, a complete full read is compared with the mirror).
 * - `deletes: 'scan'`: only comparing a complete full read with the mirror finds deletions.
 */
export interface SyncCapabilities {
  readonly changes: 'updatedAt' | 'changedIds' | 'scan';
  readonly deletes: 'native' | 'webhook' | 'scan';
}

/** A top-level field of the customer input (`customerCreateInputSchema`, `customerUpdateInputSchema`). */
export type CustomerWritableField = keyof CustomerUpdateInput;

/** Per-call options. */
export interface CallOptions {
  /** Aborts upstream calls and retry waits when the caller goes away. */
  readonly signal?: AbortSignal | undefined;
}

/** A page of results. */
export interface Page<Item> {
  readonly items: Item[];
  /** The adapter's own opaque position of the next page; `null` on the last page. */
  readonly nextCursor: string | null;
}

/** Page size and position for lists without filters (a customer's orders). */
export interface PageRequest {
  /** 1..100. */
  readonly limit: number;
  /** A previous page's `nextCursor`; `null` for the first page. */
  readonly cursor: string | null;
}

/** Options of the all-customers iterator. */
export interface IterateOptions extends CallOptions {
  /**
   * Page size of the list calls, 1..100, or up to the adapter's largest native page where that is
   * larger (default: the larger of 100 and that page).
   */
  readonly pageSize?: number;
  /**
   * Called while a driver's export (`exportAll`) waits on the platform with no customer to yield yet
   * (a bulk operation being prepared), each time the platform reports progress: a caller that
   * bounds each wait on the platform (the gateway's deadline) counts from the last progress.
   */
  readonly onProgress?: (() => void) | undefined;
}

/**
 * Version 1 of the adapter interface: what every `@unicart/adapter-*` factory returns. Build it with
 * `defineCustomerAdapter`, which validates input, refuses undeclared operations and filters before
 * any request, and normalises failures into Unicart errors.
 */
export interface CustomerAdapterV1 {
  /** Interface version this object implements; the gateway refuses versions it does not know. */
  readonly specificationVersion: 'v1';
  /** Platform id, lower case, no separators (`ecwid`, `shopify`, `woocommerce`). */
  readonly platform: string;
  readonly capabilities: AdapterCapabilities;
  /** One page of customers matching every filter of `query`. */
  listCustomers(query: CustomerQuery, options?: CallOptions): Promise<Page<Customer>>;
  /** How many customers match the filters. */
  countCustomers(filters: CustomerFilters, options?: CallOptions): Promise<number>;
  /** Resolves `null` when the platform has no such customer. */
  getCustomer(id: string, options?: CallOptions): Promise<Customer | null>;
  /** Creates a customer and returns it as the platform stored it. */
  createCustomer(input: CustomerCreateInput, options?: CallOptions): Promise<Customer>;
  /** Changes only the keys present in `input`; throws `NotFoundError` for an unknown id. */
  updateCustomer(id: string, input: CustomerUpdateInput, options?: CallOptions): Promise<Customer>;
  /** Deletes a customer; throws `NotFoundError` for an unknown id. */
  deleteCustomer(id: string, options?: CallOptions): Promise<void>;
  /** One page of a customer's orders; throws `NotFoundError` for an unknown customer. */
  listCustomerOrders(customerId: string, page: PageRequest, options?: CallOptions): Promise<Page<Order>>;
  /** Every customer matching `filters`, each exactly once, across as many pages as it takes. */
  iterateCustomers(filters: CustomerFilters, options?: IterateOptions): AsyncIterable<Customer>;
  /**
   * Ids of the customers the platform says were created or altered at or after `since` (ISO 8601),
   * deleted ones excluded; it may name more (its own precision), never fewer. Present exactly when
   * `capabilities.sync.changes` is `changedIds`.
   */
  listChangedCustomerIds?(since: string, options?: CallOptions): Promise<string[]>;
  /**
   * Ids of the customers the platform's deleted feed says were deleted at or after `since` (ISO
   * 8601), or every deletion it still keeps when `since` is `null`; it may name more, never fewer.
   * Present exactly when `capabilities.sync.deletes` is `native`.
   */
  listDeletedCustomerIds?(since: string | null, options?: CallOptions): Promise<string[]>;
  /**
   * Registers and removes the store's customer webhooks through the platform's API; absent where
   * the platform configures webhooks elsewhere (an app's settings) or has none.
   */
  readonly webhookSubscriptions?: WebhookSubscriptions | undefined;
}
