import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type BlingSimulator, startBlingSimulator } from './bling-simulator';
import { blingContactTypes } from './bling-types';

let simulator: BlingSimulator;
let token: string;
const cliente = blingContactTypes.cliente.id;

beforeAll(async () => {
  simulator = await startBlingSimulator({
    count: 120,
    rateLimit: false,
    clientId: 'app-id',
    clientSecret: 'app-secret',
  });
});
afterEach(() => simulator.reset());
afterAll(() => simulator.close());

/** The fields these tests read, of a record in `data` (a list or one object). */
interface BlingRow {
  readonly id: number;
  readonly nome: string;
  readonly numeroDocumento: string;
  readonly contato: { readonly id: number };
  readonly situacao: { readonly id: number };
  readonly itens: readonly unknown[];
}

/** Bling's envelope, and the token endpoint's body, as these tests read them. */
interface BlingBody {
  readonly data: BlingRow & readonly BlingRow[];
  readonly error: { readonly type: string; readonly fields: readonly { readonly element: string }[] };
  readonly access_token: string;
  readonly refresh_token: string;
}

async function call(path: string, init: RequestInit & { bearer?: string | null } = {}) {
  const { bearer = token, ...rest } = init;
  const response = await fetch(`${simulator.url}/Api/v3${path}`, {
    ...rest,
    headers: {
      ...(bearer === null ? {} : { authorization: `Bearer ${bearer}` }),
      ...(typeof rest.body === 'string' ? { 'content-type': 'application/json' } : {}),
      ...rest.headers,
    },
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: (text === '' ? {} : JSON.parse(text)) as BlingBody,
  };
}

async function refresh(refreshToken: string, basic = Buffer.from('app-id:app-secret').toString('base64')) {
  return call('/oauth/token', {
    method: 'POST',
    bearer: null,
    headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken }).toString(),
  });
}

const contactIds = async (query: string) =>
  (await call(`/contatos?${query}`)).body.data.map((item) => item.id);

describe('OAuth 2', () => {
  it('rotates the refresh token on every refresh; the one presented stops working at once', async () => {
    const first = simulator.credentials.refreshToken;
    const answer = await refresh(first);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ expires_in: 21600, token_type: 'bearer' });
    expect(answer.body.refresh_token).not.toBe(first);
    expect(simulator.credentials.refreshToken).toBe(answer.body.refresh_token);
    expect(await refresh(first)).toMatchObject({ status: 400, body: { error: { type: 'invalid_grant' } } });
    expect((await call('/contatos?criterio=1', { bearer: answer.body.access_token })).status).toBe(200);
  });

  it('refuses client credentials outside the Basic header, and wrong ones', async () => {
    const inBody = await call('/oauth/token', {
      method: 'POST',
      bearer: null,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `grant_type=refresh_token&refresh_token=x&client_id=app-id&client_secret=app-secret`,
    });
    expect(inBody).toMatchObject({ status: 400, body: { error: { type: 'invalid_client' } } });
    const wrong = await refresh(
      simulator.credentials.refreshToken,
      Buffer.from('app-id:nope').toString('base64'),
    );
    expect(wrong).toMatchObject({ status: 400, body: { error: { type: 'invalid_client' } } });
  });

  it('answers 401 invalid_token with WWW-Authenticate for a missing or unknown Bearer token', async () => {
    const answer = await call('/contatos', { bearer: 'not-a-token' });
    expect(answer.status).toBe(401);
    expect(answer.body).toStrictEqual({
      error: {
        type: 'invalid_token',
        message: 'invalid_token',
        description: 'The access token provided is invalid',
      },
    });
    expect(answer.headers.get('www-authenticate')).toContain('Bearer');
  });

  it('blocks the token endpoint after 20 calls a minute', async () => {
    for (let call = 0; call < 20; call += 1) await refresh('spent');
    expect((await refresh(simulator.credentials.refreshToken)).status).toBe(429);
  });
});

