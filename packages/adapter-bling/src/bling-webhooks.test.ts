import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { blingWebhooks } from './bling-webhooks';

const clientSecret = 'bling-client-secret';
const event = (name: string, id: number | string = 17283946511) => ({
  eventId: '01945027-150d-7ab3-a2d8-8d1f4d5e2e1f',
  date: '2026-12-04T10:18:51Z',
  version: 'v1',
  event: name,
  companyId: 'd4475854366a36c86a37e792f9634a51',
  data: { id, nome: 'Conceição Araújo', codigo: '', situacao: 'A', numeroDocumento: '123.456.789-09' },
});
const deliver = (payload: object, key = clientSecret) => {
  const body = Buffer.from(JSON.stringify(payload));
  const hex = createHmac('sha256', key).update(body).digest('hex');
  return { headers: { 'content-type': 'application/json', 'x-bling-signature-256': `sha256=${hex}` }, body };
};

describe('blingWebhooks.verify', () => {
  it('accepts "sha256=<hex HMAC of the raw body>" with the client secret', () => {
    expect(blingWebhooks.verify(deliver(event('contact.updated')), clientSecret)).toBe(true);
  });

  it('refuses another secret', () => {
    expect(blingWebhooks.verify(deliver(event('contact.updated'), 'other'), clientSecret)).toBe(false);
  });
});

describe('blingWebhooks.read', () => {
  it.each(['contact.created', 'contact.updated', 'contact.deleted'])('names the contact of %s', (name) => {
    expect(blingWebhooks.read(deliver(event(name)))).toStrictEqual({
      eventId: '01945027-150d-7ab3-a2d8-8d1f4d5e2e1f',
      customerIds: ['17283946511'],
    });
  });

  it('ignores other events', () => {
    expect(blingWebhooks.read(deliver(event('order.created'))).customerIds).toStrictEqual([]);
  });
});
