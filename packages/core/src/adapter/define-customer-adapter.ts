import { FilterNotSupportedError } from '../errors/filter-not-supported-error';
import { InvalidRequestError } from '../errors/invalid-request-error';
import { OperationNotSupportedError } from '../errors/operation-not-supported-error';
import { UnicartError } from '../errors/unicart-error';
import { UpstreamError } from '../errors/upstream-error';
import type { Customer } from '../models/customer';
import { customerCreateInputSchema, customerUpdateInputSchema } from '../models/customer-input';
import {
  type CustomerFilters,
  type CustomerQuery,
  filterNamesInUse,
  maxPageLimit,
} from '../query/customer-query';
import { zodIssuesToInputIssues } from '../query/zod-issues';
import { type AdapterMethods, adapterMethodsFromDriver } from './driver-pipeline';
import { iterateCustomers } from './iterate-customers';
import type {
  AdapterCapabilities,
  CallOptions,
  CustomerAdapterV1,
  CustomerOperation,
  IterateOptions,
} from './v1/customer-adapter-v1';
import type { CustomerDriver } from './v1/customer-driver';

/** Refuses, before any request, every filter the platform does not declare. */
function assertFiltersSupported(
  filters: CustomerFilters,
  capabilities: AdapterCapabilities,
  platform: string,
): void {
  for (const name of filterNamesInUse(filters)) {
    if (capabilities.filters[name] === undefined) throw new FilterNotSupportedError(name, platform);
  }
}

function assertLimit(limit: number, platform: string, largest = maxPageLimit): void {
  if (!Number.isInteger(limit) || limit < 1 || limit > largest) {
    throw new InvalidRequestError(`limit must be an integer from 1 to ${largest}`, {
      platform,
      issues: [{ path: 'limit', message: `must be an integer from 1 to ${largest}` }],
    });
  }
}

function assertId(id: string, platform: string): void {
  if (typeof id !== 'string' || id.trim() === '') {
    throw new InvalidRequestError('The customer id must be a non-empty string', { platform });
  }
}

/** A change feed's `since`: an ISO 8601 instant. */
function assertInstant(since: string, platform: string): void {
  if (typeof since !== 'string' || Number.isNaN(Date.parse(since))) {
    throw new InvalidRequestError('since must be an ISO 8601 date-time', {
      platform,
      issues: [{ path: 'since', message: 'must be an ISO 8601 date-time' }],
    });
  }
}

function isAbort(error: unknown, options: CallOptions): boolean {
  return (
    options.signal?.aborted === true &&
    (error === options.signal.reason || (error as Error)?.name === 'AbortError')
  );
}

/** Any failure that is not already a Unicart error becomes an `UpstreamError` of this platform. */
async function normalizeFailure<Result>(platform: string, options: CallOptions, run: () => Promise<Result>) {
  try {
    return await run();
  } catch (error) {
    if (UnicartError.isInstance(error) || isAbort(error, options)) throw error;
    throw new UpstreamError(`The ${platform} adapter failed unexpectedly`, { platform, cause: error });
  }
}

/**
 * Turns a driver (platform logic only: translate, fetch one native page, map one record) into a
 * `CustomerAdapterV1`. Holds every rule that is the same for all platforms: declared operations
 * must match the driver's members; each call validates the canonical query or input, refuses
 * undeclared operations and filters before the driver runs, pages, emulates the remainder of the
 * filters, maps each record once, and turns failures that are not Unicart errors into `UpstreamError`.
 */
export function defineCustomerAdapter<Native, Listed, Params, Position, NativeOrder, OrderPosition>(
  driver: CustomerDriver<Native, Listed, Params, Position, NativeOrder, OrderPosition>,
): CustomerAdapterV1 {
  return wrapAdapterMethods(adapterMethodsFromDriver(driver));
}

