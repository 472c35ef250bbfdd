import type { GeneratedSeed, NativeSeed } from '@unicart/core/testing';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomToken } from '../kit/random-token';
import type { SandboxSimulator } from '../kit/simulator';
import { createSimulatorServer, type ListenOptions, readBody, searchParamsOf } from '../kit/simulator-server';
import { SlidingWindowLimiter } from '../kit/sliding-window-limiter';
import type { WebhookSubscription } from '../kit/subscribed-webhooks';
import type { SimulatorWebhooks } from '../kit/webhook-sender';
import { seedPeople } from '../seed/seed-people';
import {
  createWooCommerceCustomer,
  isDeletable,
  updateWooCommerceCustomer,
  type WooCommerceRegistrationSettings,
} from './woocommerce-customer-write';
import { WordPressError } from './woocommerce-error';
import { type CollectionPage, listWooCommerceCustomers, listWooCommerceOrders } from './woocommerce-lists';
import { ParameterReader } from './woocommerce-parameters';
import { toWooCommerceRecords } from './woocommerce-seed';
import { WooCommerceStore } from './woocommerce-store';
import type { WooCommerceOrderRecord, WooCommerceUserRecord } from './woocommerce-types';
import { createWooCommerceWebhooks, wooCommerceWebhookTopics } from './woocommerce-webhooks';

/** Credentials in the gateway's shape for WooCommerce (CONTRACT §2). */
export interface WooCommerceCredentials {
  /** The site root. */
  readonly url: string;
  readonly consumerKey: string;
  readonly consumerSecret: string;
}

/** A REST API key's permission (sheet §1). */
export type WooCommerceKeyPermission = 'read' | 'write' | 'read_write';

/** A limiter in front of the site, as hosts and WAFs add (sheet §6); WooCommerce itself has none. */
export interface WooCommerceHostRateLimit {
  readonly requests: number;
  readonly windowSeconds: number;
}

export interface WooCommerceSimulatorOptions
  extends ListenOptions,
    GeneratedSeed,
    Partial<WooCommerceRegistrationSettings> {
  /** Default: a random `ck_…` key. */
  readonly consumerKey?: string;
  /** Default: a random `cs_…` secret. */
  readonly consumerSecret?: string;
  /** Default `read_write`. */
  readonly keyPermission?: WooCommerceKeyPermission;
  /** Store currency (default `USD`). */
  readonly currency?: string;
  /** Site time zone as a fixed offset in minutes (default +60): `date_created` is written in it. */
  readonly utcOffsetMinutes?: number;
  /** Default: none, like WooCommerce core. */
  readonly hostRateLimit?: WooCommerceHostRateLimit;
  /** Native records to start with instead of generated ones. */
  readonly data?: NativeSeed<WooCommerceUserRecord, WooCommerceOrderRecord>;
  /** WordPress installed in a sub-directory, e.g. `/store` (sheet §1): every route lives under it. Default none. */
  readonly sitePath?: string;
  /**
   * `WP_DEBUG_DISPLAY` on with a plugin raising a deprecation: every JSON answer is preceded by a PHP
   * notice, and PHP's `text/html` content type wins (sheet §9.11). Default off.
   */
  readonly phpNotices?: boolean;
  /**
   * Whether the key's user may manage WooCommerce (`manage_woocommerce`). Without it the customer routes
   * (`list_users`, `edit_users`) still answer, but the store data routes refuse with 403. Default true.
   */
  readonly keyOwnerManagesWooCommerce?: boolean;
  /** The clock that stamps writes (default: the real time). */
  readonly now?: () => Date;
}

/** A running WooCommerce REST API v3 simulator. */
export interface WooCommerceSimulator
  extends SandboxSimulator<WooCommerceCredentials, WooCommerceUserRecord, WooCommerceOrderRecord> {
  /** The webhooks sent to the webhooks created through `POST /webhooks`. */
  readonly webhooks: SimulatorWebhooks;
}

const jsonType = 'application/json; charset=UTF-8';
const prefix = '/wp-json/wc/v3';
const currencyNames: Readonly<Record<string, string>> = {
  USD: 'United States (US) dollar',
  EUR: 'Euro',
  GBP: 'Pound sterling',
  CAD: 'Canadian dollar',
};
const criticalError =
  '<p>There has been a critical error on this website.</p><p><a href="https://wordpress.org/documentation/article/faq-troubleshooting/">Learn more about troubleshooting WordPress.</a></p>';
const phpNotice =
  '<br />\n<b>Deprecated</b>:  Optional parameter $context declared before required parameter $args in <b>/var/www/html/wp-content/plugins/legacy-fields/legacy-fields.php</b> on line <b>31</b><br />\n';
