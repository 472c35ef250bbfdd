export type {
  AdapterConformanceOptions,
  AnySimulator,
  NativeCustomerFacts,
  NativeCustomerOf,
} from './conformance-options';
export { expectedToMatch } from './expected-customers';
export type {
  FaultKind,
  FaultOptions,
  GeneratedSeed,
  NativeSeed,
  PlatformSimulator,
  RecordedRequest,
  StartSimulator,
} from './platform-simulator';
export { runAdapterConformance } from './run-adapter-conformance';
export { runUpstreamDoubleConformance } from './run-upstream-double-conformance';
export type { UpstreamDouble, UpstreamFailureKind } from './upstream-double';
// Until the Ecwid and Shopify suites run on their simulators (issue 14); then deleted.
export type { UpstreamDoubleConformanceOptions } from './upstream-double-conformance-options';
