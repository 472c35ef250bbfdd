import {
  type AdapterCapabilities,
  type AdapterDefinition,
  type CallOptions,
  type CustomerAdapterV1,
  createHttpClient,
  createTokenBucket,
  decodeOffsetCursor,
  defineCustomerAdapter,
  encodeOffsetCursor,
  InvalidRequestError,
  isIdGreater,
  NotFoundError,
  orNullWhenNotFound,
  type PositionCodec,
  type QueryParams,
  resolveOrigin,
  UpstreamError,
  type UpstreamReply,
  UpstreamUnauthorizedError,
} from '@unicart/core';
import type { z } from 'zod';
import {
  type BlingAccessToken,
  refreshingBlingAccessToken,
  staticBlingAccessToken,
} from './bling-access-token';
import {
  type BlingContact,
  type BlingContactListItem,
  type BlingOrder,
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
import { blingWebhooks } from './bling-webhooks';
import { blingNameParts, mapBlingCustomer } from './map-bling-customer';
import { mapBlingOrder } from './map-bling-order';
import { assertBlingWritable, toBlingCreateBody, toBlingUpdateBody } from './to-bling-customer-input';
import {
  allButDeleted,
  alterationWindows,
  type BlingListParams,
  deletedOnly,
  translateBlingQuery,
} from './translate-bling-query';

export type { BlingAdapterSettings, BlingCredentials } from './bling-connection';

/**
 * Every operation. `ids`, `name` and `search` are Bling's own parameters (`name` narrowed on the
 * list items); `email` reads each candidate of Bling's search whole; `sinceId` reads every page
 * (Bling has no id filter or sort). No date filter: Bling never returns a contact's dates, so the
 * canonical dates are null and a filter on them cannot hold (README, "Choices").
 */
export const blingCapabilities: AdapterCapabilities = {
  operations: { list: true, count: true, get: true, create: true, update: true, delete: true, orders: true },
  filters: { ids: 'native', sinceId: 'emulated', name: 'native', search: 'native', email: 'emulated' },
  // Contacts carry no dates, but Bling lists those altered since a time, and its deleted ones (sheet §3).
  sync: { changes: 'changedIds', deletes: 'native' },
  // A Bling contact has no note, marketing consent or tags (sheet §12).
  writableFields: ['firstName', 'lastName', 'email', 'phone', 'addresses'],
};

/** Bling's page size ceiling (sheet §3): asking more is capped, which would hide the last page. */
const blingPageSize = 100;
/** One request every 400 ms stays under 3 a second in any one-second window (sheet §8). */
const defaultPacing = { capacity: 1, refillPerSecond: 2.5 };

/** A listed contact, read whole when a filter or the answer needs it; `ascending` under `sinceId`. */
interface BlingCandidate {
  readonly item: BlingContactListItem;
  readonly contact: BlingContact | null;
  readonly ascending: boolean;
}

function isCandidate(record: BlingCandidate | BlingContact): record is BlingCandidate {
  return typeof record.ascending === 'boolean' && 'item' in record;
}

/** Where a list resumes: Bling's `pagina`, or (under `sinceId`) after an id. */
type ListPosition = { readonly page: number } | { readonly after: string };

function invalidCursor(): InvalidRequestError {
  return InvalidRequestError.fromIssues(
    'Invalid page cursor for bling',
    [{ path: 'page', message: 'was not issued by the bling adapter' }],
    { platform: 'bling' },
  );
}

const listPositions: PositionCodec<ListPosition> = {
  encode: (position) => ('page' in position ? `p${position.page}` : `a${position.after}`),
  decode: (cursor) => {
    const match = /^(?:p([1-9]\d{0,8})|a([1-9]\d{0,15}))$/.exec(cursor);
    if (!match) throw invalidCursor();
    return match[1] === undefined ? { after: match[2] as string } : { page: Number(match[1]) };
  },
};

/** Sales-order list pages, by Bling's `pagina`. */
const pagePositions: PositionCodec<number> = {
  encode: encodeOffsetCursor,
  decode: (cursor) => {
    const page = decodeOffsetCursor(cursor, 'bling');
    if (page < 1) throw invalidCursor();
    return page;
  },
};

/** An order of the list, completed with its detail and its situação's name. */
interface BlingOrderEntry {
  readonly id: number;
  readonly detail?: { readonly order: BlingOrder; readonly statusName: string | null };
}

/** Creates a Bling adapter (API v3, contacts of the account's "Cliente" type). */
export function createBlingAdapter(settings: BlingAdapterSettings): CustomerAdapterV1 {
  const credentials = parseBlingCredentials(settings);
  const apiRoot = `${resolveOrigin(settings.baseUrl, blingApiOrigin, 'bling')}${blingPathPrefix}`;
  const userAgent = `unicart-adapter-bling/${__PACKAGE_VERSION__}`;
  const accessToken: BlingAccessToken =
    'accessToken' in credentials
      ? staticBlingAccessToken(credentials.accessToken)
      : refreshingBlingAccessToken({
          // With a baseUrl, the token endpoint is served under it too (sheet §1).
          apiRoot: `${resolveOrigin(settings.baseUrl, blingTokenOrigin, 'bling')}${blingPathPrefix}`,
          credentials,
          onCredentialsRotated: settings.onCredentialsRotated,
          loadCurrentCredentials: settings.loadCurrentCredentials,
          withCredentialsLock: settings.withCredentialsLock,
          fetch: settings.fetch,
          timeoutMs: settings.timeoutMs,
          retry: settings.retry,
          userAgent,
          observer: settings.observer,
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
    observer: settings.observer,
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
  function customerType({ signal }: CallOptions): Promise<number> {
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

  function readContact(id: string, { signal }: CallOptions): Promise<BlingContact | null> {
    return orNullWhenNotFound(
      send('GET', `/contatos/${id}`, { schema: blingContactResponseSchema, signal }).then(
        (answer) => answer.data,
      ),
    );
  }

  /** A contact that is a customer: of the Cliente type and not deleted (sheet §4.2). */
  async function readCustomer(id: string, options: CallOptions): Promise<BlingContact | null> {
    const contact = await readContact(id, options);
    if (contact === null || contact.situacao === 'E') return null;
    const typeId = await customerType(options);
    return (contact.tiposContato ?? []).some((type) => type.id === typeId) ? contact : null;
  }

  async function existingCustomer(id: string, options: CallOptions): Promise<BlingContact> {
    const contact = await readCustomer(id, options);
    if (contact === null)
      throw new NotFoundError(`Bling has no customer ${JSON.stringify(id)}`, { platform: 'bling' });
    return contact;
  }

  /** One page of `GET /contatos`, customers only; a page shorter than 100 is the last (sheet §3). */
  async function contactPage(query: QueryParams, pagina: number, options: CallOptions) {
    const { data } = await send('GET', '/contatos', {
      query: { ...query, pagina, limite: blingPageSize },
      schema: blingContactListResponseSchema,
      signal: options.signal,
    });
    return { items: data, last: data.length < blingPageSize };
  }

  async function everyListed(query: QueryParams, options: CallOptions): Promise<BlingContactListItem[]> {
    const all: BlingContactListItem[] = [];
    for (let pagina = 1; ; pagina += 1) {
      const page = await contactPage(query, pagina, options);
      all.push(...page.items);
      if (page.last) return all;
    }
  }

  async function candidatesOf(
    items: readonly BlingContactListItem[],
    params: BlingListParams,
    ascending: boolean,
    options: CallOptions,
  ): Promise<BlingCandidate[]> {
    const candidates: BlingCandidate[] = [];
    for (const item of items) {
      if (item.situacao === 'E') continue;
      const contact = params.readWhole ? await readContact(String(item.id), options) : null;
      if (!params.readWhole || contact !== null) candidates.push({ item, contact, ascending });
    }
    return candidates;
  }

  async function customersQuery(params: BlingListParams, options: CallOptions): Promise<QueryParams> {
    return { ...params.query, criterio: allButDeleted, idTipoContato: await customerType(options) };
  }

  const situacaoNames = new Map<number, string | null>();
  /**
   * The name of an order's situação, read once per id; `null` when Bling has none or the app lacks
   * the Situações scope (403, sheet §1.2): the order keeps its status id.
   */
  async function situacaoName(id: number | undefined, options: CallOptions): Promise<string | null> {
    if (id === undefined || id === 0) return null;
    if (situacaoNames.has(id)) return situacaoNames.get(id) ?? null;
    let name: string | null;
    try {
      const answer = await send('GET', `/situacoes/${id}`, {
        schema: blingSituacaoResponseSchema,
        signal: options.signal,
      });
      name = answer.data.nome ?? null;
    } catch (error) {
      const scopeMissing = UpstreamUnauthorizedError.isInstance(error) && !rejectedTokenErrors.has(error);
      if (!scopeMissing && !NotFoundError.isInstance(error)) throw error;
      name = null;
    }
    situacaoNames.set(id, name);
    return name;
  }

  async function customerIdsOf(query: QueryParams, options: CallOptions): Promise<string[]> {
    const typed = { ...query, idTipoContato: await customerType(options) };
    return (await everyListed(typed, options)).map((item) => String(item.id));
  }

  const adapter = defineCustomerAdapter<
    BlingContact,
    BlingCandidate,
    BlingListParams,
    ListPosition,
    BlingOrderEntry,
    number
  >({
    platform: 'bling',
    displayName: 'Bling',
    capabilities: blingCapabilities,
    parseId: (id) => (/^[1-9]\d{0,15}$/.test(id) ? id : null),
    map: (contact: BlingContact) => mapBlingCustomer(contact),

    changeFeeds: {
      // The "Excluídos" list (`criterio=2`, sheet §5.3), narrowed by last alteration when `since` is given.
      async listDeletedCustomerIds(since, options) {
        const windows = since === null ? [{}] : alterationWindows(since, Date.now());
        const ids: string[] = [];
        for (const window of windows)
          ids.push(...(await customerIdsOf({ ...window, criterio: deletedOnly }, options)));
        return ids;
      },
      async listChangedCustomerIds(since, options) {
        const ids: string[] = [];
        for (const window of alterationWindows(since, Date.now()))
          ids.push(...(await customerIdsOf({ ...window, criterio: allButDeleted }, options)));
        return ids;
      },
    },

    list: {
      positions: listPositions,
      // Bling's pages are always asked 100 long; core slices canonical pages from them.
      cursor: 'collected',
      maxPageSize: blingPageSize,
      scanPageSize: blingPageSize,
      maxScanPages: 5,
      translate: translateBlingQuery,
      async fetchPage({ params, position }, options) {
        const query = await customersQuery(params, options);
        if (params.sinceId === null) {
          const pagina = position !== null && 'page' in position ? position.page : 1;
          if (position !== null && !('page' in position)) throw invalidCursor();
          const page = await contactPage(query, pagina, options);
          return {
            items: await candidatesOf(page.items, params, false, options),
            next: page.last ? null : { page: pagina + 1 },
          };
        }
        // Ascending ids after `sinceId` (or the last id returned): the whole list, read and sorted.
        if (position !== null && !('after' in position)) throw invalidCursor();
        const after = position?.after ?? params.sinceId;
        const items = (await everyListed(query, options))
          .filter((item) => isIdGreater(String(item.id), after))
          .sort((left, right) => left.id - right.id);
        return { items: await candidatesOf(items, params, true, options), next: null };
      },
      itemPosition: (candidate) => (candidate.ascending ? { after: String(candidate.item.id) } : undefined),
      filterable(record) {
        const candidate: BlingCandidate = isCandidate(record)
          ? record
          : { item: record, contact: record, ascending: false };
        return {
          id: String(candidate.item.id),
          email: candidate.contact?.email ?? null,
          ...blingNameParts(candidate.item.nome),
          dates: { createdAt: null, updatedAt: null },
        };
      },
      // List items lack e-mail and addresses (sheet §3): one GET per customer shown, so under a
      // deadline core ends the page at the customers that can be read in time (README, "Choices").
      completionMs: 1000 / defaultPacing.refillPerSecond,
      async complete(candidates, options) {
        const contacts: BlingContact[] = [];
        for (const candidate of candidates) {
          const contact = candidate.contact ?? (await readContact(String(candidate.item.id), options));
          if (contact !== null) contacts.push(contact);
        }
        return contacts;
      },
    },

    read: readCustomer,

    async create(input, options) {
      assertBlingWritable(input);
      const body = toBlingCreateBody(input, await customerType(options));
      const created = await send('POST', '/contatos', {
        body,
        schema: blingCreatedResponseSchema,
        signal: options.signal,
      });
      // Bling answers only the id (sheet §5.1).
      const contact = await readContact(String(created.data.id), options);
      if (contact === null) {
        throw new UpstreamError(`Bling created contact ${created.data.id} but cannot find it`, {
          platform: 'bling',
        });
      }
      return contact;
    },

    async update(id, input, options) {
      assertBlingWritable(input);
      const current = await existingCustomer(id, options);
      // PUT replaces the whole contact: send back what was read, changed (sheet §5.2).
      const body = toBlingUpdateBody(current, input);
      await send('PUT', `/contatos/${id}`, { body, schema: blingNoContentSchema, signal: options.signal });
      const updated = await readContact(id, options);
      if (updated === null)
        throw new NotFoundError(`Bling has no customer ${JSON.stringify(id)}`, { platform: 'bling' });
      return updated;
    },

    async delete(id, options) {
      await existingCustomer(id, options);
      await send('DELETE', `/contatos/${id}`, { schema: blingNoContentSchema, signal: options.signal });
    },

    orders: {
      positions: pagePositions,
      cursor: 'collected',
      maxPageSize: blingPageSize,
      // The order list answers [] for any id (sheet §12).
      assertCustomerExists: async (id, options) => {
        await existingCustomer(id, options);
      },
      async fetchPage({ customerId, position }, { signal }) {
        const pagina = position ?? 1;
        const { data } = await send('GET', '/pedidos/vendas', {
          query: { idContato: customerId, pagina, limite: blingPageSize },
          schema: blingOrderListResponseSchema,
          signal,
        });
        return {
          items: data.map(({ id }): BlingOrderEntry => ({ id })),
          next: data.length < blingPageSize ? null : pagina + 1,
        };
      },
      // List items carry no items (sheet §6): each order shown is read whole.
      async complete(entries, options) {
        const completed: BlingOrderEntry[] = [];
        for (const entry of entries) {
          const { data } = await send('GET', `/pedidos/vendas/${entry.id}`, {
            schema: blingOrderResponseSchema,
            signal: options.signal,
          });
          completed.push({
            id: entry.id,
            detail: { order: data, statusName: await situacaoName(data.situacao?.id, options) },
          });
        }
        return completed;
      },
      map(entry) {
        if (entry.detail === undefined)
          throw new UpstreamError(`Bling order ${entry.id} was not read`, { platform: 'bling' });
        return mapBlingOrder(entry.detail.order, entry.detail.statusName);
      },
    },
  });

  return adapter;
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
  webhooks: blingWebhooks,
  create: (settings) => createBlingAdapter(settings),
};
