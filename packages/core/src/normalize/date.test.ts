import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoToUnixSeconds, parsePlatformDate, toIsoUtc, unixSecondsToIsoUtc } from './date';

describe('toIsoUtc', () => {
  it.each([
    ['2014-06-06 18:57:19 +0400', '2014-06-06T14:57:19.000Z'],
    ['2021-12-21 06:05:58 +0000', '2021-12-21T06:05:58.000Z'],
    ['2024-03-05 08:00:00 -0530', '2024-03-05T13:30:00.000Z'],
    ['2025-04-15T19:26:33Z', '2025-04-15T19:26:33.000Z'],
    ['2025-04-15T19:26:33.123456Z', '2025-04-15T19:26:33.123Z'],
    ['2025-04-15T21:26:33+02:00', '2025-04-15T19:26:33.000Z'],
    ['2024-03-05T13:02:11', '2024-03-05T13:02:11.000Z'],
    ['2024-01-31', '2024-01-31T00:00:00.000Z'],
    ['2024-02-29T23:59', '2024-02-29T23:59:00.000Z'],
  ])('reads %s as %s', (input, expected) => {
    expect(toIsoUtc(input)).toBe(expected);
  });

  it.each([
    [''],
    ['   '],
    ['0000-00-00 00:00:00'],
    ['2024-02-30'],
    ['2023-02-29T10:00:00Z'],
    ['2024-13-01'],
    ['2024-01-01T24:00:00Z'],
    ['2024-01-01T10:00:00+25:00'],
    ['yesterday'],
    ['1717171717'],
  ])('gives null for %j instead of guessing', (input) => {
    expect(toIsoUtc(input)).toBeNull();
  });

  it('gives null for null and undefined', () => {
    expect(toIsoUtc(null)).toBeNull();
    expect(toIsoUtc(undefined)).toBeNull();
  });

  it('keeps the year of very old and far future dates', () => {
    expect(parsePlatformDate('1970-01-01T00:00:00Z')?.getTime()).toBe(0);
    expect(toIsoUtc('2099-12-31 23:59:59 +0000')).toBe('2099-12-31T23:59:59.000Z');
    expect(toIsoUtc('0001-01-01T00:00:00Z')).toBe('0001-01-01T00:00:00.000Z');
    expect(toIsoUtc('0050-06-01 10:00:00 +0000')).toBe('0050-06-01T10:00:00.000Z');
  });

  it('returns a canonical date unchanged', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('0001-01-01'), max: new Date('9999-12-31'), noInvalidDate: true }),
        (date) => {
          const iso = date.toISOString();
          expect(toIsoUtc(iso)).toBe(iso);
          expect(toIsoUtc(iso.slice(0, 19))).toBe(`${iso.slice(0, 19)}.000Z`);
        },
      ),
    );
  });

  it('reads UTC date-times the same whichever way it parses them', () => {
    const twoDigits = fc.integer({ min: 0, max: 99 }).map((n) => String(n).padStart(2, '0'));
    const utcLike = fc
      .tuple(fc.integer({ min: 0, max: 9999 }), twoDigits, twoDigits, twoDigits, twoDigits, twoDigits)
      .map(
        ([year, month, day, hour, minute, second]) =>
          `${String(year).padStart(4, '0')}-${month}-${day}T${hour}:${minute}:${second}Z`,
      );
    fc.assert(
      fc.property(utcLike, (value) => {
        // The same instant written with an explicit offset takes the general path.
        expect(toIsoUtc(value)).toBe(toIsoUtc(value.replace('Z', '+00:00')));
      }),
    );
  });
  /** Two digits up to just past a part's valid range: most dates are real, some are not. */
  const upTo = (max: number) => fc.integer({ min: 0, max }).map((n) => String(n).padStart(2, '0'));
  const year = fc.integer({ min: 0, max: 9999 }).map((n) => String(n).padStart(4, '0'));

  /** Every `shaped` value, and each with one character replaced, reads as the general parser reads it. */
  function expectGeneralParserAnswers(shaped: fc.Arbitrary<string>, replacements: readonly string[]) {
    const mutated = fc
      .tuple(shaped, fc.nat(), fc.constantFrom(...replacements))
      .map(([value, at, character]) => {
        const index = at % value.length;
        return `${value.slice(0, index)}${character}${value.slice(index + 1)}`;
      });
    fc.assert(
      fc.property(fc.oneof(shaped, mutated), (value) => {
        expect(toIsoUtc(value)).toBe(parsePlatformDate(value)?.toISOString() ?? null);
      }),
      { numRuns: 3000 },
    );
  }

  it('reads every near-UTC string (`2024-03-05T13:02:11.000Z`) as the general parser does', () => {
    const shaped = fc
      .tuple(
        year,
        fc.tuple(upTo(13), upTo(32), upTo(24), upTo(60), upTo(60)),
        fc.constantFrom('', '.000', '.123', '.9'),
        fc.constantFrom('', 'Z', 'z', '+00:00'),
      )
      .map(
        ([yyyy, [month, day, hour, minute, second], millis, zone]) =>
          `${yyyy}-${month}-${day}T${hour}:${minute}:${second}${millis}${zone}`,
      );
    expectGeneralParserAnswers(shaped, ['0', '9', 'T', ' ', '-', ':', '.', 'Z', 'x', '٣']);
  });

  it('reads every near-Ecwid string (`2014-06-06 18:57:19 +0400`) as the general parser does', () => {
    const shaped = fc
      .tuple(
        year,
        fc.tuple(upTo(13), upTo(32), upTo(24), upTo(60), upTo(60), upTo(24), upTo(60)),
        fc.constantFrom('+', '-'),
      )
      .map(
        ([yyyy, [month, day, hour, minute, second, offsetHours, offsetMinutes], sign]) =>
          `${yyyy}-${month}-${day} ${hour}:${minute}:${second} ${sign}${offsetHours}${offsetMinutes}`,
      );
    expectGeneralParserAnswers(shaped, ['0', '9', 'T', ' ', '-', '+', ':', 'Z', 'x']);
  });
});

describe('UNIX seconds', () => {
  it('converts seconds to the canonical form', () => {
    expect(unixSecondsToIsoUtc(1402066639)).toBe('2014-06-06T14:57:19.000Z');
    expect(unixSecondsToIsoUtc(null)).toBeNull();
    expect(unixSecondsToIsoUtc(Number.NaN)).toBeNull();
  });

  it('rounds an instant down to whole seconds', () => {
    expect(isoToUnixSeconds('2014-06-06T14:57:19.999Z')).toBe(1402066639);
  });
});
