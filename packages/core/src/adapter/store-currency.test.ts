import { describe, expect, it, vi } from 'vitest';
import { UpstreamError } from '../errors/upstream-error';
import { createStoreCurrency } from './store-currency';

describe('createStoreCurrency', () => {
  it('loads the currency once, upper-cased, and keeps it', async () => {
    const load = vi.fn(async () => ' eur ');
    const currency = createStoreCurrency({ platform: 'acme', load, whenUnavailable: () => 'fail' });
    expect([await currency.get(), await currency.get(), load.mock.calls.length]).toStrictEqual([
      'EUR',
      'EUR',
      1,
    ]);
  });

  it('reads the currency once for calls made at the same time', async () => {
    const load = vi.fn(async () => 'CLP');
    const currency = createStoreCurrency({ platform: 'acme', load, whenUnavailable: () => 'fail' });
    expect(await Promise.all([currency.get(), currency.get(), currency.get()])).toStrictEqual([
      'CLP',
      'CLP',
      'CLP',
    ]);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('lets one caller stop waiting without failing the others', async () => {
    let answer: (code: string) => void = () => undefined;
    const load = vi.fn(() => new Promise<string>((resolve) => (answer = resolve)));
    const currency = createStoreCurrency({ platform: 'acme', load, whenUnavailable: () => 'fail' });
    const controller = new AbortController();
    const leaving = currency.get(controller.signal);
    const staying = currency.get();
    controller.abort(new Error('client went away'));
    answer('EUR');
    await expect(leaving).rejects.toThrow('client went away');
    expect(await staying).toBe('EUR');
  });

  it('gives null for a value that is not an ISO 4217 code', async () => {
    const currency = createStoreCurrency({
      platform: 'acme',
      load: async () => 'Dollars',
      whenUnavailable: () => 'fail',
    });
    expect(await currency.get()).toBeNull();
  });

  it('remembers a permanent refusal as null, warning once', async () => {
    const load = vi.fn(async () => {
      throw new UpstreamError('no scope');
    });
    const warn = vi.fn();
    const currency = createStoreCurrency({
      platform: 'acme',
      load,
      whenUnavailable: () => 'remember',
      logger: { warn },
    });
    expect([
      await currency.get(),
      await currency.get(),
      load.mock.calls.length,
      warn.mock.calls.length,
    ]).toStrictEqual([null, null, 1, 1]);
  });

  it('answers null for a passing failure and asks again next time', async () => {
    const load = vi
      .fn<() => Promise<string>>()
      .mockRejectedValueOnce(new UpstreamError('down'))
      .mockResolvedValueOnce('CAD');
    const currency = createStoreCurrency({ platform: 'acme', load, whenUnavailable: () => 'skip' });
    expect([await currency.get(), await currency.get()]).toStrictEqual([null, 'CAD']);
  });

  it('lets a failure the platform decides is fatal fail the call, and asks again next time', async () => {
    const load = vi
      .fn<() => Promise<string>>()
      .mockRejectedValueOnce(new UpstreamError('down'))
      .mockResolvedValueOnce('CAD');
    const currency = createStoreCurrency({ platform: 'acme', load, whenUnavailable: () => 'fail' });
    await expect(currency.get()).rejects.toThrow('down');
    expect(await currency.get()).toBe('CAD');
  });

  it('never swallows an abort', async () => {
    const controller = new AbortController();
    controller.abort(new Error('gone'));
    const currency = createStoreCurrency({
      platform: 'acme',
      load: async () => {
        throw new Error('gone');
      },
      whenUnavailable: () => 'skip',
    });
    await expect(currency.get(controller.signal)).rejects.toThrow('gone');
  });
});
