import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { simulatorAndReceiver } from '../../test/support/simulator-and-receiver';
import { callSimulator } from '../kit/call-simulator';
import { startEcwidSimulator } from './ecwid-simulator';

const bed = simulatorAndReceiver(
  () =>
    startEcwidSimulator({
      count: 5,
      accessToken: 'secret_test',
      clientSecret: 'app-client-secret',
    }),
  ({ simulator, receiver }) => {
    simulator.webhooks.configure(`${receiver.url}/webhooks/v1/store-1`);
  },
);

const call = (path: string, method: string, body?: object) =>
  callSimulator(`${bed.simulator.url}/api/v3/1003${path}`, {
    method,
    authorization: 'Bearer secret_test',
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

describe('customer webhooks', () => {
  it('sends customer.updated signed over "{eventCreated}.{eventId}" with the client secret', async () => {
    const id = bed.simulator.customerIds()[0]!;
    expect((await call(`/customers/${id}`, 'PUT', { billingPerson: { name: 'Zoë Müller' } })).status).toBe(
      200,
    );
    await bed.simulator.webhooks.settled();

    const [delivery] = bed.receiver.received;
    expect(delivery?.path).toBe('/webhooks/v1/store-1?eventtype=customer.updated');
    const event = JSON.parse(delivery!.body);
    expect(event).toStrictEqual({
      eventId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      eventCreated: expect.any(Number),
      storeId: 1003,
      entityId: Number(id),
      eventType: 'customer.updated',
      data: { customerId: Number(id) },
    });
    const expected = createHmac('sha256', 'app-client-secret')
      .update(`${event.eventCreated}.${event.eventId}`)
      .digest('base64');
    expect(delivery?.headers['x-ecwid-webhook-signature']).toBe(expected);
  });

  it('sends customer.created and customer.deleted for the written customer', async () => {
    const created = (await call('/customers', 'POST', { email: 'ana@example.com' })).json() as { id: number };
    expect((await call(`/customers/${created.id}`, 'DELETE')).status).toBe(200);
    await bed.simulator.webhooks.settled();
    expect(bed.receiver.received.map((delivery) => JSON.parse(delivery.body))).toMatchObject([
      { eventType: 'customer.created', entityId: created.id },
      { eventType: 'customer.deleted', entityId: created.id },
    ]);
  });

  it('retries a failed delivery with the same event', async () => {
    bed.receiver.answerNext(500, 503);
    await call(`/customers/${bed.simulator.customerIds()[0]}`, 'PUT', {
      billingPerson: { name: 'Retry Me' },
    });
    await bed.simulator.webhooks.settled();
    expect(bed.simulator.webhooks.deliveries.map((attempt) => attempt.status)).toStrictEqual([500, 503, 200]);
    expect(new Set(bed.receiver.received.map((delivery) => delivery.body)).size).toBe(1);
  });

  it('sends nothing without a configured URL', async () => {
    bed.simulator.webhooks.configure(null);
    await call(`/customers/${bed.simulator.customerIds()[0]}`, 'PUT', { billingPerson: { name: 'Quiet' } });
    await bed.simulator.webhooks.settled();
    expect(bed.receiver.received).toStrictEqual([]);
    bed.simulator.webhooks.configure(`${bed.receiver.url}/webhooks/v1/store-1`);
  });
});
