export {
  createShopifyAdapter,
  type ShopifyAccessTokenCredentials,
  type ShopifyAdapterSettings,
  type ShopifyClientCredentials,
  type ShopifyCredentials,
  shopifyCapabilities,
  shopifyPlatform,
} from './shopify-adapter';
