import type { GeneratedSeed } from '@unicart/core/testing';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppWebhookControls } from '../kit/app-webhooks';
import { randomToken } from '../kit/random-token';
import type { SandboxSimulator } from '../kit/simulator';
import { createSimulatorServer, type ListenOptions, readBody, searchParamsOf } from '../kit/simulator-server';
import { SlidingWindowLimiter } from '../kit/sliding-window-limiter';
import { seedPeople } from '../seed/seed-people';
import { listContacts, listItemOf, maxPageSize } from './bling-contact-list';
import { contactFromBody } from './bling-contact-write';
import { BlingError, notFound, validationError } from './bling-error';
import { type BlingAccountData, finalConsumerId, toBlingAccount } from './bling-seed';
import {
  type BlingContactRecord,
  type BlingOrderRecord,
  type BlingStoredContact,
  blingContactTypes,
  blingOrderSituacoes,
} from './bling-types';
import { createBlingWebhooks } from './bling-webhooks';

/** Credentials in the gateway's shape for Bling (CONTRACT §2): the refresh token valid now. */
export interface BlingCredentials {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly refreshToken: string;
}

/** Bling's per-account limits (sheet §8). */
export interface BlingRateLimit {
  readonly perSecond: number;
  readonly perDay: number;
}

export interface BlingSimulatorOptions extends ListenOptions, GeneratedSeed {
  /** Default: a random client id. */
  readonly clientId?: string;
  readonly clientSecret?: string;
  /** Lifetime of access tokens in seconds (default 21 600: six hours, sheet §1.1). */
  readonly accessTokenSeconds?: number;
  /** Default 3 a second and 120 000 a day; `false` turns both off. */
  readonly rateLimit?: BlingRateLimit | false;
  /** Token-endpoint calls allowed per minute before the IP is blocked (default 20, sheet §1.1). */
  readonly tokenCallsPerMinute?: number;
  /** An account to start with instead of generated data. */
  readonly data?: BlingAccountData;
  /** Clock, for tests of token expiry and date filters (default `Date.now`). */
  readonly now?: () => number;
  /** Real milliseconds per second of Bling's webhook waits (default 1). */
  readonly webhookMsPerSecond?: number;
}

/** A running simulator of Bling's API v3 contacts, sales orders, situações and OAuth token endpoint. */
export interface BlingSimulator
  extends SandboxSimulator<BlingCredentials, BlingContactRecord, BlingOrderRecord> {
  /** A bare access token valid now, for `{ accessToken }` stores. */
  issueAccessToken(): string;
  /** Hidden inclusion and alteration times of a contact (Bling never returns them), for oracles. */
  contactDates(id: string): { includedAt: string; alteredAt: string } | undefined;
  /** The deleted contacts' ids (situação E): Bling's `criterio=2` list. */
  deletedContactIds(): string[];
  /** The back door to a contact's sales orders, as `GET /pedidos/vendas/{id}` answers them. */
  ordersOf(contactId: string): BlingOrderRecord[];
  /** The contact webhooks sent for every change; their server is set in the app's settings. */
  readonly webhooks: AppWebhookControls;
}

const prefix = '/Api/v3';
const jsonType = 'application/json';
const truncatedJson = '{"data":[{"id":16120034517,"nome":"Ana Re';
const invalidToken = () =>
  new BlingError(401, 'invalid_token', 'invalid_token', 'The access token provided is invalid');

function send(reply: FastifyReply, status: number, body?: unknown): FastifyReply {
  if (body === undefined) return reply.code(status).send();
  return reply.code(status).header('content-type', jsonType).send(JSON.stringify(body));
}

function sendError(reply: FastifyReply, error: BlingError): FastifyReply {
  if (error.status === 401) reply.header('www-authenticate', `Bearer error="${error.type}"`);
  return send(reply, error.status, error.body);
}