const hostThrottlePage =
  '<html>\r\n<head><title>429 Too Many Requests</title></head>\r\n<body>\r\n<center><h1>429 Too Many Requests</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';

/** What an unauthenticated request meets on each route: the route's permission error (sheet §7). */
interface RoutePermission {
  readonly access: 'read' | 'write';
  readonly code: string;
  readonly message: string;
}

const permissions = {
  list: {
    access: 'read',
    code: 'woocommerce_rest_cannot_view',
    message: 'Sorry, you cannot list resources.',
  },
  view: {
    access: 'read',
    code: 'woocommerce_rest_cannot_view',
    message: 'Sorry, you cannot view this resource.',
  },
  create: {
    access: 'write',
    code: 'woocommerce_rest_cannot_create',
    message: 'Sorry, you are not allowed to create resources.',
  },
  edit: {
    access: 'write',
    code: 'woocommerce_rest_cannot_edit',
    message: 'Sorry, you are not allowed to edit this resource.',
  },
  delete: {
    access: 'write',
    code: 'woocommerce_rest_cannot_delete',
    message: 'Sorry, you are not allowed to delete this resource.',
  },
} as const satisfies Record<string, RoutePermission>;

/** An answer of a route handler. */
interface RouteAnswer {
  readonly status?: number;
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string | string[]>>;
}

function sendError(reply: FastifyReply, error: WordPressError): FastifyReply {
  return reply.code(error.status).header('content-type', jsonType).send(JSON.stringify(error.body));
}

/** PHP's reading of form bodies: `billing[first_name]=Ana` becomes `{ billing: { first_name: 'Ana' } }`. */
function nestForm(form: Readonly<Record<string, string>>): Record<string, unknown> {
  const nested: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(form)) {
    const path = key.split(/\[|\]\[|\]/).filter((segment) => segment !== '');
    let target = nested;
    for (const segment of path.slice(0, -1)) {
      const next = target[segment];
      const child = next !== null && typeof next === 'object' ? (next as Record<string, unknown>) : {};
      target[segment] = child;
      target = child;
    }
    target[path[path.length - 1] ?? key] = value;
  }
  return nested;
}

function bodyOf(request: FastifyRequest): unknown {
  const body = readBody(request);
  switch (body.kind) {
    case 'json':
      return body.value;
    case 'form':
      return nestForm(body.value);
    case 'invalidJson':
      throw new WordPressError(400, 'rest_invalid_json', 'Invalid JSON body passed.', {
        json_error_code: 4,
        json_error_message: 'Syntax error',
      });
    default:
      return {};
  }
}

/** WordPress's global `_fields` parameter: each object keeps only the listed top-level keys. */
function onlyFields(body: unknown, fields: string | null): unknown {
  if (fields === null) return body;
  const keep = new Set(fields.split(',').map((field) => field.trim().split('.')[0]));
  const trim = (item: unknown) =>
    item !== null && typeof item === 'object'
      ? Object.fromEntries(Object.entries(item).filter(([key]) => keep.has(key)))
      : item;
  return Array.isArray(body) ? body.map(trim) : trim(body);
}

