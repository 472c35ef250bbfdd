export { type AmazonBuyerRecord, amazonCustomerFacts } from './amazon/amazon-buyers';
export type {
  AmazonCredentials,
  AmazonRateLimit,
  AmazonSimulator,
  AmazonSimulatorOptions,
} from './amazon/amazon-simulator';
export { startAmazonSimulator } from './amazon/amazon-simulator';
export type { AmazonMarketplace, AmazonOrderRecord } from './amazon/amazon-types';
export { amazonFarEast, amazonNorthAmerica } from './amazon/amazon-types';
export { bigcommerceCustomerFacts } from './bigcommerce/bigcommerce-customer-facts';
export type { BigCommerceRateLimit } from './bigcommerce/bigcommerce-rate-limit';
export { newBigCommerceCustomer } from './bigcommerce/bigcommerce-seed';
export type {
  BigCommerceCredentials,
  BigCommerceSimulator,
  BigCommerceSimulatorOptions,
} from './bigcommerce/bigcommerce-simulator';
export { startBigCommerceSimulator } from './bigcommerce/bigcommerce-simulator';
export type {
  BigCommerceAddressRecord,
  BigCommerceCustomerRecord,
  BigCommerceData,
  BigCommerceOrderRecord,
  BigCommerceSubscriberRecord,
} from './bigcommerce/bigcommerce-types';
export { blingCustomerFacts } from './bling/bling-customer-facts';
export type { BlingAccountData } from './bling/bling-seed';
export type {
  BlingCredentials,
  BlingRateLimit,
  BlingSimulator,
  BlingSimulatorOptions,
} from './bling/bling-simulator';
export { startBlingSimulator } from './bling/bling-simulator';
export type {
  BlingAddressRecord,
  BlingContactRecord,
  BlingOrderRecord,
  BlingStoredContact,
} from './bling/bling-types';
export { blingContactTypes } from './bling/bling-types';
export { ecwidCustomerFacts } from './ecwid/ecwid-customer-facts';
export type {
  EcwidCredentials,
  EcwidRateLimit,
  EcwidScope,
  EcwidSimulator,
  EcwidSimulatorOptions,
} from './ecwid/ecwid-simulator';
export { startEcwidSimulator } from './ecwid/ecwid-simulator';
export type { EcwidCustomer, EcwidOrder } from './ecwid/ecwid-types';
export { jumpsellerCustomerFacts } from './jumpseller/jumpseller-customer-facts';
export type {
  JumpsellerCredentials,
  JumpsellerPermission,
  JumpsellerRateLimit,
  JumpsellerSimulator,
  JumpsellerSimulatorOptions,
} from './jumpseller/jumpseller-simulator';
export { startJumpsellerSimulator } from './jumpseller/jumpseller-simulator';
export type { JumpsellerCustomerRecord, JumpsellerOrderRecord } from './jumpseller/jumpseller-types';
export type { SandboxSimulator, SimulatedPlatform } from './kit/simulator';
export type { ListenOptions } from './kit/simulator-server';
export type { ReceivedWebhook, WebhookReceiver } from './kit/webhook-receiver';
export { startWebhookReceiver } from './kit/webhook-receiver';
export type { OutgoingWebhook, SimulatorWebhooks, WebhookAttempt } from './kit/webhook-sender';
export type { SeedCustomer, SeedPeople } from './seed/seed-people';
export { defaultSeed, defaultSeedCount, generateSeedPeople } from './seed/seed-people';
export { requestedCostOf as shopifyRequestedCost } from './shopify/shopify-cost';
export { shopifyCustomerFacts } from './shopify/shopify-customer-facts';
export { shopifyAdminSchema } from './shopify/shopify-schema';
export type { SearchNode as ShopifySearchNode } from './shopify/shopify-search-syntax';
export { parseSearchQuery as parseShopifySearch } from './shopify/shopify-search-syntax';
export type {
  ShopifyClientCredentials,
  ShopifyCredentials,
  ShopifySimulator,
  ShopifySimulatorOptions,
} from './shopify/shopify-simulator';
export { shopifyApiVersion, startShopifySimulator } from './shopify/shopify-simulator';
export type { ShopifyCustomerRecord, ShopifyOrderRecord } from './shopify/shopify-types';
export type { Sandbox, SandboxOptions } from './start-sandbox';
export { startSandbox } from './start-sandbox';
export { wooCommerceCustomerFacts } from './woocommerce/woocommerce-customer-facts';
export type {
  WooCommerceCredentials,
  WooCommerceHostRateLimit,
  WooCommerceKeyPermission,
  WooCommerceSimulator,
  WooCommerceSimulatorOptions,
} from './woocommerce/woocommerce-simulator';
export { startWooCommerceSimulator } from './woocommerce/woocommerce-simulator';
export type { WooCommerceOrderRecord, WooCommerceUserRecord } from './woocommerce/woocommerce-types';
