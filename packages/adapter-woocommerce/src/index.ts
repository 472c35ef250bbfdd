export {
  createWooCommerceAdapter,
  type WooCommerceAdapterSettings,
  type WooCommerceAuthMethod,
  type WooCommerceCredentials,
  woocommerceCapabilities,
  woocommercePlatform,
} from './woocommerce-adapter';
