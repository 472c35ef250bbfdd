import fc from 'fast-check';
import type { JsonSchema } from './openapi-contract';

/** Resolves `#/components/schemas/…` references of the document the schemas come from. */
export type ReferenceResolver = (reference: string) => JsonSchema;

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/** Instants from 1970 to 2100: what the platforms store (a year 0001 is valid JSON Schema, not a customer date). */
const instant = fc.date({
  min: new Date('1970-01-01T00:00:00Z'),
  max: new Date('2100-12-31T23:59:59Z'),
  noInvalidDate: true,
});

const rfc3339Date = instant.map((date) => date.toISOString().slice(0, 10));

/** RFC 3339 date-times in their various spellings: offsets, fractions of 0 to 9 digits, lower case. */
const rfc3339DateTime = fc
  .record({
    date: instant,
    offsetMinutes: fc.oneof(fc.constant(0), fc.integer({ min: -23 * 60 - 59, max: 23 * 60 + 59 })),
    fraction: fc.oneof(fc.constant(''), fc.stringMatching(/^\.\d{1,9}$/)),
    zulu: fc.constantFrom('Z', 'z', '+00:00'),
    separator: fc.constantFrom('T', 't'),
  })
  .map(({ date, offsetMinutes, fraction, zulu, separator }) => {
    const local = new Date(date.getTime() + offsetMinutes * 60_000).toISOString();
    const sign = offsetMinutes < 0 ? '-' : '+';
    const magnitude = Math.abs(offsetMinutes);
    const offset =
      offsetMinutes === 0 ? zulu : `${sign}${pad(Math.floor(magnitude / 60))}:${pad(magnitude % 60)}`;
    return `${local.slice(0, 10)}${separator}${local.slice(11, 19)}${fraction}${offset}`;
  });

function stringArbitrary(schema: JsonSchema): fc.Arbitrary<string> {
  const minLength = typeof schema.minLength === 'number' ? schema.minLength : 0;
  const maxLength = typeof schema.maxLength === 'number' ? schema.maxLength : undefined;
  const pattern = typeof schema.pattern === 'string' ? new RegExp(schema.pattern) : undefined;
  let base: fc.Arbitrary<string>;
  // A date pattern allows the 31st of every month: the format generators make real dates.
  if (schema.format === 'date') base = rfc3339Date;
  else if (schema.format === 'date-time') base = rfc3339DateTime;
  else if (pattern !== undefined) base = fc.stringMatching(pattern);
  else if (schema.format === 'email') base = fc.emailAddress();
  else base = fc.string({ minLength, maxLength, unit: 'grapheme' });
  return base.filter(
    (value) =>
      value.length >= minLength &&
      (maxLength === undefined || value.length <= maxLength) &&
      (pattern === undefined || pattern.test(value)),
  );
}

/**
 * A fast-check arbitrary of the values a JSON Schema (2020-12, as OpenAPI 3.1 writes it) allows:
 * types, `enum`/`const`, `anyOf`/`oneOf`, string lengths, patterns and the formats the gateway
 * documents (date, date-time, email), integer ranges, arrays and closed objects. Arrays are kept
 * short and optional properties are sometimes left out, so requests stay small.
 */
export function arbitraryOf(schema: JsonSchema, resolve: ReferenceResolver): fc.Arbitrary<unknown> {
  if (typeof schema.$ref === 'string') return arbitraryOf(resolve(schema.$ref), resolve);
  if ('const' in schema) return fc.constant(schema.const);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
  const variants = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (variants !== undefined) return fc.oneof(...variants.map((variant) => arbitraryOf(variant, resolve)));
  if (Array.isArray(schema.type)) {
    return fc.oneof(...(schema.type as string[]).map((type) => arbitraryOf({ ...schema, type }, resolve)));
  }
  switch (schema.type) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer':
      return fc.integer({
        min: typeof schema.minimum === 'number' ? schema.minimum : -1_000_000,
        max: typeof schema.maximum === 'number' ? schema.maximum : 1_000_000,
      });
    case 'number':
      return fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e9, max: 1e9 });
    case 'string':
      return stringArbitrary(schema);
    case 'array': {
      const items = arbitraryOf((schema.items ?? {}) as JsonSchema, resolve);
      const minLength = typeof schema.minItems === 'number' ? schema.minItems : 0;
      const maxItems = typeof schema.maxItems === 'number' ? schema.maxItems : 3;
      return fc.array(items, { minLength, maxLength: Math.max(minLength, Math.min(maxItems, 3)) });
    }
    case 'object': {
      const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
      const required = (schema.required ?? []) as string[];
      const shape = Object.fromEntries(
        Object.entries(properties).map(([name, property]) => [name, arbitraryOf(property, resolve)]),
      );
      return fc.record(shape, { requiredKeys: required });
    }
    default:
      throw new Error(`No arbitrary for the schema ${JSON.stringify(schema).slice(0, 200)}`);
  }
}
