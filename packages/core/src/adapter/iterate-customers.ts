import type { Customer } from '../models/customer';
import type { CustomerFilters } from '../query/customer-query';
import type { CustomerAdapterV1, IterateOptions } from './v1/customer-adapter-v1';

/**
 * Every customer matching `filters`, page after page, for any adapter. Items are yielded as they
 * arrive, so memory stays flat whatever the store's size; stopping the loop stops upstream work.
 */
export async function* iterateCustomers(
  adapter: Pick<CustomerAdapterV1, 'platform' | 'listCustomers'>,
  filters: CustomerFilters,
  options: IterateOptions = {},
): AsyncGenerator<Customer, void, undefined> {
  const limit = options.pageSize ?? 100;
  let cursor: string | null = null;
  do {
    options.signal?.throwIfAborted();
    const page = await adapter.listCustomers({ ...filters, limit, cursor }, { signal: options.signal });
    yield* page.items;
    if (page.nextCursor !== null && page.nextCursor === cursor) {
      throw new Error(`Adapter '${adapter.platform}' returned the same cursor twice`);
    }
    cursor = page.nextCursor;
  } while (cursor !== null);
}
