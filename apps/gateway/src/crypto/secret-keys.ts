import { hkdfSync } from 'node:crypto';

/** One secret key, as the sub-keys the gateway derives from it. */
export interface DerivedKey {
  /** Public, stable id of the secret key, stored beside each row it encrypted. */
  readonly id: string;
  /** AES-256-GCM key for stored credentials. */
  readonly credentialsKey: Buffer;
}

/** The current secret key and the previous ones that may still have encrypted rows. */
export interface SecretKeyRing {
  /** Encrypts new rows. */
  readonly current: DerivedKey;
  /** Signs page tokens; every gateway instance with the same secret key derives the same one. */
  readonly pageTokenKey: Buffer;
  /** The key with this id, current or previous. */
  find(id: string): DerivedKey | undefined;
}

// A fixed salt: domain separation between Unicart and other uses of the same secret.
const salt = 'unicart-gateway';

function derive(secret: string, purpose: string, length: number): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, salt, `unicart/${purpose}/v1`, length));
}

function deriveKey(secret: string): DerivedKey {
  return {
    id: derive(secret, 'key-id', 8).toString('hex'),
    credentialsKey: derive(secret, 'credentials', 32),
  };
}

/**
 * Derives every key the gateway needs from `UNICART_SECRET_KEY` with HKDF (a distinct `info` per
 * purpose), plus the credential keys of previous secrets so rows they encrypted stay readable.
 */
export function createSecretKeyRing(secret: string, previousSecrets: readonly string[] = []): SecretKeyRing {
  const current = deriveKey(secret);
  const byId = new Map([...previousSecrets.map(deriveKey), current].map((key) => [key.id, key]));
  return {
    current,
    pageTokenKey: derive(secret, 'page-tokens', 32),
    find: (id) => byId.get(id),
  };
}
