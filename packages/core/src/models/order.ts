import { z } from 'zod';
import { currencySchema, datesSchema, statusSchema } from './common';

/** Order totals in major units; `null` where the platform does not give the figure. */
export const orderTotalsSchema = z
  .object({
    subtotal: z.number().nullable(),
    tax: z.number().nullable(),
    shipping: z.number().nullable(),
    discount: z.number().nullable(),
    total: z.number().nullable(),
  })
  .strict();

/** One line of an order. */
export const orderItemSchema = z
  .object({
    id: z.string().nullable(),
    productId: z.string().nullable(),
    variantId: z.string().nullable(),
    sku: z.string().nullable(),
    name: z.string().nullable(),
    quantity: z.number(),
    /** Unit price, major units. */
    price: z.number().nullable(),
  })
  .strict();

/** The canonical Order (docs/api-contract.md §1), as `/customers/{id}/orders` returns it. */
export const orderSchema = z
  .object({
    id: z.string().min(1),
    /** The merchant-facing order number or name. */
    number: z.string().nullable(),
    customerId: z.string().nullable(),
    email: z.string().nullable(),
    currency: currencySchema.nullable(),
    status: statusSchema,
    /** Platform-native payment status. */
    paymentStatus: z.string().nullable(),
    /** Platform-native fulfillment status. */
    fulfillmentStatus: z.string().nullable(),
    totals: orderTotalsSchema,
    dates: datesSchema,
    items: z.array(orderItemSchema),
  })
  .strict();

export type OrderTotals = z.infer<typeof orderTotalsSchema>;
export type OrderItem = z.infer<typeof orderItemSchema>;
export type Order = z.infer<typeof orderSchema>;
