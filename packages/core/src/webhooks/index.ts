export { readWebhookJson } from './read-webhook-json';
export {
  type BodySignature,
  bodySignatureMatches,
  parseWebhookBody,
  requiredWebhookHeader,
  webhookNumericIdSchema,
} from './webhook-delivery';
export { hmacSha256, type SignatureEncoding, signatureMatches } from './webhook-signature';
