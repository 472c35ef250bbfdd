import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fullCustomer from './__fixtures__/woocommerce-customer-full.json' with { type: 'json' };
import customerWithoutShipping from './__fixtures__/woocommerce-customer-no-shipping.json' with {
  type: 'json',
};
import subscriber from './__fixtures__/woocommerce-customer-subscriber.json' with { type: 'json' };
import {
  createWooCommerceUpstream,
  type WooCommerceUpstream,
  wooCommerceTestCredentials,
} from './woocommerce-upstream.fixture';

const { consumerKey, consumerSecret } = wooCommerceTestCredentials;
const authorization = `Basic ${Buffer.from(`${consumerKey}:${consumerSecret}`).toString('base64')}`;

describe('the WooCommerce upstream double', () => {
  let upstream: WooCommerceUpstream;

  beforeEach(() => {
    upstream = createWooCommerceUpstream();
    upstream.seed([fullCustomer, customerWithoutShipping, subscriber]);
  });

  afterEach(() => {
    upstream.close();
  });

  const call = async (path: string, init: RequestInit = {}) => {
    const response = await fetch(`${upstream.baseUrl}/wp-json/wc/v3${path}`, {
      ...init,
      headers: { authorization, ...init.headers },
    });
    return { status: response.status, headers: response.headers, body: (await response.json()) as unknown };
  };
  const ids = (body: unknown) => (body as { id: number }[]).map((customer) => customer.id);

  it('lists only the customer role by default, as WooCommerce does', async () => {
    expect(ids((await call('/customers')).body)).toStrictEqual([25, 12]);
  });

  it('lists every role with role=all', async () => {
    expect(ids((await call('/customers?role=all&orderby=id')).body)).toStrictEqual([12, 25, 40]);
  });

  it('sends X-WP-Total, X-WP-TotalPages and a next link', async () => {
    const { headers } = await call('/customers?role=all&orderby=id&per_page=2');
    expect([headers.get('x-wp-total'), headers.get('x-wp-totalpages'), headers.get('link')]).toStrictEqual([
      '3',
      '2',
      `<${upstream.baseUrl}/wp-json/wc/v3/customers?role=all&orderby=id&per_page=2&page=2>; rel="next"`,
    ]);
  });

  it('refuses per_page above 100 with rest_invalid_param', async () => {
    const { status, body } = await call('/customers?per_page=101');
    expect([status, (body as { code: string }).code]).toStrictEqual([400, 'rest_invalid_param']);
  });

  it('searches logins and emails, never first or last names', async () => {
    const byEmail = ids((await call('/customers?role=all&search=%40example.ca')).body);
    const byLogin = ids((await call('/customers?role=all&search=EVAN')).body);
    const byLastName = ids((await call(`/customers?role=all&search=${encodeURIComponent("O'Brien")}`)).body);
    expect([byEmail, byLogin, byLastName]).toStrictEqual([[12], [40], []]);
  });

  it('answers an unknown key with woocommerce_rest_cannot_view, as an unauthenticated request', async () => {
    const { status, body } = await call('/customers', { headers: { authorization: 'Basic Y2tfeDpjc195' } });
    expect([status, (body as { code: string }).code]).toStrictEqual([401, 'woocommerce_rest_cannot_view']);
  });

  it('accepts the key pair in the query string', async () => {
    const response = await fetch(
      `${upstream.baseUrl}/wp-json/wc/v3/customers/25?consumer_key=${consumerKey}&consumer_secret=${consumerSecret}`,
    );
    expect(response.status).toBe(200);
  });

  it('refuses a delete without force=true with 501', async () => {
    const { status, body } = await call('/customers/25', { method: 'DELETE' });
    expect([status, (body as { code: string }).code, upstream.record('25')?.id]).toStrictEqual([
      501,
      'woocommerce_rest_trash_not_supported',
      25,
    ]);
  });

  it('trims a response to _fields', async () => {
    expect((await call('/customers/25?_fields=id')).body).toStrictEqual({ id: 25 });
  });
});
