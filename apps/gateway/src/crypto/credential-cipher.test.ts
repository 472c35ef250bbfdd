import { describe, expect, it } from 'vitest';
import { createCredentialCipher } from './credential-cipher';
import { createSecretKeyRing } from './secret-keys';

const credentials = { storeId: '1003', accessToken: 'secret_abc' };
const oldSecret = 'the-previous-secret-key-0123456789abcdef';
const newSecret = 'the-current-secret-key-0123456789abcdef';

describe('the credential cipher', () => {
  it('round-trips credentials and never stores them in clear', () => {
    const cipher = createCredentialCipher(createSecretKeyRing(newSecret));
    const encrypted = cipher.encrypt(credentials, 'store-1');
    expect(encrypted.ciphertext).toMatch(/^v1\.[A-Za-z0-9_-]+$/);
    expect(encrypted.ciphertext).not.toContain('secret_abc');
    expect(cipher.decrypt(encrypted, 'store-1')).toStrictEqual(credentials);
  });

  it('uses a fresh IV each time', () => {
    const cipher = createCredentialCipher(createSecretKeyRing(newSecret));
    expect(cipher.encrypt(credentials, 'store-1').ciphertext).not.toBe(
      cipher.encrypt(credentials, 'store-1').ciphertext,
    );
  });

  it("refuses a ciphertext moved to another store's row", () => {
    const cipher = createCredentialCipher(createSecretKeyRing(newSecret));
    const encrypted = cipher.encrypt(credentials, 'store-1');
    expect(() => cipher.decrypt(encrypted, 'store-2')).toThrow();
  });

  it('refuses a tampered ciphertext', () => {
    const cipher = createCredentialCipher(createSecretKeyRing(newSecret));
    const encrypted = cipher.encrypt(credentials, 'store-1');
    const sealed = Buffer.from(encrypted.ciphertext.slice('v1.'.length), 'base64url');
    sealed[sealed.length - 1] = (sealed[sealed.length - 1] ?? 0) ^ 1;
    const tampered = { ...encrypted, ciphertext: `v1.${sealed.toString('base64url')}` };
    expect(() => cipher.decrypt(tampered, 'store-1')).toThrow();
  });

  it('decrypts rows of a previous key after rotation and encrypts new rows with the current one', () => {
    const before = createCredentialCipher(createSecretKeyRing(oldSecret));
    const old = before.encrypt(credentials, 'store-1');
    const afterRotation = createCredentialCipher(createSecretKeyRing(newSecret, [oldSecret]));
    expect(afterRotation.decrypt(old, 'store-1')).toStrictEqual(credentials);
    expect(afterRotation.encrypt(credentials, 'store-2').keyId).not.toBe(old.keyId);
  });

  it('names the missing key id when a row was encrypted with a key that is not configured', () => {
    const old = createCredentialCipher(createSecretKeyRing(oldSecret)).encrypt(credentials, 'store-1');
    const cipher = createCredentialCipher(createSecretKeyRing(newSecret));
    expect(() => cipher.decrypt(old, 'store-1')).toThrow(old.keyId);
  });
});

describe('the secret key ring', () => {
  it('derives the same keys from the same secret, and distinct keys per purpose', () => {
    const first = createSecretKeyRing(newSecret);
    const second = createSecretKeyRing(newSecret);
    expect(first.current.id).toBe(second.current.id);
    expect(first.pageTokenKey.equals(second.pageTokenKey)).toBe(true);
    expect(first.pageTokenKey.equals(first.current.credentialsKey)).toBe(false);
    expect(createSecretKeyRing(oldSecret).current.id).not.toBe(first.current.id);
  });
});
