import {
  type CallOptions,
  type CustomerCreateInput,
  type CustomerUpdateInput,
  NotFoundError,
  type UnicartError,
  UpstreamError,
} from '@unicart/core';
import {
  type ShopifyCustomer,
  type ShopifyUserError,
  shopifyAddressCreateSchema,
  shopifyAddressDeleteSchema,
  shopifyAddressUpdateSchema,
  shopifyCustomerCreateSchema,
  shopifyCustomerDeleteSchema,
  shopifyCustomerUpdateSchema,
  shopifyDefaultAddressSchema,
  shopifyEmailConsentUpdateSchema,
} from './shopify-api';
import type { ShopifyCustomerReads } from './shopify-customer-reads';
import {
  createCustomerAddressDocument,
  createCustomerDocument,
  deleteCustomerAddressDocument,
  deleteCustomerDocument,
  setDefaultCustomerAddressDocument,
  updateCustomerAddressDocument,
  updateCustomerDocument,
  updateEmailMarketingConsentDocument,
} from './shopify-documents';
import { shopifyCustomerNotFound, shopifyUserErrorsToError } from './shopify-error';
import { customerGid } from './shopify-gid';
import type { ShopifyGraphqlClient } from './shopify-graphql-client';
import {
  type ShopifyAddressPlan,
  toShopifyCustomerCreate,
  toShopifyCustomerUpdate,
  updateNeedsCurrentCustomer,
} from './to-shopify-customer-input';

export interface ShopifyCustomerWrites {
  create(input: CustomerCreateInput, options: CallOptions): Promise<ShopifyCustomer>;
  /** `numericId`: core's id guard already parsed it. */
  update(numericId: string, input: CustomerUpdateInput, options: CallOptions): Promise<ShopifyCustomer>;
  delete(numericId: string, options: CallOptions): Promise<void>;
}

/**
 * Customer writes through the customer and address mutations (sheet §2.2, §10). They are not
 * atomic, so each runs in the order that leaves a valid customer when a step fails: the customer's
 * own fields, then consent, then addresses added, changed, made default, and deleted last.
 */
export function createShopifyCustomerWrites(
  graphql: ShopifyGraphqlClient,
  reads: ShopifyCustomerReads,
): ShopifyCustomerWrites {
  /**
   * Shopify's wording for an unknown id is unconfirmed (sheet §7), so refused writes on an id are
   * told apart by reading the customer: gone → `NotFoundError`, else the field errors.
   */
  async function refusal(
    userErrors: readonly ShopifyUserError[],
    numericId: string,
    signal: AbortSignal | undefined,
  ): Promise<UnicartError> {
    const error = shopifyUserErrorsToError(userErrors, 'customer');
    if (NotFoundError.isInstance(error)) return error;
    return (await reads.readNativeCustomer(numericId, { signal })) === null
      ? shopifyCustomerNotFound()
      : error;
  }

  async function applyAddressPlan(
    customerId: string,
    plan: ShopifyAddressPlan,
    signal: AbortSignal | undefined,
  ) {
    for (const { index, address, setAsDefault } of plan.creates) {
      const variables = { customerId, address, setAsDefault };
      const data = await graphql.execute(
        createCustomerAddressDocument,
        variables,
        shopifyAddressCreateSchema,
        signal,
      );
      throwOnUserErrors(data.customerAddressCreate.userErrors, `customer.addresses.${index}`);
    }
    for (const { index, addressId, address, setAsDefault } of plan.updates) {
      const variables = { customerId, addressId, address, setAsDefault };
      const data = await graphql.execute(
        updateCustomerAddressDocument,
        variables,
        shopifyAddressUpdateSchema,
        signal,
      );
      throwOnUserErrors(data.customerAddressUpdate.userErrors, `customer.addresses.${index}`);
    }
    if (plan.makeDefault !== null) {
      const variables = { customerId, addressId: plan.makeDefault };
      const data = await graphql.execute(
        setDefaultCustomerAddressDocument,
        variables,
        shopifyDefaultAddressSchema,
        signal,
      );
      throwOnUserErrors(data.customerUpdateDefaultAddress.userErrors, 'customer.addresses');
    }
    for (const addressId of plan.deletes) {
      const data = await graphql.execute(
        deleteCustomerAddressDocument,
        { customerId, addressId },
        shopifyAddressDeleteSchema,
        signal,
      );
      throwOnUserErrors(data.customerAddressDelete.userErrors, 'customer.addresses');
    }
  }

  async function readBack(numericId: string, signal: AbortSignal | undefined): Promise<ShopifyCustomer> {
    const native = await reads.readNativeCustomer(numericId, { signal });
    if (native === null) throw shopifyCustomerNotFound();
    return native;
  }

  return {
    async create(input, { signal }) {
      const plan = toShopifyCustomerCreate(input);
      const { customerCreate } = await graphql.execute(
        createCustomerDocument,
        { input: plan.input },
        shopifyCustomerCreateSchema,
        signal,
      );
      throwOnUserErrors(customerCreate.userErrors, 'customer');
      if (!customerCreate.customer) {
        throw new UpstreamError('Shopify created no customer and reported no error', { platform: 'shopify' });
      }
      const numericId = String(customerCreate.customer.legacyResourceId);
      try {
        await applyAddressPlan(customerGid(numericId), plan.addresses, signal);
      } catch (error) {
        // All or nothing: a customer without the addresses asked for is removed again.
        await graphql
          .execute(
            deleteCustomerDocument,
            { id: customerGid(numericId) },
            shopifyCustomerDeleteSchema,
            undefined,
          )
          .catch(() => undefined);
        throw error;
      }
      return readBack(numericId, signal);
    },

    async update(numericId, input, { signal }) {
      const needsCurrent = updateNeedsCurrentCustomer(input);
      const current = needsCurrent ? await reads.readNativeCustomer(numericId, { signal }) : null;
      if (needsCurrent && current === null) throw shopifyCustomerNotFound();
      const plan = toShopifyCustomerUpdate(input, current);
      const gid = customerGid(numericId);
      if (plan.input !== null) {
        const variables = { input: { ...plan.input, id: gid } };
        const { customerUpdate } = await graphql.execute(
          updateCustomerDocument,
          variables,
          shopifyCustomerUpdateSchema,
          signal,
        );
        if (customerUpdate.userErrors.length > 0)
          throw await refusal(customerUpdate.userErrors, numericId, signal);
      }
      if (plan.consent !== null) {
        const variables = { input: { customerId: gid, emailMarketingConsent: plan.consent } };
        const data = await graphql.execute(
          updateEmailMarketingConsentDocument,
          variables,
          shopifyEmailConsentUpdateSchema,
          signal,
        );
        throwOnUserErrors(data.customerEmailMarketingConsentUpdate.userErrors, 'customer');
      }
      if (plan.addresses !== null) await applyAddressPlan(gid, plan.addresses, signal);
      return readBack(numericId, signal);
    },

    async delete(numericId, { signal }) {
      const { customerDelete } = await graphql.execute(
        deleteCustomerDocument,
        { id: customerGid(numericId) },
        shopifyCustomerDeleteSchema,
        signal,
      );
      // A customer with orders cannot be deleted (sheet §9.11): that refusal is an InvalidRequestError.
      if (customerDelete.userErrors.length > 0)
        throw await refusal(customerDelete.userErrors, numericId, signal);
    },
  };
}

function throwOnUserErrors(userErrors: readonly ShopifyUserError[], prefix: string): void {
  if (userErrors.length > 0) throw shopifyUserErrorsToError(userErrors, prefix);
}