function jsonBody(request: FastifyRequest): unknown {
  const body = readBody(request);
  if (body.kind === 'none') return undefined;
  if (body.kind === 'json') return body.value;
  throw new BlingError(
    400,
    'INVALID_REQUEST_BODY',
    'Corpo inválido',
    'O corpo da requisição não é um JSON válido.',
  );
}

/** What `GET /pedidos/vendas` lists of an order: no items, no detail (sheet §6). */
const orderListFields = [
  'id',
  'numero',
  'numeroLoja',
  'data',
  'dataSaida',
  'dataPrevista',
  'totalProdutos',
  'total',
  'contato',
  'situacao',
  'loja',
] as const satisfies readonly (keyof BlingOrderRecord)[];

function orderListItemOf(order: BlingOrderRecord) {
  return Object.fromEntries(orderListFields.map((field) => [field, order[field]]));
}

function idParam(request: FastifyRequest): number {
  return Number((request.params as { id: string }).id);
}

/**
 * Starts a stateful simulator of Bling API v3 (sheet `bling.md`) on a free loopback port: OAuth 2
 * refresh with single-use rotating refresh tokens, Bearer auth, 3 requests a second and 120 000 a
 * day per account (429 with Bling's body, no Retry-After), contacts of every type, sales orders.
 */
