import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { InvalidRequestError } from '../errors/invalid-request-error';
import {
  bodySignatureMatches,
  parseWebhookBody,
  requiredWebhookHeader,
  webhookNumericIdSchema,
} from './webhook-delivery';

const secret = 'client-secret';
const body = Buffer.from('{"eventId":"e-1","data":{"id":12345678901}}');
const hex = createHmac('sha256', secret).update(body).digest('hex');
const delivery = (headers: Record<string, string>) => ({ headers, body });

describe('bodySignatureMatches', () => {
  const signature = { header: 'x-bling-signature-256', encoding: 'hex', prefix: 'sha256=' } as const;

  it('accepts the HMAC of the body after the prefix', () => {
    expect(
      bodySignatureMatches(delivery({ 'x-bling-signature-256': `sha256=${hex}` }), secret, signature),
    ).toBe(true);
  });

  it('refuses the signature without its prefix, or in another header', () => {
    expect(bodySignatureMatches(delivery({ 'x-bling-signature-256': hex }), secret, signature)).toBe(false);
    expect(bodySignatureMatches(delivery({ 'x-other': `sha256=${hex}` }), secret, signature)).toBe(false);
  });
});

describe('requiredWebhookHeader', () => {
  it('answers the trimmed header', () => {
    expect(requiredWebhookHeader(delivery({ 'x-id': ' 7 ' }), 'x-id', 'acme')).toBe('7');
  });

  it('refuses a missing or blank header', () => {
    expect(() => requiredWebhookHeader(delivery({ 'x-id': ' ' }), 'x-id', 'acme')).toThrow(
      InvalidRequestError,
    );
  });
});

describe('parseWebhookBody', () => {
  const schema = z.object({ eventId: z.string(), data: z.object({ id: webhookNumericIdSchema }) });

  it('validates the body and turns numeric ids into strings', () => {
    expect(parseWebhookBody(delivery({}), schema, 'bling')).toStrictEqual({
      eventId: 'e-1',
      data: { id: '12345678901' },
    });
  });

  it('names the missing paths', () => {
    const incomplete = { headers: {}, body: Buffer.from('{"data":{}}') };
    expect(() => parseWebhookBody(incomplete, schema, 'bling')).toThrow(/eventId, data\.id/);
  });
});
