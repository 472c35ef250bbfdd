import { z } from 'zod';

/** `Date.prototype.toISOString()` output, exactly: `2014-06-06T14:57:19.000Z`. */
export const isoUtcSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/, 'must be a UTC date as toISOString() writes it')
  .meta({ format: 'date-time', examples: ['2014-06-06T14:57:19.000Z'] });

/** Created and updated instants, UTC; `null` when the platform does not say. */
export const datesSchema = z
  .object({
    createdAt: isoUtcSchema.nullable(),
    updatedAt: isoUtcSchema.nullable(),
  })
  .strict();

/** A platform-native status: its id (where the platform has one) and its value. */
export const statusSchema = z
  .object({
    id: z.string().nullable(),
    status: z.string().nullable(),
  })
  .strict();

/** ISO 4217, upper case. */
export const currencySchema = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code in upper case');

export type Dates = z.infer<typeof datesSchema>;
export type Status = z.infer<typeof statusSchema>;
