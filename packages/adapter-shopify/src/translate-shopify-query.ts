import {
  type CustomerFilters,
  type CustomerSort,
  type DateRange,
  hasExtendedFilters,
  type NumberRange,
} from '@unicart/core';

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
  /** `CustomerSortKeys` (§2.1): `ID` unless another sort is asked. */
  readonly sortKey: 'ID' | 'CREATED_AT' | 'UPDATED_AT';
  /** Descending order. */
  readonly reverse: boolean;
}

/**
 * Shopify's sort keys of the canonical sorts. Shopify orders ties by id, `reverse` reversing both
 * (sheet §2.1); its `NAME` sorts by the full name, first name first, which is not the contract's
 * `name` order, and there is no email sort: only these are declared.
 */
const sortKeys = { createdAt: 'CREATED_AT', updatedAt: 'UPDATED_AT', id: 'ID' } as const;

/** The canonical sorts Shopify honours: a key of `sortKeys`. */
export function isShopifySortKey(key: CustomerSort['key']): key is keyof typeof sortKeys {
  return key in sortKeys;
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

function boundTerms(field: string, range: NumberRange | undefined): string[] {
  if (range === undefined) return [];
  return [
    ...(range.min === undefined ? [] : [`${field}:>=${range.min}`]),
    ...(range.max === undefined ? [] : [`${field}:<=${range.max}`]),
  ];
}

/**
 * §4's filters as search terms (sheet §2.1), each narrowing Shopify's answer; every result is
 * re-checked (`accepts_marketing:false` also finds customers without an email, whose consent is
 * `null`). `phone` has no term whose matching is known: it is checked on the scan's summaries.
 */
function extendedTerms(filters: CustomerFilters): string[] {
  const terms = [
    ...(filters.acceptsMarketing === undefined ? [] : [`accepts_marketing:${filters.acceptsMarketing}`]),
    ...boundTerms('orders_count', filters.ordersCount),
    ...boundTerms('total_spent', filters.totalSpent),
    // One term per tag: a comma list would match any of them, the contract wants every one.
    ...(filters.tags ?? []).map((tag) => `tag:${quoteSearchValue(tag)}`),
  ];
  if (filters.country !== undefined) {
    const alternatives = filters.country.map((code) => `country:${code}`);
    terms.push(alternatives.length === 1 ? (alternatives[0] as string) : `(${alternatives.join(' OR ')})`);
  }
  return terms;
}

/**
 * Canonical filters → Shopify search terms, joined by spaces (implicit AND). Ids are digits only
 * (core validated them); dates are quoted; `updated_at` matches whole days (sheet §2.1), so its
 * bounds are widened by a day and every customer is re-checked; email is one quoted phrase.
 */
export function translateShopifyQuery(filters: CustomerFilters, sort?: CustomerSort): ShopifyCustomerSearch {
  const terms = [
    ...extendedTerms(filters),
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
    sortKey: sort !== undefined && isShopifySortKey(sort.key) ? sortKeys[sort.key] : 'ID',
    reverse: sort?.direction === 'desc',
  };
}

function hasRecheckedFilter(filters: CustomerFilters): boolean {
  return (
    hasExtendedFilters(filters) ||
    filters.email !== undefined ||
    filters.name !== undefined ||
    filters.createdAt !== undefined ||
    filters.updatedAt !== undefined
  );
}
