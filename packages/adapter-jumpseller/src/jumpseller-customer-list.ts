import {
  type CallOptions,
  type CustomerListDriver,
  type FilterableCustomer,
  filterableFromCustomer,
  findFirstOffset,
  isIdGreater,
  offsetPositions,
  orNullWhenNotFound,
} from '@unicart/core';
import type { JumpsellerCustomer } from './jumpseller-api';
import { fetchNumberedPage, maxJumpsellerLimit } from './jumpseller-pagination';
import { mapJumpsellerCustomer } from './map-jumpseller-customer';
import {
  type JumpsellerListSource,
  type JumpsellerOrder,
  translateJumpsellerQuery,
} from './translate-jumpseller-query';

/** The calls a customer list makes; the adapter binds them to its HTTP client. */
export interface JumpsellerCustomerReads {
  /** `GET /customers.json?limit&page`, ascending ids. */
  list(page: number, limit: number, options: CallOptions): Promise<readonly JumpsellerCustomer[]>;
  /** `GET /customers/search.json?query&order&limit&page`. */
  search(
    query: string,
    order: JumpsellerOrder,
    page: number,
    limit: number,
    options: CallOptions,
  ): Promise<readonly JumpsellerCustomer[]>;
  /** `GET /customers/email/{email}.json`; `NotFoundError` when nobody has it. */
  byEmail(email: string, options: CallOptions): Promise<JumpsellerCustomer>;
  /** `GET /customers/{id}.json`; `NotFoundError` for an unknown id. */
  byId(id: string, options: CallOptions): Promise<JumpsellerCustomer>;
  /** `GET /customers/count.json`. */
  count(options: CallOptions): Promise<number>;
}

/**
 * What the filters look at, as the canonical customer holds it (consent, categories as tags, phone
 * with its prefix, the addresses' countries): every listed customer is complete. No dates (sheet §5).
 */
export function toJumpsellerFilterableCustomer(native: JumpsellerCustomer): FilterableCustomer {
  return filterableFromCustomer(mapJumpsellerCustomer(native, null));
}

/**
 * Customer lists: pages of the list or of the search by item offset, the email lookup as one page,
 * and `ids` as one read per id (unknown ids skipped). A list after a `sinceId` starts at the first
 * customer above it, found with one-customer pages (about 2·log₂ n requests), not by a scan.
 * Filters Jumpseller lacks are checked by core on pages of 100, the API's maximum. Only the unfiltered list has a native count.
 */
export function jumpsellerCustomerList(
  reads: JumpsellerCustomerReads,
): CustomerListDriver<JumpsellerCustomer, JumpsellerCustomer, JumpsellerListSource, number> {
  const firstOffsetAbove = (afterId: string | null, options: CallOptions) =>
    afterId === null
      ? 0
      : findFirstOffset(async (offset) => {
          const [customer] = await reads.list(offset + 1, 1, options);
          return customer === undefined || isIdGreater(String(customer.id), afterId);
        });
  return {
    positions: offsetPositions('jumpseller'),
    scanPageSize: maxJumpsellerLimit,
    translate: translateJumpsellerQuery,
    filterable: toJumpsellerFilterableCustomer,
    async fetchPage({ params, position, size }, options) {
      const offset = position ?? 0;
      switch (params.kind) {
        case 'all': {
          const start = position ?? (await firstOffsetAbove(params.afterId, options));
          return fetchNumberedPage((page, limit) => reads.list(page, limit, options), start, size);
        }
        case 'search':
          return fetchNumberedPage(
            (page, limit) => reads.search(params.query, params.order, page, limit, options),
            offset,
            size,
          );
        case 'email': {
          const customer = await orNullWhenNotFound(reads.byEmail(params.email, options));
          return { items: customer === null ? [] : [customer], next: null };
        }
        case 'ids': {
          const wanted = params.ids.slice(offset, offset + size);
          const found = await Promise.all(wanted.map((id) => orNullWhenNotFound(reads.byId(id, options))));
          const end = offset + wanted.length;
          return {
            items: found.filter((customer) => customer !== null),
            next: end < params.ids.length ? end : null,
          };
        }
      }
    },
    count: async (params, options) =>
      params.kind === 'all' && params.afterId === null ? reads.count(options) : null,
  };
}
