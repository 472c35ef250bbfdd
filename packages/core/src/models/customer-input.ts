import { z } from 'zod';
import { countryCodes, isCountryCode } from '../normalize/country';

const optionalText = z.string().trim().max(1000).nullable().optional();

/** An address as callers write it; `country` may be just `{ "code": "US" }`. */
export const addressInputSchema = z
  .object({
    /** The platform's id of an existing address to change; omit for a new address. */
    id: z.string().min(1).nullable().optional(),
    firstName: optionalText,
    lastName: optionalText,
    address1: optionalText,
    address2: optionalText,
    city: optionalText,
    postalCode: optionalText,
    phone: optionalText,
    company: optionalText,
    references: optionalText,
    defaultBilling: z.boolean().optional(),
    defaultShipping: z.boolean().optional(),
    country: z
      .object({
        code: z
          .string()
          .refine(isCountryCode, 'must be an ISO 3166-1 alpha-2 country code')
          .transform((code) => code.toUpperCase())
          // Documented in upper case; lower case is accepted too.
          .meta({ enum: [...countryCodes], description: 'ISO 3166-1 alpha-2 (case-insensitive)' }),
        name: z.string().nullable().optional(),
        codeIso2: z.string().nullable().optional(),
        codeIso3: z.string().nullable().optional(),
      })
      .strict()
      .nullable()
      .optional(),
    state: z
      .object({
        code: z.string().trim().min(1).nullable().optional(),
        name: z.string().nullable().optional(),
      })
      .strict()
      .nullable()
      .optional(),
  })
  .strict();

// Documents what `trim().min(1)` means: at least one character that is not white space.
const nonBlank = { pattern: '\\S' };

const requiredName = z.string().trim().min(1, 'must be a non-empty string').max(255).meta(nonBlank);

const writableFields = {
  email: z.email('must be an email address').max(254).nullable().optional(),
  phone: z.string().trim().min(1).max(64).meta(nonBlank).nullable().optional(),
  /** The merchant's note. */
  note: z.string().max(5000).nullable().optional(),
  acceptsMarketing: z.boolean().optional(),
  tags: z.array(z.string().trim().min(1).max(255).meta(nonBlank)).max(250).optional(),
  addresses: z.array(addressInputSchema).max(50).optional(),
};

/** Body of a create: `firstName` and `lastName` are required (docs/api-contract.md §1, Customer input). */
export const customerCreateInputSchema = z
  .object({ firstName: requiredName, lastName: requiredName, ...writableFields })
  .strict();

/** Body of an update: a partial, only the keys sent are changed. */
export const customerUpdateInputSchema = z
  .object({ firstName: requiredName.optional(), lastName: requiredName.optional(), ...writableFields })
  .strict();

export type AddressInput = z.infer<typeof addressInputSchema>;
export type CustomerCreateInput = z.infer<typeof customerCreateInputSchema>;
export type CustomerUpdateInput = z.infer<typeof customerUpdateInputSchema>;
