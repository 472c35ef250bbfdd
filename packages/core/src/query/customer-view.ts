import type { Customer } from '../models/customer';
import type {
  CustomerFieldName,
  CustomerFilters,
  CustomerSort,
  CustomerSortKey,
  CustomerView,
  ViewedCustomer,
} from './customer-query';

/** Whether a view changes anything: without `fields` and `raw` a customer is answered whole. */
export function isWholeCustomerView(view: CustomerView | undefined): boolean {
  return view === undefined || (view.fields === undefined && view.raw !== true);
}

/**
 * A customer shaped by a view (§4): only `view.fields` plus `id` when fields are given, and `raw`
 * (the native record) when asked. The values of kept keys are the customer's own.
 */
export function applyCustomerView(customer: Customer, view: CustomerView, raw?: unknown): ViewedCustomer {
  const shaped: Record<string, unknown> = view.fields === undefined ? { ...customer } : { id: customer.id };
  for (const field of view.fields ?? []) shaped[field] = customer[field];
  if (view.raw === true) shaped.raw = raw ?? null;
  return shaped as ViewedCustomer;
}

/**
 * The canonical fields a driver must produce for a view (`null`: all of them): the asked fields,
 * `id`, and those the given extra needs (filters checked by core, the sort). With `raw` the native
 * record is asked whole, so nothing is trimmed.
 */
export function fieldsToRead(
  view: CustomerView | undefined,
  alsoNeeded: readonly CustomerFieldName[] = [],
): ReadonlySet<CustomerFieldName> | null {
  if (view?.fields === undefined || view.raw === true) return null;
  return new Set<CustomerFieldName>(['id', ...view.fields, ...alsoNeeded]);
}

const fieldsByFilter: Readonly<Record<keyof CustomerFilters, readonly CustomerFieldName[]>> = {
  ids: ['id'],
  sinceId: ['id'],
  createdAt: ['dates'],
  updatedAt: ['dates'],
  name: ['firstName', 'lastName'],
  search: [],
  email: ['email'],
  acceptsMarketing: ['acceptsMarketing'],
  ordersCount: ['ordersCount'],
  totalSpent: ['totalSpent'],
  country: ['addresses'],
  tags: ['tags'],
  phone: ['phone'],
};

const fieldsBySortKey: Readonly<Record<CustomerSortKey, readonly CustomerFieldName[]>> = {
  createdAt: ['dates'],
  updatedAt: ['dates'],
  id: ['id'],
  email: ['email'],
  name: ['firstName', 'lastName'],
};

/** The canonical fields that checking these filters and emulating this sort look at. */
export function fieldsUsedBy(filters: CustomerFilters | null, sort?: CustomerSort): CustomerFieldName[] {
  const keys = Object.keys(filters ?? {}) as (keyof CustomerFilters)[];
  const fields = keys.flatMap((key) => fieldsByFilter[key] ?? []);
  return [...fields, ...(sort === undefined ? [] : fieldsBySortKey[sort.key])];
}
