import { z } from 'zod';
import { addressSchema } from './address';
import { currencySchema, datesSchema, statusSchema } from './common';

/** The canonical Customer (docs/api-contract.md §1): every key always present, `null` when unknown. */
export const customerSchema = z
  .object({
    /** The platform's own id as a string (Shopify: the numeric part of the GID). */
    id: z.string().min(1),
    email: z.string().nullable(),
    firstName: z.string().nullable(),
    lastName: z.string().nullable(),
    phone: z.string().nullable(),
    /** ISO 4217, upper case. */
    currency: currencySchema.nullable(),
    /** The merchant's note. */
    note: z.string().nullable(),
    /** Email marketing consent; `null` when the platform does not say. */
    acceptsMarketing: z.boolean().nullable(),
    /** `[]` when the platform has no tags. */
    tags: z.array(z.string()),
    ordersCount: z.number().int().nonnegative().nullable(),
    /** Major units, in `currency` when known. */
    totalSpent: z.number().nullable(),
    status: statusSchema,
    dates: datesSchema,
    addresses: z.array(addressSchema),
  })
  .strict();

export type Customer = z.infer<typeof customerSchema>;

/**
 * A customer shaped by `fields` and/or `include=raw` (§4): `id` always, the asked keys, and `raw`
 * (the platform's native record) when asked.
 */
export const viewedCustomerSchema = customerSchema
  .partial()
  .extend({
    id: customerSchema.shape.id,
    /** The platform's native record as it sent it (records keyed by kind when assembled from several). */
    raw: z.unknown().optional(),
  })
  .strict();
