export {
  createWooCommerceAdapter,
  type WooCommerceAdapterSettings,
  type WooCommerceCredentials,
  woocommerceCapabilities,
  woocommercePlatform,
} from './woocommerce-adapter';
