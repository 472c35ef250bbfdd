import { InvalidRequestError } from '@unicart/core';
import { describe, expect, it } from 'vitest';
import {
  resolveWooCommerceConnection,
  wooCommerceApiRoot,
  woocommerceCredentialsSchema,
} from './woocommerce-connection';

const credentials = {
  url: 'https://shop.example.com',
  consumerKey: 'ck_live_key_1234',
  consumerSecret: 'cs_live_secret_5678',
};

describe('wooCommerceApiRoot', () => {
  it('puts the API under the site root', () => {
    expect(wooCommerceApiRoot('https://shop.example.com/')).toBe('https://shop.example.com/wp-json/wc/v3');
  });

  it('keeps the sub-directory of a site installed in one', () => {
    expect(wooCommerceApiRoot('https://example.com/store/')).toBe('https://example.com/store/wp-json/wc/v3');
  });

  it('replaces only the origin with the baseUrl origin, keeping the sub-directory', () => {
    expect(wooCommerceApiRoot('https://example.com/store', 'http://127.0.0.1:9103')).toBe(
      'http://127.0.0.1:9103/store/wp-json/wc/v3',
    );
  });
});

describe('woocommerceCredentialsSchema', () => {
  it('accepts an https site root with a key pair', () => {
    expect(woocommerceCredentialsSchema.parse(credentials)).toStrictEqual(credentials);
  });

  it('refuses a URL with a query string, and empty keys', () => {
    const result = woocommerceCredentialsSchema.safeParse({
      url: 'https://shop.example.com/?p=1',
      consumerKey: ' ',
      consumerSecret: '',
    });
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toStrictEqual([
      'url',
      'consumerKey',
      'consumerSecret',
    ]);
  });

  it('refuses a URL that is not http(s)', () => {
    expect(
      woocommerceCredentialsSchema.safeParse({ ...credentials, url: 'ftp://shop.example.com' }).success,
    ).toBe(false);
  });

  it('refuses unknown keys', () => {
    expect(woocommerceCredentialsSchema.safeParse({ ...credentials, token: 'x' }).success).toBe(false);
  });
});

describe('resolveWooCommerceConnection', () => {
  it('authenticates with an Authorization: Basic header by default', () => {
    const connection = resolveWooCommerceConnection(credentials);
    expect([connection.headers, connection.query]).toStrictEqual([
      { authorization: `Basic ${Buffer.from('ck_live_key_1234:cs_live_secret_5678').toString('base64')}` },
      {},
    ]);
  });

  it('puts the key pair in the query string when asked to', () => {
    const connection = resolveWooCommerceConnection({ ...credentials, authMethod: 'query-string' });
    expect([connection.headers, connection.query]).toStrictEqual([
      {},
      { consumer_key: 'ck_live_key_1234', consumer_secret: 'cs_live_secret_5678' },
    ]);
  });

  it('lists the key, the secret and the Basic token as secrets', () => {
    expect(resolveWooCommerceConnection(credentials).secrets).toStrictEqual([
      'ck_live_key_1234',
      'cs_live_secret_5678',
      Buffer.from('ck_live_key_1234:cs_live_secret_5678').toString('base64'),
    ]);
  });

  it('flags a plain-http site without baseUrl', () => {
    expect(resolveWooCommerceConnection({ ...credentials, url: 'http://shop.example.com' }).plainHttp).toBe(
      true,
    );
  });

  it('does not flag a plain-http site reached through baseUrl', () => {
    const connection = resolveWooCommerceConnection({
      ...credentials,
      url: 'http://shop.example.com',
      baseUrl: 'http://127.0.0.1:9103',
    });
    expect(connection.plainHttp).toBe(false);
  });

  it('refuses bad settings with an InvalidRequestError naming each field, never echoing the secret', () => {
    let thrown: unknown;
    try {
      resolveWooCommerceConnection({
        ...credentials,
        url: 'shop.example.com',
        authMethod: 'oauth' as 'basic',
      });
    } catch (error) {
      thrown = error;
    }
    expect(InvalidRequestError.isInstance(thrown) && thrown.issues.map((issue) => issue.path)).toStrictEqual([
      'url',
      'authMethod',
    ]);
    expect(JSON.stringify(thrown) + String(thrown)).not.toContain('cs_live_secret_5678');
  });
});
