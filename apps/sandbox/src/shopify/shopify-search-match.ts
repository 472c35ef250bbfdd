import { parseSearchQuery, type SearchNode, type SearchTerm } from './shopify-search-syntax';

/** A search term Shopify ignored, reported in `extensions.search[].warnings` as Shopify does. */
export interface SearchWarning {
  readonly field: string;
  readonly message: string;
}

/** Compiles one term of a known field into a test, or answers why the term is unusable. */
export type FieldMatcher<Item> = (
  term: SearchTerm,
) => ((item: Item) => boolean) | { readonly warning: string };

/** The searchable fields of one resource and its default (free-text) search. */
export interface SearchSpecification<Item> {
  readonly fields: Readonly<Record<string, FieldMatcher<Item>>>;
  readonly freeText: FieldMatcher<Item>;
}

/** A compiled query: the test, and the warnings about terms that were ignored. */
export interface CompiledSearch<Item> {
  readonly matches: (item: Item) => boolean;
  readonly warnings: readonly SearchWarning[];
}

const combiningMarks = /\p{M}/gu;

/** Case- and accent-insensitive form used by every text comparison ("Zoë" finds "Zoe"). */
export function foldText(text: string): string {
  return text.normalize('NFKD').replace(combiningMarks, '').toLowerCase();
}

/** Words of a text, as the tokenized search fields see them (`ana.reyes@example.com` → ana, reyes, example, com). */
export function wordsOf(text: string): string[] {
  return foldText(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== '');
}

function containsPhrase(
  haystack: readonly string[],
  phrase: readonly string[],
  lastIsPrefix: boolean,
): boolean {
  for (let start = 0; start + phrase.length <= haystack.length; start++) {
    const found = phrase.every((word, offset) => {
      const candidate = haystack[start + offset] as string;
      return lastIsPrefix && offset === phrase.length - 1 ? candidate.startsWith(word) : candidate === word;
    });
    if (found) return true;
  }
  return false;
}

/**
 * A tokenized text field: every word of the value must be a word of the field (the last may be a
 * prefix with `*`); a quoted value must appear as consecutive words; `field:*` means "has a value".
 * This is why `email:ana@example.com` also finds `ana@example.com.au` (sheet §9.9).
 */
export function wordsMatcher<Item>(
  sources: (item: Item) => readonly (string | null)[],
  options: { readonly prefixWords?: boolean } = {},
): FieldMatcher<Item> {
  return (term) => {
    if (term.comparator !== ':') return { warning: 'Invalid comparator for a text field.' };
    if (term.prefix && term.value === '') {
      return (item) => sources(item).some((source) => source !== null && source !== '');
    }
    const phrase = wordsOf(term.value);
    if (phrase.length === 0) return () => true;
    const prefixLast = term.prefix || options.prefixWords === true;
    if (term.quoted) {
      return (item) =>
        sources(item).some(
          (source) => source !== null && containsPhrase(wordsOf(source), phrase, prefixLast),
        );
    }
    return (item) => {
      const words = sources(item).flatMap((source) => (source === null ? [] : wordsOf(source)));
      return phrase.every((word, index) =>
        words.some((candidate) =>
          (prefixLast && index === phrase.length - 1) || options.prefixWords
            ? candidate.startsWith(word)
            : candidate === word,
        ),
      );
    };
  };
}

/** A field compared case-insensitively as a whole, against any of its values (`state:ENABLED`, `country:CA`). */
export function exactMatcher<Item>(values: (item: Item) => readonly (string | null)[]): FieldMatcher<Item> {
  return (term) => {
    if (term.comparator !== ':') return { warning: 'Invalid comparator for this field.' };
    const wanted = foldText(term.value);
    return (item) =>
      values(item).some(
        (value) =>
          value !== null && (term.prefix ? foldText(value).startsWith(wanted) : foldText(value) === wanted),
      );
  };
}

function compare(comparator: SearchTerm['comparator'], actual: number, bound: number): boolean {
  switch (comparator) {
    case ':<':
      return actual < bound;
    case ':>':
      return actual > bound;
    case ':<=':
      return actual <= bound;
    case ':>=':
      return actual >= bound;
    default:
      return actual === bound;
  }
}

