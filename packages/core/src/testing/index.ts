export type {
  AdapterConformanceOptions,
  AnySimulator,
  NativeCustomerFacts,
  NativeCustomerOf,
} from './conformance-options';
export { expectedOrder, expectedToMatch } from './expected-customers';
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
