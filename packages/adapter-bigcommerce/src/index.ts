export {
  type BigCommerceAdapterSettings,
  type BigCommerceCredentials,
  bigcommerceCapabilities,
  bigcommercePlatform,
  createBigCommerceAdapter,
} from './bigcommerce-adapter';
