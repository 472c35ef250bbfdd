import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GatewayConfig } from '../config';
import { createSecretKeyRing, type SecretKeyRing } from './secret-keys';

export interface LoadedSecretKeys {
  readonly keys: SecretKeyRing;
  /** Every secret in use, for the logger to scrub. */
  readonly secrets: readonly string[];
  /** Set when the configuration deserves a warning in the log (a development key). */
  readonly warning?: string;
}

/**
 * Reads the development secret key from the data dir, generating it (256 random bits, mode 0600)
 * the first time.
 */
function readOrCreateSecretKey(path: string): { readonly key: string; readonly created: boolean } {
  try {
    const key = randomBytes(32).toString('base64url');
    // `wx`: never overwrite a key another process created meanwhile; that would orphan its rows.
    writeFileSync(path, `${key}\n`, { mode: 0o600, flag: 'wx' });
    return { key, created: true };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const key = readFileSync(path, 'utf8').trim();
  if (key === '') throw new Error(`The secret key file ${path} is empty`);
  return { key, created: false };
}

/** The key ring from `UNICART_SECRET_KEY`, or from a key generated into the data dir when it is unset. */
export function loadSecretKeys(
  config: Pick<GatewayConfig, 'secretKey' | 'previousSecretKeys' | 'dataDir'>,
): LoadedSecretKeys {
  const previous = config.previousSecretKeys;
  // A short UNICART_SECRET_KEY never gets here: loadConfig refuses it.
  if (config.secretKey !== undefined) {
    return {
      keys: createSecretKeyRing(config.secretKey, previous),
      secrets: [config.secretKey, ...previous],
    };
  }
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  const path = join(config.dataDir, 'secret.key');
  const { key, created } = readOrCreateSecretKey(path);
  const action = created ? 'generated a development key into' : 'using the development key in';
  return {
    keys: createSecretKeyRing(key, previous),
    secrets: [key, ...previous],
    warning: `UNICART_SECRET_KEY is not set: ${action} ${path} (mode 0600). Set UNICART_SECRET_KEY in production and keep it safe: it decrypts the stored credentials`,
  };
}
