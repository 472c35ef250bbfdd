export {
  type CollectedPage,
  type CollectFilteredPageOptions,
  collectFilteredPage,
} from './collect-filtered-page';
export { defineCustomerAdapter } from './define-customer-adapter';
export { orNullWhenNotFound } from './driver-pipeline';
export { positiveIntegerIds } from './ids';
export { iterateCustomers } from './iterate-customers';
export { findFirstOffset, nextOffset, offsetPositions, opaquePositions } from './positions';
export { resolveAdapter, supportedSpecificationVersions } from './resolve-adapter';
export { parseOrigin, parseWithSchema, resolveOrigin } from './settings';
export { type CurrencyUnavailable, createStoreCurrency, type StoreCurrency } from './store-currency';
export type {
  AdapterDefinition,
  AdapterLogger,
  CommonAdapterSettings,
  CredentialsRotationSettings,
  IssuedAccessToken,
  StoredCredentials,
} from './v1/adapter-definition';
export {
  type AdapterCapabilities,
  type CallOptions,
  type CustomerAdapterV1,
  type CustomerOperation,
  type CustomerWritableField,
  customerOperations,
  type FilterSupport,
  type IterateOptions,
  type Page,
  type PageRequest,
  type SyncCapabilities,
} from './v1/customer-adapter-v1';
export type {
  CustomerChangeFeeds,
  CustomerDriver,
  CustomerListDriver,
  CustomerOrdersDriver,
  MappingContext,
  NativeListPlan,
  NativeOrderPageRequest,
  NativePage,
  NativePageRequest,
  NativePaging,
  PositionCodec,
  StoreCurrencySource,
} from './v1/customer-driver';
export type {
  PlatformWebhooks,
  WebhookDelivery,
  WebhookEvent,
  WebhookSubscriptions,
  WebhookTarget,
} from './v1/platform-webhooks';
