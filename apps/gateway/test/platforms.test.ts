import { customerFilterNames } from '@unicart/core';
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { registeredPlatforms } from '../src/platforms';
import { createTestGateway, fakeResolver, type TestGateway } from './support/test-gateway';

/** A value each filter accepts, so that a refusal can only be `filter_not_supported`. */
function validFilterValue(filter: string): string {
  if (filter.includes('At[')) return '2024-01-01';
  if (filter === 'ids' || filter === 'sinceId' || filter.startsWith('ordersCount')) return '1';
  if (filter.startsWith('totalSpent')) return '10.50';
  const values: Record<string, string> = { acceptsMarketing: 'true', country: 'BR', phone: '5555' };
  return values[filter] ?? 'x';
}

/**
 * How one real adapter is reached in these tests: the store it is connected with, and nock replies
 * in the platform's own wire format for "get customer 42".
 */
interface PlatformCase {
  readonly store: { readonly platform: string; readonly name: string; readonly credentials: object };
  /** Every secret of the credentials, which must never appear in an answer or a log. */
  readonly secrets: readonly string[];
  /** Answers "get customer 42" with a customer. */
  answerCustomer(): void;
  /** Answers "get customer 42" with this status and body, `times` times. */
  failCustomer(status: number, body: string | object, headers?: Record<string, string>, times?: number): void;
  /** Refuses the creation of a customer in the platform's own words, quoting `email` where they do. */
  refuseCreate(email: string): void;
  /** The canonical customer the answer maps to, as far as these tests check it. */
  readonly expected: { readonly id: string; readonly email: string };
}

const ecwidOrigin = 'https://app.ecwid.com';
const jumpsellerOrigin = 'https://api.jumpseller.com';
const shopifyOrigin = 'https://example.myshopify.com';
const shopifyGraphql = '/admin/api/2026-10/graphql.json';
const woocommerceOrigin = 'https://shop.example.com';
const bigcommerceOrigin = 'https://api.bigcommerce.com';
const blingOrigin = 'https://api.bling.com.br';
const blingClienteType = { id: 14700912001, descricao: 'Cliente' };

const ecwidCustomer = {
  id: 42,
  name: 'Dana Whitfield',
  email: 'dana@example.org',
  registered: '2025-09-01 06:00:00 +0000',
  updated: '2025-11-20 16:45:00 +0000',
  totalOrderCount: 0,
  billingPerson: { name: 'Dana Whitfield', countryCode: 'US' },
  shippingAddresses: [],
  contacts: [],
  acceptMarketing: true,
};

const jumpsellerCustomer = {
  id: 42,
  email: 'dana@example.org',
  phone: null,
  phone_prefix: null,
  fullname: 'Dana Whitfield',
  status: 'approved',
  accepts_marketing: true,
  billing_addresses: [{ name: 'Dana', surname: 'Whitfield', country: 'US' }],
  shipping_addresses: [],
  customer_categories: [],
};

const shopifyCustomer = {
  id: 'gid://shopify/Customer/42',
  legacyResourceId: '42',
  firstName: 'Dana',
  lastName: 'Whitfield',
  note: null,
  tags: [],
  state: 'ENABLED',
  createdAt: '2025-09-01T06:00:00Z',
  updatedAt: '2025-11-20T16:45:00Z',
  numberOfOrders: '0',
  amountSpent: { amount: '0.0', currencyCode: 'USD' },
  defaultEmailAddress: { emailAddress: 'dana@example.org', marketingState: 'SUBSCRIBED' },
  defaultPhoneNumber: null,
  defaultAddress: null,
  addressesV2: { nodes: [], pageInfo: { hasNextPage: false, endCursor: null } },
};

const woocommerceCustomer = {
  id: 42,
  date_created_gmt: '2025-09-01T06:00:00',
  date_modified_gmt: '2025-11-20T16:45:00',
  email: 'dana@example.org',
  first_name: 'Dana',
  last_name: 'Whitfield',
  role: 'customer',
  billing: { first_name: 'Dana', last_name: 'Whitfield', email: 'dana@example.org', country: 'US' },
  shipping: null,
  is_paying_customer: false,
};

const bigcommerceCustomer = {
  id: 42,
  email: 'dana@example.org',
  first_name: 'Dana',
  last_name: 'Whitfield',
  company: '',
  phone: '',
  notes: '',
  date_created: '2025-09-01T06:00:00Z',
  date_modified: '2025-11-20T16:45:00Z',
  address_count: 0,
  addresses: [],
};

