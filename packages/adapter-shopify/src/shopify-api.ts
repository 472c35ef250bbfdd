import { z } from 'zod';

/**
 * Minimal, lenient schemas of what the documents in `shopify-documents.ts` select: only fields the
 * adapter reads, `.nullish()` wherever Shopify may send null, unknown fields ignored.
 */

// UnsignedInt64 and Decimal are JSON strings (sheet §9.2); numbers are tolerated.
const numericString = z.union([z.string(), z.number()]);

const pageInfoSchema = z.object({
  hasNextPage: z.boolean(),
  endCursor: z.string().nullish(),
});

export const shopifyMailingAddressSchema = z.object({
  id: z.string(),
  firstName: z.string().nullish(),
  lastName: z.string().nullish(),
  company: z.string().nullish(),
  address1: z.string().nullish(),
  address2: z.string().nullish(),
  city: z.string().nullish(),
  zip: z.string().nullish(),
  province: z.string().nullish(),
  provinceCode: z.string().nullish(),
  country: z.string().nullish(),
  countryCodeV2: z.string().nullish(),
  phone: z.string().nullish(),
});

const addressPageSchema = z.object({
  nodes: z.array(shopifyMailingAddressSchema),
  pageInfo: pageInfoSchema,
});

export const shopifyCustomerSchema = z.object({
  legacyResourceId: numericString,
  firstName: z.string().nullish(),
  lastName: z.string().nullish(),
  note: z.string().nullish(),
  tags: z.array(z.string()).nullish(),
  state: z.string().nullish(),
  createdAt: z.string().nullish(),
  updatedAt: z.string().nullish(),
  numberOfOrders: numericString.nullish(),
  amountSpent: z.object({ amount: numericString.nullish(), currencyCode: z.string().nullish() }).nullish(),
  defaultEmailAddress: z
    .object({ emailAddress: z.string().nullish(), marketingState: z.string().nullish() })
    .nullish(),
  defaultPhoneNumber: z.object({ phoneNumber: z.string().nullish() }).nullish(),
  defaultAddress: z.object({ id: z.string() }).nullish(),
  addressesV2: addressPageSchema,
});

/** What `scanCustomersDocument` selects: the fields the re-checked filters read. */
export const shopifyCustomerSummarySchema = shopifyCustomerSchema.pick({
  legacyResourceId: true,
  firstName: true,
  lastName: true,
  createdAt: true,
  updatedAt: true,
  defaultEmailAddress: true,
  defaultPhoneNumber: true,
  tags: true,
  numberOfOrders: true,
});

const customerPageOf = <Node extends z.ZodType>(node: Node) =>
  z.object({ customers: z.object({ nodes: z.array(node), pageInfo: pageInfoSchema }) });

export const shopifyCustomerPageSchema = customerPageOf(shopifyCustomerSchema);
/** `CustomerFieldsWithoutAddresses`: a customer with an empty, complete address book. */
const shopifyCustomerWithoutAddressesSchema = shopifyCustomerSchema
  .omit({ addressesV2: true, defaultAddress: true })
  .transform((customer) => ({
    ...customer,
    defaultAddress: null,
    addressesV2: { nodes: [], pageInfo: { hasNextPage: false, endCursor: null } },
  }));
export const shopifyCustomerWithoutAddressesPageSchema = customerPageOf(
  shopifyCustomerWithoutAddressesSchema,
);
export const shopifyCustomerWithoutAddressesResultSchema = z.object({
  customer: shopifyCustomerWithoutAddressesSchema.nullable(),
});
export const shopifyCustomerSummaryPageSchema = z.object({
  customers: z.object({
    edges: z.array(z.object({ cursor: z.string(), node: shopifyCustomerSummarySchema })),
    pageInfo: pageInfoSchema,
  }),
});

export const shopifyCustomerCountSchema = z.object({
  customersCount: z.object({ count: z.number(), precision: z.string() }),
});

export const shopifyCustomerResultSchema = z.object({ customer: shopifyCustomerSchema.nullable() });

/** `nodes(ids:)` of customers: `null` for one gone meanwhile; `{}` would be another type (never asked). */
export const shopifyCustomersAddressesSchema = z.object({
  nodes: z.array(z.object({ legacyResourceId: numericString, addressesV2: addressPageSchema }).nullable()),
});

export const shopifyCustomerAddressesSchema = z.object({
  customer: z.object({ addressesV2: addressPageSchema }).nullable(),
});

const shopMoneySchema = z.object({ shopMoney: z.object({ amount: numericString.nullish() }) }).nullish();
const idReferenceSchema = z.object({ id: z.string() }).nullish();

export const shopifyLineItemSchema = z.object({
  id: z.string(),
  name: z.string().nullish(),
  sku: z.string().nullish(),
  quantity: z.number(),
  originalUnitPriceSet: shopMoneySchema,
  variant: idReferenceSchema,
  product: idReferenceSchema,
});

const lineItemPageSchema = z.object({ nodes: z.array(shopifyLineItemSchema), pageInfo: pageInfoSchema });

export const shopifyOrderSchema = z.object({
  id: z.string(),
  legacyResourceId: numericString,
  name: z.string().nullish(),
  email: z.string().nullish(),
  createdAt: z.string().nullish(),
  updatedAt: z.string().nullish(),
  cancelledAt: z.string().nullish(),
  closed: z.boolean().nullish(),
  currencyCode: z.string().nullish(),
  displayFinancialStatus: z.string().nullish(),
  displayFulfillmentStatus: z.string().nullish(),
  customer: idReferenceSchema,
  subtotalPriceSet: shopMoneySchema,
  totalTaxSet: shopMoneySchema,
  totalShippingPriceSet: shopMoneySchema,
  totalDiscountsSet: shopMoneySchema,
  totalPriceSet: shopMoneySchema,
  lineItems: lineItemPageSchema,
});

