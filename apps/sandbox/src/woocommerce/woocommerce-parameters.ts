import { invalidParameters, type ParameterProblem, wordpressList } from './woocommerce-error';

const emailShape = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Whether WordPress's `is_email` would accept the value. */
export function isEmail(value: string): boolean {
  return emailShape.test(value);
}

/**
 * Reads query parameters the way the WordPress REST API validates a route's schema: every problem
 * is collected, then `finish()` throws one `rest_invalid_param` naming them all (sheet §7).
 */
export class ParameterReader {
  private readonly problems: ParameterProblem[] = [];

  constructor(private readonly params: URLSearchParams) {}

  private raw(name: string): string | undefined {
    return this.params.get(name) ?? undefined;
  }

  integer(
    name: string,
    bounds: { readonly fallback: number; readonly min?: number; readonly max?: number },
  ): number;
  integer(name: string, bounds: { readonly min?: number; readonly max?: number }): number | undefined;
  integer(
    name: string,
    bounds: { readonly fallback?: number; readonly min?: number; readonly max?: number },
  ): number | undefined {
    const raw = this.raw(name);
    if (raw === undefined || raw === '') return bounds.fallback;
    if (!/^-?\d+$/.test(raw)) {
      this.problems.push({ name, code: 'rest_invalid_type', message: `${name} is not of type integer.` });
      return bounds.fallback;
    }
    const value = Number(raw);
    const { min, max } = bounds;
    if ((min !== undefined && value < min) || (max !== undefined && value > max)) {
      const message =
        max === undefined
          ? `${name} must be greater than or equal to ${min}`
          : `${name} must be between ${min} (inclusive) and ${max} (inclusive)`;
      this.problems.push({ name, code: 'rest_out_of_bounds', message });
      return bounds.fallback;
    }
    return value;
  }

  string(name: string): string | undefined {
    return this.raw(name);
  }

  oneOf<Value extends string>(name: string, values: readonly Value[], fallback: Value): Value {
    const raw = this.raw(name);
    if (raw === undefined) return fallback;
    const value = values.find((candidate) => candidate === raw);
    if (value === undefined) {
      this.problems.push({
        name,
        code: 'rest_not_in_enum',
        message: `${name} is not one of ${wordpressList(values)}.`,
      });
      return fallback;
    }
    return value;
  }

  /** A list of integers: `include=1,2,3` or `include[]=1&include[]=2` (WordPress's `wp_parse_list`). */
  integerList(name: string): number[] | undefined {
    const values = [...this.params.getAll(name), ...this.params.getAll(`${name}[]`)].flatMap((value) =>
      value.split(/[\s,]+/).filter((item) => item !== ''),
    );
    if (values.length === 0) return undefined;
    const invalid = values.findIndex((value) => !/^\d+$/.test(value));
    if (invalid !== -1) {
      this.problems.push({
        name,
        code: 'rest_invalid_type',
        message: `${name}[${invalid}] is not of type integer.`,
      });
      return undefined;
    }
    return values.map(Number);
  }

  email(name: string): string | undefined {
    const raw = this.raw(name);
    if (raw === undefined || raw === '') return undefined;
    if (!isEmail(raw)) {
      this.problems.push({ name, code: 'rest_invalid_email', message: 'Invalid email address.' });
      return undefined;
    }
    return raw;
  }

  /** WordPress booleans: `true`, `false`, `1`, `0` or empty. */
  boolean(name: string, fallback: boolean): boolean {
    const raw = this.raw(name);
    if (raw === undefined) return fallback;
    if (['true', '1'].includes(raw)) return true;
    if (['false', '0', ''].includes(raw)) return false;
    this.problems.push({ name, code: 'rest_invalid_type', message: `${name} is not of type boolean.` });
    return fallback;
  }

  /** A date-time in RFC 3339 form (`after`, `before`, …); invalid → `rest_invalid_date`. */
  dateTime(name: string): string | undefined {
    const raw = this.raw(name);
    if (raw === undefined || raw === '') return undefined;
    if (
      !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)?$/.test(raw) ||
      Number.isNaN(Date.parse(raw))
    ) {
      this.problems.push({ name, code: 'rest_invalid_date', message: 'Invalid date.' });
      return undefined;
    }
    return raw;
  }

  /** Throws the collected problems, if any. */
  finish(): void {
    if (this.problems.length > 0) throw invalidParameters(this.problems);
  }
}
