import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { simulatorAndReceiver } from '../../test/support/simulator-and-receiver';
import { callSimulator } from '../kit/call-simulator';
import { startWooCommerceSimulator } from './woocommerce-simulator';

const basic = `Basic ${Buffer.from('ck_test:cs_test').toString('base64')}`;
const bed = simulatorAndReceiver(() =>
  startWooCommerceSimulator({ count: 5, consumerKey: 'ck_test', consumerSecret: 'cs_test' }),
);

const call = (path: string, method = 'GET', body?: object) =>
  callSimulator(`${bed.simulator.url}/wp-json/wc/v3${path}`, {
    method,
    authorization: basic,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

const createWebhook = (topic: string, secret = 'the-webhook-secret') =>
  call('/webhooks', 'POST', { name: 'Unicart', topic, delivery_url: `${bed.receiver.url}/in`, secret });

describe('webhooks', () => {
  it('creates, lists and deletes webhooks through the REST API', async () => {
    const created = await createWebhook('customer.updated');
    expect(created.status).toBe(201);
    const webhook = created.json() as { id: number };
    expect(webhook).toMatchObject({
      name: 'Unicart',
      status: 'active',
      topic: 'customer.updated',
      resource: 'customer',
      event: 'updated',
      delivery_url: `${bed.receiver.url}/in`,
    });
    expect(webhook).not.toHaveProperty('secret');
    expect((await call('/webhooks')).json()).toStrictEqual([webhook]);
    expect((await call(`/webhooks/${webhook.id}`, 'DELETE')).status).toBe(501);
    expect((await call(`/webhooks/${webhook.id}?force=true`, 'DELETE')).json()).toStrictEqual(webhook);
    expect((await call('/webhooks')).json()).toStrictEqual([]);
  });

  it('refuses an unknown topic and a delivery URL that is not http(s)', async () => {
    expect((await createWebhook('customer.exploded')).json()).toMatchObject({
      code: 'woocommerce_rest_shop_webhook_invalid_topic',
    });
    const ftp = await call('/webhooks', 'POST', { topic: 'customer.updated', delivery_url: 'ftp://x' });
    expect(ftp.status).toBe(400);
  });

  it('delivers customer.updated with the v3 customer, signed with the webhook secret', async () => {
    const { id: webhookId } = (await createWebhook('customer.updated')).json() as { id: number };
    const id = bed.simulator.customerIds().at(-1)!;
    const updated = await call(`/customers/${id}`, 'PUT', { first_name: 'Zoë' });
    await bed.simulator.webhooks.settled();

    const [delivery] = bed.receiver.received;
    expect(JSON.parse(delivery!.body)).toStrictEqual(updated.json());
    expect(delivery?.headers).toMatchObject({
      'x-wc-webhook-source': `${bed.simulator.url}/`,
      'x-wc-webhook-topic': 'customer.updated',
      'x-wc-webhook-resource': 'customer',
      'x-wc-webhook-event': 'updated',
      'x-wc-webhook-id': String(webhookId),
      'x-wc-webhook-delivery-id': expect.stringMatching(/^[0-9a-f]{32}$/),
    });
    const expected = createHmac('sha256', 'the-webhook-secret').update(delivery!.body).digest('base64');
    expect(delivery?.headers['x-wc-webhook-signature']).toBe(expected);
  });

  it('delivers customer.deleted as `{ id }`', async () => {
    await createWebhook('customer.deleted');
    const id = bed.simulator.customerIds().at(-1)!;
    expect((await call(`/customers/${id}?force=true`, 'DELETE')).status).toBe(200);
    await bed.simulator.webhooks.settled();
    expect(bed.receiver.received.map((delivery) => delivery.body)).toStrictEqual([`{"id":${id}}`]);
  });

  it('disables a webhook after 5 failed deliveries in a row, without retries', async () => {
    const { id: webhookId } = (await createWebhook('customer.updated')).json() as { id: number };
    bed.receiver.answerNext(500, 500, 500, 500, 500);
    const id = bed.simulator.customerIds().at(-1)!;
    for (let change = 0; change < 6; change += 1) {
      await call(`/customers/${id}`, 'PUT', { first_name: `Name ${change}` });
      await bed.simulator.webhooks.settled();
    }
    expect(bed.simulator.webhooks.deliveries.map((attempt) => attempt.status)).toStrictEqual([
      500, 500, 500, 500, 500,
    ]);
    expect((await call(`/webhooks/${webhookId}`)).json()).toMatchObject({ status: 'disabled' });
  });
});
