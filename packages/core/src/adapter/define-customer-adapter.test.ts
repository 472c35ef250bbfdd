import { describe, expect, it } from 'vitest';
import { FilterNotSupportedError } from '../errors/filter-not-supported-error';
import { InvalidRequestError } from '../errors/invalid-request-error';
import { NotFoundError } from '../errors/not-found-error';
import { OperationNotSupportedError } from '../errors/operation-not-supported-error';
import { UpstreamError } from '../errors/upstream-error';
import type { Customer } from '../models/customer';
import { defineCustomerAdapterFromMethods } from './define-customer-adapter';
import { resolveAdapter } from './resolve-adapter';
import type { AdapterCapabilities, CustomerAdapterDriver } from './v1/customer-adapter-v1';

function customer(id: string): Customer {
  return {
    id,
    email: `c${id}@example.com`,
    firstName: 'Ana',
    lastName: `Number ${id}`,
    phone: null,
    currency: null,
    note: null,
    acceptsMarketing: null,
    tags: [],
    ordersCount: null,
    totalSpent: null,
    status: { id: null, status: null },
    dates: { createdAt: null, updatedAt: null },
    addresses: [],
  };
}

const readOnly: AdapterCapabilities = {
  operations: {
    list: true,
    count: false,
    get: true,
    create: false,
    update: false,
    delete: false,
    orders: false,
  },
  filters: { limit: 'native', page: 'native', email: 'native' },
};

function readOnlyDriver(calls: string[] = []): CustomerAdapterDriver {
  const store = ['1', '2', '3', '4', '5'].map(customer);
  return {
    platform: 'acme',
    capabilities: readOnly,
    async listCustomers(query) {
      calls.push(`list:${query.cursor}`);
      const offset = query.cursor === null ? 0 : Number(query.cursor);
      const items = store.slice(offset, offset + query.limit);
      const next = offset + query.limit;
      return { items, nextCursor: next < store.length ? String(next) : null };
    },
    async getCustomer(id) {
      calls.push(`get:${id}`);
      if (id === 'explode') throw new TypeError("Cannot read properties of undefined (reading 'id')");
      if (id === 'missing') throw new NotFoundError('no such customer', { platform: 'acme' });
      return store.find((item) => item.id === id) ?? null;
    },
  };
}

async function rejection(promise: Promise<unknown>) {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

describe('defineCustomerAdapterFromMethods', () => {
  it('builds a v1 adapter with the platform and capabilities of the driver', () => {
    const adapter = defineCustomerAdapterFromMethods(readOnlyDriver());
    expect(adapter.specificationVersion).toBe('v1');
    expect(adapter.platform).toBe('acme');
    expect(adapter.capabilities).toBe(readOnly);
  });

  it('refuses a driver whose declared operations do not match its methods', () => {
    const driver = {
      ...readOnlyDriver(),
      capabilities: { ...readOnly, operations: { ...readOnly.operations, count: true } },
    };
    expect(() => defineCustomerAdapterFromMethods(driver)).toThrow(
      /declares operation 'count' as true but lacks countCustomers/,
    );
  });

  it('refuses an undeclared operation with the contract message', async () => {
    const error = await rejection(defineCustomerAdapterFromMethods(readOnlyDriver()).deleteCustomer('1'));
    expect(OperationNotSupportedError.isInstance(error)).toBe(true);
    expect((error as Error).message).toBe('The resource is not available for this ecommerce');
    expect((error as OperationNotSupportedError).operation).toBe('delete');
  });

  it('refuses an undeclared filter before the driver runs', async () => {
    const calls: string[] = [];
    const adapter = defineCustomerAdapterFromMethods(readOnlyDriver(calls));
    const error = await rejection(
      adapter.listCustomers({ limit: 10, cursor: null, updatedAt: { from: '2024-01-01T00:00:00.000Z' } }),
    );
    expect(FilterNotSupportedError.isInstance(error)).toBe(true);
    expect((error as FilterNotSupportedError).filter).toBe('updatedAt[from]');
    expect((error as Error).message).toBe("The filter 'updatedAt[from]' is not supported by acme");
    expect(calls).toStrictEqual([]);
  });

  it('refuses a limit outside 1..100 before the driver runs', async () => {
    const calls: string[] = [];
    const error = await rejection(
      defineCustomerAdapterFromMethods(readOnlyDriver(calls)).listCustomers({ limit: 0, cursor: null }),
    );
    expect(InvalidRequestError.isInstance(error)).toBe(true);
    expect(calls).toStrictEqual([]);
  });

  it('validates create input and names each bad field', async () => {
    const driver: CustomerAdapterDriver = {
      platform: 'acme',
      capabilities: { ...readOnly, operations: { ...readOnly.operations, create: true } },
      listCustomers: readOnlyDriver().listCustomers,
      getCustomer: readOnlyDriver().getCustomer,
      async createCustomer() {
        throw new Error('must not be called');
      },
    };
    const error = await rejection(
      defineCustomerAdapterFromMethods(driver).createCustomer({
        firstName: 'Ana',
        lastName: '',
        shoeSize: 42,
      } as never),
    );
    expect(InvalidRequestError.isInstance(error)).toBe(true);
    expect((error as InvalidRequestError).issues.map((issue) => issue.path).sort()).toStrictEqual([
      'customer',
      'customer.lastName',
    ]);
  });

  it('turns an unexpected driver failure into an UpstreamError of the platform', async () => {
    const error = await rejection(defineCustomerAdapterFromMethods(readOnlyDriver()).getCustomer('explode'));
    expect(UpstreamError.isInstance(error)).toBe(true);
    expect((error as UpstreamError).platform).toBe('acme');
  });

  it('passes Unicart errors through unchanged', async () => {
    const error = await rejection(defineCustomerAdapterFromMethods(readOnlyDriver()).getCustomer('missing'));
    expect(NotFoundError.isInstance(error)).toBe(true);
  });

  it('iterates every customer once across pages', async () => {
    const calls: string[] = [];
    const adapter = defineCustomerAdapterFromMethods(readOnlyDriver(calls));
    const ids: string[] = [];
    for await (const item of adapter.iterateCustomers({}, { pageSize: 2 })) ids.push(item.id);
    expect(ids).toStrictEqual(['1', '2', '3', '4', '5']);
    expect(calls).toStrictEqual(['list:null', 'list:2', 'list:4']);
  });

  it('stops fetching pages when the consumer stops iterating', async () => {
    const calls: string[] = [];
    const adapter = defineCustomerAdapterFromMethods(readOnlyDriver(calls));
    for await (const item of adapter.iterateCustomers({}, { pageSize: 2 })) {
      if (item.id === '2') break;
    }
    expect(calls).toStrictEqual(['list:null']);
  });
});

describe('resolveAdapter', () => {
  it('accepts v1 and refuses unknown versions', () => {
    const adapter = defineCustomerAdapterFromMethods(readOnlyDriver());
    expect(resolveAdapter(adapter)).toBe(adapter);
    expect(() => resolveAdapter({ specificationVersion: 'v9' })).toThrow(
      /Unsupported adapter specification version 'v9'/,
    );
  });
});
