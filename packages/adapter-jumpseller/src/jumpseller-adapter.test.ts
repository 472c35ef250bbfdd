import { type NativeCustomerFacts, runAdapterConformance } from '@unicart/core/testing';
import { type JumpsellerCustomerRecord, startJumpsellerSimulator } from '@unicart/sandbox';
import { jumpsellerPlatform } from './jumpseller-adapter';

/**
 * The oracle, from the sheet (§5, §12) and never the adapter's mapper: the name is the default
 * billing address's, else the default shipping address's; `phone_prefix` goes before a number
 * without its own calling code; customers have no dates.
 */
function jumpsellerCustomerFacts(customer: JumpsellerCustomerRecord): NativeCustomerFacts {
  const named = [customer.billing_addresses[0], customer.shipping_addresses[0]].find(
    (address) => address !== undefined && (Boolean(address.name) || Boolean(address.surname)),
  );
  const phone = customer.phone?.trim() || null;
  const prefix = customer.phone_prefix?.trim() || null;
  return {
    id: String(customer.id),
    email: customer.email || null,
    firstName: named?.name || null,
    lastName: named?.surname || null,
    phone: phone !== null && prefix !== null && !phone.startsWith('+') ? `${prefix} ${phone}` : phone,
    createdAt: null,
    updatedAt: null,
  };
}

runAdapterConformance({
  definition: jumpsellerPlatform,
  simulator: startJumpsellerSimulator,
  settings: (simulator) => ({ ...simulator.credentials, baseUrl: simulator.url }),
  secrets: (simulator) => [simulator.credentials.login, simulator.credentials.authToken],
  native: jumpsellerCustomerFacts,
});
