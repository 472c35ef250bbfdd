import {
  type CallOptions,
  type CustomerListDriver,
  findFirstOffset,
  isIdGreater,
  nextOffset,
  offsetPositions,
  type QueryParams,
} from '@unicart/core';
import { toWooCommerceFilterableCustomer } from './map-woocommerce-customer';
import {
  translateWooCommerceQuery,
  type WooCommerceListParams,
  wooCommerceFieldsParameter,
} from './translate-woocommerce-query';
import type { WooCommerceCustomer } from './woocommerce-api';

/** One answer of `GET /customers`. */
export interface WooCommerceCustomerPage {
  readonly customers: readonly WooCommerceCustomer[];
  /** `X-WP-Total`, or `null` when absent. */
  readonly total: number | null;
}

/** Calls `GET /customers` with these query parameters. */
export type FetchWooCommerceCustomers = (
  params: QueryParams,
  options: CallOptions,
) => Promise<WooCommerceCustomerPage>;

/**
 * The offset of the first customer above `afterId` in ascending id order (0 without one), found
 * with one-customer probes: O(log n) small requests.
 */
function firstOffsetAfterId(
  fetchCustomers: FetchWooCommerceCustomers,
  params: WooCommerceListParams,
  options: CallOptions,
): Promise<number> {
  const { afterId } = params;
  if (afterId === null) return Promise.resolve(0);
  return findFirstOffset(async (offset) => {
    const [customer] = (await fetchCustomers({ ...params.query, offset, per_page: 1 }, options)).customers;
    return customer === undefined || isIdGreater(String(customer.id), afterId);
  });
}

/**
 * Customer lists on `GET /customers`: pages by offset in ascending id order; a list starts after
 * its `sinceId`; filters WooCommerce lacks are checked by core on pages of 100 (the API's maximum),
 * at most five per call. Counts come from `X-WP-Total` of a one-customer request when exact.
 */
export function wooCommerceCustomerList(
  fetchCustomers: FetchWooCommerceCustomers,
): CustomerListDriver<WooCommerceCustomer, WooCommerceCustomer, WooCommerceListParams, number> {
  return {
    positions: offsetPositions('woocommerce'),
    scanPageSize: 100,
    maxScanPages: 5,
    translate: translateWooCommerceQuery,
    filterable: toWooCommerceFilterableCustomer,
    async fetchPage({ params, position, size, fields }, options) {
      const offset = position ?? (await firstOffsetAfterId(fetchCustomers, params, options));
      const only = wooCommerceFieldsParameter(fields);
      const page = await fetchCustomers(
        { ...params.query, offset, per_page: size, ...(only === undefined ? {} : { _fields: only }) },
        options,
      );
      const received = page.customers.length;
      return {
        items: page.customers,
        next: nextOffset({ offset, requested: size, received, total: page.total }),
      };
    },
    async count(params, options) {
      const start = await firstOffsetAfterId(fetchCustomers, params, options);
      const { total } = await fetchCustomers({ ...params.query, offset: start, per_page: 1 }, options);
      return total === null ? null : Math.max(0, total - start);
    },
  };
}
