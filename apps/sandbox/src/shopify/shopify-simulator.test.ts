import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type ShopifySimulator, startShopifySimulator } from './shopify-simulator';

let simulator: ShopifySimulator;

beforeAll(async () => {
  simulator = await startShopifySimulator({
    count: 80,
    accessToken: 'shpat_test',
    clientId: 'client',
    clientSecret: 'shpss_secret',
  });
});
afterEach(() => simulator.reset());
afterAll(() => simulator.close());

interface GraphQLAnswer {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: { code?: string } }[];
  extensions?: {
    cost: {
      requestedQueryCost: number;
      actualQueryCost: number | null;
      throttleStatus: { maximumAvailable: number; currentlyAvailable: number; restoreRate: number };
    };
    search?: { path: string[]; query: string; warnings: { field: string; message: string }[] }[];
  };
}

interface CustomerPage {
  nodes: {
    legacyResourceId: string;
    email: string | null;
    firstName: string | null;
    createdAt: string;
    updatedAt: string;
  }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

async function post(
  body: unknown,
  options: { token?: string; version?: string; target?: ShopifySimulator } = {},
) {
  const target = options.target ?? simulator;
  return fetch(`${target.url}/admin/api/${options.version ?? '2026-01'}/graphql.json`, {
    method: 'POST',
    headers: { 'x-shopify-access-token': options.token ?? 'shpat_test', 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

async function graphql(query: string, variables: Record<string, unknown> = {}, target?: ShopifySimulator) {
  const response = await post({ query, variables }, { target });
  expect(response.status).toBe(200);
  return (await response.json()) as GraphQLAnswer;
}

/** `data.<name>` of an answer, failing the test with the errors when it is missing. */
function dataOf(answer: GraphQLAnswer, name: string): unknown {
  const value = answer.data?.[name];
  if (value === undefined || value === null)
    throw new Error(`no data.${name}: ${JSON.stringify(answer.errors)}`);
  return value;
}

const pageQuery = `query Page($first: Int!, $after: String, $query: String, $sortKey: CustomerSortKeys) {
  customers(first: $first, after: $after, query: $query, sortKey: $sortKey) {
    nodes { legacyResourceId email: defaultEmailAddress { emailAddress } firstName createdAt updatedAt }
    pageInfo { hasNextPage endCursor }
  }
}`;

async function customers(query: string | null, first = 250, sortKey = 'ID'): Promise<CustomerPage['nodes']> {
  const answer = await graphql(pageQuery, { first, query, sortKey });
  return (dataOf(answer, 'customers') as CustomerPage).nodes;
}

describe('endpoint, authentication and versions', () => {
  it('answers 401 with Shopify’s string body for a missing or wrong token', async () => {
    const response = await post({ query: '{ shop { name } }' }, { token: 'shpat_wrong' });
    expect(response.status).toBe(401);
    expect(await response.json()).toStrictEqual({
      errors: '[API] Invalid API key or access token (unrecognized login or wrong password)',
    });
  });

  it('names the version that answered, falling forward from an unsupported one', async () => {
    expect((await post({ query: '{ shop { name } }' })).headers.get('x-shopify-api-version')).toBe('2026-01');
    expect(
      (await post({ query: '{ shop { name } }' }, { version: '2023-10' })).headers.get(
        'x-shopify-api-version',
      ),
    ).toBe('2025-01');
    expect((await post({ query: '{ shop { name } }' }, { version: '2026-02' })).status).toBe(404);
  });

  it('answers 400 without a query', async () => {
    expect((await post({ variables: {} })).status).toBe(400);
  });

  it('validates documents against the real 2026-01 schema', async () => {
    const unknownField = await graphql('{ shop { nonsense } }');
    expect(unknownField.errors?.[0]?.message).toContain('nonsense');
    // Deprecated input fields are absent from the schema dump, so the deprecated `addresses` is refused.
    const deprecated = await graphql(
      'mutation { customerCreate(input: { firstName: "A", addresses: [] }) { customer { id } } }',
    );
    expect(deprecated.errors?.[0]?.message).toContain('addresses');
  });

  it('fails loudly on a field the simulator does not answer', async () => {
    const answer = await graphql(`{ customers(first: 1) { nodes { image { url } } } }`);
    expect(answer.errors?.[0]?.extensions?.code).toBe('NOT_SIMULATED');
  });

  it('issues expiring tokens through the client credentials grant', async () => {
    const grant = (body: Record<string, string>) =>
      fetch(`${simulator.url}/admin/oauth/access_token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(body).toString(),
      });
    const granted = await grant({
      grant_type: 'client_credentials',
      client_id: 'client',
      client_secret: 'shpss_secret',
    });
    const { access_token: token, expires_in: expiresIn } = (await granted.json()) as {
      access_token: string;
      expires_in: number;
    };
    expect(expiresIn).toBe(86_399);
    expect((await post({ query: '{ shop { name } }' }, { token })).status).toBe(200);
    expect(
      (await grant({ grant_type: 'client_credentials', client_id: 'client', client_secret: 'wrong' })).status,
    ).toBe(401);
    expect((await grant({ grant_type: 'authorization_code' })).status).toBe(400);
    simulator.expireIssuedTokens();
    expect((await post({ query: '{ shop { name } }' }, { token })).status).toBe(401);
    const renewed = (await (
      await grant({ grant_type: 'client_credentials', client_id: 'client', client_secret: 'shpss_secret' })
    ).json()) as { access_token: string };
    expect((await post({ query: '{ shop { name } }' }, { token: renewed.access_token })).status).toBe(200);
    simulator.revokeCredentials();
    expect((await post({ query: '{ shop { name } }' }, { token: renewed.access_token })).status).toBe(401);
  });
});

describe('customers', () => {
  it('pages through every customer once, in ascending id order', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const answer = await graphql(pageQuery, { first: 30, after });
      const page = dataOf(answer, 'customers') as CustomerPage;
      seen.push(...page.nodes.map((node) => node.legacyResourceId));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after !== null);
    expect(seen).toStrictEqual(simulator.customerIds());
  });

  it('requires first or last, at most 250', async () => {
    expect((await graphql('{ customers { nodes { id } } }')).errors?.[0]?.message).toBe(
      'you must provide one of first or last',
    );
    expect((await graphql('{ customers(first: 251) { nodes { id } } }')).errors?.[0]?.message).toContain(
      '250',
    );
  });

  it('searches id ranges and alternatives', async () => {
    const [first, second, third] = simulator.customerIds();
    const alternatives = await customers(`(id:${first} OR id:${third})`);
    expect(alternatives.map((node) => node.legacyResourceId)).toStrictEqual([first, third]);
    const range = await customers(`id:>${first} id:<=${third}`);
    expect(range.map((node) => node.legacyResourceId)).toStrictEqual([second, third]);
  });

  it('matches e-mail by tokens: a quoted address also finds addresses that contain it', async () => {
    const all = await customers(null);
    const email = all.find((node) => node.email !== null)?.email as unknown as { emailAddress: string };
    const found = await customers(`email:"${email.emailAddress}"`);
    expect(
      found.map((node) => (node.email as unknown as { emailAddress: string }).emailAddress.toLowerCase()),
    ).toContain(email.emailAddress.toLowerCase());
    const extended = `${email.emailAddress}.au`;
    await graphql(
      `mutation { customerCreate(input: { email: "${extended}", firstName: "Token" }) { userErrors { message } } }`,
    );
    const again = await customers(`email:"${email.emailAddress}"`);
    expect(again.length).toBe(found.length + 1);
  });

  it('filters customer_date exactly and updated_at by whole days', async () => {
    const [oldest] = await customers(null, 1, 'CREATED_AT');
    const created = oldest?.createdAt ?? '';
    const exact = await customers(`customer_date:>='${created}' customer_date:<='${created}'`);
    expect(exact.map((node) => node.legacyResourceId)).toContain(oldest?.legacyResourceId);
    const updated = oldest?.updatedAt ?? '';
    const lateSameDay = `${updated.slice(0, 10)}T23:59:59Z`;
    const byDay = await customers(`updated_at:>='${lateSameDay}'`);
    expect(byDay.map((node) => node.legacyResourceId)).toContain(oldest?.legacyResourceId);
  });

  it('ignores an unknown field with a search warning, as created_at on customers', async () => {
    const answer = await graphql(pageQuery, { first: 5, query: "created_at:>'2030-01-01'" });
    expect((dataOf(answer, 'customers') as CustomerPage).nodes).toHaveLength(5);
    expect(answer.extensions?.search?.[0]).toMatchObject({
      path: ['customers'],
      query: "created_at:>'2030-01-01'",
      warnings: [{ field: 'created_at', message: 'Invalid search field for this query.' }],
    });
    const counted = await graphql(
      `{ customersCount(query: "created_at:>'2030-01-01'") { count precision } }`,
    );
    expect(counted.data?.customersCount).toStrictEqual({ count: 0, precision: 'EXACT' });
  });

  it('finds free text in names, case- and accent-insensitively', async () => {
    const [someone] = await customers('first_name:*', 1);
    const name = someone?.firstName ?? '';
    const found = await customers(name.toUpperCase());
    expect(found.map((node) => node.legacyResourceId)).toContain(someone?.legacyResourceId);
  });

  it('counts with a cap: AT_LEAST past limit, EXACT with limit null', async () => {
    expect(
      (await graphql('{ customersCount(limit: 10) { count precision } }')).data?.customersCount,
    ).toStrictEqual({
      count: 10,
      precision: 'AT_LEAST',
    });
    expect(
      (await graphql('{ customersCount(limit: null) { count precision } }')).data?.customersCount,
    ).toStrictEqual({
      count: 80,
      precision: 'EXACT',
    });
  });

  it('answers null for an unknown customer and an error for a malformed id', async () => {
    expect((await graphql('{ customer(id: "gid://shopify/Customer/1") { id } }')).data?.customer).toBeNull();
    const malformed = await graphql('{ customer(id: "1") { id } }');
    expect(malformed.errors?.[0]?.message).toBe("Invalid global id '1'");
  });
});

describe('mutations', () => {
  const create = `mutation Create($input: CustomerInput!) {
    customerCreate(input: $input) { customer { id legacyResourceId tags } userErrors { field message } }
  }`;

  it('creates a customer, normalizing tags, and refuses a taken e-mail', async () => {
    const answer = await graphql(create, {
      input: { firstName: 'Zoë', lastName: "O'Brien", email: 'zoe@example.net', tags: ['vip', 'b2b', 'VIP'] },
    });
    const payload = dataOf(answer, 'customerCreate') as {
      customer: { legacyResourceId: string; tags: string[] };
    };
    expect(payload.customer.tags).toStrictEqual(['b2b', 'vip']);
    expect(simulator.stored(payload.customer.legacyResourceId)).toMatchObject({
      firstName: 'Zoë',
      state: 'DISABLED',
    });
    const taken = await graphql(create, { input: { email: 'ZOE@example.net' } });
    expect(taken.data?.customerCreate).toStrictEqual({
      customer: null,
      userErrors: [{ field: ['email'], message: 'Email has already been taken' }],
    });
  });

  it('refuses consent changes in customerUpdate and applies them with the consent mutation', async () => {
    const created = await graphql(create, { input: { firstName: 'Consent', email: 'consent@example.net' } });
    const id = (dataOf(created, 'customerCreate') as { customer: { id: string; legacyResourceId: string } })
      .customer;
    const refused = await graphql(
      `mutation($input: CustomerInput!) { customerUpdate(input: $input) { userErrors { field message } } }`,
      { input: { id: id.id, emailMarketingConsent: { marketingState: 'SUBSCRIBED' } } },
    );
    expect((dataOf(refused, 'customerUpdate') as { userErrors: unknown[] }).userErrors).toHaveLength(1);
    const consent = `mutation($input: CustomerEmailMarketingConsentUpdateInput!) {
      customerEmailMarketingConsentUpdate(input: $input) { userErrors { field message code } } }`;
    const notSubscribed = await graphql(consent, {
      input: { customerId: id.id, emailMarketingConsent: { marketingState: 'NOT_SUBSCRIBED' } },
    });
    expect(notSubscribed.data?.customerEmailMarketingConsentUpdate).toMatchObject({
      userErrors: [{ code: 'INCLUSION' }],
    });
    await graphql(consent, {
      input: { customerId: id.id, emailMarketingConsent: { marketingState: 'SUBSCRIBED' } },
    });
    expect(simulator.stored(id.legacyResourceId)?.emailMarketing.state).toBe('SUBSCRIBED');
  });

  it('manages the address book: the first address becomes the default, deleting it promotes the next', async () => {
    const created = await graphql(create, { input: { firstName: 'Address', email: 'address@example.net' } });
    const { id, legacyResourceId } = (
      dataOf(created, 'customerCreate') as { customer: { id: string; legacyResourceId: string } }
    ).customer;
    const add = `mutation($customerId: ID!, $address: MailingAddressInput!) {
      customerAddressCreate(customerId: $customerId, address: $address) { address { id } userErrors { message } } }`;
    const first = await graphql(add, {
      customerId: id,
      address: { address1: '1 Main St', countryCode: 'CA', provinceCode: 'ON' },
    });
    const second = await graphql(add, {
      customerId: id,
      address: { address1: '2 Side St', countryCode: 'US' },
    });
    const firstId = (dataOf(first, 'customerAddressCreate') as { address: { id: string } }).address.id;
    const secondId = (dataOf(second, 'customerAddressCreate') as { address: { id: string } }).address.id;
    expect(firstId).toMatch(/^gid:\/\/shopify\/MailingAddress\/\d+\?model_name=CustomerAddress$/);
    const record = () => simulator.stored(legacyResourceId);
    expect(String(record()?.defaultAddressId)).toBe(firstId.replace(/\D+(\d+).*/, '$1'));
    await graphql(
      `mutation($customerId: ID!, $addressId: ID!) { customerAddressDelete(customerId: $customerId, addressId: $addressId) { deletedAddressId } }`,
      { customerId: id, addressId: firstId },
    );
    expect(String(record()?.defaultAddressId)).toBe(secondId.replace(/\D+(\d+).*/, '$1'));
  });

  it('refuses a province code its country does not have, leaving the address book as it was', async () => {
    const created = await graphql(create, {
      input: { firstName: 'Province', email: 'province@example.net' },
    });
    const { id, legacyResourceId } = (
      dataOf(created, 'customerCreate') as { customer: { id: string; legacyResourceId: string } }
    ).customer;
    const add = `mutation($customerId: ID!, $address: MailingAddressInput!) {
      customerAddressCreate(customerId: $customerId, address: $address) { address { id } userErrors { field message } } }`;
    const refused = await graphql(add, {
      customerId: id,
      address: { address1: '1 Main St', countryCode: 'US', provinceCode: 'ZZ' },
    });
    expect([
      refused.data?.customerAddressCreate,
      simulator.stored(legacyResourceId)?.addresses,
    ]).toStrictEqual([
      {
        address: null,
        userErrors: [{ field: ['address', 'provinceCode'], message: 'Province is not valid' }],
      },
      [],
    ]);
  });

  it('deletes only customers without orders', async () => {
    const remove = `mutation($id: ID!) { customerDelete(input: { id: $id }) { deletedCustomerId userErrors { field message } } }`;
    const buyer = (await graphql('{ customers(first: 1, query: "orders_count:>0") { nodes { id } } }')).data
      ?.customers as {
      nodes: { id: string }[];
    };
    const refused = await graphql(remove, { id: buyer.nodes[0]?.id });
    expect(refused.data?.customerDelete).toMatchObject({
      deletedCustomerId: null,
      userErrors: [{ field: ['id'] }],
    });
    const missing = await graphql(remove, { id: 'gid://shopify/Customer/1' });
    expect(missing.data?.customerDelete).toMatchObject({
      userErrors: [{ message: 'Customer does not exist' }],
    });
  });
});

describe('orders', () => {
  it('lists a customer’s orders newest first', async () => {
    const answer = await graphql(`{ customers(first: 1, query: "orders_count:>1") { nodes {
      numberOfOrders orders(first: 10, sortKey: CREATED_AT, reverse: true) { nodes { createdAt customer { id } } } } } }`);
    const [customer] = (
      dataOf(answer, 'customers') as {
        nodes: { numberOfOrders: string; orders: { nodes: { createdAt: string }[] } }[];
      }
    ).nodes;
    const dates = customer?.orders.nodes.map((order) => order.createdAt) ?? [];
    expect(dates.length).toBe(Number(customer?.numberOfOrders));
    expect(dates).toStrictEqual([...dates].sort().reverse());
  });
});

describe('query cost and throttling', () => {
  it('reports requested and actual cost: a connection costs 2 + first × node', async () => {
    const answer = await graphql('{ customers(first: 10) { nodes { id defaultAddress { id } } } }');
    expect(answer.extensions?.cost.requestedQueryCost).toBe(2 + 10 * 2);
    const withAddress = dataOf(answer, 'customers') as { nodes: { defaultAddress: unknown }[] };
    const addresses = withAddress.nodes.filter((node) => node.defaultAddress !== null).length;
    expect(answer.extensions?.cost.actualQueryCost).toBe(2 + 10 + addresses);
    expect(answer.extensions?.cost.throttleStatus).toMatchObject({
      maximumAvailable: 2000,
      restoreRate: 100,
    });
  });

  it('refuses a query over 1 000 points with MAX_COST_EXCEEDED', async () => {
    const answer = await graphql(
      '{ customers(first: 250) { nodes { addressesV2(first: 10) { nodes { id } } } } }',
    );
    expect(answer.errors?.[0]?.extensions?.code).toBe('MAX_COST_EXCEEDED');
  });

  it('throttles inside an HTTP 200 when the bucket lacks the requested cost', async () => {
    const small = await startShopifySimulator({
      count: 5,
      accessToken: 'shpat_test',
      throttle: { maximumAvailable: 30, restoreRate: 1 },
    });
    const unthrottled = await startShopifySimulator({ count: 5, accessToken: 'shpat_test', throttle: false });
    try {
      const query = '{ customers(first: 10) { nodes { id defaultAddress { id } } } }';
      expect((await graphql(query, {}, small)).data).not.toBeNull();
      const throttled = await graphql(query, {}, small);
      expect(throttled.data).toBeUndefined();
      expect(throttled.errors?.[0]?.extensions?.code).toBe('THROTTLED');
      expect(throttled.extensions?.cost).toMatchObject({ requestedQueryCost: 22, actualQueryCost: null });
      for (let attempt = 0; attempt < 3; attempt++)
        expect((await graphql(query, {}, unthrottled)).errors).toBeUndefined();
    } finally {
      await Promise.all([small.close(), unthrottled.close()]);
    }
  });
});

describe('faults', () => {
  it('throttles, fails, refuses and garbles the next responses the Shopify way', async () => {
    simulator.failNext('rateLimited');
    simulator.failNext('serverError');
    simulator.failNext('unauthorized');
    simulator.failNext('malformed');
    const throttled = (await (await post({ query: '{ shop { name } }' })).json()) as GraphQLAnswer;
    const { requestedQueryCost, throttleStatus } = throttled.extensions?.cost ?? {
      requestedQueryCost: 0,
      throttleStatus: undefined,
    };
    expect(
      Math.ceil(
        (requestedQueryCost - (throttleStatus?.currentlyAvailable ?? 0)) / (throttleStatus?.restoreRate ?? 1),
      ),
    ).toBe(1);
    expect((await post({ query: '{ shop { name } }' })).status).toBe(500);
    expect((await post({ query: '{ shop { name } }' })).status).toBe(401);
    const malformed = await post({ query: '{ shop { name } }' });
    expect(malformed.status).toBe(200);
    await expect(malformed.json()).rejects.toThrow();
    expect((await post({ query: '{ shop { name } }' })).status).toBe(200);
  });
});