export const shopifyCustomerOrdersSchema = z.object({
  customer: z
    .object({ orders: z.object({ nodes: z.array(shopifyOrderSchema), pageInfo: pageInfoSchema }) })
    .nullable(),
});

export const shopifyOrderLineItemsSchema = z.object({
  order: z.object({ lineItems: lineItemPageSchema }).nullable(),
});

export const shopifyUserErrorSchema = z.object({
  field: z.array(z.string()).nullish(),
  message: z.string(),
});

/** A mutation's payload; without top-level errors (checked first) Shopify always sends it. */
function payloadOf<Name extends string, Shape extends z.ZodRawShape>(name: Name, shape: Shape) {
  const payload = z.object({ ...shape, userErrors: z.array(shopifyUserErrorSchema) });
  return z.object({ [name]: payload } as Record<Name, typeof payload>);
}

const customerReference = { customer: z.object({ legacyResourceId: numericString }).nullish() };
const addressReference = { address: z.object({ id: z.string() }).nullish() };

export const shopifyCustomerCreateSchema = payloadOf('customerCreate', customerReference);
export const shopifyCustomerUpdateSchema = payloadOf('customerUpdate', customerReference);
export const shopifyEmailConsentUpdateSchema = payloadOf(
  'customerEmailMarketingConsentUpdate',
  customerReference,
);
export const shopifyAddressCreateSchema = payloadOf('customerAddressCreate', addressReference);
export const shopifyAddressUpdateSchema = payloadOf('customerAddressUpdate', addressReference);
export const shopifyAddressDeleteSchema = payloadOf('customerAddressDelete', {
  deletedAddressId: z.string().nullish(),
});
export const shopifyDefaultAddressSchema = payloadOf('customerUpdateDefaultAddress', customerReference);
export const shopifyCustomerDeleteSchema = payloadOf('customerDelete', {
  deletedCustomerId: z.string().nullish(),
});

/** `BulkOperation` as the bulk documents select it; UnsignedInt64 counts are strings. */
const bulkOperationSchema = z.object({
  id: z.string(),
  status: z.string(),
  errorCode: z.string().nullish(),
  objectCount: numericString.nullish(),
  url: z.string().nullish(),
  partialDataUrl: z.string().nullish(),
});

export const shopifyRunBulkQuerySchema = z.object({
  bulkOperationRunQuery: z.object({
    bulkOperation: bulkOperationSchema.nullish(),
    userErrors: z.array(shopifyUserErrorSchema.extend({ code: z.string().nullish() })),
  }),
});
export const shopifyBulkOperationSchema = z.object({ bulkOperation: bulkOperationSchema.nullable() });
export const shopifyCancelBulkOperationSchema = z.object({
  bulkOperationCancel: z.object({
    bulkOperation: bulkOperationSchema.nullish(),
    userErrors: z.array(shopifyUserErrorSchema),
  }),
});

/** One line of a bulk export: a customer (its addresses left out), or one of its addresses. */
export const shopifyBulkCustomerLineSchema = shopifyCustomerSchema
  .omit({ addressesV2: true })
  .extend({ id: z.string() });
export const shopifyBulkAddressLineSchema = shopifyMailingAddressSchema.extend({ __parentId: z.string() });

/** `extensions.cost` of every GraphQL response (sheet §6). */
export const shopifyCostSchema = z.object({
  extensions: z.object({
    cost: z.object({
      requestedQueryCost: z.number().nullish(),
      throttleStatus: z.object({
        maximumAvailable: z.number(),
        currentlyAvailable: z.number(),
        restoreRate: z.number(),
      }),
    }),
  }),
});

/** Top-level `errors[]` of a GraphQL response (sheet §7); an HTTP 401 sends a string instead. */
export const shopifyTopLevelErrorsSchema = z.object({
  errors: z.array(
    z.object({
      message: z.string().nullish(),
      extensions: z.object({ code: z.string().nullish() }).nullish(),
    }),
  ),
});

/** The client credentials grant's answer (sheet §1). */
export const shopifyAccessTokenResponseSchema = z.object({
  access_token: z.string().min(1),
  scope: z.string().nullish(),
  expires_in: z.number().nullish(),
});

export type ShopifyCustomer = z.infer<typeof shopifyCustomerSchema>;
export type ShopifyBulkOperation = z.infer<typeof bulkOperationSchema>;
export type ShopifyCustomerSummary = z.infer<typeof shopifyCustomerSummarySchema>;
export type ShopifyMailingAddress = z.infer<typeof shopifyMailingAddressSchema>;
export type ShopifyOrder = z.infer<typeof shopifyOrderSchema>;
export type ShopifyLineItem = z.infer<typeof shopifyLineItemSchema>;
export type ShopifyUserError = z.infer<typeof shopifyUserErrorSchema>;

export const shopifyWebhookSubscriptionsSchema = z.object({
  webhookSubscriptions: z.object({ nodes: z.array(z.object({ id: z.string(), topic: z.string() })) }),
});
export const shopifyWebhookSubscriptionCreateSchema = payloadOf('webhookSubscriptionCreate', {
  webhookSubscription: z.object({ id: z.string() }).nullish(),
});
export const shopifyWebhookSubscriptionDeleteSchema = payloadOf('webhookSubscriptionDelete', {
  deletedWebhookSubscriptionId: z.string().nullish(),
});
