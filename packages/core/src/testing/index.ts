export type { AdapterConformanceOptions } from './conformance-options';
export { runAdapterConformance } from './run-adapter-conformance';
export type { RecordedRequest, UpstreamDouble, UpstreamFailureKind } from './upstream-double';
