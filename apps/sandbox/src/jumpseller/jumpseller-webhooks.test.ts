import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { simulatorAndReceiver } from '../../test/support/simulator-and-receiver';
import { callSimulator } from '../kit/call-simulator';
import { startJumpsellerSimulator } from './jumpseller-simulator';

const bed = simulatorAndReceiver(() =>
  startJumpsellerSimulator({
    count: 5,
    login: 'login',
    authToken: 'token',
    hooksToken: 'hooks-token',
    rateLimit: false,
    webhookMsPerSecond: 0.01,
  }),
);

const call = (path: string, method = 'GET', body?: object) =>
  callSimulator(`${bed.simulator.url}/v1${path}`, {
    method,
    authorization: `Basic ${Buffer.from('login:token').toString('base64')}`,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

const subscribe = (event: string) =>
  call('/hooks.json', 'POST', { hook: { event, url: `${bed.receiver.url}/in` } });

describe('hooks', () => {
  it('registers, lists and removes hooks through /v1/hooks.json', async () => {
    const created = await subscribe('customer_updated');
    expect(created.status).toBe(200);
    const { hook } = created.json() as { hook: { id: number } };
    expect(hook).toStrictEqual({
      id: hook.id,
      name: 'customer_updated',
      event: 'customer_updated',
      url: `${bed.receiver.url}/in`,
      created_at: expect.any(String),
    });
    expect((await call('/hooks.json')).json()).toStrictEqual([{ hook }]);
    expect((await call(`/hooks/${hook.id}.json`, 'DELETE')).status).toBe(200);
    expect((await call('/hooks.json')).json()).toStrictEqual([]);
    expect((await subscribe('customer_exploded')).status).toBe(422);
  });

  it('sends customer_updated with the customer as the API shows it, signed with the hooks token', async () => {
    await subscribe('customer_updated');
    await subscribe('customer_deleted');
    const id = bed.simulator.customerIds()[0]!;
    expect(
      (await call(`/customers/${id}.json`, 'PUT', { customer: { phone: '+56 9 8765 4321' } })).status,
    ).toBe(200);
    await bed.simulator.webhooks.settled();

    expect(bed.receiver.received).toHaveLength(1);
    const [delivery] = bed.receiver.received;
    expect(JSON.parse(delivery!.body)).toStrictEqual((await call(`/customers/${id}.json`)).json());
    expect(delivery?.headers['jumpseller-event']).toBe('customer_updated');
    expect(delivery?.headers['jumpseller-store-code']).toBe('tiendaandina');
    expect(delivery?.headers['jumpseller-triggered-at']).toMatch(
      /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} UTC$/,
    );
    const expected = createHmac('sha256', 'hooks-token').update(delivery!.body).digest('base64');
    expect(delivery?.headers['jumpseller-hmac-sha256']).toBe(expected);
  });

  it('sends customer_deleted with the deleted customer, and retries a failure', async () => {
    await subscribe('customer_deleted');
    bed.receiver.answerNext(500);
    const id = bed.simulator.customerIds()[1]!;
    const before = (await call(`/customers/${id}.json`)).json();
    await call(`/customers/${id}.json`, 'DELETE');
    await bed.simulator.webhooks.settled();
    expect(bed.simulator.webhooks.deliveries.map((attempt) => attempt.status)).toStrictEqual([500, 200]);
    expect(JSON.parse(bed.receiver.received[1]!.body)).toStrictEqual(before);
  });
});
