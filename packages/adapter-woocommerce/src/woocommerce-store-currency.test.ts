import { NotFoundError, UpstreamTimeoutError, UpstreamUnauthorizedError } from '@unicart/core';
import { describe, expect, it, vi } from 'vitest';
import { createStoreCurrency, toCurrencyCode } from './woocommerce-store-currency';

describe('createStoreCurrency', () => {
  it('reads the currency once and caches it', async () => {
    const load = vi.fn(async () => 'EUR');
    const currency = createStoreCurrency({ load });
    expect([await currency.get(), await currency.get(), load.mock.calls.length]).toStrictEqual([
      'EUR',
      'EUR',
      1,
    ]);
  });

  it('gives null, cached, when WooCommerce refuses the key access to store data', async () => {
    const load = vi.fn(async (): Promise<string> => {
      throw new UpstreamUnauthorizedError('refused', { platform: 'woocommerce' });
    });
    const currency = createStoreCurrency({ load });
    expect([await currency.get(), await currency.get(), load.mock.calls.length]).toStrictEqual([
      null,
      null,
      1,
    ]);
  });

  it('gives null, cached, on a WooCommerce without the endpoint', async () => {
    const load = vi.fn(async (): Promise<string> => {
      throw new NotFoundError('no route', { platform: 'woocommerce' });
    });
    const currency = createStoreCurrency({ load });
    expect([await currency.get(), await currency.get(), load.mock.calls.length]).toStrictEqual([
      null,
      null,
      1,
    ]);
  });

  it('gives null this time and asks again after a transient failure', async () => {
    const load = vi
      .fn<() => Promise<string>>()
      .mockRejectedValueOnce(new UpstreamTimeoutError('slow', { platform: 'woocommerce' }))
      .mockResolvedValueOnce('GBP');
    const currency = createStoreCurrency({ load });
    expect([await currency.get(), await currency.get()]).toStrictEqual([null, 'GBP']);
  });

  it('warns the logger, without failing, when the currency is unavailable', async () => {
    const warn = vi.fn();
    const currency = createStoreCurrency({
      load: async () => {
        throw new UpstreamUnauthorizedError('refused', { platform: 'woocommerce' });
      },
      logger: { warn },
    });
    await currency.get();
    expect(warn.mock.calls).toStrictEqual([
      [
        { platform: 'woocommerce', code: 'upstream_unauthorized' },
        'The WooCommerce store currency is unavailable; customers are returned with currency null',
      ],
    ]);
  });

  it('rethrows a failure that is not a Unicart error', async () => {
    const currency = createStoreCurrency({
      load: async () => {
        throw new TypeError('bug');
      },
    });
    await expect(currency.get()).rejects.toThrow(TypeError);
  });
});

describe('toCurrencyCode', () => {
  it('keeps an ISO 4217 code, upper case', () => {
    expect(toCurrencyCode(' usd ')).toBe('USD');
  });

  it('gives null for a code that is not three letters', () => {
    expect([toCurrencyCode('USDT'), toCurrencyCode(''), toCurrencyCode(null)]).toStrictEqual([
      null,
      null,
      null,
    ]);
  });
});
