import { z } from 'zod';

// Ecwid REST API v3 payloads (platform sheet §2, §4, Orders): only the fields the adapter reads,
// `.nullish()` wherever Ecwid may omit a key, never `.strict()`. Never exported from the package.

const text = z.string().nullish();

/** `billingPerson`: one name, one phone and one address (sheet §4). */
const ecwidPersonSchema = z.object({
  name: text,
  firstName: text,
  lastName: text,
  companyName: text,
  street: text,
  city: text,
  countryCode: text,
  countryName: text,
  postalCode: text,
  stateOrProvinceCode: text,
  stateOrProvinceName: text,
  phone: text,
});

const ecwidShippingAddressSchema = ecwidPersonSchema.extend({
  id: z.number().nullish(),
  note: text,
  defaultAddress: z.boolean().nullish(),
});

const ecwidContactSchema = z.object({
  contact: text,
  type: text,
  default: z.boolean().nullish(),
});

export const ecwidCustomerSchema = z.object({
  id: z.number().int(),
  name: text,
  email: text,
  registered: text,
  updated: text,
  totalOrderCount: z.number().int().nonnegative().nullish(),
  billingPerson: ecwidPersonSchema.nullish(),
  shippingAddresses: z.array(ecwidShippingAddressSchema).nullish(),
  contacts: z.array(ecwidContactSchema).nullish(),
  acceptMarketing: z.boolean().nullish(),
  privateAdminNotes: text,
  stats: z
    .object({
      numberOfOrders: z.number().int().nonnegative().nullish(),
      salesValue: z.number().nullish(),
    })
    .nullish(),
});

/** `GET /customers` and `GET /orders` answer `{ total, count, offset, limit, items }` (sheet §3). */
const searchResultSchema = <Item extends z.ZodType>(item: Item) =>
  z.object({
    total: z.number().int().nonnegative(),
    count: z.number().int().nonnegative().nullish(),
    items: z.array(item),
  });

export const ecwidCustomerSearchSchema = searchResultSchema(ecwidCustomerSchema);

/** `GET /customers/deleted`: ids and deletion dates, kept 6 months (sheet §8). */
export const ecwidDeletedCustomersSchema = searchResultSchema(
  z.object({ id: z.number().int(), date: z.string().nullish() }),
);

/** `GET /customers?limit=1&responseFields=total`: the count (sheet §2). */
export const ecwidTotalSchema = z.object({ total: z.number().int().nonnegative() });

/** `GET /customers/{id}?responseFields=id`: an existence check. */
export const ecwidCustomerIdSchema = z.object({ id: z.number().int() });

/** `POST /customers` answers only the new id (sheet §9.1). */
export const ecwidCreateResultSchema = z.object({ id: z.number().int() });

/** `PUT /customers/{id}` answers only a count (sheet §9.1). */
export const ecwidUpdateResultSchema = z.object({ updateCount: z.number().int().nullish() });

export const ecwidDeleteResultSchema = z.object({ deleteCount: z.number().int() });

/** `GET /profile`: the store currency lives here, not on customers or orders (sheet §9.9). */
export const ecwidProfileSchema = z.object({
  formatsAndUnits: z.object({ currency: text }).nullish(),
});

const ecwidOrderItemSchema = z.object({
  id: z.number().nullish(),
  productId: z.number().nullish(),
  combinationId: z.number().nullish(),
  sku: text,
  name: text,
  quantity: z.number(),
  price: z.number().nullish(),
});

const ecwidOrderSchema = z.object({
  id: z.union([z.string().min(1), z.number()]),
  vendorOrderNumber: text,
  customerId: z.number().nullish(),
  email: text,
  paymentStatus: text,
  fulfillmentStatus: text,
  subtotal: z.number().nullish(),
  tax: z.number().nullish(),
  discount: z.number().nullish(),
  couponDiscount: z.number().nullish(),
  total: z.number().nullish(),
  shippingOption: z.object({ shippingRate: z.number().nullish() }).nullish(),
  createDate: text,
  updateDate: text,
  createTimestamp: z.number().nullish(),
  updateTimestamp: z.number().nullish(),
  items: z.array(ecwidOrderItemSchema).nullish(),
});

export const ecwidOrderSearchSchema = searchResultSchema(ecwidOrderSchema);

/** Ecwid's error body (sheet §7); either key may be absent, the body may not be JSON at all. */
export const ecwidErrorBodySchema = z.object({
  errorMessage: text,
  errorCode: text,
});

export type EcwidPerson = z.infer<typeof ecwidPersonSchema>;
export type EcwidShippingAddress = z.infer<typeof ecwidShippingAddressSchema>;
export type EcwidContact = z.infer<typeof ecwidContactSchema>;
export type EcwidCustomer = z.infer<typeof ecwidCustomerSchema>;
export type EcwidCustomerSearch = z.infer<typeof ecwidCustomerSearchSchema>;
export type EcwidOrder = z.infer<typeof ecwidOrderSchema>;
export type EcwidOrderItem = z.infer<typeof ecwidOrderItemSchema>;

/** `billingPerson` as written: one name, one phone, one address (sheet §2.2). */
export interface EcwidPersonWrite {
  readonly name?: string;
  readonly companyName?: string;
  readonly street?: string;
  readonly city?: string;
  readonly countryCode?: string;
  readonly countryName?: string;
  readonly postalCode?: string;
  readonly stateOrProvinceCode?: string;
  readonly stateOrProvinceName?: string;
  readonly phone?: string;
}

/** One `shippingAddresses[]` entry as written; `id` targets an existing address (sheet §2.2). */
export interface EcwidShippingAddressWrite extends EcwidPersonWrite {
  readonly id?: number;
  readonly note?: string;
  readonly defaultAddress?: boolean;
}

/** The body of `POST /customers` and `PUT /customers/{id}` (sheet §2.2): only keys to change. */
export interface EcwidCustomerWrite {
  readonly email?: string;
  readonly billingPerson?: EcwidPersonWrite;
  readonly shippingAddresses?: readonly EcwidShippingAddressWrite[];
  readonly acceptMarketing?: boolean;
  readonly privateAdminNotes?: string;
}
