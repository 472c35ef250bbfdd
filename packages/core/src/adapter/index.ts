export {
  type CollectFilteredPageOptions,
  collectFilteredPage,
  type NativePage,
} from './collect-filtered-page';
export { assertFiltersSupported, defineCustomerAdapter } from './define-customer-adapter';
export { iterateCustomers } from './iterate-customers';
export { resolveAdapter, supportedSpecificationVersions } from './resolve-adapter';
export { type CurrencyUnavailable, createStoreCurrency, type StoreCurrency } from './store-currency';
export type {
  AdapterDefinition,
  AdapterLogger,
  CommonAdapterSettings,
} from './v1/adapter-definition';
export {
  type AdapterCapabilities,
  type CallOptions,
  type CustomerAdapterDriver,
  type CustomerAdapterV1,
  type CustomerOperation,
  type CustomerWritableField,
  customerOperations,
  type FilterSupport,
  type IterateOptions,
  type Page,
  type PageRequest,
} from './v1/customer-adapter-v1';
