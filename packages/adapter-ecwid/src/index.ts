export {
  createEcwidAdapter,
  type EcwidAdapterSettings,
  type EcwidCredentials,
  ecwidCapabilities,
  ecwidPlatform,
} from './ecwid-adapter';