function basicCredentials(request: FastifyRequest): { key: string; secret: string } | undefined {
  const encoded = /^Basic (.+)$/i.exec(String(request.headers.authorization ?? ''))?.[1];
  if (encoded === undefined) return undefined;
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon === -1 ? undefined : { key: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}

/**
 * Starts a stateful simulator of the WooCommerce REST API v3 customers, orders and currency
 * endpoints (sheet `woocommerce.md`) on a free loopback port.
 */
export async function startWooCommerceSimulator(
  options: WooCommerceSimulatorOptions = {},
): Promise<WooCommerceSimulator> {
  const original = {
    key: options.consumerKey ?? randomToken('ck_'),
    secret: options.consumerSecret ?? randomToken('cs_'),
  };
  let keys = { ...original };
  const keyPermission = options.keyPermission ?? 'read_write';
  const currency = options.currency ?? 'USD';
  const registration: WooCommerceRegistrationSettings = {
    generateUsername: options.generateUsername ?? true,
    generatePassword: options.generatePassword ?? true,
  };
  const hostLimiter =
    options.hostRateLimit === undefined
      ? undefined
      : new SlidingWindowLimiter({
          limit: options.hostRateLimit.requests,
          windowMs: options.hostRateLimit.windowSeconds * 1000,
        });
  const sitePath = options.sitePath ?? '';
  const now = options.now ?? (() => new Date());
  const managesWooCommerce = options.keyOwnerManagesWooCommerce ?? true;
  const routes = `${sitePath}${prefix}`;
  let url = '';
  const site = {
    origin: () => `${url}${sitePath}`,
    utcOffsetMinutes: options.utcOffsetMinutes ?? 60,
    currency,
  };
  let baseline = options.data ?? toWooCommerceRecords(seedPeople(options.count, options.seed), currency);
  let store = new WooCommerceStore(site, baseline.customers, baseline.orders ?? []);
  const webhooks = createWooCommerceWebhooks({
    siteUrl: site.origin,
    customerPayload: (id) => store.presentCustomer(store.users.get(id)!),
    now,
  });

  const server = createSimulatorServer({
    host: options.host,
    port: options.port,
    // Sites without pretty permalinks answer the same routes at `/?rest_route=/wc/v3/...` (sheet §1).
    rewriteUrl(requestUrl) {
      const [path = '/', query = ''] = requestUrl.split('?', 2);
      const params = new URLSearchParams(query);
      const route = params.get('rest_route');
      if (path !== `${sitePath}/` || route === null) return requestUrl;
      params.delete('rest_route');
      const rest = params.toString();
      return `${sitePath}/wp-json${route}${rest === '' ? '' : `?${rest}`}`;
    },
    answerFault(kind, _request, reply) {
      switch (kind) {
        case 'rateLimited':
          return reply
            .code(429)
            .header('retry-after', '1')
            .header('content-type', 'text/html')
            .send(hostThrottlePage);
        case 'serverError':
          return reply
            .code(500)
            .header('content-type', jsonType)
            .send(
              JSON.stringify({
                code: 'internal_server_error',
                message: criticalError,
                data: { status: 500 },
                additional_errors: [],
              }),
            );
        case 'unauthorized':
          return sendError(
            reply,
            new WordPressError(401, 'woocommerce_rest_authentication_error', 'Consumer secret is invalid.'),
          );
        case 'malformed':
          // PHP notices printed before the JSON when WP_DEBUG_DISPLAY is on (sheet §9.11).
          return reply
            .code(200)
            .header('content-type', jsonType)
            .send(
              '<br />\n<b>Warning</b>:  Undefined array key "billing" in <b>/var/www/html/wp-content/plugins/acme/acme.php</b> on line <b>42</b><br />\n[{"id":',
            );
      }
    },
    answerNotFound(_request, reply) {
      return sendError(
        reply,
        new WordPressError(404, 'rest_no_route', 'No route was found matching the URL and request method.'),
      );
    },
  });

  /** WooCommerce's authentication (sheet §1, §7): query-string keys first, then HTTP Basic. */
  function authenticate(request: FastifyRequest, permission: RoutePermission): void {
    const params = searchParamsOf(request);
    if ([...params.keys()].some((name) => name.startsWith('oauth_'))) {
      throw new WordPressError(
        401,
        'woocommerce_rest_authentication_error',
        'Invalid signature - provided signature does not match.',
      );
    }
    const queryKey = params.get('consumer_key');
    const querySecret = params.get('consumer_secret');
    const credentials =
      queryKey !== null && querySecret !== null
        ? { key: queryKey, secret: querySecret }
        : basicCredentials(request);
    // An unknown key leaves the request unauthenticated: the route's own permission error answers (sheet §9.9).
    if (credentials === undefined || credentials.key !== keys.key) {
      throw new WordPressError(401, permission.code, permission.message);
    }
    if (credentials.secret !== keys.secret) {
      throw new WordPressError(401, 'woocommerce_rest_authentication_error', 'Consumer secret is invalid.');
    }
    if (keyPermission !== 'read_write' && keyPermission !== permission.access) {
      throw new WordPressError(
        401,
        'woocommerce_rest_authentication_error',
        `The API key provided does not have ${permission.access} permissions.`,
      );
    }
  }

  function route(permission: RoutePermission, handle: (request: FastifyRequest) => RouteAnswer) {
    return (request: FastifyRequest, reply: FastifyReply): FastifyReply => {
      try {
        const verdict = hostLimiter?.hit(request.ip);
        if (verdict !== undefined && !verdict.allowed) {
          return reply
            .code(429)
            .header('retry-after', String(verdict.retryAfterSeconds))
            .header('content-type', 'text/html')
            .send(hostThrottlePage);
        }
        authenticate(request, permission);
        const answer = handle(request);
        for (const [name, value] of Object.entries(answer.headers ?? {})) reply.header(name, value);
        const json = JSON.stringify(onlyFields(answer.body, searchParamsOf(request).get('_fields')));
        return reply
          .code(answer.status ?? 200)
          .header('content-type', options.phpNotices ? 'text/html; charset=UTF-8' : jsonType)
          .send(options.phpNotices ? `${phpNotice}${json}` : json);
      } catch (error) {
        if (error instanceof WordPressError) return sendError(reply, error);
        throw error;
      }
    };
  }

  /** `X-WP-Total`, `X-WP-TotalPages` and `Link` (sheet §3), built from the request's own parameters. */
  function paginationHeaders(request: FastifyRequest, path: string, page: CollectionPage<unknown>) {
    const totalPages = Math.ceil(page.total / page.perPage);
    const linkTo = (target: number) => {
      const params = searchParamsOf(request);
      params.set('page', String(target));
      return `<${url}${routes}${path}?${params.toString()}>`;
    };
    const links = [
      ...(page.page > 1 ? [`${linkTo(Math.min(page.page - 1, Math.max(totalPages, 1)))}; rel="prev"`] : []),
      ...(totalPages > page.page ? [`${linkTo(page.page + 1)}; rel="next"`] : []),
    ];
    return {
      'X-WP-Total': String(page.total),
      'X-WP-TotalPages': String(totalPages),
      ...(links.length === 0 ? {} : { Link: links }),
    };
  }

  function existingUser(request: FastifyRequest): WooCommerceUserRecord {
    const id = Number((request.params as { id: string }).id);
    const user = store.users.get(id);
    if (user === undefined) throw new WordPressError(404, 'wc_user_invalid_id', 'Invalid user ID.');
    return user;
  }

  const { app } = server;
  app.get(
    `${routes}/customers`,
    route(permissions.list, (request) => {
      const page = listWooCommerceCustomers(store, searchParamsOf(request));
      return {
        body: page.items.map((user) => store.presentCustomer(user)),
        headers: paginationHeaders(request, '/customers', page),
      };
    }),
  );
  app.post(
    `${routes}/customers`,
    route(permissions.create, (request) => {
      const user = createWooCommerceCustomer(store, bodyOf(request), registration, now());
      webhooks.notify({ change: 'created', customerId: user.id }, now());
      return {
        status: 201,
        body: store.presentCustomer(user),
        headers: { Location: `${url}${routes}/customers/${user.id}` },
      };
    }),
  );
  app.get(
    `${routes}/customers/:id(^\\d+$)`,
    route(permissions.view, (request) => ({ body: store.presentCustomer(existingUser(request)) })),
  );
  app.route({
    method: ['PUT', 'POST', 'PATCH'],
    url: `${routes}/customers/:id(^\\d+$)`,
    handler: route(permissions.edit, (request) => {
      const user = updateWooCommerceCustomer(store, existingUser(request), bodyOf(request), now());
      webhooks.notify({ change: 'updated', customerId: user.id }, now());
      return { body: store.presentCustomer(user) };
    }),
  });
  app.delete(
    `${routes}/customers/:id(^\\d+$)`,
    route(permissions.delete, (request) => {
      const reader = new ParameterReader(searchParamsOf(request));
      const force = reader.boolean('force', false);
      reader.integer('reassign', {});
      reader.finish();
      const user = existingUser(request);
      if (!force)
        throw new WordPressError(
          501,
          'woocommerce_rest_trash_not_supported',
          'Customers do not support trashing.',
        );
      if (!isDeletable(user)) {
        throw new WordPressError(
          403,
          'woocommerce_rest_cannot_delete',
          'Sorry, you are not allowed to delete this resource.',
        );
      }
      const previous = store.presentCustomer(user);
      store.users.delete(user.id);
      webhooks.notify({ change: 'deleted', customerId: user.id }, now());
      return { body: previous };
    }),
  );
  app.get(
    `${routes}/orders`,
    route(permissions.list, (request) => {
      const page = listWooCommerceOrders(store, searchParamsOf(request));
      return {
        body: page.items.map((order) => store.presentOrder(order)),
        headers: paginationHeaders(request, '/orders', page),
      };
    }),
  );
  app.get(
    `${routes}/orders/:id(^\\d+$)`,
    route(permissions.view, (request) => {
      const order = store.orders.get(Number((request.params as { id: string }).id));
      if (order === undefined)
        throw new WordPressError(404, 'woocommerce_rest_shop_order_invalid_id', 'Invalid ID.');
      return { body: store.presentOrder(order) };
    }),
  );
  /** The store data routes check `manage_woocommerce` once the key is authenticated. */
  function requireManager(): void {
    if (!managesWooCommerce) {
      throw new WordPressError(403, 'woocommerce_rest_cannot_view', 'Sorry, you cannot list resources.');
    }
  }

  function existingWebhook(request: FastifyRequest): WebhookSubscription {
    const webhook = webhooks.find(Number((request.params as { id: string }).id));
    if (webhook === undefined)
      throw new WordPressError(404, 'woocommerce_rest_shop_webhook_invalid_id', 'Invalid ID.');
    return webhook;
  }

  app.get(
    `${routes}/webhooks`,
    route(permissions.list, () => {
      requireManager();
      return { body: webhooks.list().map(webhooks.present) };
    }),
  );
  app.post(
    `${routes}/webhooks`,
    route(permissions.create, (request) => {
      requireManager();
      const input = (bodyOf(request) ?? {}) as Record<string, unknown>;
      const topic = typeof input.topic === 'string' ? input.topic.toLowerCase() : '';
      if (!wooCommerceWebhookTopics.has(topic)) {
        throw new WordPressError(
          400,
          'woocommerce_rest_shop_webhook_invalid_topic',
          'Webhook topic is required and must be valid.',
        );
      }
      const deliveryUrl = input.delivery_url;
      if (typeof deliveryUrl !== 'string' || !/^https?:\/\/\S+$/.test(deliveryUrl)) {
        throw new WordPressError(
          400,
          'woocommerce_rest_shop_webhook_invalid_delivery_url',
          'Webhook delivery URL must be a valid URL starting with http:// or https://.',
        );
      }
      const status = input.status === 'paused' || input.status === 'disabled' ? input.status : 'active';
      const webhook = webhooks.create({
        name: typeof input.name === 'string' ? input.name : `Webhook created on ${now().toUTCString()}`,
        topic,
        url: deliveryUrl,
        secret: typeof input.secret === 'string' && input.secret !== '' ? input.secret : randomToken(''),
        status,
      });
      return { status: 201, body: webhooks.present(webhook) };
    }),
  );
  app.get(
    `${routes}/webhooks/:id(^\\d+$)`,
    route(permissions.view, (request) => {
      requireManager();
      return { body: webhooks.present(existingWebhook(request)) };
    }),
  );
  app.delete(
    `${routes}/webhooks/:id(^\\d+$)`,
    route(permissions.delete, (request) => {
      requireManager();
      const webhook = existingWebhook(request);
      if (!new ParameterReader(searchParamsOf(request)).boolean('force', false)) {
        throw new WordPressError(
          501,
          'woocommerce_rest_trash_not_supported',
          'Webhooks do not support trashing.',
        );
      }
      const previous = webhooks.present(webhook);
      webhooks.remove(webhook.id);
      return { body: previous };
    }),
  );
  app.get(
    `${routes}/data/currencies/current`,
    route(permissions.view, () => {
      requireManager();
      return {
        body: {
          code: currency,
          name: currencyNames[currency] ?? currency,
          symbol: currency === 'USD' ? '&#36;' : currency,
          _links: { collection: [{ href: `${url}${routes}/data/currencies` }] },
        },
      };
    }),
  );
  app.get(
    `${routes}/settings/general/woocommerce_currency`,
    route(permissions.view, () => {
      requireManager();
      return {
        body: {
          id: 'woocommerce_currency',
          label: 'Currency',
          description:
            'This controls what currency prices are listed at in the catalog and which currency gateways will take payments in.',
          type: 'select',
          default: 'USD',
          tip: 'This controls what currency prices are listed at in the catalog and which currency gateways will take payments in.',
          value: currency,
          group_id: 'general',
        },
      };
    }),
  );

  url = await server.listen();
  return {
    platform: 'woocommerce',
    url,
    webhooks: webhooks.controls,
    get credentials() {
      return { url: `${url}${sitePath}`, consumerKey: keys.key, consumerSecret: keys.secret };
    },
    seed(input) {
      baseline =
        input !== undefined && 'customers' in input
          ? input
          : toWooCommerceRecords(seedPeople(input?.count, input?.seed), currency);
      store = new WooCommerceStore(site, baseline.customers, baseline.orders ?? []);
    },
    ...server.controls,
    stored(id) {
      const user = store.users.get(Number(id));
      return user === undefined ? undefined : structuredClone(user);
    },
    customerIds() {
      return [...store.users.keys()].sort((left, right) => left - right).map(String);
    },
    revokeCredentials() {
      // The merchant deletes the REST API key and creates a new one.
      keys = { key: randomToken('ck_'), secret: randomToken('cs_') };
    },
    reset() {
      store = new WooCommerceStore(site, baseline.customers, baseline.orders ?? []);
      keys = { ...original };
      hostLimiter?.clear();
      server.faults.clear();
      server.requests.length = 0;
      webhooks.clear();
    },
    async close() {
      webhooks.sender.close();
      await server.close();
    },
  };
}
