export * from './adapter/index';
export * from './errors/index';
export * from './http/index';
export * from './models/index';
export * from './normalize/index';
export * from './query/index';

/** Version of this package, injected at build time. */
export const coreVersion: string = __PACKAGE_VERSION__;