/** The rules every platform shares, around the adapter methods the pipeline built. */
function wrapAdapterMethods(driver: AdapterMethods): CustomerAdapterV1 {
  const { platform, capabilities } = driver;

  // Declarations were checked against the methods above, so a declared operation has its method.
  function requireOperation(operation: CustomerOperation): void {
    if (!capabilities.operations[operation]) throw new OperationNotSupportedError(operation, platform);
  }

  // An iteration is not a caller's page: it may read the platform's largest native pages (fewer
  // requests under a rate limit), never less than the public limit.
  const iterationPageSize = Math.max(maxPageLimit, driver.largestListPage ?? 0);
  async function listPage(query: CustomerQuery, options: CallOptions, largest: number) {
    requireOperation('list');
    assertLimit(query.limit, platform, largest);
    assertFiltersSupported(query, capabilities, platform);
    return normalizeFailure(platform, options, () => driver.listCustomers!(query, options));
  }

  const adapter: CustomerAdapterV1 = {
    specificationVersion: 'v1',
    platform,
    capabilities,
    listCustomers: (query, options = {}) => listPage(query, options, maxPageLimit),
    async countCustomers(filters, options = {}) {
      requireOperation('count');
      assertFiltersSupported(filters, capabilities, platform);
      return normalizeFailure(platform, options, () => driver.countCustomers!(filters, options));
    },
    async getCustomer(id, options = {}) {
      requireOperation('get');
      assertId(id, platform);
      return normalizeFailure(platform, options, () => driver.getCustomer!(id, options));
    },
    async createCustomer(input, options = {}) {
      requireOperation('create');
      const parsed = customerCreateInputSchema.safeParse(input);
      if (!parsed.success) throw invalidInput(parsed.error, platform);
      return normalizeFailure(platform, options, () => driver.createCustomer!(parsed.data, options));
    },
    async updateCustomer(id, input, options = {}) {
      requireOperation('update');
      assertId(id, platform);
      const parsed = customerUpdateInputSchema.safeParse(input);
      if (!parsed.success) throw invalidInput(parsed.error, platform);
      return normalizeFailure(platform, options, () => driver.updateCustomer!(id, parsed.data, options));
    },
    async deleteCustomer(id, options = {}) {
      requireOperation('delete');
      assertId(id, platform);
      return normalizeFailure(platform, options, () => driver.deleteCustomer!(id, options));
    },
    async listCustomerOrders(customerId, page, options = {}) {
      requireOperation('orders');
      assertId(customerId, platform);
      assertLimit(page.limit, platform);
      return normalizeFailure(platform, options, () => driver.listCustomerOrders!(customerId, page, options));
    },
    iterateCustomers(filters, options = {}) {
      return driver.exportCustomers ? exportCustomers(filters, options) : pagedIteration(filters, options);
    },
  };
  const { listChangedCustomerIds, listDeletedCustomerIds } = driver;
  if (listChangedCustomerIds) {
    adapter.listChangedCustomerIds = async (since, options = {}) => {
      assertInstant(since, platform);
      return normalizeFailure(platform, options, () => listChangedCustomerIds(since, options));
    };
  }
  if (listDeletedCustomerIds) {
    adapter.listDeletedCustomerIds = async (since, options = {}) => {
      if (since !== null) assertInstant(since, platform);
      return normalizeFailure(platform, options, () => listDeletedCustomerIds(since, options));
    };
  }

  function pagedIteration(filters: CustomerFilters, options: IterateOptions) {
    const pages = {
      platform,
      listCustomers: (query: CustomerQuery, call: CallOptions = {}) =>
        listPage(query, call, iterationPageSize),
    };
    return iterateCustomers(pages, filters, { ...options, pageSize: options.pageSize ?? iterationPageSize });
  }

  /** The driver's whole-store export when it takes these filters, else page after page. */
  async function* exportCustomers(
    filters: CustomerFilters,
    options: IterateOptions,
  ): AsyncGenerator<Customer, void, undefined> {
    requireOperation('list');
    assertFiltersSupported(filters, capabilities, platform);
    const exported = await normalizeFailure(platform, options, async () =>
      driver.exportCustomers!(filters, options),
    );
    if (exported === null) {
      yield* pagedIteration(filters, options);
      return;
    }
    const iterator = exported[Symbol.asyncIterator]();
    try {
      for (;;) {
        const next = await normalizeFailure(platform, options, () => iterator.next());
        if (next.done) return;
        yield next.value;
      }
    } finally {
      // The consumer stopped early (or a failure ended it): the export stops its upstream work.
      await iterator.return?.();
    }
  }

  return adapter;
}

function invalidInput(error: Parameters<typeof zodIssuesToInputIssues>[0], platform: string) {
  return InvalidRequestError.fromIssues('Invalid customer', zodIssuesToInputIssues(error, 'customer'), {
    platform,
  });
}
