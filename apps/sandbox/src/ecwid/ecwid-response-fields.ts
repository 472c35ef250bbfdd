import { wrongParameter } from './ecwid-error';

/** A parsed `responseFields` projection: each kept key, with the projection of its value if nested. */
export type FieldProjection = ReadonlyMap<string, FieldProjection | null>;

/**
 * Parses Ecwid's `responseFields` (sheet §1): `items(id,email,stats(numberOfOrders)),total`.
 * Throws `WRONG_PARAMETER` on unbalanced parentheses or empty names.
 */
export function parseResponseFields(spec: string): FieldProjection {
  let position = 0;
  const parseList = (): Map<string, FieldProjection | null> => {
    const fields = new Map<string, FieldProjection | null>();
    while (position < spec.length) {
      const name = /^[A-Za-z0-9_]+/.exec(spec.slice(position))?.[0];
      if (name === undefined) throw wrongParameter(`Wrong value of parameter 'responseFields': ${spec}`);
      position += name.length;
      let nested: FieldProjection | null = null;
      if (spec[position] === '(') {
        position += 1;
        nested = parseList();
        if (spec[position] !== ')')
          throw wrongParameter(`Wrong value of parameter 'responseFields': ${spec}`);
        position += 1;
      }
      fields.set(name, nested);
      if (spec[position] !== ',') break;
      position += 1;
    }
    return fields;
  };
  const projection = parseList();
  if (position !== spec.length) throw wrongParameter(`Wrong value of parameter 'responseFields': ${spec}`);
  return projection;
}

/** Keeps only the projected keys of `value` (arrays element by element). */
export function project(value: unknown, projection: FieldProjection): unknown {
  if (Array.isArray(value)) return value.map((element) => project(element, projection));
  if (value === null || typeof value !== 'object') return value;
  const source = value as Record<string, unknown>;
  const kept: Record<string, unknown> = {};
  for (const [name, nested] of projection) {
    if (!(name in source)) continue;
    kept[name] = nested === null ? source[name] : project(source[name], nested);
  }
  return kept;
}