export async function startBlingSimulator(options: BlingSimulatorOptions = {}): Promise<BlingSimulator> {
  const now = options.now ?? Date.now;
  const client = { id: options.clientId ?? randomToken(''), secret: options.clientSecret ?? randomToken('') };
  const webhooks = createBlingWebhooks({
    clientSecret: client.secret,
    companyId: 'd4475854366a36c86a37e792f9634a51',
    msPerPlatformSecond: options.webhookMsPerSecond,
  });
  const accessTokenSeconds = options.accessTokenSeconds ?? 21_600;
  let refreshToken = randomToken('');
  let accessTokens = new Map<string, number>();
  // What revokeCredentials took away, given back by reset: a store keeps its rotated tokens.
  let revoked: { refreshToken: string; accessTokens: Map<string, number> } | null = null;
  const rateLimit =
    options.rateLimit === false ? null : (options.rateLimit ?? { perSecond: 3, perDay: 120_000 });
  const perSecond =
    rateLimit === null ? null : new SlidingWindowLimiter({ limit: rateLimit.perSecond, windowMs: 1000 }, now);
  const perDay =
    rateLimit === null
      ? null
      : new SlidingWindowLimiter({ limit: rateLimit.perDay, windowMs: 86_400_000 }, now);
  const tokenCalls = new SlidingWindowLimiter(
    { limit: options.tokenCallsPerMinute ?? 20, windowMs: 60_000 },
    now,
  );

  let baseline = options.data ?? toBlingAccount(seedPeople(options.count, options.seed));
  const contacts = new Map<number, BlingStoredContact>();
  const orders = new Map<number, BlingOrderRecord>();
  let nextContactId = 0;
  function load(data: BlingAccountData): void {
    contacts.clear();
    orders.clear();
    for (const stored of data.contacts) contacts.set(stored.contact.id, structuredClone(stored));
    for (const order of data.orders) orders.set(order.id, structuredClone(order));
    nextContactId = Math.max(16_120_040_000, ...[...contacts.keys()].map((id) => id + 1));
  }
  load(baseline);
  const knownTypes = new Map<number, string>(
    Object.values(blingContactTypes).map((type) => [type.id, type.descricao]),
  );

  const server = createSimulatorServer({
    host: options.host,
    port: options.port,
    answerFault(kind, _request, reply) {
      switch (kind) {
        case 'rateLimited':
          return sendError(reply, throttled('second'));
        case 'serverError':
          return sendError(
            reply,
            new BlingError(500, 'SERVER_ERROR', 'Erro interno', 'Ocorreu um erro inesperado.'),
          );
        case 'unauthorized':
          return sendError(reply, invalidToken());
        case 'malformed':
          return reply.code(200).header('content-type', jsonType).send(truncatedJson);
      }
    },
    answerNotFound(_request, reply) {
      return sendError(reply, notFound('O recurso requisitado não foi encontrado.'));
    },
  });

  function throttled(period: 'second' | 'day'): BlingError {
    const daily = period === 'day';
    return new BlingError(
      429,
      'TOO_MANY_REQUESTS',
      'Limite de requisições atingido.',
      daily
        ? 'Limite de requisições diárias atingido.'
        : 'Limite de requisições por segundo atingido. Aguarde para fazer novas requisições.',
      { limit: daily ? rateLimit?.perDay : rateLimit?.perSecond, period },
    );
  }

  function authenticate(request: FastifyRequest): void {
    const token = /^Bearer (.+)$/i.exec(String(request.headers.authorization ?? ''))?.[1];
    const expiresAt = token === undefined ? undefined : accessTokens.get(token);
    if (expiresAt === undefined) throw invalidToken();
    if (now() >= expiresAt) {
      throw new BlingError(401, 'invalid_token', 'invalid_token', 'The access token provided has expired');
    }
    if (perSecond !== null && !perSecond.hit('account').allowed) throw throttled('second');
    if (perDay !== null && !perDay.hit('account').allowed) throw throttled('day');
  }

  function route(handle: (request: FastifyRequest) => { status?: number; body?: unknown }) {
    return (request: FastifyRequest, reply: FastifyReply): FastifyReply => {
      try {
        authenticate(request);
        const answer = handle(request);
        return send(reply, answer.status ?? 200, answer.body);
      } catch (error) {
        if (error instanceof BlingError) return sendError(reply, error);
        throw error;
      }
    };
  }

  function issueAccessToken(): string {
    const token = randomToken('');
    accessTokens.set(token, now() + accessTokenSeconds * 1000);
    return token;
  }

  function existing(request: FastifyRequest): BlingStoredContact {
    const stored = contacts.get(idParam(request));
    if (stored === undefined) throw notFound('O contato não foi encontrado.');
    return stored;
  }

  function refreshTokens(request: FastifyRequest): { status?: number; body: unknown } {
    if (!tokenCalls.hit(request.ip).allowed) {
      throw new BlingError(
        429,
        'TOO_MANY_REQUESTS',
        'TOO_MANY_REQUESTS',
        'Too many requests to the token endpoint.',
      );
    }
    const basic = /^Basic (.+)$/i.exec(String(request.headers.authorization ?? ''))?.[1];
    if (basic === undefined) {
      throw new BlingError(
        400,
        'invalid_client',
        'invalid_client',
        'Client credentials were not found in the headers',
      );
    }
    const [id, ...secret] = Buffer.from(basic, 'base64').toString('utf8').split(':');
    if (id !== client.id || secret.join(':') !== client.secret) {
      throw new BlingError(400, 'invalid_client', 'invalid_client', 'The client credentials are invalid');
    }
    const body = readBody(request);
    const form = body.kind === 'form' ? body.value : {};
    if (form.grant_type === undefined) {
      throw new BlingError(
        400,
        'invalid_request',
        'invalid_request',
        'The grant type was not specified in the request',
      );
    }
    if (form.grant_type !== 'refresh_token' || form.refresh_token !== refreshToken) {
      throw new BlingError(400, 'invalid_grant', 'invalid_grant', 'Invalid refresh token');
    }
    // Single use: the token just presented stops working at once (sheet §1.1).
    refreshToken = randomToken('');
    return {
      body: {
        access_token: issueAccessToken(),
        expires_in: accessTokenSeconds,
        token_type: 'bearer',
        scope: '98309 106168710 318257570 5990556 6631498',
        refresh_token: refreshToken,
      },
    };
  }

  const { app } = server;
  app.post(`${prefix}/oauth/token`, (request, reply) => {
    try {
      const answer = refreshTokens(request);
      return send(reply, answer.status ?? 200, answer.body);
    } catch (error) {
      if (error instanceof BlingError) return sendError(reply, error);
      throw error;
    }
  });
  app.get(
    `${prefix}/contatos`,
    route((request) => ({
      body: {
        data: listContacts(contacts.values(), searchParamsOf(request), now()).page.map((stored) =>
          listItemOf(stored.contact),
        ),
      },
    })),
  );
  app.get(
    `${prefix}/contatos/tipos`,
    route(() => ({ body: { data: Object.values(blingContactTypes) } })),
  );
  app.get(
    `${prefix}/contatos/consumidor-final`,
    route(() => ({ body: { data: contacts.get(finalConsumerId)?.contact ?? null } })),
  );
  app.get(
    `${prefix}/contatos/:id(^\\d+$)`,
    route((request) => ({ body: { data: existing(request).contact } })),
  );
  app.get(
    `${prefix}/contatos/:id(^\\d+$)/tipos`,
    route((request) => ({ body: { data: existing(request).contact.tiposContato } })),
  );
  app.post(
    `${prefix}/contatos`,
    route((request) => {
      const id = nextContactId;
      const contact = contactFromBody(jsonBody(request), id, knownTypes);
      nextContactId += 1 + (id % 3);
      contacts.set(id, { contact, dates: { includedAt: now(), alteredAt: now() } });
      webhooks.customerChanged('created', id, new Date(now()));
      return { status: 201, body: { data: { id } } };
    }),
  );
  app.put(
    `${prefix}/contatos/:id(^\\d+$)`,
    route((request) => {
      const stored = existing(request);
      if (stored.contact.id === finalConsumerId)
        throw validationError([
          { code: 50, msg: 'O contato Consumidor Final não pode ser alterado.', element: 'id' },
        ]);
      // PUT replaces the whole contact: what the body leaves out is cleared (sheet §5.2).
      const contact = contactFromBody(jsonBody(request), stored.contact.id, knownTypes);
      contacts.set(contact.id, { contact, dates: { includedAt: stored.dates.includedAt, alteredAt: now() } });
      webhooks.customerChanged('updated', contact.id, new Date(now()));
      return { status: 204 };
    }),
  );
  app.patch(
    `${prefix}/contatos/:id(^\\d+$)/situacoes`,
    route((request) => {
      const stored = existing(request);
      const situacao = (jsonBody(request) as { situacao?: unknown } | undefined)?.situacao;
      if (typeof situacao !== 'string' || !['A', 'I', 'E', 'S'].includes(situacao)) {
        throw validationError([{ code: 13, msg: 'A situação é inválida.', element: 'situacao' }]);
      }
      stored.contact.situacao = situacao;
      contacts.set(stored.contact.id, {
        contact: stored.contact,
        dates: { ...stored.dates, alteredAt: now() },
      });
      // Situação E moves the contact to "Excluídos": deleted as far as its readers are concerned.
      webhooks.customerChanged(situacao === 'E' ? 'deleted' : 'updated', stored.contact.id, new Date(now()));
      return { status: 204 };
    }),
  );
  app.delete(
    `${prefix}/contatos/:id(^\\d+$)`,
    route((request) => {
      const stored = existing(request);
      const referenced = [...orders.values()].some((order) => order.contato.id === stored.contact.id);
      if (referenced || stored.contact.id === finalConsumerId) {
        throw validationError([
          { code: 60, msg: 'O contato possui movimentações e não pode ser excluído.', element: 'id' },
        ]);
      }
      contacts.delete(stored.contact.id);
      webhooks.customerChanged('deleted', stored.contact.id, new Date(now()));
      return { status: 204 };
    }),
  );
  app.get(
    `${prefix}/pedidos/vendas`,
    route((request) => {
      const params = searchParamsOf(request);
      const pagina = Math.max(1, Number(params.get('pagina') ?? 1) || 1);
      const limite = Math.min(maxPageSize, Math.max(1, Number(params.get('limite') ?? 100) || 100));
      const contactId = params.get('idContato');
      const matching = [...orders.values()]
        .filter((order) => contactId === null || String(order.contato.id) === contactId)
        .sort((left, right) => right.data.localeCompare(left.data) || right.id - left.id);
      const page = matching.slice((pagina - 1) * limite, pagina * limite);
      return {
        body: {
          data: page.map(orderListItemOf),
        },
      };
    }),
  );
  app.get(
    `${prefix}/pedidos/vendas/:id(^\\d+$)`,
    route((request) => {
      const order = orders.get(idParam(request));
      if (order === undefined) throw notFound('O pedido de venda não foi encontrado.');
      return { body: { data: order } };
    }),
  );
  app.get(
    `${prefix}/situacoes/:id(^\\d+$)`,
    route((request) => {
      const id = idParam(request);
      const situacao = blingOrderSituacoes[id];
      if (situacao === undefined) throw notFound('A situação não foi encontrada.');
      return { body: { data: { id, nome: situacao.nome, idHerdado: 0, cor: situacao.cor } } };
    }),
  );
  app.get(
    `${prefix}/empresas/me/dados-basicos`,
    route(() => ({
      body: {
        data: {
          id: '436c56a5e1b2c3d4e5f60718293a4b5c',
          nome: 'Loja Exemplo Ltda',
          cnpj: '12.345.678/0001-95',
          email: 'financeiro@lojaexemplo.com.br',
          dataContrato: '2021-03-15',
        },
      },
    })),
  );

  const url = await server.listen();
  return {
    platform: 'bling',
    url,
    webhooks: webhooks.controls,
    get credentials() {
      return { clientId: client.id, clientSecret: client.secret, refreshToken };
    },
    seed(input) {
      baseline =
        input !== undefined && 'customers' in input
          ? {
              contacts: input.customers.map((contact) => ({
                contact,
                dates: { includedAt: now(), alteredAt: now() },
              })),
              orders: input.orders ?? [],
            }
          : toBlingAccount(seedPeople(input?.count, input?.seed));
      load(baseline);
    },
    ...server.controls,
    stored(id) {
      const stored = contacts.get(Number(id));
      return stored === undefined ? undefined : structuredClone(stored.contact);
    },
    customerIds() {
      return [...contacts.values()]
        .filter(
          ({ contact }) =>
            contact.situacao !== 'E' &&
            contact.tiposContato.some((type) => type.id === blingContactTypes.cliente.id),
        )
        .map(({ contact }) => contact.id)
        .sort((left, right) => left - right)
        .map(String);
    },
    contactDates(id) {
      const stored = contacts.get(Number(id));
      if (stored === undefined) return undefined;
      return {
        includedAt: new Date(stored.dates.includedAt).toISOString(),
        alteredAt: new Date(stored.dates.alteredAt).toISOString(),
      };
    },
    deletedContactIds() {
      return [...contacts.values()]
        .filter(({ contact }) => contact.situacao === 'E')
        .map(({ contact }) => String(contact.id));
    },
    ordersOf(contactId) {
      return [...orders.values()]
        .filter((order) => String(order.contato.id) === contactId)
        .map((order) => structuredClone(order));
    },
    issueAccessToken,
    revokeCredentials() {
      // The merchant disconnects the app: every token dies; reconnecting gives a new refresh token.
      revoked ??= { refreshToken, accessTokens };
      accessTokens = new Map();
      refreshToken = randomToken('');
    },
    reset() {
      load(baseline);
      // Refresh tokens rotate, so "the original credentials" are the ones in effect before a revocation.
      if (revoked !== null) ({ refreshToken, accessTokens } = revoked);
      revoked = null;
      perSecond?.clear();
      perDay?.clear();
      tokenCalls.clear();
      server.faults.clear();
      server.requests.length = 0;
      webhooks.sender.clear();
    },
    async close() {
      webhooks.sender.close();
      await server.close();
    },
  };
}
