import { describe, expect, it } from 'vitest';
import { generateStoreToken, hashStoreToken, isStoreTokenShaped, secretsEqual } from './store-token';

describe('store access tokens', () => {
  it('are uc_ and 256 random bits in base64url, different every time', () => {
    const token = generateStoreToken();
    expect(token).toMatch(/^uc_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token.slice(3), 'base64url')).toHaveLength(32);
    expect(generateStoreToken()).not.toBe(token);
    expect(isStoreTokenShaped(token)).toBe(true);
  });

  it('are stored as their SHA-256', () => {
    expect(hashStoreToken('uc_example')).toBe(
      '5b747a4d838b253f110cb728d727efa157d89e28d43aa01a4373121ea691f9a3',
    );
    expect(hashStoreToken('uc_example')).not.toBe(hashStoreToken('uc_other'));
  });

  it.each(['', 'uc_', 'uc_short', `Bearer ${generateStoreToken()}`, `${generateStoreToken()}x`])(
    'refuses %j as a token shape',
    (value) => {
      expect(isStoreTokenShaped(value)).toBe(false);
    },
  );
});

describe('secretsEqual', () => {
  it('compares secrets of any length', () => {
    expect(secretsEqual('admin-token', 'admin-token')).toBe(true);
    expect(secretsEqual('admin-token', 'admin-token-longer')).toBe(false);
    expect(secretsEqual('', 'admin-token')).toBe(false);
  });
});
