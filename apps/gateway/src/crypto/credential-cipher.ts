import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SecretKeyRing } from './secret-keys';

/** Credentials as stored: the ciphertext and the id of the key that encrypted it. */
export interface EncryptedCredentials {
  readonly keyId: string;
  /** `v1.` + base64url(iv ‖ auth tag ‖ ciphertext). */
  readonly ciphertext: string;
}

/** Encrypts a store's credentials at rest (AES-256-GCM), bound to the store's id. */
export interface CredentialCipher {
  encrypt(credentials: object, storeId: string): EncryptedCredentials;
  decrypt(encrypted: EncryptedCredentials, storeId: string): unknown;
}

const format = 'v1.';
const ivLength = 12;
const tagLength = 16;

// The store id is authenticated data, so one row's ciphertext cannot be pasted into another row.
const associatedData = (storeId: string) => Buffer.from(`unicart-store:${storeId}`);

export function createCredentialCipher(keys: SecretKeyRing): CredentialCipher {
  return {
    encrypt(credentials, storeId) {
      const iv = randomBytes(ivLength);
      const cipher = createCipheriv('aes-256-gcm', keys.current.credentialsKey, iv, {
        authTagLength: tagLength,
      });
      cipher.setAAD(associatedData(storeId));
      const body = Buffer.concat([cipher.update(JSON.stringify(credentials), 'utf8'), cipher.final()]);
      const sealed = Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
      return { keyId: keys.current.id, ciphertext: `${format}${sealed}` };
    },
    decrypt(encrypted, storeId) {
      const key = keys.find(encrypted.keyId);
      if (key === undefined) {
        throw new Error(
          `The credentials of store ${storeId} were encrypted with key ${encrypted.keyId}, which is not configured (UNICART_SECRET_KEY / UNICART_PREVIOUS_SECRET_KEYS)`,
        );
      }
      if (!encrypted.ciphertext.startsWith(format)) {
        throw new Error(`Unknown credentials format in store ${storeId}`);
      }
      const sealed = Buffer.from(encrypted.ciphertext.slice(format.length), 'base64url');
      const decipher = createDecipheriv('aes-256-gcm', key.credentialsKey, sealed.subarray(0, ivLength), {
        authTagLength: tagLength,
      });
      decipher.setAAD(associatedData(storeId));
      decipher.setAuthTag(sealed.subarray(ivLength, ivLength + tagLength));
      const plain = Buffer.concat([decipher.update(sealed.subarray(ivLength + tagLength)), decipher.final()]);
      return JSON.parse(plain.toString('utf8'));
    },
  };
}