describe('GET /contatos', () => {
  beforeAll(() => {
    token = simulator.issueAccessToken();
  });
  afterEach(() => {
    token = simulator.issueAccessToken();
  });

  it('lists only these fields, newest first, with documents formatted', async () => {
    const { data } = (await call(`/contatos?criterio=1&idTipoContato=${cliente}&limite=3`)).body;
    const [first, second] = data;
    expect(Object.keys(first ?? {}).sort()).toStrictEqual(
      ['celular', 'codigo', 'id', 'nome', 'numeroDocumento', 'situacao', 'telefone'].sort(),
    );
    expect(first?.id).toBeGreaterThan(second?.id ?? Number.POSITIVE_INFINITY);
    const withCpf = data.find((item) => item.numeroDocumento !== '');
    expect(withCpf?.numeroDocumento).toMatch(
      /^\d{3}\.\d{3}\.\d{3}-\d{2}$|^\d{2}\.\d{3}\.\d{3}\/\d{4}-\d{2}$/,
    );
  });

  it('hides older contacts under the default criterio, and deleted ones under criterio=1', async () => {
    expect(await contactIds('')).toStrictEqual([]);
    const all = await contactIds('criterio=1&limite=100&pagina=1');
    const deleted = simulator.deletedContactIds().map(Number);
    expect(deleted.length).toBeGreaterThan(0);
    expect(all.filter((id) => deleted.includes(id))).toStrictEqual([]);
    expect((await contactIds('criterio=2')).sort()).toStrictEqual([...deleted].sort());
  });

  it('lists only customers with the Cliente type, not suppliers, carriers or Consumidor Final', async () => {
    const pages = [];
    for (let page = 1; page <= 3; page += 1)
      pages.push(...(await contactIds(`criterio=1&idTipoContato=${cliente}&limite=100&pagina=${page}`)));
    expect(pages.map(String).sort()).toStrictEqual([...simulator.customerIds()].sort());
  });

  it('caps limite at 100 without refusing it', async () => {
    expect((await contactIds('criterio=1&limite=500')).length).toBe(100);
  });

  it('filters idsContatos[] but ignores the bare idsContatos form', async () => {
    const [first, second] = simulator.customerIds();
    expect(
      (await contactIds(`criterio=1&idsContatos[]=${first}&idsContatos[]=${second}`)).sort(),
    ).toStrictEqual([Number(first), Number(second)].sort());
    expect((await contactIds(`criterio=1&idsContatos=${first}`)).length).toBe(100);
  });

  it('searches nome, e-mail and document ignoring case and accents', async () => {
    const id = simulator.customerIds()[5] as string;
    const contact = simulator.stored(id);
    const folded =
      contact?.nome
        .normalize('NFD')
        .replace(/\p{Mn}/gu, '')
        .toUpperCase() ?? '';
    expect(await contactIds(`criterio=1&pesquisa=${encodeURIComponent(folded)}`)).toContain(Number(id));
  });

  it('filters inclusion dates in São Paulo time, inclusive, and refuses windows over a year', async () => {
    const id = simulator.customerIds()[10] as string;
    const { includedAt } = simulator.contactDates(id) ?? { includedAt: '' };
    const local = new Date(Date.parse(includedAt) - 3 * 3_600_000)
      .toISOString()
      .slice(0, 19)
      .replace('T', ' ');
    const exact = await contactIds(`criterio=1&dataInclusaoInicial=${local}&dataInclusaoFinal=${local}`);
    expect(exact).toContain(Number(id));
    const tooLong = await call(
      '/contatos?criterio=1&dataInclusaoInicial=2020-01-01 00:00:00&dataInclusaoFinal=2021-06-01 00:00:00',
    );
    expect(tooLong).toMatchObject({ status: 400, body: { error: { type: 'VALIDATION_ERROR' } } });
    const malformed = await call('/contatos?criterio=1&dataAlteracaoInicial=ontem');
    expect(malformed.status).toBe(400);
  });
});