/** A numeric field with comparators and ranges (`id:>=1234`, `orders_count:1..5`). */
export function numberMatcher<Item>(value: (item: Item) => number | null): FieldMatcher<Item> {
  return (term) => {
    const bound = Number(term.value);
    const upper = term.rangeTo === null ? null : Number(term.rangeTo);
    if (term.value === '' || !Number.isFinite(bound) || (upper !== null && !Number.isFinite(upper))) {
      return { warning: `Invalid value '${term.value}' for a numeric field.` };
    }
    return (item) => {
      const actual = value(item);
      if (actual === null) return false;
      return upper === null ? compare(term.comparator, actual, bound) : actual >= bound && actual <= upper;
    };
  };
}

const dayMs = 86_400_000;
const dateOnly = /^\d{4}-\d\d-\d\d$/;

/** An interval `[start, end]` in milliseconds a date value covers: a whole day for `2024-01-31`. */
function dateInterval(value: string, wholeDays: boolean, now: number): readonly [number, number] | null {
  if (value.toLowerCase() === 'now') return [now, now];
  const dayOnly = dateOnly.test(value);
  // Values without an offset are read in the shop's time zone, which is UTC in the simulator.
  const time = Date.parse(dayOnly || /[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value}Z`);
  if (Number.isNaN(time)) return null;
  if (dayOnly || wholeDays) {
    const start = Math.floor(time / dayMs) * dayMs;
    return [start, start + dayMs - 1];
  }
  return [time, time];
}

/**
 * A date field (`customer_date:>='2024-01-01'`). A date-only value covers its whole day. With
 * `wholeDays`, date-times are widened to their day too: the sheet reads `updated_at` as matching
 * whole days (§2.1), so the simulator answers it day-grained and adapters must re-check.
 */
export function dateMatcher<Item>(
  value: (item: Item) => string | null,
  options: { readonly wholeDays?: boolean; readonly now?: () => number } = {},
): FieldMatcher<Item> {
  return (term) => {
    const now = (options.now ?? Date.now)();
    const lower = dateInterval(term.value, options.wholeDays === true, now);
    const upper = term.rangeTo === null ? null : dateInterval(term.rangeTo, options.wholeDays === true, now);
    if (lower === null || (term.rangeTo !== null && upper === null)) {
      return { warning: `Invalid date '${term.value}'.` };
    }
    return (item) => {
      const raw = value(item);
      if (raw === null) return false;
      const actual = Date.parse(raw);
      if (upper !== null) return actual >= lower[0] && actual <= upper[1];
      switch (term.comparator) {
        case ':<':
          return actual < lower[0];
        case ':>':
          return actual > lower[1];
        case ':<=':
          return actual <= lower[1];
        case ':>=':
          return actual >= lower[0];
        default:
          return actual >= lower[0] && actual <= lower[1];
      }
    };
  };
}

/** A boolean field (`accepts_marketing:true`). */
export function booleanMatcher<Item>(value: (item: Item) => boolean): FieldMatcher<Item> {
  return (term) => {
    const wanted = term.value.toLowerCase();
    if (wanted !== 'true' && wanted !== 'false') return { warning: `Invalid boolean '${term.value}'.` };
    return (item) => value(item) === (wanted === 'true');
  };
}

function compileNode<Item>(
  node: SearchNode,
  specification: SearchSpecification<Item>,
  warnings: SearchWarning[],
): (item: Item) => boolean {
  switch (node.kind) {
    case 'and': {
      const children = node.children.map((child) => compileNode(child, specification, warnings));
      return (item) => children.every((child) => child(item));
    }
    case 'or': {
      const children = node.children.map((child) => compileNode(child, specification, warnings));
      return (item) => children.some((child) => child(item));
    }
    case 'not': {
      const child = compileNode(node.child, specification, warnings);
      return (item) => !child(item);
    }
    case 'term': {
      const matcher = node.field === null ? specification.freeText : specification.fields[node.field];
      if (matcher === undefined) {
        warnings.push({ field: node.field ?? '', message: 'Invalid search field for this query.' });
        return () => true;
      }
      const compiled = matcher(node);
      if (typeof compiled === 'function') return compiled;
      warnings.push({ field: node.field ?? 'default', message: compiled.warning });
      return () => true;
    }
  }
}

/**
 * Compiles a search query against a resource's fields. Unknown fields and unusable values are
 * ignored with a warning, as Shopify does; an empty or absent query matches everything.
 */
export function compileSearch<Item>(
  query: string | null | undefined,
  specification: SearchSpecification<Item>,
): CompiledSearch<Item> {
  if (query === null || query === undefined || query.trim() === '')
    return { matches: () => true, warnings: [] };
  const warnings: SearchWarning[] = [];
  const matches = compileNode(parseSearchQuery(query), specification, warnings);
  return { matches, warnings };
}
