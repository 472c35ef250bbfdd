import type { CustomerFilters, DateRange } from '@unicart/core';

/** How a set of canonical filters is asked of Shopify's `customers(query:)`. */
export interface ShopifyCustomerSearch {
  /** The search string (sheet §2.1), `null` when no filter needs one. */
  readonly query: string | null;
  /**
   * Whether Shopify may answer more customers than the filters allow, so each one must be re-checked
   * on our side: email is tokenized (§9.9), dates are re-checked (§10), and `name` is not asked of
   * Shopify at all, because its word search cannot express "contains".
   */
  readonly recheck: boolean;
  /** Whether the filters name customers by id (at most a page or two of them). */
  readonly byIds: boolean;
  /** Whether `customersCount` answers these filters exactly: only `id` terms are documented for it (§2.1). */
  readonly countable: boolean;
}

const dayMs = 86_400_000;
const connectives = /^(?:OR|AND|NOT)$/i;
// Characters with a meaning in the search syntax (sheet §2.1), escaped with a backslash in free text.
const freeTextSpecials = /[\\:()"']/g;

/** A value as one double-quoted phrase: nothing inside can end the term or add one (sheet §2.1). */
export function quoteSearchValue(value: string): string {
  return `"${value.replace(/[\\"]/g, '\\$&')}"`;
}

/**
 * Free text as Shopify's own word search (implicit AND of the words), with every character that
 * could add a field, a group, a phrase, a negation or a connective escaped: the words stay words.
 */
export function escapeFreeText(text: string): string {
  return text
    .split(/\s+/)
    .filter((word) => word !== '')
    .map((word) => {
      if (connectives.test(word)) return quoteSearchValue(word);
      const escaped = word.replace(freeTextSpecials, '\\$&');
      return escaped.startsWith('-') ? `\\${escaped}` : escaped;
    })
    .join(' ');
}

/** DateTime values have whole seconds (sheet §9.14), so truncating a bound to seconds loses no match. */
function searchDate(instant: number): string {
  return `'${new Date(instant).toISOString().slice(0, 19)}Z'`;
}

function dateTerms(field: string, range: DateRange | undefined, widenMs: number): string[] {
  if (range === undefined) return [];
  const terms: string[] = [];
  if (range.from !== undefined) terms.push(`${field}:>=${searchDate(Date.parse(range.from) - widenMs)}`);
  if (range.to !== undefined) terms.push(`${field}:<=${searchDate(Date.parse(range.to) + widenMs)}`);
  return terms;
}

function idTerms(filters: CustomerFilters): string[] {
  const terms: string[] = [];
  if (filters.ids !== undefined) {
    const alternatives = filters.ids.map((id) => `id:${id}`);
    terms.push(alternatives.length === 1 ? (alternatives[0] as string) : `(${alternatives.join(' OR ')})`);
  }
  if (filters.sinceId !== undefined) terms.push(`id:>${filters.sinceId}`);
  return terms;
}

/**
 * Canonical filters → Shopify search terms, joined by spaces (implicit AND). Ids are digits only
 * (core validated them); dates are quoted; `updated_at` matches whole days (sheet §2.1), so its
 * bounds are widened by a day and every customer is re-checked; email is one quoted phrase.
 */
export function translateShopifyQuery(filters: CustomerFilters): ShopifyCustomerSearch {
  const terms = [
    ...idTerms(filters),
    ...dateTerms('customer_date', filters.createdAt, 0),
    ...dateTerms('updated_at', filters.updatedAt, dayMs),
    ...(filters.email === undefined ? [] : [`email:${quoteSearchValue(filters.email)}`]),
    ...(filters.search === undefined ? [] : [escapeFreeText(filters.search)]),
  ].filter((term) => term !== '');
  return {
    query: terms.length === 0 ? null : terms.join(' '),
    recheck: hasRecheckedFilter(filters),
    byIds: filters.ids !== undefined,
    countable: filters.search === undefined && !hasRecheckedFilter(filters),
  };
}

function hasRecheckedFilter(filters: CustomerFilters): boolean {
  return (
    filters.email !== undefined ||
    filters.name !== undefined ||
    filters.createdAt !== undefined ||
    filters.updatedAt !== undefined
  );
}
