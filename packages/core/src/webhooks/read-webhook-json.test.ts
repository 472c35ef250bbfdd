import { describe, expect, it } from 'vitest';
import { InvalidRequestError } from '../errors/invalid-request-error';
import { readWebhookJson } from './read-webhook-json';

describe('readWebhookJson', () => {
  it('keeps integers beyond 2^53 as their exact digits', () => {
    const body = Buffer.from('{"id":706405506930370084,"small":42,"price":12.5,"name":"Zoë"}');
    expect(readWebhookJson(body, 'shopify')).toStrictEqual({
      id: '706405506930370084',
      small: 42,
      price: 12.5,
      name: 'Zoë',
    });
  });

  it('refuses a body that is not JSON', () => {
    expect(() => readWebhookJson(Buffer.from('webhook_id=5'), 'woocommerce')).toThrow(InvalidRequestError);
  });
});