describe('writes', () => {
  beforeAll(() => {
    token = simulator.issueAccessToken();
  });

  it('creates a contact answering only its id, formats the CEP and upper-cases the UF', async () => {
    const created = await call('/contatos', {
      method: 'POST',
      body: JSON.stringify({
        nome: 'Letícia Araújo',
        tipo: 'F',
        email: 'leticia@example.com.br',
        endereco: {
          geral: {
            endereco: 'Avenida Paulista',
            numero: '1578',
            cep: '01310200',
            municipio: 'São Paulo',
            uf: 'sp',
          },
        },
        tiposContato: [{ id: cliente }],
      }),
    });
    expect(created.status).toBe(201);
    expect(Object.keys(created.body.data)).toStrictEqual(['id']);
    const stored = simulator.stored(String(created.body.data.id));
    expect(stored?.endereco.geral).toMatchObject({ cep: '01310-200', uf: 'SP' });
    expect(stored?.endereco.cobranca.endereco).toBe('');
    expect(stored?.tiposContato).toStrictEqual([{ id: cliente, descricao: 'Cliente' }]);
  });

  it('refuses a contact without nome or with a bad tipo, naming the fields', async () => {
    const answer = await call('/contatos', {
      method: 'POST',
      body: JSON.stringify({ nome: ' ', tipo: 'X' }),
    });
    expect(answer.status).toBe(400);
    expect(answer.body.error.type).toBe('VALIDATION_ERROR');
    expect(answer.body.error.fields.map((field: { element: string }) => field.element)).toStrictEqual([
      'nome',
      'tipo',
    ]);
  });

  it('PUT replaces the whole contact: what it leaves out is cleared', async () => {
    const id = simulator
      .customerIds()
      .find((candidate) => simulator.stored(candidate)?.email !== '') as string;
    expect(
      (await call(`/contatos/${id}`, { method: 'PUT', body: JSON.stringify({ nome: 'Só Nome', tipo: 'F' }) }))
        .status,
    ).toBe(204);
    expect(simulator.stored(id)).toMatchObject({ nome: 'Só Nome', email: '', tiposContato: [] });
  });

  it('deletes a contact without orders and refuses one with orders', async () => {
    const created = await call('/contatos', {
      method: 'POST',
      body: JSON.stringify({ nome: 'Temp', tipo: 'F' }),
    });
    expect((await call(`/contatos/${created.body.data.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await call(`/contatos/${created.body.data.id}`)).status).toBe(404);
    const withOrders = (await call('/pedidos/vendas?limite=1')).body.data[0]?.contato.id;
    expect((await call(`/contatos/${withOrders}`, { method: 'DELETE' })).status).toBe(400);
  });
});

describe('limits and faults', () => {
  it('answers the fourth request within a second with 429 TOO_MANY_REQUESTS and no Retry-After', async () => {
    const limited = await startBlingSimulator({ count: 5 });
    try {
      const bearer = limited.issueAccessToken();
      const statuses = [];
      let last: Response | undefined;
      for (let index = 0; index < 4; index += 1) {
        last = await fetch(`${limited.url}/Api/v3/contatos/tipos`, {
          headers: { authorization: `Bearer ${bearer}` },
        });
        statuses.push(last.status);
      }
      expect(statuses).toStrictEqual([200, 200, 200, 429]);
      expect(last?.headers.get('retry-after')).toBeNull();
      expect(await last?.json()).toMatchObject({
        error: { type: 'TOO_MANY_REQUESTS', period: 'second', limit: 3 },
      });
    } finally {
      await limited.close();
    }
  });

  it('answers injected faults the way Bling does', async () => {
    token = simulator.issueAccessToken();
    simulator.failNext('serverError');
    simulator.failNext('malformed');
    expect((await call('/contatos/tipos')).body).toMatchObject({ error: { type: 'SERVER_ERROR' } });
    const malformed = await fetch(`${simulator.url}/Api/v3/contatos/tipos`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect([malformed.status, await malformed.text()]).toStrictEqual([
      200,
      '{"data":[{"id":16120034517,"nome":"Ana Re',
    ]);
    simulator.failNext('unauthorized');
    expect((await call('/contatos/tipos')).body).toMatchObject({ error: { type: 'invalid_token' } });
  });

  it('keeps orders of a contact with items and answers situação names', async () => {
    token = simulator.issueAccessToken();
    const [listed] = (await call('/pedidos/vendas?limite=1')).body.data;
    const order = (await call(`/pedidos/vendas/${listed?.id}`)).body.data;
    expect(order.itens.length).toBeGreaterThan(0);
    expect((await call(`/situacoes/${order.situacao.id}`)).body.data.nome).toMatch(
      /Em aberto|Atendido|Cancelado|Em andamento/,
    );
  });
});
