import { z } from 'zod';
import type { WebhookDelivery } from '../adapter/v1/platform-webhooks';
import { InvalidRequestError } from '../errors/invalid-request-error';
import { readWebhookJson } from './read-webhook-json';
import { hmacSha256, type SignatureEncoding, signatureMatches } from './webhook-signature';

/** A numeric id as platforms put it in webhook bodies (number or digits), as the canonical string. */
export const webhookNumericIdSchema = z
  .union([z.number().int().positive(), z.string().regex(/^[1-9]\d*$/)])
  .transform(String);

/** Where and how a platform sends its HMAC-SHA256 of the raw body. */
export interface BodySignature {
  /** Lower-case header name. */
  readonly header: string;
  readonly encoding: SignatureEncoding;
  /** Text before the signature in the header (Bling's `sha256=`). */
  readonly prefix?: string;
}

/** Whether the delivery's header holds the HMAC-SHA256 of its exact body bytes keyed with `secret`. */
export function bodySignatureMatches(
  delivery: WebhookDelivery,
  secret: string,
  signature: BodySignature,
): boolean {
  const given = delivery.headers[signature.header];
  const prefix = signature.prefix ?? '';
  const value = given?.startsWith(prefix) ? given.slice(prefix.length) : undefined;
  return signatureMatches(hmacSha256(secret, delivery.body), value, signature.encoding);
}

/** A header the platform always sends; its absence → `InvalidRequestError`. */
export function requiredWebhookHeader(delivery: WebhookDelivery, name: string, platform: string): string {
  const value = delivery.headers[name]?.trim();
  if (value === undefined || value === '') {
    throw new InvalidRequestError(`The webhook has no ${name} header`, { platform });
  }
  return value;
}

/** The JSON body validated with `schema`; a mismatch names the paths, never the values. */
export function parseWebhookBody<Output>(
  delivery: WebhookDelivery,
  schema: z.ZodType<Output>,
  platform: string,
): Output {
  const parsed = schema.safeParse(readWebhookJson(delivery.body, platform));
  if (parsed.success) return parsed.data;
  const paths = parsed.error.issues.map((issue) => issue.path.join('.') || '(body)');
  throw new InvalidRequestError(`The webhook body lacks what the platform sends: ${paths.join(', ')}`, {
    platform,
  });
}
