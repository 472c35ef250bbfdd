import { InvalidRequestError } from '@unicart/core';
import { type GeneratedSeed, runAdapterConformance } from '@unicart/core/testing';
import { shopifyCustomerFacts, startShopifySimulator } from '@unicart/sandbox';
import { describe, expect, it } from 'vitest';
import * as packageExports from './index';
import {
  createShopifyAdapter,
  shopifyCapabilities,
  shopifyCredentialsSchema,
  shopifyPlatform,
} from './shopify-adapter';

runAdapterConformance({
  definition: shopifyPlatform,
  // Unthrottled: the kit injects THROTTLED answers itself; pacing by cost is tested in the GraphQL client's tests.
  simulator: (seed: GeneratedSeed) => startShopifySimulator({ ...seed, throttle: false }),
  settings: (simulator) => ({ ...simulator.credentials, baseUrl: simulator.url }),
  secrets: (simulator) => [simulator.credentials.accessToken],
  native: shopifyCustomerFacts,
  createInput: {
    firstName: 'Conformance',
    lastName: 'Tester',
    email: 'conformance.tester@example.com',
    acceptsMarketing: true,
    addresses: [
      {
        address1: '1 Main St',
        city: 'Austin',
        postalCode: '78701',
        country: { code: 'US' },
        state: { code: 'TX' },
        defaultShipping: true,
      },
    ],
  },
});

function issuesOf(value: unknown) {
  const parsed = shopifyCredentialsSchema.safeParse(value);
  return parsed.success ? [] : parsed.error.issues.map((issue) => [issue.path.join('.'), issue.message]);
}

describe('shopifyPlatform', () => {
  it('exports only the factory, the definition, the capabilities and types', () => {
    expect(Object.keys(packageExports).sort()).toStrictEqual([
      'createShopifyAdapter',
      'shopifyCapabilities',
      'shopifyPlatform',
    ]);
  });

  it('declares every operation, each filter native or emulated, and every customer field writable', () => {
    expect(shopifyCapabilities).toStrictEqual({
      operations: {
        list: true,
        count: true,
        get: true,
        create: true,
        update: true,
        delete: true,
        orders: true,
      },
      filters: {
        ids: 'native',
        sinceId: 'native',
        'createdAt[from]': 'native',
        'createdAt[to]': 'native',
        'updatedAt[from]': 'native',
        'updatedAt[to]': 'native',
        email: 'native',
        search: 'native',
        name: 'emulated',
      },
      writableFields: [
        'firstName',
        'lastName',
        'email',
        'phone',
        'note',
        'acceptsMarketing',
        'tags',
        'addresses',
      ],
      sync: { changes: 'updatedAt', deletes: 'webhook' },
    });
  });

  it('names the GraphQL endpoint of the default version', () => {
    expect(shopifyPlatform.upstreamUrls({ shop: 'example.myshopify.com', accessToken: 'x' })).toStrictEqual([
      'https://example.myshopify.com/admin/api/2026-10/graphql.json',
    ]);
  });

  it('names the token endpoint too for client credentials', () => {
    const credentials = {
      shop: 'example.myshopify.com',
      clientId: 'a',
      clientSecret: 'b',
      apiVersion: '2026-01',
    };
    expect(shopifyPlatform.upstreamUrls(credentials)).toStrictEqual([
      'https://example.myshopify.com/admin/api/2026-01/graphql.json',
      'https://example.myshopify.com/admin/oauth/access_token',
    ]);
  });
});

describe('shopifyCredentialsSchema', () => {
  it('accepts an access token', () => {
    expect(
      shopifyCredentialsSchema.parse({ shop: 'Example.myshopify.com', accessToken: 'shpat_1' }),
    ).toStrictEqual({
      shop: 'example.myshopify.com',
      accessToken: 'shpat_1',
    });
  });

  it('accepts client credentials with an API version', () => {
    const credentials = {
      shop: 'example.myshopify.com',
      clientId: 'id',
      clientSecret: 'secret',
      apiVersion: '2026-07',
    };
    expect(shopifyCredentialsSchema.parse(credentials)).toStrictEqual(credentials);
  });

  it.each([
    [
      { shop: 'example.myshopify.com' },
      [['accessToken', 'is required unless clientId and clientSecret are given']],
    ],
    [
      { shop: 'example.myshopify.com', accessToken: 't', clientId: 'i', clientSecret: 's' },
      [['accessToken', 'give either accessToken or clientId with clientSecret, not both']],
    ],
    [
      { shop: 'example.myshopify.com', clientId: 'i' },
      [['clientSecret', 'is required with client credentials']],
    ],
    [{ shop: 'example.myshopify.com', accessToken: ' ' }, [['accessToken', 'must be a non-empty string']]],
    [
      { shop: 'https://example.myshopify.com', accessToken: 't' },
      [['shop', 'must be the shop’s domain, like example.myshopify.com']],
    ],
    [
      { shop: 'example.com', accessToken: 't' },
      [['shop', 'must be the shop’s domain, like example.myshopify.com']],
    ],
    [
      { shop: 'example.myshopify.com', accessToken: 't', apiVersion: '2026-02' },
      [['apiVersion', 'must be a stable Shopify API version like 2026-10']],
    ],
    [
      { shop: 'example.myshopify.com', accessToken: 't', apiVersion: '2024-10' },
      [['apiVersion', 'must be 2025-04 or later']],
    ],
    [
      { shop: 'example.myshopify.com', accessToken: 't', apiVersion: 'unstable' },
      [['apiVersion', 'must be a stable Shopify API version like 2026-10']],
    ],
  ])('refuses %j', (credentials, issues) => {
    expect(issuesOf(credentials)).toStrictEqual(issues);
  });

  it('refuses unknown keys', () => {
    expect(issuesOf({ shop: 'example.myshopify.com', accessToken: 't', password: 'x' })).toHaveLength(1);
  });
});

describe('createShopifyAdapter', () => {
  it('refuses invalid credentials naming the field, never their value', () => {
    const create = () => createShopifyAdapter({ shop: 'not a shop', accessToken: 'shpat_do_not_echo' });
    expect(create).toThrow(InvalidRequestError);
    try {
      create();
    } catch (error) {
      expect(InvalidRequestError.isInstance(error) && error.issues).toStrictEqual([
        { path: 'credentials.shop', message: 'must be the shop’s domain, like example.myshopify.com' },
      ]);
      expect(String(error)).not.toContain('shpat_do_not_echo');
    }
  });

  it.each(['http://127.0.0.1:9101/admin', 'ftp://proxy.test', 'not a url', 'https://proxy.test/?q=1'])(
    'refuses the baseUrl %s, which is not an origin',
    (baseUrl) => {
      expect(() =>
        createShopifyAdapter({ shop: 'example.myshopify.com', accessToken: 't', baseUrl }),
      ).toThrow('Invalid baseUrl: must be an origin');
    },
  );

  it('accepts an origin with a trailing slash as baseUrl', () => {
    const adapter = createShopifyAdapter({
      shop: 'example.myshopify.com',
      accessToken: 't',
      baseUrl: 'http://127.0.0.1:9101/',
    });
    expect(adapter.platform).toBe('shopify');
  });
});
