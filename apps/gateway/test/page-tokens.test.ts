import { afterEach, describe, expect, it } from 'vitest';
import type { StoreRepository } from '../src/stores/store-repository';
import { acmeApi, acmeCustomer } from './support/acme-platform';
import {
  acmeStore,
  createTestGateway,
  openMemoryRepository,
  type TestGateway,
  testSecretKey,
} from './support/test-gateway';

const opened: { close(): Promise<void> }[] = [];

afterEach(async () => {
  // Gateways first, then the registry they share.
  for (const resource of opened.splice(0).reverse()) await resource.close();
});

async function sharedRepository() {
  const repository = await openMemoryRepository();
  opened.push(repository);
  return repository;
}

async function instance(repository: StoreRepository, environment = {}): Promise<TestGateway> {
  const gateway = await createTestGateway({ repository, environment });
  opened.push(gateway);
  return gateway;
}

describe('page tokens across gateway instances', () => {
  it('a token issued by one instance is accepted by another with the same UNICART_SECRET_KEY', async () => {
    const repository = await sharedRepository();
    const first = await instance(repository);
    const second = await instance(repository);
    const token = await first.connect(acmeStore);
    acmeApi()
      .get('/v1/customers')
      .query({ limit: '1' })
      .reply(200, { items: [acmeCustomer('1')], next: 'cursor-2' });
    acmeApi()
      .get('/v1/customers')
      .query({ limit: '1', cursor: 'cursor-2' })
      .reply(200, { items: [acmeCustomer('2')], next: null });

    const page = await first.call(token, 'GET', '/api/v2/customers?limit=1');
    const next = encodeURIComponent(page.json().pagination.next);
    const response = await second.call(token, 'GET', `/api/v2/customers?limit=1&page=${next}`);
    expect(response.statusCode).toBe(200);
    expect(response.json().customers).toStrictEqual([acmeCustomer('2')]);
  });

  it('an instance with another key refuses it, even when it can still read the credentials', async () => {
    const repository = await sharedRepository();
    const first = await instance(repository);
    const rotated = await instance(repository, {
      UNICART_SECRET_KEY: 'the-next-secret-key-0123456789abcdef',
      UNICART_PREVIOUS_SECRET_KEYS: testSecretKey,
    });
    const token = await first.connect(acmeStore);
    acmeApi()
      .get('/v1/customers')
      .query({ limit: '1' })
      .reply(200, { items: [acmeCustomer('1')], next: 'cursor-2' });

    const page = await first.call(token, 'GET', '/api/v2/customers?limit=1');
    const next = encodeURIComponent(page.json().pagination.next);
    const response = await rotated.call(token, 'GET', `/api/v2/customers?limit=1&page=${next}`);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('invalid_request');
  });
});
