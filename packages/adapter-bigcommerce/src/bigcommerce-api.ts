import { z } from 'zod';

// Only the fields the adapter reads; `.nullish()` for anything the platform may omit; never `.strict()`.
export const bigcommerceCustomerSchema = z.object({
  id: z.union([z.number(), z.string()]),
  email: z.string().nullish(),
  first_name: z.string().nullish(),
  last_name: z.string().nullish(),
  created_at: z.string().nullish(),
  updated_at: z.string().nullish(),
});

export const bigcommerceCustomerPageSchema = z.object({
  customers: z.array(bigcommerceCustomerSchema),
  next_cursor: z.string().nullish(),
});

export type BigCommerceCustomer = z.infer<typeof bigcommerceCustomerSchema>;
