import {
  createTokenBucket,
  InvalidRequestError,
  type IssuedAccessToken,
  iterateCustomers,
  NotFoundError,
  type StoredCredentials,
  setSignalDeadline,
  UpstreamRateLimitedError,
  UpstreamUnauthorizedError,
} from '@unicart/core';
import { runAdapterConformance } from '@unicart/core/testing';
import {
  type BlingContactRecord,
  type BlingSimulator,
  blingContactTypes,
  blingCustomerFacts,
  startBlingSimulator,
} from '@unicart/sandbox';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { type BlingAdapterSettings, blingPlatform, createBlingAdapter } from './bling-adapter';
import type { BlingCredentials } from './bling-connection';

/** Fast enough for tests, still through the adapter's limiter path. */
const testLimiter = () => createTokenBucket({ capacity: 1000, refillPerSecond: 1000 });

const issuedTokens: string[] = [];

describe('conformance (bare access token)', () => {
  runAdapterConformance({
    definition: blingPlatform,
    simulator: (seed) => startBlingSimulator({ ...seed, rateLimit: false }),
    settings: (simulator: BlingSimulator) => {
      const accessToken = simulator.issueAccessToken();
      issuedTokens.push(accessToken);
      const settings: BlingAdapterSettings = { accessToken, baseUrl: simulator.url, limiter: testLimiter() };
      return settings as BlingCredentials & BlingAdapterSettings;
    },
    secrets: (simulator) => [
      ...issuedTokens,
      simulator.credentials.clientSecret,
      simulator.credentials.refreshToken,
    ],
    native: blingCustomerFacts,
  });
});

