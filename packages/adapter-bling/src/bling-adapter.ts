import {
  type AdapterCapabilities,
  type AdapterDefinition,
  type CallOptions,
  type Customer,
  type CustomerAdapterV1,
  type CustomerFilters,
  collectFilteredPage,
  createHttpClient,
  createTokenBucket,
  decodeOffsetCursor,
  defineCustomerAdapter,
  emailEquals,
  encodeOffsetCursor,
  InvalidRequestError,
  NotFoundError,
  type QueryParams,
  UpstreamError,
  type UpstreamReply,
  UpstreamUnauthorizedError,
} from '@unicart/core';
import type { z } from 'zod';
import {
  type BlingAccessToken,
  type BlingOAuthCredentials,
  refreshingBlingAccessToken,
  staticBlingAccessToken,
} from './bling-access-token';
import {
  type BlingContact,
  type BlingContactListItem,
  blingContactListResponseSchema,
  blingContactResponseSchema,
  blingContactTypesResponseSchema,
  blingCreatedResponseSchema,
  blingNoContentSchema,
  blingOrderListResponseSchema,
  blingOrderResponseSchema,
  blingSituacaoResponseSchema,
} from './bling-api';
import {
  type BlingAdapterSettings,
  type BlingCredentials,
  blingApiOrigin,
  blingCredentialsSchema,
  blingPathPrefix,
  blingTokenOrigin,
  parseBlingCredentials,
} from './bling-connection';
import { classifyBlingFailure, isRejectedAccessToken } from './bling-error';
import { foldCountryName } from './bling-geography';
import { blingDateBound } from './bling-time';
import { mapBlingCustomer } from './map-bling-customer';
import { mapBlingOrder } from './map-bling-order';
import { assertBlingWritable, toBlingCreateBody, toBlingUpdateBody } from './to-bling-customer-input';
import { type BlingListPlan, deletedOnly, translateBlingQuery } from './translate-bling-query';

export type { BlingAdapterSettings, BlingCredentials } from './bling-connection';

/**
 * Every operation. `ids`, the date ranges and `search` are Bling's own parameters; `name` and
 * `email` narrow Bling's looser `pesquisa` exactly; `sinceId` reads every page (Bling has no id
 * filter or sort) and sorts.
 */
export const blingCapabilities: AdapterCapabilities = {
  operations: { list: true, count: true, get: true, create: true, update: true, delete: true, orders: true },
  filters: {
    ids: 'native',
    limit: 'native',
    page: 'native',
    sinceId: 'emulated',
    'createdAt[from]': 'native',
    'createdAt[to]': 'native',
    'updatedAt[from]': 'native',
    'updatedAt[to]': 'native',
    name: 'native',
    search: 'native',
    email: 'native',
  },
};

/** Bling's page size ceiling (sheet §3): asking more is capped, which would hide the last page. */
const blingPageSize = 100;
/** Native pages one list call reads at most while narrowing, so one call never reads a whole account. */
const maxScanPagesPerCall = 5;
/** One request every 400 ms stays under 3 a second in any one-second window (sheet §8). */
const defaultPacing = { capacity: 1, refillPerSecond: 2.5 };

const isBlingId = (id: string) => /^[1-9]\d{0,15}$/.test(id);

function unknownCustomer(id: string): NotFoundError {
  return new NotFoundError(`Bling has no customer ${JSON.stringify(id)}`, { platform: 'bling' });
}

function invalidCursor(): InvalidRequestError {
  return new InvalidRequestError('Invalid page cursor for bling', {
    platform: 'bling',
    issues: [{ path: 'page', message: 'was not issued by the bling adapter' }],
  });
}

/** A native list position: the date window and Bling's `pagina` in it. */
interface ListPosition {
  readonly window: number;
  readonly page: number;
}

function decodePosition(cursor: string | null): ListPosition {
  if (cursor === null) return { window: 0, page: 1 };
  const match = /^(\d{1,6})\.(\d{1,9})$/.exec(cursor);
  if (!match) throw invalidCursor();
  return { window: Number(match[1]), page: Number(match[2]) };
}

const encodePosition = (position: ListPosition) => `${position.window}.${position.page}`;

/** A list item, and the whole contact when a filter needed it to decide. */
interface Candidate {
  readonly item: BlingContactListItem;
  readonly contact?: BlingContact | undefined;
}

