import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { simulatorAndReceiver } from '../../test/support/simulator-and-receiver';
import { callSimulator } from '../kit/call-simulator';
import { startBlingSimulator } from './bling-simulator';
import { blingContactTypes } from './bling-types';

let token: string;
const bed = simulatorAndReceiver(
  () => startBlingSimulator({ count: 10, rateLimit: false, clientSecret: 'bling-app-secret' }),
  ({ simulator, receiver }) => {
    simulator.webhooks.configure(`${receiver.url}/hooks`);
    token = simulator.issueAccessToken();
  },
);

const call = (path: string, method: string, body?: object) =>
  callSimulator(`${bed.simulator.url}/Api/v3${path}`, {
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
    await bed.simulator.webhooks.settled();

    const [delivery] = bed.receiver.received;
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
    const [first, second] = bed.simulator.customerIds();
    expect((await call(`/contatos/${first}/situacoes`, 'PATCH', { situacao: 'E' })).status).toBe(204);
    await call(`/contatos/${second}`, 'DELETE');
    await bed.simulator.webhooks.settled();
    const events = bed.receiver.received.map((delivery) => JSON.parse(delivery.body));
    expect(events.map((event) => [event.event, String(event.data.id)])).toContainEqual([
      'contact.deleted',
      first,
    ]);
  });

  it('sends nothing without a configured server', async () => {
    bed.simulator.webhooks.configure(null);
    await call(`/contatos/${bed.simulator.customerIds()[0]}/situacoes`, 'PATCH', { situacao: 'I' });
    await bed.simulator.webhooks.settled();
    expect(bed.receiver.received).toStrictEqual([]);
  });
});