describe('Bling specifics', () => {
  let simulator: BlingSimulator;
  const rotated: BlingCredentials[] = [];

  beforeAll(async () => {
    simulator = await startBlingSimulator({ count: 60, rateLimit: false });
  });
  beforeEach(() => {
    simulator.reset();
    rotated.length = 0;
  });
  afterAll(() => simulator.close());

  function oauthAdapter(overrides: Partial<BlingAdapterSettings> = {}) {
    return createBlingAdapter({
      ...simulator.credentials,
      baseUrl: simulator.url,
      limiter: testLimiter(),
      retry: { maxRetries: 1, baseDelayMs: 1, maxDelayMs: 1500 },
      onCredentialsRotated: async (credentials) => {
        rotated.push(credentials);
      },
      ...overrides,
    } as BlingAdapterSettings);
  }

  const apiRequests = () => simulator.requests.filter((request) => request.path !== '/Api/v3/oauth/token');
  const tokenRequests = () => simulator.requests.filter((request) => request.path === '/Api/v3/oauth/token');

  describe('OAuth 2', () => {
    it('refreshes with Basic auth and a form body, and reports the rotated refresh token before the first API call', async () => {
      const { clientId, clientSecret, refreshToken } = simulator.credentials;
      let apiCallsWhenReported = -1;
      const adapter = oauthAdapter({
        onCredentialsRotated: async (credentials) => {
          apiCallsWhenReported = apiRequests().length;
          rotated.push(credentials);
        },
      });
      const [listed] = (await adapter.listCustomers({ limit: 1, cursor: null })).items;
      expect(listed).toBeDefined();
      const [token] = tokenRequests();
      expect(token).toMatchObject({
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
          'content-type': 'application/x-www-form-urlencoded',
          'enable-jwt': '1',
        },
        body: { grant_type: 'refresh_token', refresh_token: refreshToken },
      });
      expect(apiCallsWhenReported).toBe(0);
      expect(rotated).toStrictEqual([
        { clientId, clientSecret, refreshToken: simulator.credentials.refreshToken },
      ]);
      expect(simulator.credentials.refreshToken).not.toBe(refreshToken);
      expect(apiRequests()[0]?.headers).toMatchObject({ 'enable-jwt': '1' });
      expect(apiRequests()[0]?.headers.authorization).toMatch(/^Bearer /);
    });

    it('reuses the access token until it nears expiry, refreshing one at a time', async () => {
      const adapter = oauthAdapter();
      await Promise.all([adapter.getCustomer(simulator.customerIds()[0] ?? ''), adapter.countCustomers({})]);
      await adapter.getCustomer(simulator.customerIds()[1] ?? '');
      expect(tokenRequests().length).toBe(1);
    });

    it('refreshes before each request while the token is within a minute of its expires_in', async () => {
      const shortLived = await startBlingSimulator({ count: 5, rateLimit: false, accessTokenSeconds: 45 });
      try {
        const adapter = createBlingAdapter({
          ...shortLived.credentials,
          baseUrl: shortLived.url,
          limiter: testLimiter(),
        });
        const id = shortLived.customerIds()[0] ?? '';
        await adapter.getCustomer(id);
        await adapter.getCustomer(id);
        const tokenCalls = shortLived.requests.filter((request) => request.path === '/Api/v3/oauth/token');
        // Every API request (the contact twice, the contact types once) came after a refresh of its own.
        expect(tokenCalls.length).toBe(3);
        expect(shortLived.requests.length).toBe(6);
      } finally {
        await shortLived.close();
      }
    });

    it('does not use the new access token until the rotated credentials are stored, and reports them again', async () => {
      let failures = 1;
      const adapter = oauthAdapter({
        onCredentialsRotated: async (credentials) => {
          if (failures-- > 0) throw new Error('database unavailable');
          rotated.push(credentials);
        },
      });
      const id = simulator.customerIds()[0] ?? '';
      await expect(adapter.getCustomer(id)).rejects.toThrow();
      expect(apiRequests()).toStrictEqual([]);
      expect((await adapter.getCustomer(id))?.id).toBe(id);
      expect(tokenRequests().length).toBe(1);
      expect(
        rotated.map((credentials) => ('refreshToken' in credentials ? credentials.refreshToken : null)),
      ).toStrictEqual([simulator.credentials.refreshToken]);
    });

    it('gives up waiting for a refresh at the request deadline, yet keeps and stores what the refresh brings', async () => {
      const adapter = oauthAdapter();
      const id = simulator.customerIds()[0] ?? '';
      // The token endpoint answers only after the caller's deadline.
      simulator.failNext('delayed', 1, { delayMs: 400 });
      const deadline = new AbortController();
      const reason = new Error('deadline reached');
      setSignalDeadline(deadline.signal, Date.now() + 50);
      setTimeout(() => deadline.abort(reason), 50);
      await expect(adapter.getCustomer(id, { signal: deadline.signal })).rejects.toBe(reason);
      expect(rotated).toStrictEqual([]);
      // The refresh token is spent once Bling answers: the refresh runs on and its result is stored.
      await vi.waitFor(() => expect(rotated).toHaveLength(1), { timeout: 5_000 });
      expect((await adapter.getCustomer(id))?.id).toBe(id);
      expect(tokenRequests().length).toBe(1);
      expect(apiRequests().length).toBeGreaterThan(0);
    });

    it('renews a rejected access token once and repeats the request; a second rejection is a 424', async () => {
      const adapter = oauthAdapter();
      const id = simulator.customerIds()[0] ?? '';
      await adapter.getCustomer(id);
      simulator.failNext('unauthorized');
      expect((await adapter.getCustomer(id))?.id).toBe(id);
      expect(tokenRequests().length).toBe(2);
      simulator.failNext('unauthorized', 3);
      const error = await adapter.getCustomer(id).catch((thrown: unknown) => thrown);
      expect(UpstreamUnauthorizedError.isInstance(error)).toBe(true);
    });

    it('does not retry the token endpoint’s 429, an hour-long block of the address', async () => {
      const blocked = await startBlingSimulator({ count: 5, rateLimit: false, tokenCallsPerMinute: 0 });
      try {
        const adapter = createBlingAdapter({
          ...blocked.credentials,
          baseUrl: blocked.url,
          limiter: testLimiter(),
        });
        const error = await adapter
          .listCustomers({ limit: 5, cursor: null })
          .catch((thrown: unknown) => thrown);
        expect(UpstreamRateLimitedError.isInstance(error)).toBe(true);
        expect((error as UpstreamRateLimitedError).retryAfterSeconds).toBe(3600);
        expect(blocked.requests.map((request) => request.path)).toStrictEqual(['/Api/v3/oauth/token']);
      } finally {
        await blocked.close();
      }
    });

    it('adopts what another process stored: its access token while valid, else its refresh token', async () => {
      const original = simulator.credentials;
      // The adapters share a store, as gateway processes share a database.
      let stored: StoredCredentials<BlingCredentials> = { credentials: original };
      const shared = {
        onCredentialsRotated: async (credentials: BlingCredentials, accessToken?: IssuedAccessToken) => {
          stored = { credentials, accessToken };
        },
        loadCurrentCredentials: async () => stored,
      };
      const first = oauthAdapter(shared);
      const second = oauthAdapter(shared);
      const id = simulator.customerIds()[0] ?? '';
      const bearers = () => apiRequests().map((request) => request.headers.authorization);
      expect((await first.getCustomer(id))?.id).toBe(id);
      const rotatedByFirst = simulator.credentials.refreshToken;
      expect(stored.accessToken?.expiresAt).toBeGreaterThan(Date.now() + 21_500_000);
      expect((await second.getCustomer(id))?.id).toBe(id);
      // The second used the first's access token: one refresh in all.
      expect(new Set(bearers())).toStrictEqual(new Set([`Bearer ${stored.accessToken?.value}`]));
      expect(tokenRequests()).toHaveLength(1);

      // Bling refuses that token: the second refreshes, with the refresh token the first stored.
      simulator.failNext('unauthorized');
      expect((await second.getCustomer(id))?.id).toBe(id);
      expect(tokenRequests().map((request) => request.body)).toStrictEqual([
        { grant_type: 'refresh_token', refresh_token: original.refreshToken },
        { grant_type: 'refresh_token', refresh_token: rotatedByFirst },
      ]);
      expect(stored.credentials).toStrictEqual(simulator.credentials);
    });

    it('reads, refreshes and stores inside the credentials lock, once per access token', async () => {
      const events: string[] = [];
      const adapter = oauthAdapter({
        withCredentialsLock: async <Value>(work: () => Promise<Value>) => {
          events.push('locked');
          try {
            return await work();
          } finally {
            events.push('released');
          }
        },
        loadCurrentCredentials: async () => {
          events.push('read');
          return undefined;
        },
        onCredentialsRotated: async () => {
          events.push(`stored after ${tokenRequests().length} token request`);
        },
      });
      const ids = simulator.customerIds();
      await adapter.getCustomer(ids[0] ?? '');
      await Promise.all([adapter.getCustomer(ids[1] ?? ''), adapter.countCustomers({})]);
      expect(events).toStrictEqual(['locked', 'read', 'stored after 1 token request', 'released']);
    });

    it('on invalid_grant reads the stored credentials once more, and refreshes again only if they changed', async () => {
      const spent = simulator.credentials;
      await oauthAdapter().getCustomer(simulator.customerIds()[0] ?? '');
      const current = simulator.credentials;
      // A process that took no lock stored its rotation only after this one first looked.
      const reads = [spent, current];
      const reading = oauthAdapter({
        ...spent,
        loadCurrentCredentials: async () => ({ credentials: reads.shift() ?? current }),
      });
      const id = simulator.customerIds()[0] ?? '';
      expect((await reading.getCustomer(id))?.id).toBe(id);
      expect(
        tokenRequests().map((request) => (request.body as { refresh_token: string }).refresh_token),
      ).toStrictEqual([spent.refreshToken, spent.refreshToken, current.refreshToken]);

      // Nothing changed in the store: one more read, no second refresh, and a 424.
      let storeReads = 0;
      const dead = oauthAdapter({
        ...spent,
        loadCurrentCredentials: async () => {
          storeReads += 1;
          return { credentials: spent };
        },
      });
      const tokenRequestsBefore = tokenRequests().length;
      const error = await dead.getCustomer(id).catch((thrown: unknown) => thrown);
      expect(UpstreamUnauthorizedError.isInstance(error)).toBe(true);
      expect(storeReads).toBe(2);
      expect(tokenRequests().length - tokenRequestsBefore).toBe(1);
    });

    it('answers 424 when the refresh token is no longer good, without leaking it', async () => {
      const { refreshToken, clientSecret } = simulator.credentials;
      simulator.revokeCredentials();
      const error = await oauthAdapter({ refreshToken } as Partial<BlingAdapterSettings>)
        .listCustomers({ limit: 5, cursor: null })
        .catch((thrown: unknown) => thrown);
      expect(UpstreamUnauthorizedError.isInstance(error)).toBe(true);
      expect(String((error as Error).message)).toContain('invalid_grant');
      expect(JSON.stringify(error)).not.toContain(refreshToken);
      expect(String((error as Error).message)).not.toContain(clientSecret);
    });
  });

  describe('customers are contacts of the Cliente type only', () => {
    it('lists with criterio=1 and the Cliente type id, 100 a page', async () => {
      const adapter = oauthAdapter();
      await adapter.listCustomers({ limit: 10, cursor: null });
      const list = apiRequests().find((request) => request.path === '/Api/v3/contatos');
      expect(list?.query).toStrictEqual({
        criterio: '1',
        idTipoContato: String(blingContactTypes.cliente.id),
        pagina: '1',
        limite: '100',
      });
    });

    it('lists every customer once, and no supplier, carrier, deleted contact or Consumidor Final', async () => {
      const adapter = oauthAdapter();
      const ids: string[] = [];
      for await (const customer of adapter.iterateCustomers({}, { pageSize: 7 })) ids.push(customer.id);
      expect(ids.sort()).toStrictEqual([...simulator.customerIds()].sort());
    });

    it('answers null for a supplier, a deleted contact and Consumidor Final', async () => {
      const adapter = oauthAdapter();
      const [deleted] = (await adapter.listDeletedCustomerIds?.(null)) ?? [];
      expect(deleted).toBeDefined();
      expect(await adapter.getCustomer(deleted ?? '')).toBeNull();
      expect(await adapter.getCustomer('16120000001')).toBeNull();
    });

    it('lists ids after sinceId in ascending order across pages', async () => {
      const adapter = oauthAdapter();
      const after = simulator.customerIds()[10] ?? '';
      const ids: string[] = [];
      for await (const customer of adapter.iterateCustomers({ sinceId: after }, { pageSize: 9 }))
        ids.push(customer.id);
      const expected = simulator.customerIds().filter((id) => BigInt(id) > BigInt(after));
      expect(ids).toStrictEqual(expected);
    });

    it('keeps only exact e-mail matches among Bling’s substring search', async () => {
      const target = simulator.customerIds().find((id) => simulator.stored(id)?.email !== '') ?? '';
      const email = simulator.stored(target)?.email ?? '';
      const contact = simulator.stored(target) as BlingContactRecord;
      simulator.seed({
        customers: [
          contact,
          { ...contact, id: contact.id + 1, email: `juli${email}` },
          { ...contact, id: contact.id + 2, email: email.toUpperCase() },
        ],
      });
      try {
        const page = await oauthAdapter().listCustomers({ limit: 10, cursor: null, email });
        expect(page.items.map((customer) => customer.id).sort()).toStrictEqual([
          String(contact.id),
          String(contact.id + 2),
        ]);
      } finally {
        simulator.seed({ count: 60 });
      }
    });
  });

  describe('writes', () => {
    it('creates a Brazilian customer with the Cliente type, verified in the simulator', async () => {
      const adapter = oauthAdapter();
      const created = await adapter.createCustomer({
        firstName: 'Letícia',
        lastName: 'Araújo',
        email: 'leticia.araujo@example.com.br',
        phone: '(11) 98888-7777',
        addresses: [
          {
            address1: 'Avenida Paulista, 1578',
            address2: 'Conjunto 12',
            city: 'São Paulo',
            postalCode: '01310200',
            state: { code: 'SP' },
            country: { code: 'BR' },
          },
        ],
      });
      const stored = simulator.stored(created.id);
      expect(stored).toMatchObject({
        nome: 'Letícia Araújo',
        tipo: 'F',
        situacao: 'A',
        email: 'leticia.araujo@example.com.br',
        celular: '(11) 98888-7777',
        endereco: {
          geral: {
            endereco: 'Avenida Paulista',
            numero: '1578',
            complemento: 'Conjunto 12',
            cep: '01310-200',
            municipio: 'São Paulo',
            uf: 'SP',
          },
        },
        tiposContato: [{ id: blingContactTypes.cliente.id, descricao: 'Cliente' }],
      });
      expect(created.addresses[0]).toMatchObject({
        address1: 'Avenida Paulista, 1578',
        postalCode: '01310-200',
        defaultShipping: true,
        defaultBilling: true,
      });
    });

    it('refuses what Bling cannot store before any request', async () => {
      const adapter = oauthAdapter();
      const error = await adapter
        .createCustomer({ firstName: 'Ana', lastName: 'Reyes', tags: ['vip'] })
        .catch((thrown: unknown) => thrown);
      expect(InvalidRequestError.isInstance(error)).toBe(true);
      expect(simulator.requests).toStrictEqual([]);
    });

    it('updates by sending back the whole contact, keeping what was not sent', async () => {
      const id =
        simulator
          .customerIds()
          .find((candidate) => (simulator.stored(candidate)?.endereco.geral.endereco ?? '') !== '') ?? '';
      const before = simulator.stored(id) as BlingContactRecord;
      const updated = await oauthAdapter().updateCustomer(id, { lastName: 'Updated' });
      expect(updated.lastName).toBe('Updated');
      const put = apiRequests().find((request) => request.method === 'PUT');
      expect(put?.path).toBe(`/Api/v3/contatos/${id}`);
      expect(simulator.stored(id)).toStrictEqual({
        ...before,
        nome: `${blingCustomerFacts(before).firstName} Updated`,
      });
    });

    it('answers not found when updating or deleting a supplier', async () => {
      const adapter = oauthAdapter();
      const supplier = '16120000001';
      for (const attempt of [
        adapter.updateCustomer(supplier, { firstName: 'X' }),
        adapter.deleteCustomer(supplier),
      ]) {
        const error = await attempt.catch((thrown: unknown) => thrown);
        expect(NotFoundError.isInstance(error)).toBe(true);
      }
    });
  });

  describe('change feeds (sync)', () => {
    it('lists customers altered since a time, and those deleted since, through the alteration filter', async () => {
      const adapter = oauthAdapter();
      const [changed, untouched] = simulator.customerIds();
      const before = new Date(Date.now() - 2_000).toISOString();
      await adapter.updateCustomer(changed!, { lastName: 'Araújo' });
      // Moved to "Excluídos" in Bling's own interface (situação E): what the deleted list shows.
      const { id: deleted } = await adapter.createCustomer({
        firstName: 'Iara',
        lastName: 'Souza',
        email: 'iara@example.com',
      });
      const moved = await fetch(`${simulator.url}/Api/v3/contatos/${deleted}/situacoes`, {
        method: 'PATCH',
        headers: {
          authorization: `Bearer ${simulator.issueAccessToken()}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ situacao: 'E' }),
      });
      expect(moved.status).toBe(204);

      const changedIds = await adapter.listChangedCustomerIds!(before);
      expect(changedIds).toContain(changed);
      expect(changedIds).not.toContain(deleted);
      expect(changedIds).not.toContain(untouched);
      expect(await adapter.listDeletedCustomerIds!(before)).toContain(deleted);
      const later = new Date(Date.now() + 60_000).toISOString();
      expect(await adapter.listChangedCustomerIds!(later)).toStrictEqual([]);
      const windows = apiRequests().filter((request) => request.query.dataAlteracaoInicial !== undefined);
      expect(windows.map((request) => request.query.criterio)).toStrictEqual(['1', '2', '1']);
      expect(await adapter.getCustomer(deleted)).toBeNull();
      expect(windows.every((request) => request.query.idTipoContato !== undefined)).toBe(true);
    });

    it('declares both feeds in its sync capabilities', () => {
      expect(oauthAdapter().capabilities.sync).toStrictEqual({ changes: 'changedIds', deletes: 'native' });
    });
  });

  describe('orders', () => {
    it('maps a customer’s orders with their items and situação names', async () => {
      const adapter = oauthAdapter();
      let found = false;
      for (const id of simulator.customerIds()) {
        const page = await adapter.listCustomerOrders(id, { limit: 5, cursor: null });
        const [order] = page.items;
        if (order === undefined) continue;
        expect(order.customerId).toBe(id);
        expect(order.currency).toBe('BRL');
        expect(order.items.length).toBeGreaterThan(0);
        expect(order.status.status).toMatch(/^(Em aberto|Atendido|Cancelado|Em andamento)$/);
        found = true;
        break;
      }
      expect(found).toBe(true);
    });
  });
});

describe('pages under a deadline, at Bling’s real 3 requests a second', () => {
  let simulator: BlingSimulator;
  const deadlineMs = 3_000;

  beforeAll(async () => {
    simulator = await startBlingSimulator({ count: 12 });
  });
  afterAll(() => simulator.close());

  /** The default limiter (one request every 400 ms): a page of n customers needs 1 + n requests. */
  const pacedAdapter = () =>
    createBlingAdapter({ accessToken: simulator.issueAccessToken(), baseUrl: simulator.url });

  function deadlineSignal(): AbortSignal {
    const signal = new AbortController().signal;
    setSignalDeadline(signal, Date.now() + deadlineMs);
    return signal;
  }

  it('answers a short page within the deadline, and its cursors reach every customer exactly once', async () => {
    const adapter = pacedAdapter();
    const expected = simulator.customerIds();
    // More customers than one deadline can read one by one, so a full page would be refused.
    expect(expected.length * 400).toBeGreaterThan(deadlineMs);
    const pages: string[][] = [];
    let cursor: string | null = null;
    do {
      const page = await adapter.listCustomers({ limit: 100, cursor }, { signal: deadlineSignal() });
      expect(page.items.length).toBeGreaterThan(0);
      for (const customer of page.items) {
        expect(customer.email).toBe(simulator.stored(customer.id)?.email || null);
      }
      pages.push(page.items.map((customer) => customer.id));
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(pages.length).toBeGreaterThan(1);
    expect(pages[0]?.length).toBeLessThan(expected.length);
    expect(pages.flat().sort()).toStrictEqual([...expected].sort());
  });

  it('iterates every customer with a deadline per page, as exports do', async () => {
    const adapter = pacedAdapter();
    const perPageDeadline = {
      platform: adapter.platform,
      listCustomers: (...[query]: Parameters<typeof adapter.listCustomers>) =>
        adapter.listCustomers(query, { signal: deadlineSignal() }),
    };
    const ids: string[] = [];
    for await (const customer of iterateCustomers(perPageDeadline, {}, { pageSize: 100 }))
      ids.push(customer.id);
    expect(ids.sort()).toStrictEqual([...simulator.customerIds()].sort());
  });

  it('still gives full pages without a deadline', async () => {
    const adapter = pacedAdapter();
    const page = await adapter.listCustomers({ limit: 100, cursor: null });
    expect(page.items.map((customer) => customer.id).sort()).toStrictEqual(
      [...simulator.customerIds()].sort(),
    );
    expect(page.nextCursor).toBeNull();
  });
});