const blingContact = {
  id: 42,
  nome: 'Dana Whitfield',
  situacao: 'A',
  tipo: 'F',
  email: 'dana@example.org',
  telefone: '',
  celular: '(11) 98765-4321',
  endereco: {
    geral: { endereco: '', numero: '', complemento: '', bairro: '', cep: '', municipio: '', uf: '' },
  },
  pais: { nome: '' },
  tiposContato: [blingClienteType],
};

const platformCases: Record<string, PlatformCase> = {
  bling: {
    store: {
      platform: 'bling',
      name: 'Bling account',
      credentials: { accessToken: 'bling_access_token_0123' },
    },
    secrets: ['bling_access_token_0123'],
    answerCustomer: () => {
      nock(blingOrigin).get('/Api/v3/contatos/42').reply(200, { data: blingContact });
      nock(blingOrigin)
        .get('/Api/v3/contatos/tipos')
        .reply(200, { data: [blingClienteType] });
    },
    failCustomer: (status, body, headers = {}, times = 1) => {
      nock(blingOrigin).get('/Api/v3/contatos/42').times(times).reply(status, body, headers);
    },
    refuseCreate: (email) => {
      nock(blingOrigin)
        .get('/Api/v3/contatos/tipos')
        .reply(200, { data: [blingClienteType] });
      nock(blingOrigin)
        .post('/Api/v3/contatos')
        .reply(400, {
          error: {
            type: 'VALIDATION_ERROR',
            message: 'Não foi possível salvar o contato',
            description: 'Não foi possível salvar o contato, pois ocorreram problemas em sua validação.',
            fields: [
              { code: 19, msg: `O e-mail ${email} é inválido.`, element: 'email', namespace: 'CONTATOS' },
            ],
          },
        });
    },
    expected: { id: '42', email: 'dana@example.org' },
  },
  ecwid: {
    store: {
      platform: 'ecwid',
      name: 'Ecwid shop',
      credentials: { storeId: '1003', accessToken: 'secret_ecwid_0123' },
    },
    secrets: ['secret_ecwid_0123'],
    answerCustomer: () => {
      nock(ecwidOrigin).get('/api/v3/1003/customers/42').reply(200, ecwidCustomer);
      nock(ecwidOrigin)
        .get('/api/v3/1003/profile')
        .reply(200, { formatsAndUnits: { currency: 'USD' } });
    },
    failCustomer: (status, body, headers = {}, times = 1) => {
      nock(ecwidOrigin).get('/api/v3/1003/customers/42').times(times).reply(status, body, headers);
    },
    refuseCreate: (email) => {
      nock(ecwidOrigin)
        .post('/api/v3/1003/customers')
        .reply(409, { errorMessage: `Customer with email '${email}' already exists`, errorCode: null });
    },
    expected: { id: '42', email: 'dana@example.org' },
  },
  jumpseller: {
    store: {
      platform: 'jumpseller',
      name: 'Jumpseller store',
      credentials: { login: 'js_login_0123', authToken: 'js_secret_token_0123' },
    },
    secrets: ['js_login_0123', 'js_secret_token_0123'],
    answerCustomer: () => {
      nock(jumpsellerOrigin).get('/v1/customers/42.json').reply(200, { customer: jumpsellerCustomer });
      nock(jumpsellerOrigin)
        .get('/v1/store/info.json')
        .query({ fields: 'currency' })
        .reply(200, { store: { currency: 'CLP' } });
    },
    failCustomer: (status, body, headers = {}, times = 1) => {
      nock(jumpsellerOrigin).get('/v1/customers/42.json').times(times).reply(status, body, headers);
    },
    // Jumpseller's validation message names the field, not the value.
    refuseCreate: () => {
      nock(jumpsellerOrigin)
        .post('/v1/customers.json')
        .reply(422, { message: 'Validation failed: Email has already been taken' });
    },
    expected: { id: '42', email: 'dana@example.org' },
  },
  shopify: {
    store: {
      platform: 'shopify',
      name: 'Shopify shop',
      credentials: { shop: 'example.myshopify.com', accessToken: 'shpat_secret_token_0123' },
    },
    secrets: ['shpat_secret_token_0123'],
    answerCustomer: () => {
      nock(shopifyOrigin)
        .post(shopifyGraphql)
        .reply(200, { data: { customer: shopifyCustomer } });
    },
    failCustomer: (status, body, headers = {}, times = 1) => {
      nock(shopifyOrigin).post(shopifyGraphql).times(times).reply(status, body, headers);
    },
    refuseCreate: (email) => {
      nock(shopifyOrigin)
        .post(shopifyGraphql)
        .reply(200, {
          data: {
            customerCreate: {
              customer: null,
              userErrors: [{ field: ['email'], message: `Email ${email} has already been taken` }],
            },
          },
        });
    },
    expected: { id: '42', email: 'dana@example.org' },
  },
  woocommerce: {
    store: {
      platform: 'woocommerce',
      name: 'WooCommerce shop',
      credentials: {
        url: woocommerceOrigin,
        consumerKey: 'ck_secret_key_0123',
        consumerSecret: 'cs_secret_0123',
      },
    },
    secrets: ['ck_secret_key_0123', 'cs_secret_0123'],
    answerCustomer: () => {
      nock(woocommerceOrigin).get('/wp-json/wc/v3/customers/42').reply(200, woocommerceCustomer);
      nock(woocommerceOrigin)
        .get('/wp-json/wc/v3/data/currencies/current')
        .reply(200, { code: 'USD', name: 'US dollar', symbol: '$' });
    },
    failCustomer: (status, body, headers = {}, times = 1) => {
      nock(woocommerceOrigin).get('/wp-json/wc/v3/customers/42').times(times).reply(status, body, headers);
    },
    refuseCreate: (email) => {
      nock(woocommerceOrigin)
        .post('/wp-json/wc/v3/customers')
        .reply(400, {
          code: 'registration-error-email-exists',
          message: `An account is already registered with ${email}. Please log in.`,
          data: { status: 400 },
        });
    },
    expected: { id: '42', email: 'dana@example.org' },
  },
  bigcommerce: {
    store: {
      platform: 'bigcommerce',
      name: 'BigCommerce store',
      credentials: { storeHash: 'abc123', accessToken: 'bc_secret_token_0123' },
    },
    secrets: ['bc_secret_token_0123'],
    answerCustomer: () => {
      nock(bigcommerceOrigin)
        .get('/stores/abc123/v3/customers')
        .query({ 'id:in': '42', include: 'addresses' })
        .reply(200, { data: [bigcommerceCustomer], meta: {} });
      nock(bigcommerceOrigin).get('/stores/abc123/v2/store').reply(200, { id: 'abc123', currency: 'USD' });
    },
    failCustomer: (status, body, headers = {}, times = 1) => {
      nock(bigcommerceOrigin)
        .get('/stores/abc123/v3/customers')
        .query(true)
        .times(times)
        .reply(status, body, headers);
    },
    refuseCreate: (email) => {
      nock(bigcommerceOrigin)
        .post('/stores/abc123/v3/customers')
        .reply(422, {
          status: 422,
          title: 'Create customers failed.',
          type: 'https://developer.bigcommerce.com/api-docs/getting-started/api-status-codes',
          errors: { '0.email': `The email address ${email} is already in use.` },
        });
    },
    expected: { id: '42', email: 'dana@example.org' },
  },
};