/** Creates a Bling adapter (API v3, contacts of the account's "Cliente" type). */
export function createBlingAdapter(settings: BlingAdapterSettings): BlingAdapter {
  const credentials = parseBlingCredentials(settings);
  const apiRoot = `${settings.baseUrl ?? blingApiOrigin}${blingPathPrefix}`;
  const userAgent = `unicart-adapter-bling/${__PACKAGE_VERSION__}`;
  const accessToken: BlingAccessToken =
    'accessToken' in credentials
      ? staticBlingAccessToken(credentials.accessToken)
      : refreshingBlingAccessToken({
          apiRoot: `${settings.baseUrl ?? blingTokenOrigin}${blingPathPrefix}`,
          credentials,
          onCredentialsRotated: settings.onCredentialsRotated as
            | ((rotated: BlingOAuthCredentials) => Promise<void>)
            | undefined,
          fetch: settings.fetch,
          timeoutMs: settings.timeoutMs,
          retry: settings.retry,
          userAgent,
        });
  // Errors classified from an HTTP 401, which a renewed access token may cure.
  const rejectedTokenErrors = new WeakSet<object>();
  const http = createHttpClient({
    platform: 'bling',
    baseUrl: apiRoot,
    // JWT access tokens are asked for on every call (sheet §1.1); they are sent, never parsed.
    headers: async () => ({ authorization: `Bearer ${await accessToken.current()}`, 'enable-jwt': '1' }),
    secrets: () => accessToken.secrets(),
    classifyFailure: (reply: UpstreamReply) => {
      const error = classifyBlingFailure(reply);
      if (error && isRejectedAccessToken(reply)) rejectedTokenErrors.add(error);
      return error;
    },
    limiter: settings.limiter ?? createTokenBucket(defaultPacing),
    fetch: settings.fetch,
    timeoutMs: settings.timeoutMs,
    retry: settings.retry,
    userAgent,
  });

  /** Sends a request; a 401 renews the access token once and sends it again (it was not executed). */
  async function send<Output>(
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    path: string,
    request: {
      query?: QueryParams;
      body?: unknown;
      schema: z.ZodType<Output>;
      signal?: AbortSignal | undefined;
    },
  ): Promise<Output> {
    const startedAt = Date.now();
    try {
      return (await http.request(method, path, request)).data;
    } catch (error) {
      const renewable =
        error instanceof Object && rejectedTokenErrors.has(error) && accessToken.discardRejected(startedAt);
      if (!renewable) throw error;
      return (await http.request(method, path, request)).data;
    }
  }

  let customerTypeId: Promise<number> | null = null;
  /** The account's "Cliente" contact type (sheet §4.2), read once. */
  function customerType(signal: AbortSignal | undefined): Promise<number> {
    customerTypeId ??= (async () => {
      const types = await send('GET', '/contatos/tipos', { schema: blingContactTypesResponseSchema, signal });
      const cliente = types.data.find((type) => foldCountryName(type.descricao ?? '') === 'CLIENTE');
      if (cliente === undefined) {
        throw new UpstreamError('This Bling account has no "Cliente" contact type', { platform: 'bling' });
      }
      return cliente.id;
    })();
    customerTypeId.catch(() => {
      customerTypeId = null;
    });
    return customerTypeId;
  }

  async function planOf(filters: CustomerFilters, signal: AbortSignal | undefined): Promise<BlingListPlan> {
    return translateBlingQuery(filters, {
      customerTypeId: await customerType(signal),
      nowSeconds: Math.floor(Date.now() / 1000),
    });
  }

  async function readContact(id: string, signal: AbortSignal | undefined): Promise<BlingContact | null> {
    if (!isBlingId(id)) return null;
    try {
      return (await send('GET', `/contatos/${id}`, { schema: blingContactResponseSchema, signal })).data;
    } catch (error) {
      if (NotFoundError.isInstance(error)) return null;
      throw error;
    }
  }

  /** A contact that is a customer: of the Cliente type and not deleted (sheet §4.2). */
  async function readCustomer(id: string, signal: AbortSignal | undefined): Promise<BlingContact | null> {
    const contact = await readContact(id, signal);
    if (contact === null || contact.situacao === 'E') return null;
    const typeId = await customerType(signal);
    return (contact.tiposContato ?? []).some((type) => type.id === typeId) ? contact : null;
  }

  async function listPage(plan: BlingListPlan, position: ListPosition, signal: AbortSignal | undefined) {
    const params = plan.windows[position.window];
    if (params === undefined) throw invalidCursor();
    const { data } = await send('GET', '/contatos', {
      query: { ...params, pagina: position.page, limite: blingPageSize },
      schema: blingContactListResponseSchema,
      signal,
    });
    // A page shorter than asked is the last of its window (sheet §3: no total, no next link).
    const next: ListPosition | null =
      data.length === blingPageSize
        ? { window: position.window, page: position.page + 1 }
        : position.window + 1 < plan.windows.length
          ? { window: position.window + 1, page: 1 }
          : null;
    return { items: data, next };
  }

  /** List items passing the item-level filters, with the whole contact when `email` must be compared. */
  async function candidatesOf(
    plan: BlingListPlan,
    items: readonly BlingContactListItem[],
    signal: AbortSignal | undefined,
  ): Promise<Candidate[]> {
    const candidates: Candidate[] = [];
    for (const item of items) {
      if (!plan.keepItem(item)) continue;
      if (plan.email === null) {
        candidates.push({ item });
        continue;
      }
      const contact = await readContact(String(item.id), signal);
      if (contact !== null && emailEquals(contact.email ?? null, plan.email))
        candidates.push({ item, contact });
    }
    return candidates;
  }

  async function toCustomers(candidates: readonly Candidate[], signal: AbortSignal | undefined) {
    const customers: Customer[] = [];
    for (const candidate of candidates) {
      // List items lack e-mail and addresses (sheet §3): one GET per customer shown.
      const contact = candidate.contact ?? (await readContact(String(candidate.item.id), signal));
      // Deleted between the list and this read: it is no longer there to show.
      if (contact !== null) customers.push(mapBlingCustomer(contact));
    }
    return customers;
  }

  /** Every candidate of the plan, reading every page of every window. */
  async function scanAll(plan: BlingListPlan, signal: AbortSignal | undefined): Promise<Candidate[]> {
    const all: Candidate[] = [];
    for (let position: ListPosition | null = { window: 0, page: 1 }; position !== null; ) {
      const page = await listPage(plan, position, signal);
      all.push(...(await candidatesOf(plan, page.items, signal)));
      position = page.next;
    }
    return all;
  }

  /** `sinceId`: ascending ids after the cursor's id, from a full read (Bling cannot sort or filter ids). */
  async function listAscending(
    plan: BlingListPlan,
    limit: number,
    cursor: string | null,
    signal?: AbortSignal,
  ) {
    if (cursor !== null && !isBlingId(cursor)) throw invalidCursor();
    const after = BigInt(cursor ?? plan.sinceId ?? '0');
    const candidates = (await scanAll(plan, signal))
      .filter((candidate) => BigInt(candidate.item.id) > after)
      .sort((left, right) => left.item.id - right.item.id);
    const taken = candidates.slice(0, limit);
    const last = taken.at(-1);
    return {
      items: await toCustomers(taken, signal),
      nextCursor: candidates.length > limit && last !== undefined ? String(last.item.id) : null,
    };
  }

  const situacaoNames = new Map<number, string | null>();
  /**
   * The name of an order's situação, read once per id; `null` when Bling has none or the app lacks
   * the Situações scope (403, sheet §1.2): the order keeps its status id.
   */
  async function situacaoName(
    id: number | undefined,
    signal: AbortSignal | undefined,
  ): Promise<string | null> {
    if (id === undefined || id === 0) return null;
    if (situacaoNames.has(id)) return situacaoNames.get(id) ?? null;
    let name: string | null;
    try {
      name =
        (await send('GET', `/situacoes/${id}`, { schema: blingSituacaoResponseSchema, signal })).data.nome ??
        null;
    } catch (error) {
      const scopeMissing = UpstreamUnauthorizedError.isInstance(error) && !rejectedTokenErrors.has(error);
      if (!scopeMissing && !NotFoundError.isInstance(error)) throw error;
      name = null;
    }
    situacaoNames.set(id, name);
    return name;
  }

  const driver = defineCustomerAdapter({
    platform: 'bling',
    capabilities: blingCapabilities,

    async listCustomers(query, { signal }) {
      const plan = await planOf(query, signal);
      if (plan.sinceId !== null) return listAscending(plan, query.limit, query.cursor, signal);
      const page = await collectFilteredPage<Candidate>({
        limit: query.limit,
        cursor: query.cursor,
        maxUpstreamPages: maxScanPagesPerCall,
        keep: () => true,
        fetchPage: async (nativeCursor) => {
          const listed = await listPage(plan, decodePosition(nativeCursor), signal);
          return {
            items: await candidatesOf(plan, listed.items, signal),
            next: listed.next === null ? null : encodePosition(listed.next),
          };
        },
      });
      return { items: await toCustomers(page.items, signal), nextCursor: page.nextCursor };
    },

    async countCustomers(filters, { signal }) {
      return (await scanAll(await planOf(filters, signal), signal)).length;
    },

    async getCustomer(id, { signal }) {
      const contact = await readCustomer(id, signal);
      return contact === null ? null : mapBlingCustomer(contact);
    },

    async createCustomer(input, { signal }) {
      assertBlingWritable(input);
      const body = toBlingCreateBody(input, await customerType(signal));
      const created = await send('POST', '/contatos', { body, schema: blingCreatedResponseSchema, signal });
      // Bling answers only the id (sheet §5.1).
      const contact = await readContact(String(created.data.id), signal);
      if (contact === null) {
        throw new UpstreamError(`Bling created contact ${created.data.id} but cannot find it`, {
          platform: 'bling',
        });
      }
      return mapBlingCustomer(contact);
    },

    async updateCustomer(id, input, { signal }) {
      assertBlingWritable(input);
      const current = await readCustomer(id, signal);
      if (current === null) throw unknownCustomer(id);
      // PUT replaces the whole contact: send back what was read, changed (sheet §5.2).
      await send('PUT', `/contatos/${id}`, {
        body: toBlingUpdateBody(current, input),
        schema: blingNoContentSchema,
        signal,
      });
      const updated = await readContact(id, signal);
      if (updated === null) throw unknownCustomer(id);
      return mapBlingCustomer(updated);
    },

    async deleteCustomer(id, { signal }) {
      if ((await readCustomer(id, signal)) === null) throw unknownCustomer(id);
      await send('DELETE', `/contatos/${id}`, { schema: blingNoContentSchema, signal });
    },

    async listCustomerOrders(customerId, page, { signal }) {
      // The order list answers [] for any id: the customer is checked first (sheet §12).
      if ((await readCustomer(customerId, signal)) === null) throw unknownCustomer(customerId);
      const offset = decodeOffsetCursor(page.cursor, 'bling');
      const pagina = Math.floor(offset / blingPageSize) + 1;
      const { data } = await send('GET', '/pedidos/vendas', {
        query: { idContato: customerId, pagina, limite: blingPageSize },
        schema: blingOrderListResponseSchema,
        signal,
      });
      const start = offset % blingPageSize;
      const taken = data.slice(start, start + page.limit);
      const orders = [];
      for (const listed of taken) {
        // List items carry no items (sheet §6): each order is read whole.
        const order = (
          await send('GET', `/pedidos/vendas/${listed.id}`, { schema: blingOrderResponseSchema, signal })
        ).data;
        orders.push(mapBlingOrder(order, await situacaoName(order.situacao?.id, signal)));
      }
      const end = start + taken.length;
      const more = end < data.length || data.length === blingPageSize;
      return { items: orders, nextCursor: more ? encodeOffsetCursor(offset + taken.length) : null };
    },
  });

  return {
    ...driver,
    async listDeletedCustomerIds(options: DeletedCustomersOptions = {}) {
      const params: QueryParams = {
        criterio: deletedOnly,
        idTipoContato: await customerType(options.signal),
        ...(options.since === undefined
          ? {}
          : {
              dataAlteracaoInicial: blingDateBound(options.since, 'from'),
              dataAlteracaoFinal: blingDateBound(new Date().toISOString(), 'to'),
            }),
      };
      const ids: string[] = [];
      for (let pagina = 1; ; pagina += 1) {
        const { data } = await send('GET', '/contatos', {
          query: { ...params, pagina, limite: blingPageSize },
          schema: blingContactListResponseSchema,
          signal: options.signal,
        });
        ids.push(...data.map((item) => String(item.id)));
        if (data.length < blingPageSize) return ids;
      }
    },
  };
}

/** Options of `listDeletedCustomerIds`. */
export interface DeletedCustomersOptions extends CallOptions {
  /** Only contacts altered (deleted) at or after this ISO instant, within a year (Bling's window limit). */
  readonly since?: string;
}

/** A Bling adapter, plus Bling's native feed of deleted customers for the sync (CONTRACT.md §5). */
export interface BlingAdapter extends CustomerAdapterV1 {
  /** Ids of customers in Bling's "Excluídos" list (`criterio=2`, sheet §14). */
  listDeletedCustomerIds(options?: DeletedCustomersOptions): Promise<string[]>;
}

/** The Bling platform, as the gateway registers it. */
export const blingPlatform: AdapterDefinition<BlingCredentials> = {
  specificationVersion: 'v1',
  platform: 'bling',
  displayName: 'Bling',
  capabilities: blingCapabilities,
  credentialsSchema: blingCredentialsSchema,
  // Both hosts: the API's and the token endpoint's (sheet §1).
  upstreamUrls: () => [blingApiOrigin, blingTokenOrigin],
  create: (settings) => createBlingAdapter(settings),
};
