export {
  type BlingAdapterSettings,
  type BlingCredentials,
  blingCapabilities,
  blingPlatform,
  createBlingAdapter,
} from './bling-adapter';