// The platforms' public hosts resolve to a public documentation address; no DNS is touched.
const resolver = fakeResolver({
  'app.ecwid.com': ['203.0.113.10'],
  'api.jumpseller.com': ['203.0.113.40'],
  'example.myshopify.com': ['203.0.113.20'],
  'shop.example.com': ['203.0.113.30'],
  'api.bigcommerce.com': ['203.0.113.40'],
  'api.bling.com.br': ['203.0.113.40'],
  'www.bling.com.br': ['203.0.113.41'],
});

/** Platforms without a customer resource to answer "get customer 42", tested in files of their own. */
const mirrorOnlyPlatforms: Readonly<Record<string, string>> = { amazon: 'amazon-store.test.ts' };
const customerResourcePlatforms = registeredPlatforms.ids.filter(
  (id) => mirrorOnlyPlatforms[id] === undefined,
);

describe.each(customerResourcePlatforms)('the %s platform through the gateway', (platform) => {
  const platformCase = platformCases[platform];
  let gateway: TestGateway;
  let token: string;

  beforeEach(async () => {
    if (platformCase === undefined) throw new Error(`Add a case for the registered platform '${platform}'`);
    gateway = await createTestGateway({
      platforms: registeredPlatforms.definitions,
      resolver,
      logLevel: 'trace',
    });
    token = await gateway.connect(platformCase.store);
  });

  afterEach(async () => {
    const logs = gateway.logs.join('');
    await gateway.close();
    for (const secret of platformCase?.secrets ?? []) expect(logs).not.toContain(secret);
  });

  const getCustomer = () => gateway.call(token, 'GET', '/api/v2/customers/42');

  it('answers a customer in the canonical model', async () => {
    platformCase!.answerCustomer();
    const response = await getCustomer();
    expect(response.statusCode).toBe(200);
    expect(response.json().customer).toMatchObject(platformCase!.expected);
  });

  it('answers its capabilities from the adapter definition', async () => {
    const definition = registeredPlatforms.get(platform)!;
    const response = await gateway.call(token, 'GET', '/api/v2/capabilities');
    expect(response.json()).toStrictEqual({
      platform,
      operations: definition.capabilities.operations,
      filters: Object.fromEntries(
        Object.entries(definition.capabilities.filters).filter(
          ([name]) => name !== 'limit' && name !== 'page',
        ),
      ),
      sorts: definition.capabilities.sorts ?? {},
      writableFields: definition.capabilities.writableFields,
      consistency: ['live'],
    });
    expect(definition.capabilities.writableFields).toEqual(expect.arrayContaining(['firstName', 'lastName']));
  });

  it('refuses each filter it does not honour, naming the filter and the platform', async () => {
    const definition = registeredPlatforms.get(platform)!;
    const unsupported = customerFilterNames.filter(
      (name) => definition.capabilities.filters[name] === undefined,
    );
    for (const filter of unsupported) {
      const response = await gateway.call(
        token,
        'GET',
        `/api/v2/customers?${filter}=${encodeURIComponent(validFilterValue(filter))}`,
      );
      expect(response.statusCode).toBe(400);
      expect(response.json()).toStrictEqual({
        error: {
          code: 'filter_not_supported',
          message: `The filter '${filter}' is not supported by ${platform}`,
          platform,
        },
      });
    }
  });

  it('answers 424 upstream_unauthorized when the platform rejects the credentials', async () => {
    platformCase!.failCustomer(401, { errors: 'Invalid API key or access token' });
    const response = await getCustomer();
    expect(response.statusCode).toBe(424);
    expect(response.json().error).toMatchObject({ code: 'upstream_unauthorized', platform });
  });

  it('answers 429 rate_limited with Retry-After when the platform keeps throttling', async () => {
    platformCase!.failCustomer(429, { errors: 'Exceeded 2 calls per second' }, { 'retry-after': '30' }, 2);
    const response = await getCustomer();
    expect(response.statusCode).toBe(429);
    expect(Number(response.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(response.json().error).toMatchObject({ code: 'rate_limited', platform });
  });

  it('answers 502 upstream_error when the platform fails', async () => {
    platformCase!.failCustomer(500, 'Internal Server Error', {}, 2);
    const response = await getCustomer();
    expect(response.statusCode).toBe(502);
    expect(response.json().error).toMatchObject({ code: 'upstream_error', platform });
  });

  it('answers 502 upstream_error when the platform answers something unparseable', async () => {
    platformCase!.failCustomer(200, '<html>maintenance</html>', { 'content-type': 'text/html' }, 2);
    const response = await getCustomer();
    expect(response.statusCode).toBe(502);
    expect(response.json().error).toMatchObject({ code: 'upstream_error', platform });
  });

  it('keeps the customer data of a refused creation out of the logs', async () => {
    const email = 'jane.refused@example.org';
    platformCase!.refuseCreate(email);
    const response = await gateway.call(token, 'POST', '/api/v2/customers', {
      customer: { email, firstName: 'Jane', lastName: 'Refused' },
    });
    expect(response.statusCode).toBeGreaterThanOrEqual(400);
    expect(gateway.logs.join('')).toContain('"statusCode":');
    expect(gateway.logs.join('')).not.toContain(email);
  });

  it('never shows a credential in an answer', async () => {
    platformCase!.failCustomer(401, { errors: `bad token ${platformCase!.secrets.join(' ')}` });
    const response = await getCustomer();
    for (const secret of platformCase!.secrets) expect(response.body).not.toContain(secret);
  });
});

describe('the registered platforms', () => {
  it('all appear in the OpenAPI document with their credentials', async () => {
    const gateway = await createTestGateway({ platforms: registeredPlatforms.definitions, resolver });
    const document = (await gateway.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    await gateway.close();
    const body = JSON.stringify(document.paths['/admin/v1/stores'].post.requestBody);
    for (const platform of registeredPlatforms.ids) expect(body).toContain(`"enum":["${platform}"]`);
  });
});
