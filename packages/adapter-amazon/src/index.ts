export {
  type AmazonAdapterSettings,
  type AmazonCredentials,
  type AmazonLedgerReader,
  amazonCapabilities,
  amazonLedgerReaderOf,
  amazonPlatform,
  createAmazonAdapter,
  createAmazonOrdersReader,
} from './amazon-adapter';
export type { AmazonOrder } from './amazon-api';
export {
  type AmazonSyncStep,
  type AmazonSyncStepOptions,
  defaultAmazonHistoryDays,
  readAmazonOrdersPage,
} from './amazon-buyer-sync';
export {
  type AmazonOrderLedger,
  type AmazonReadState,
  createMemoryAmazonOrderLedger,
  initialAmazonReadState,
} from './amazon-order-ledger';
export type {
  AmazonOrdersApi,
  AmazonOrdersPage,
  AmazonOrderWindow,
  AmazonRateLimit,
} from './amazon-orders-api';
export { amazonCustomerId, amazonOrderCustomerId } from './map-amazon-customer';
export { mapAmazonOrder } from './map-amazon-order';
