import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ecwidWebhooks } from './ecwid-webhooks';

const clientSecret = 'ecwid-app-client-secret';
const event = {
  eventId: '80aece08-40e8-4145-8764-6c2f0d38678',
  eventCreated: 1733356800,
  storeId: 1003,
  entityId: 103878161,
  eventType: 'customer.updated',
  data: { customerId: 103878161 },
};
// Ecwid signs "{eventCreated}.{eventId}", not the body (sheet §8).
const signature = (secret: string, created: number, id: string) =>
  createHmac('sha256', secret).update(`${created}.${id}`).digest('base64');
const deliver = (body: object, signed = signature(clientSecret, event.eventCreated, event.eventId)) => ({
  headers: { 'content-type': 'application/json', 'x-ecwid-webhook-signature': signed },
  body: Buffer.from(JSON.stringify(body)),
});

describe('ecwidWebhooks.verify', () => {
  it('accepts the signature of "{eventCreated}.{eventId}" with the client secret', () => {
    expect(ecwidWebhooks.verify(deliver(event), clientSecret)).toBe(true);
  });

  it('refuses a signature made with another secret', () => {
    expect(
      ecwidWebhooks.verify(
        deliver(event, signature('secret_token', 1733356800, event.eventId)),
        clientSecret,
      ),
    ).toBe(false);
  });

  it('refuses a signature of another event', () => {
    expect(ecwidWebhooks.verify(deliver({ ...event, eventId: 'other' }), clientSecret)).toBe(false);
    expect(ecwidWebhooks.verify(deliver({ ...event, eventCreated: 1733356801 }), clientSecret)).toBe(false);
  });

  it('refuses a delivery without signature or without JSON', () => {
    expect(
      ecwidWebhooks.verify({ headers: {}, body: Buffer.from(JSON.stringify(event)) }, clientSecret),
    ).toBe(false);
    expect(
      ecwidWebhooks.verify({ headers: deliver(event).headers, body: Buffer.from('not json') }, clientSecret),
    ).toBe(false);
  });
});

describe('ecwidWebhooks.read', () => {
  it.each(['customer.created', 'customer.updated', 'customer.deleted'])(
    'names the customer of %s',
    (eventType) => {
      expect(ecwidWebhooks.read(deliver({ ...event, eventType }))).toStrictEqual({
        eventId: event.eventId,
        customerIds: ['103878161'],
      });
    },
  );

  it('ignores other events', () => {
    expect(ecwidWebhooks.read(deliver({ ...event, eventType: 'order.created', entityId: 77 }))).toStrictEqual(
      {
        eventId: event.eventId,
        customerIds: [],
      },
    );
  });

  it('refuses an event without id', () => {
    const { eventId: _eventId, ...withoutId } = event;
    expect(() => ecwidWebhooks.read(deliver(withoutId))).toThrow(/eventId/);
  });
});
