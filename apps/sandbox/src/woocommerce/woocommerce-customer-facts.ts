import type { NativeCustomerFacts } from '@unicart/core/testing';
import type { WooCommerceUserRecord } from './woocommerce-types';

const text = (value: string) => (value === '' ? null : value);

/** The fields of a billing or shipping block that describe a place (phone and email do not). */
const addressKeys = [
  'first_name',
  'last_name',
  'company',
  'address_1',
  'address_2',
  'city',
  'state',
  'postcode',
  'country',
] as const;

/**
 * What a stored WordPress user says about the customer, read from the sheet (§4, §9.1, §9.2) and
 * never through an adapter's mapper: the oracle of the conformance kit and the end-to-end suite.
 */
export function wooCommerceCustomerFacts(user: WooCommerceUserRecord): NativeCustomerFacts {
  return {
    id: String(user.id),
    email: text(user.email),
    firstName: text(user.first_name),
    lastName: text(user.last_name),
    phone: text(user.billing.phone) ?? text(user.shipping.phone),
    // `*_gmt` dates are UTC without an offset; a user never modified has none.
    createdAt: new Date(`${user.date_created_gmt}Z`),
    updatedAt: user.date_modified_gmt === null ? null : new Date(`${user.date_modified_gmt}Z`),
    // wc/v3 has no consent, order statistics or tags (§4).
    acceptsMarketing: null,
    ordersCount: null,
    totalSpent: null,
    tags: [],
    // A block is an address when one of its address fields is set (§4: `""` when unset).
    countryCodes: [user.billing, user.shipping]
      .filter((block) => addressKeys.some((key) => block[key] !== ''))
      .map((block) => text(block.country)),
  };
}
