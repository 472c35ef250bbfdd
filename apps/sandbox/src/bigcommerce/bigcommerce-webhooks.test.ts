import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { simulatorAndReceiver } from '../../test/support/simulator-and-receiver';
import { callSimulator } from '../kit/call-simulator';
import { startBigCommerceSimulator } from './bigcommerce-simulator';

const bed = simulatorAndReceiver(() =>
  startBigCommerceSimulator({
    count: 5,
    accessToken: 'bc-token',
    clientSecret: 'bc-client-secret',
    rateLimit: false,
    webhookMsPerSecond: 0.01,
  }),
);

const call = (path: string, method = 'GET', body?: unknown) =>
  callSimulator(`${bed.simulator.url}/stores/abc123/v3${path}`, {
    method,
    headers: { 'x-auth-token': 'bc-token' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

const createHook = (scope: string) =>
  call('/hooks', 'POST', { scope, destination: `${bed.receiver.url}/in`, is_active: true, headers: {} });

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
      destination: `${bed.receiver.url}/in`,
      is_active: true,
    });
    expect((await call('/hooks')).json()).toMatchObject({ data: [hook] });
    expect((await call(`/hooks/${hook.id}`, 'DELETE')).json()).toStrictEqual({ data: hook, meta: {} });
    expect((await call('/hooks')).json()).toMatchObject({ data: [] });
    expect((await createHook('store/customer/exploded')).status).toBe(422);
  });

  it('sends store/customer/updated with Standard Webhooks headers keyed with the client secret', async () => {
    await createHook('store/customer/updated');
    const id = Number(bed.simulator.customerIds()[0]);
    expect((await call('/customers', 'PUT', [{ id, first_name: 'Zoë' }])).status).toBe(200);
    await bed.simulator.webhooks.settled();

    const [delivery] = bed.receiver.received;
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
    const owner = bed.simulator.stored(bed.simulator.customerIds()[0]!)!;
    const address = owner.addresses[0]!;
    await call(`/customers/addresses?id:in=${address.id}`, 'DELETE');
    await bed.simulator.webhooks.settled();
    expect(JSON.parse(bed.receiver.received[0]!.body)).toMatchObject({
      scope: 'store/customer/address/deleted',
      data: { type: 'customer', id: address.id, address: { customer_id: owner.id } },
    });
  });

  it('retries with the same webhook-id and hash, each attempt signed anew', async () => {
    await createHook('store/customer/deleted');
    bed.receiver.answerNext(502);
    const id = bed.simulator.customerIds()[1]!;
    await call(`/customers?id:in=${id}`, 'DELETE');
    await bed.simulator.webhooks.settled();
    const [first, second] = bed.receiver.received;
    expect(bed.simulator.webhooks.deliveries.map((attempt) => attempt.status)).toStrictEqual([502, 200]);
    expect(second?.headers['webhook-id']).toBe(first?.headers['webhook-id']);
    expect(second?.body).toBe(first?.body);
    for (const delivery of [first!, second!]) {
      expect(delivery.headers['webhook-signature']).toBe(expectedSignature(delivery.headers, delivery.body));
    }
  });
});
