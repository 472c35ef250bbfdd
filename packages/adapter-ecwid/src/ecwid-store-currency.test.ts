import { UpstreamError, UpstreamUnauthorizedError } from '@unicart/core';
import { describe, expect, it, vi } from 'vitest';
import { createEcwidStoreCurrency } from './ecwid-store-currency';

const missingScope = () =>
  new UpstreamUnauthorizedError('no scope', {
    platform: 'ecwid',
    cause: { errorCode: 'INSUFFICIENT_APP_SCOPE' },
  });

describe('createEcwidStoreCurrency', () => {
  it('loads the currency once and keeps it', async () => {
    const load = vi.fn(async () => 'EUR');
    const currency = createEcwidStoreCurrency(load);
    expect([await currency(), await currency(), load.mock.calls.length]).toStrictEqual(['EUR', 'EUR', 1]);
  });

  it('upper-cases the code', async () => {
    expect(await createEcwidStoreCurrency(async () => ' usd ')()).toBe('USD');
  });

  it('gives null for a value that is not an ISO 4217 code', async () => {
    expect(await createEcwidStoreCurrency(async () => 'Dollars')()).toBeNull();
  });

  it('gives null for good, with one warning, when the token lacks read_store_profile', async () => {
    const load = vi.fn(async () => {
      throw missingScope();
    });
    const warn = vi.fn();
    const currency = createEcwidStoreCurrency(load, { warn });
    expect([
      await currency(),
      await currency(),
      load.mock.calls.length,
      warn.mock.calls.length,
    ]).toStrictEqual([null, null, 1, 1]);
  });

  it('lets a rejected token fail the call', async () => {
    const rejected = new UpstreamUnauthorizedError('bad token', {
      platform: 'ecwid',
      cause: { errorCode: 'INVALID_API_TOKEN' },
    });
    const currency = createEcwidStoreCurrency(async () => {
      throw rejected;
    });
    await expect(currency()).rejects.toBe(rejected);
  });

  it('lets any other failure fail the call, and asks again next time', async () => {
    const load = vi
      .fn<() => Promise<string>>()
      .mockRejectedValueOnce(new UpstreamError('down', { platform: 'ecwid' }))
      .mockResolvedValueOnce('CAD');
    const currency = createEcwidStoreCurrency(load);
    await expect(currency()).rejects.toThrow('down');
    expect(await currency()).toBe('CAD');
  });
});
