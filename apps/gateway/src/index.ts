export { buildApp, type GatewayDependencies } from './app';
export { ConfigError, type GatewayConfig, loadConfig } from './config';
export { createPlatformRegistry, type PlatformRegistry, registeredPlatforms } from './platforms';
export { closeOnSignals, type RunningGateway, type StartGatewayOptions, startGateway } from './serve';
