import { createHmac } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { callSimulator } from '../kit/call-simulator';
import { startWebhookReceiver, type WebhookReceiver } from '../kit/webhook-receiver';
import { type BigCommerceSimulator, startBigCommerceSimulator } from './bigcommerce-simulator';

let simulator: BigCommerceSimulator;
let receiver: WebhookReceiver;

beforeAll(async () => {
  simulator = await startBigCommerceSimulator({
    count: 5,
    accessToken: 'bc-token',
    clientSecret: 'bc-client-secret',
    rateLimit: false,
    webhookMsPerSecond: 0.01,
  });
  receiver = await startWebhookReceiver();
});
afterEach(() => {
  simulator.reset();
  receiver.received.length = 0;
});
afterAll(async () => {
  await simulator.close();
  await receiver.close();
});

const call = (path: string, method = 'GET', body?: unknown) =>
  callSimulator(`${simulator.url}/stores/abc123/v3${path}`, {
    method,
    headers: { 'x-auth-token': 'bc-token' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

const createHook = (scope: string) =>
  call('/hooks', 'POST', { scope, destination: `${receiver.url}/in`, is_active: true, headers: {} });

/** Standard Webhooks, computed independently: base64 HMAC of "{id}.{timestamp}.{body}". */
function expectedSignature(headers: Record<string, string | string[] | undefined>, body: string): string {
  const content = `${headers['webhook-id']}.${headers['webhook-timestamp']}.${body}`;
  return `v1,${createHmac('sha256', 'bc-client-secret').update(content).digest('base64')}`;
}

describe('hooks', () => {
  it('creates, lists and deletes hooks through /v3/hooks', async () => {
    const created = await createHook('store/customer/updated');
    expect(created.status).toBe(200);
    const { data: hook } = created.json() as { data: { id: number } };
    expect(hook).toMatchObject({
      scope: 'store/customer/updated',
      destination: `${receiver.url}/in`,
      is_active: true,
    });
    expect((await call('/hooks')).json()).toMatchObject({ data: [hook] });
    expect((await call(`/hooks/${hook.id}`, 'DELETE')).json()).toStrictEqual({ data: hook, meta: {} });
    expect((await call('/hooks')).json()).toMatchObject({ data: [] });
    expect((await createHook('store/customer/exploded')).status).toBe(422);
  });

  it('sends store/customer/updated with Standard Webhooks headers keyed with the client secret', async () => {
    await createHook('store/customer/updated');
    const id = Number(simulator.customerIds()[0]);
    expect((await call('/customers', 'PUT', [{ id, first_name: 'Zoë' }])).status).toBe(200);
    await simulator.webhooks.settled();

    const [delivery] = receiver.received;
    expect(JSON.parse(delivery!.body)).toStrictEqual({
      scope: 'store/customer/updated',
      store_id: '1025646',
      data: { type: 'customer', id },
      hash: expect.stringMatching(/^[0-9a-f]{40}$/),
      created_at: expect.any(Number),
      producer: 'stores/abc123',
    });
    expect(delivery?.headers['webhook-signature']).toBe(expectedSignature(delivery!.headers, delivery!.body));
  });

  it('sends address events naming the customer, under store/customer/*', async () => {
    await createHook('store/customer/*');
    const owner = simulator.stored(simulator.customerIds()[0]!)!;
    const address = owner.addresses[0]!;
    await call(`/customers/addresses?id:in=${address.id}`, 'DELETE');
    await simulator.webhooks.settled();
    expect(JSON.parse(receiver.received[0]!.body)).toMatchObject({
      scope: 'store/customer/address/deleted',
      data: { type: 'customer', id: address.id, address: { customer_id: owner.id } },
    });
  });

  it('retries with the same webhook-id and hash, each attempt signed anew', async () => {
    await createHook('store/customer/deleted');
    receiver.answerNext(502);
    const id = simulator.customerIds()[1]!;
    await call(`/customers?id:in=${id}`, 'DELETE');
    await simulator.webhooks.settled();
    const [first, second] = receiver.received;
    expect(simulator.webhooks.deliveries.map((attempt) => attempt.status)).toStrictEqual([502, 200]);
    expect(second?.headers['webhook-id']).toBe(first?.headers['webhook-id']);
    expect(second?.body).toBe(first?.body);
    for (const delivery of [first!, second!]) {
      expect(delivery.headers['webhook-signature']).toBe(expectedSignature(delivery.headers, delivery.body));
    }
  });
});
