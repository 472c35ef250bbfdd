import { z } from 'zod';
import { errorResponse } from '../routes/schemas';
import { idempotencyKeyPattern } from './idempotent-writes';

/** The `Idempotency-Key` header of the idempotent writes; every other header passes untouched. */
export const idempotencyKeyHeadersSchema = z.looseObject({
  'idempotency-key': z
    .string()
    .min(1)
    .max(255)
    .regex(idempotencyKeyPattern, 'Idempotency-Key must be 1 to 255 visible ASCII characters')
    .optional()
    .meta({ examples: ['5f0c2b8e-6a51-4d0b-9f3e-2c7d1e4a9b60'] })
    .describe(
      'Makes the write safe to retry: for 24 hours, the same key with the same request answers the first response again (with `Idempotent-Replayed: true`) without calling the platform. 1–255 visible ASCII characters, e.g. a UUID',
    ),
});

/** The answers only an idempotent write gives. */
export const idempotencyErrorResponses = {
  409: errorResponse(
    'idempotency_key_in_progress: a request with this Idempotency-Key is still being processed, or an earlier create with it may have reached the platform and its customer cannot be looked up',
    {
      code: 'idempotency_key_in_progress',
      message: 'A request with this Idempotency-Key is still being processed: retry it later',
    },
  ),
  422: errorResponse('idempotency_key_reused: this Idempotency-Key was used for a different request', {
    code: 'idempotency_key_reused',
    message:
      'This Idempotency-Key was used for a different request (method, path or body) in the last 24 hours: use a new key for a new request',
  }),
};

/** Documents `Idempotent-Replayed` on the answers of the idempotent writes (their routes list no headers). */
export const replayedResponseHeader = {
  'Idempotent-Replayed': {
    description:
      '`true` when the answer is the stored response of an earlier request with the same Idempotency-Key',
    schema: { type: 'string', enum: ['true'] },
  },
};
