import type { CustomerFilters } from '../query/customer-query';
import type {
  CallOptions,
  CustomerAdapterV1,
  CustomerShapedBy,
  IterateOptions,
  Page,
} from './v1/customer-adapter-v1';

/**
 * Every customer matching `filters`, page after page, for any adapter. Items are yielded as they
 * arrive, so memory stays flat whatever the store's size; stopping the loop stops upstream work.
 */
export async function* iterateCustomers<Options extends IterateOptions = CallOptions>(
  adapter: Pick<CustomerAdapterV1, 'platform' | 'listCustomers'>,
  filters: CustomerFilters,
  options: Options = {} as Options,
): AsyncGenerator<CustomerShapedBy<Options>, void, undefined> {
  const limit = options.pageSize ?? 100;
  const call = { signal: options.signal, view: options.view };
  let cursor: string | null = null;
  do {
    options.signal?.throwIfAborted();
    const page: Page<CustomerShapedBy<Options>> = await adapter.listCustomers(
      { ...filters, limit, cursor },
      call as Options,
    );
    yield* page.items;
    if (page.nextCursor !== null && page.nextCursor === cursor) {
      throw new Error(`Adapter '${adapter.platform}' returned the same cursor twice`);
    }
    cursor = page.nextCursor;
  } while (cursor !== null);
}
