export function runAdapterConformance(..._args: unknown[]): void {}
