import { z } from 'zod';

/** ISO 3166-1 country of an address; every key always present. */
export const countrySchema = z
  .object({
    /** ISO 3166-1 alpha-2, upper case. */
    code: z.string().regex(/^[A-Z]{2}$/),
    /** English short name. */
    name: z.string().nullable(),
    /** ISO 3166-1 alpha-2, upper case. */
    codeIso2: z.string().regex(/^[A-Z]{2}$/),
    /** ISO 3166-1 alpha-3, upper case. */
    codeIso3: z
      .string()
      .regex(/^[A-Z]{3}$/)
      .nullable(),
  })
  .strict();

/** State, province or region; `code` as the platform gives it, `name` null when unknown. */
export const stateSchema = z
  .object({
    code: z.string().nullable(),
    name: z.string().nullable(),
  })
  .strict();

/** Canonical address (docs/api-contract.md §1). Unknown values are `null`, never omitted. */
export const addressSchema = z
  .object({
    /** The platform's address id, when addresses have ids there. */
    id: z.string().nullable(),
    firstName: z.string().nullable(),
    lastName: z.string().nullable(),
    address1: z.string().nullable(),
    address2: z.string().nullable(),
    city: z.string().nullable(),
    postalCode: z.string().nullable(),
    phone: z.string().nullable(),
    company: z.string().nullable(),
    /** Delivery instructions. */
    references: z.string().nullable(),
    defaultBilling: z.boolean(),
    defaultShipping: z.boolean(),
    country: countrySchema.nullable(),
    state: stateSchema.nullable(),
  })
  .strict();

export type Country = z.infer<typeof countrySchema>;
export type State = z.infer<typeof stateSchema>;
export type Address = z.infer<typeof addressSchema>;
