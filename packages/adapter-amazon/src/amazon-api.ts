import { z } from 'zod';

// Only the fields the adapter reads (sheet §3, §7.1, §12); `.nullish()` for anything Amazon may omit.

const moneySchema = z.object({ amount: z.string(), currencyCode: z.string() });

const deliveryAddressSchema = z.object({
  name: z.string().nullish(),
  companyName: z.string().nullish(),
  addressLine1: z.string().nullish(),
  addressLine2: z.string().nullish(),
  addressLine3: z.string().nullish(),
  city: z.string().nullish(),
  districtOrCounty: z.string().nullish(),
  stateOrRegion: z.string().nullish(),
  postalCode: z.string().nullish(),
  countryCode: z.string().nullish(),
  phone: z.string().nullish(),
});

const orderItemSchema = z.object({
  orderItemId: z.string(),
  quantityOrdered: z.number(),
  product: z
    .object({
      asin: z.string().nullish(),
      title: z.string().nullish(),
      sellerSku: z.string().nullish(),
      price: z.object({ unitPrice: moneySchema.nullish() }).nullish(),
    })
    .nullish(),
});

/** One order of searchOrders (Orders API v2026-01-01) with `BUYER,RECIPIENT,PROCEEDS,FULFILLMENT`. */
export const amazonOrderSchema = z.object({
  orderId: z.string().min(1),
  createdTime: z.string(),
  lastUpdatedTime: z.string(),
  salesChannel: z.object({ marketplaceId: z.string().nullish() }).nullish(),
  buyer: z.object({ buyerName: z.string().nullish(), buyerEmail: z.string().nullish() }).nullish(),
  recipient: z
    .object({
      deliveryAddress: deliveryAddressSchema.nullish(),
      deliveryPreference: z.object({ addressInstruction: z.string().nullish() }).nullish(),
    })
    .nullish(),
  proceeds: z
    .object({
      grandTotal: moneySchema.nullish(),
      breakdowns: z.array(z.object({ type: z.string(), subtotal: moneySchema.nullish() })).nullish(),
    })
    .nullish(),
  fulfillment: z
    .object({ fulfillmentStatus: z.string().nullish(), fulfilledBy: z.string().nullish() })
    .nullish(),
  orderItems: z.array(orderItemSchema).nullish(),
});

export type AmazonOrder = z.infer<typeof amazonOrderSchema>;
export type AmazonDeliveryAddress = z.infer<typeof deliveryAddressSchema>;

/** searchOrders' answer: a page of orders and the upper bound of its window (sheet §2.2, §3). */
export const amazonSearchOrdersResponseSchema = z.object({
  orders: z.array(amazonOrderSchema),
  pagination: z.object({ nextToken: z.string().nullish() }).nullish(),
  createdBefore: z.string().nullish(),
  lastUpdatedBefore: z.string().nullish(),
});

export type AmazonSearchOrdersResponse = z.infer<typeof amazonSearchOrdersResponseSchema>;

/** Login with Amazon's token answer (sheet §1.2). */
export const amazonTokenResponseSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.string().nullish(),
  expires_in: z.number().nullish(),
});

/** Login with Amazon's error body (sheet §1.2). */
export const amazonTokenErrorSchema = z.object({
  error: z.string(),
  error_description: z.string().nullish(),
});

/** Every SP-API error body (sheet §9). */
export const amazonErrorBodySchema = z.object({
  errors: z.array(
    z.object({ code: z.string(), message: z.string().nullish(), details: z.string().nullish() }),
  ),
});

/** getMarketplaceParticipations' answer (sheet §2.6). */
export const amazonMarketplaceParticipationsSchema = z.object({
  payload: z.array(
    z.object({
      marketplace: z.object({ id: z.string(), defaultCurrencyCode: z.string().nullish() }),
      participation: z.object({ isParticipating: z.boolean().nullish() }).nullish(),
    }),
  ),
});
