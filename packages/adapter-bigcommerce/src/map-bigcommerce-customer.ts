import { blankToNull, type Customer, toIsoUtc } from '@unicart/core';
import type { BigCommerceCustomer } from './bigcommerce-api';

/** Native → canonical: every key set; unknown → null, never a guessed default. */
export function mapBigCommerceCustomer(native: BigCommerceCustomer): Customer {
  return {
    id: String(native.id),
    email: blankToNull(native.email),
    firstName: blankToNull(native.first_name),
    lastName: blankToNull(native.last_name),
    phone: null,
    currency: null,
    note: null,
    acceptsMarketing: null,
    tags: [],
    ordersCount: null,
    totalSpent: null,
    status: { id: null, status: null },
    dates: { createdAt: toIsoUtc(native.created_at), updatedAt: toIsoUtc(native.updated_at) },
    addresses: [],
  };
}
