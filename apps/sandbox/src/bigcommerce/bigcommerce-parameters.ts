import type { FastifyRequest } from 'fastify';
import { BigCommerceError, unprocessable } from './bigcommerce-error';

/** One query parameter as sent: the decoded key, the decoded value and the value exactly as written. */
interface RawParameter {
  readonly value: string;
  readonly raw: string;
}

function decodeComponent(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/** The query string as BigCommerce reads it; a repeated key keeps its last value. */
export class BigCommerceParameters {
  private readonly parameters = new Map<string, RawParameter>();

  constructor(request: FastifyRequest) {
    const questionMark = request.url.indexOf('?');
    const query = questionMark === -1 ? '' : request.url.slice(questionMark + 1);
    for (const pair of query.split('&')) {
      if (pair === '') continue;
      const equals = pair.indexOf('=');
      const rawKey = equals === -1 ? pair : pair.slice(0, equals);
      const raw = equals === -1 ? '' : pair.slice(equals + 1);
      this.parameters.set(decodeComponent(rawKey), { value: decodeComponent(raw), raw });
    }
  }

  has(name: string): boolean {
    return this.parameters.has(name);
  }

  text(name: string): string | undefined {
    return this.parameters.get(name)?.value;
  }

  /** The value exactly as it appeared in the URL (still percent-encoded). */
  raw(name: string): string | undefined {
    return this.parameters.get(name)?.raw;
  }

  /** A comma-separated list; empty items are dropped. */
  list(name: string): string[] | undefined {
    const value = this.text(name);
    return value?.split(',').filter((item) => item !== '');
  }

  /** A comma-separated list of integers; anything else is a 422 naming the parameter. */
  integers(name: string): number[] | undefined {
    const items = this.list(name);
    if (items === undefined) return undefined;
    if (!items.every((item) => /^\d+$/.test(item.trim()))) {
      throw unprocessable(`The filter(s): ${name} are invalid.`, { [name]: 'must be integers' });
    }
    return items.map((item) => Number(item.trim()));
  }

  /** `page` / `limit`: positive integers (sheet §2.1); `limit` over `max` is 413. */
  positive(name: string, fallback: number, max?: number): number {
    const value = this.text(name);
    if (value === undefined) return fallback;
    if (!/^\d+$/.test(value) || Number(value) < 1) {
      throw unprocessable(`The filter(s): ${name} are invalid.`, { [name]: 'must be a positive integer' });
    }
    const number = Number(value);
    if (max !== undefined && number > max) {
      throw new BigCommerceError(413, 'The limit parameter exceeded the maximum.');
    }
    return number;
  }
}

const dateTime = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** An instant in whole seconds and whether the value named a whole day. */
export interface FilterDate {
  readonly seconds: number;
  readonly dateOnly: boolean;
}

/**
 * A v3 date filter value (sheet §2.1): RFC 3339 with `Z`, an offset or no zone (UTC), a date-only
 * value (00:00:00 UTC), or UNIX seconds. A fractional part is dropped: second precision. A
 * percent-encoded value is unreadable, and so is a raw `+` offset (it arrives as a space).
 */
export function parseFilterDate(parameters: BigCommerceParameters, name: string): FilterDate | undefined {
  const value = parameters.text(name);
  if (value === undefined) return undefined;
  const invalid = () =>
    unprocessable(`The filter(s): ${name} are invalid.`, { [name]: `'${value}' is not a valid date` });
  if ((parameters.raw(name) ?? '').includes('%')) throw invalid();
  if (/^\d{1,11}$/.test(value)) return { seconds: Number(value), dateOnly: false };
  const match = dateTime.exec(value);
  if (match === null) throw invalid();
  const [, year, month, day, hour, minute, second, zone] = match;
  const utcSeconds =
    Date.UTC(
      Number(year),
      Number(month) - 1,
      Number(day),
      Number(hour ?? 0),
      Number(minute ?? 0),
      Number(second ?? 0),
    ) / 1000;
  if (Number.isNaN(utcSeconds)) throw invalid();
  let offsetSeconds = 0;
  if (zone !== undefined && zone !== 'Z') {
    const digits = zone.replace(':', '');
    const sign = digits.startsWith('-') ? -1 : 1;
    offsetSeconds = sign * (Number(digits.slice(1, 3)) * 3600 + Number(digits.slice(3, 5)) * 60);
  }
  return { seconds: utcSeconds - offsetSeconds, dateOnly: hour === undefined };
}
