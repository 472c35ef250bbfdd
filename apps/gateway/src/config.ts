import { isAbsolute, resolve } from 'node:path';

/** Everything the gateway reads from its environment (docs/api-contract.md §2, Running). */
export interface GatewayConfig {
  readonly port: number;
  readonly host: string;
  /** `undefined` disables the admin API: its endpoints answer 404. */
  readonly adminToken: string | undefined;
  /** Absolute directory of the embedded SQLite store and of a generated secret key. */
  readonly dataDir: string;
  /** `postgres://...`: use PostgreSQL instead of the embedded SQLite store. */
  readonly databaseUrl: string | undefined;
  /** Encrypts stored credentials and signs page tokens; generated into `dataDir` when unset. */
  readonly secretKey: string | undefined;
  /** Keys that encrypted older rows, still accepted for decryption while keys rotate. */
  readonly previousSecretKeys: readonly string[];
  readonly allowPrivateUpstreams: boolean;
  /** Timeout of each upstream attempt, in milliseconds. */
  readonly upstreamTimeoutMs: number;
  /**
   * Time one gateway request may spend on all its upstream work (waits for the rate limiter,
   * attempts, retries), in milliseconds; then it answers 504 `upstream_timeout` (or 429 at once when
   * the limiter cannot give it a turn in time).
   */
  readonly upstreamDeadlineMs: number;
  readonly logLevel: string;
  /** Days a change-feed entry is kept (and a feed cursor is valid): `UNICART_CHANGES_RETENTION_DAYS`. */
  readonly changesRetentionDays: number;
  /** `UNICART_SYNC_INTERVAL_SECONDS`: how often a synced store is polled for changes (CONTRACT.md §5). */
  readonly syncIntervalSeconds: number;
  /** `UNICART_SYNC_FULL_SCAN_SECONDS`: a complete full read of a synced store at least this often. */
  readonly syncFullScanSeconds: number;
  /**
   * `UNICART_PUBLIC_URL`: the gateway's origin as platforms reach it (`https://unicart.example.com`,
   * no trailing slash). When set, the gateway registers its webhooks on platforms whose API allows it.
   */
  readonly publicUrl: string | undefined;
  /** `UNICART_AMAZON_HISTORY_DAYS`: the days of orders Amazon stores' buyers are derived from (CONTRACT.md §6). */
  readonly amazonHistoryDays: number;
}

/** A setting that cannot be used; the message names the variable, never its value. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

type Environment = Readonly<Record<string, string | undefined>>;

/** Shortest admin token and secret key accepted: 32 characters, e.g. `openssl rand -hex 32` gives 64. */
export const minimumSecretLength = 32;

/** A secret variable's value, refused when it is too short to resist guessing. */
function secret(environment: Environment, name: string): string | undefined {
  const value = nonEmpty(environment[name]);
  if (value !== undefined && value.length < minimumSecretLength) {
    throw new ConfigError(
      `${name} must be at least ${minimumSecretLength} characters long: use a long random value (e.g. openssl rand -hex 32)`,
    );
  }
  return value;
}

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

function integer(environment: Environment, name: string, fallback: number, min: number, max: number): number {
  const raw = nonEmpty(environment[name]);
  if (raw === undefined) return fallback;
  const value = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(value >= min && value <= max)) {
    throw new ConfigError(`${name} must be an integer from ${min} to ${max}`);
  }
  return value;
}

function flag(environment: Environment, name: string): boolean {
  const raw = nonEmpty(environment[name])?.toLowerCase();
  if (raw === undefined || raw === '0' || raw === 'false') return false;
  if (raw === '1' || raw === 'true') return true;
  throw new ConfigError(`${name} must be 1 or 0`);
}

function databaseUrl(environment: Environment): string | undefined {
  const raw = nonEmpty(environment.DATABASE_URL);
  if (raw !== undefined && !/^postgres(ql)?:\/\//.test(raw)) {
    throw new ConfigError('DATABASE_URL must be a postgres:// or postgresql:// URL');
  }
  return raw;
}

function publicUrl(environment: Environment): string | undefined {
  const raw = nonEmpty(environment.UNICART_PUBLIC_URL);
  if (raw === undefined) return undefined;
  if (!URL.canParse(raw) || !/^https?:$/.test(new URL(raw).protocol) || new URL(raw).search !== '') {
    throw new ConfigError('UNICART_PUBLIC_URL must be an http:// or https:// URL without a query string');
  }
  return raw.replace(/\/+$/, '');
}

function oneOf(environment: Environment, name: string, allowed: readonly string[], fallback: string): string {
  const raw = nonEmpty(environment[name]) ?? fallback;
  if (!allowed.includes(raw)) throw new ConfigError(`${name} must be one of ${allowed.join(', ')}`);
  return raw;
}

/** Reads and validates the gateway's environment variables; throws `ConfigError` naming a bad one. */
export function loadConfig(
  environment: Environment = process.env,
  workingDirectory = process.cwd(),
): GatewayConfig {
  const dataDir = nonEmpty(environment.UNICART_DATA_DIR) ?? './data';
  return {
    port: integer(environment, 'UNICART_PORT', 8080, 0, 65_535),
    host: nonEmpty(environment.UNICART_HOST) ?? '127.0.0.1',
    adminToken: secret(environment, 'UNICART_ADMIN_TOKEN'),
    dataDir: isAbsolute(dataDir) ? dataDir : resolve(workingDirectory, dataDir),
    databaseUrl: databaseUrl(environment),
    secretKey: secret(environment, 'UNICART_SECRET_KEY'),
    previousSecretKeys: (environment.UNICART_PREVIOUS_SECRET_KEYS ?? '')
      .split(',')
      .map((key) => key.trim())
      .filter((key) => key !== ''),
    allowPrivateUpstreams: flag(environment, 'UNICART_ALLOW_PRIVATE_UPSTREAMS'),
    upstreamTimeoutMs: integer(environment, 'UNICART_UPSTREAM_TIMEOUT_MS', 30_000, 100, 600_000),
    upstreamDeadlineMs: integer(environment, 'UNICART_UPSTREAM_DEADLINE_MS', 30_000, 100, 600_000),
    logLevel: oneOf(environment, 'UNICART_LOG_LEVEL', logLevels, 'info'),
    changesRetentionDays: integer(environment, 'UNICART_CHANGES_RETENTION_DAYS', 7, 1, 3650),
    syncIntervalSeconds: integer(environment, 'UNICART_SYNC_INTERVAL_SECONDS', 60, 1, 86_400),
    syncFullScanSeconds: integer(environment, 'UNICART_SYNC_FULL_SCAN_SECONDS', 86_400, 1, 31_536_000),
    publicUrl: publicUrl(environment),
    amazonHistoryDays: integer(environment, 'UNICART_AMAZON_HISTORY_DAYS', 730, 1, 36_500),
  };
}
