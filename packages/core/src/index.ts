export * from './adapter/index';
export * from './errors/index';
export * from './http/index';
export * from './models/index';
export * from './normalize/index';
export * from './query/index';
export * from './webhooks/index';
