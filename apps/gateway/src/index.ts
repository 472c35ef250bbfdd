export { buildApp, type GatewayDependencies } from './app';
export { ConfigError, type GatewayConfig, loadConfig } from './config';
export { createPlatformRegistry, type PlatformRegistry, registeredPlatforms } from './platforms';
export { closeOnSignals, type RunningGateway, type StartGatewayOptions, startGateway } from './serve';
export { openStoreRepository } from './stores/open-store-repository';
export type { StoreRepository } from './stores/store-repository';
export type { CustomerMirror, MirrorChange } from './sync/customer-mirror';
export type { MirrorStore } from './sync/customer-mirror-sql';
export type { MirrorReadiness, SyncStatusReader } from './sync/sync-status';
