import { createHmac } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { callSimulator } from '../kit/call-simulator';
import { startWebhookReceiver, type WebhookReceiver } from '../kit/webhook-receiver';
import { type BlingSimulator, startBlingSimulator } from './bling-simulator';
import { blingContactTypes } from './bling-types';

let simulator: BlingSimulator;
let receiver: WebhookReceiver;
let token: string;

beforeAll(async () => {
  simulator = await startBlingSimulator({ count: 10, rateLimit: false, clientSecret: 'bling-app-secret' });
  receiver = await startWebhookReceiver();
  simulator.webhooks.configure(`${receiver.url}/hooks`);
  token = simulator.issueAccessToken();
});
afterEach(() => {
  simulator.reset();
  receiver.received.length = 0;
  simulator.webhooks.configure(`${receiver.url}/hooks`);
});
afterAll(async () => {
  await simulator.close();
  await receiver.close();
});

const call = (path: string, method: string, body?: object) =>
  callSimulator(`${simulator.url}/Api/v3${path}`, {
    method,
    authorization: `Bearer ${token}`,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

describe('contact webhooks', () => {
  it('sends contact.created signed "sha256=<hex HMAC of the body>" with the client secret', async () => {
    const created = await call('/contatos', 'POST', {
      nome: 'Conceição Araújo',
      tipo: 'F',
      tiposContato: [{ id: blingContactTypes.cliente.id }],
    });
    expect(created.status).toBe(201);
    const { id } = (created.json() as { data: { id: number } }).data;
    await simulator.webhooks.settled();

    const [delivery] = receiver.received;
    expect(delivery?.path).toBe('/hooks');
    expect(JSON.parse(delivery!.body)).toStrictEqual({
      eventId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      date: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
      version: 'v1',
      event: 'contact.created',
      companyId: expect.any(String),
      data: { id },
    });
    const hex = createHmac('sha256', 'bling-app-secret').update(delivery!.body).digest('hex');
    expect(delivery?.headers['x-bling-signature-256']).toBe(`sha256=${hex}`);
  });

  it('sends contact.deleted for a contact moved to "Excluídos" and for a removed one', async () => {
    const [first, second] = simulator.customerIds();
    expect((await call(`/contatos/${first}/situacoes`, 'PATCH', { situacao: 'E' })).status).toBe(204);
    await call(`/contatos/${second}`, 'DELETE');
    await simulator.webhooks.settled();
    const events = receiver.received.map((delivery) => JSON.parse(delivery.body));
    expect(events.map((event) => [event.event, String(event.data.id)])).toContainEqual([
      'contact.deleted',
      first,
    ]);
  });

  it('sends nothing without a configured server', async () => {
    simulator.webhooks.configure(null);
    await call(`/contatos/${simulator.customerIds()[0]}/situacoes`, 'PATCH', { situacao: 'I' });
    await simulator.webhooks.settled();
    expect(receiver.received).toStrictEqual([]);
  });
});
