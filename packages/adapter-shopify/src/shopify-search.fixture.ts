/**
 * Test support: the subset of Shopify's search syntax (sheet §2.1) the adapter sends, parsed as
 * strictly as the sheet describes it, so that a wrongly quoted or escaped value fails a test:
 * whitespace is AND; OR only between the terms of a parenthesised group; `field:value` with the
 * comparators `:` `:>` `:>=` `:<` `:<=`; values bare (backslash escapes), 'single' or "double" quoted.
 */

export interface SearchTerm {
  readonly kind: 'term';
  /** `null` for free text. */
  readonly field: string | null;
  readonly comparator: '' | '>' | '>=' | '<' | '<=';
  readonly value: string;
  readonly quoted: boolean;
}

export type SearchNode =
  | SearchTerm
  | { readonly kind: 'and'; readonly nodes: readonly SearchNode[] }
  | { readonly kind: 'or'; readonly nodes: readonly SearchNode[] };

/** A query the double refuses: the adapter sent something outside the subset (a bug). */
export class UnsupportedSearchError extends Error {}

const connective = (node: SearchNode | 'OR'): node is 'OR' => node === 'OR';

export function parseShopifySearch(text: string): SearchNode {
  let position = 0;

  function readQuoted(quote: string): string {
    let value = '';
    position += 1;
    while (position < text.length && text[position] !== quote) {
      if (text[position] === '\\') position += 1;
      value += text[position] ?? '';
      position += 1;
    }
    if (position >= text.length) throw new UnsupportedSearchError(`Unterminated quote in: ${text}`);
    position += 1;
    return value;
  }

  function readTerm(): SearchTerm | 'OR' {
    let field: string | null = null;
    let comparator: SearchTerm['comparator'] = '';
    let value = '';
    let quoted = false;
    let bare = '';
    while (position < text.length && !/[\s()]/.test(text[position] as string)) {
      const char = text[position] as string;
      if (char === '\\') {
        value += text[position + 1] ?? '';
        bare += '\\';
        position += 2;
      } else if (char === '"' || char === "'") {
        value += readQuoted(char);
        quoted = true;
        bare += char;
      } else if (char === ':' && field === null) {
        field = value;
        value = '';
        position += 1;
        comparator = (/^(?:>=|<=|>|<)/.exec(text.slice(position))?.[0] ?? '') as SearchTerm['comparator'];
        position += comparator.length;
      } else if (char === '-' && field === null && bare === '') {
        throw new UnsupportedSearchError(`Unescaped negation in: ${text}`);
      } else {
        value += char;
        bare += char;
        position += 1;
      }
    }
    if (field === null && !quoted && /^(?:OR|AND|NOT)$/.test(bare)) {
      if (bare !== 'OR')
        throw new UnsupportedSearchError(`Connective ${bare} is outside the subset: ${text}`);
      return 'OR';
    }
    return { kind: 'term', field, comparator, value, quoted };
  }

  function readSequence(inGroup: boolean): SearchNode {
    const items: (SearchNode | 'OR')[] = [];
    for (;;) {
      while (/\s/.test(text[position] ?? '')) position += 1;
      const char = text[position];
      if (char === undefined) break;
      if (char === ')') {
        if (!inGroup) throw new UnsupportedSearchError(`Unbalanced ')' in: ${text}`);
        position += 1;
        return combine(items, true);
      }
      if (char === '(') {
        position += 1;
        items.push(readSequence(true));
        continue;
      }
      items.push(readTerm());
    }
    if (inGroup) throw new UnsupportedSearchError(`Unbalanced '(' in: ${text}`);
    return combine(items, false);
  }

  function combine(items: readonly (SearchNode | 'OR')[], group: boolean): SearchNode {
    if (!items.some(connective)) return { kind: 'and', nodes: items as SearchNode[] };
    // The sheet gives no precedence of OR over AND: only a group of ORed terms is accepted.
    const alternatives = items.filter((item, index) =>
      index % 2 === 0 ? !connective(item) : connective(item),
    );
    if (!group || alternatives.length !== items.length || items.length % 2 === 0) {
      throw new UnsupportedSearchError(`OR must join the terms of one parenthesised group: ${text}`);
    }
    return { kind: 'or', nodes: items.filter((item): item is SearchNode => !connective(item)) };
  }

  return readSequence(false);
}

/** Every term of a query, for checking which fields it uses. */
export function searchTerms(node: SearchNode): SearchTerm[] {
  return node.kind === 'term' ? [node] : node.nodes.flatMap(searchTerms);
}

/** Whether `node` holds, given how each single term is judged. */
export function evaluateSearch(node: SearchNode, matches: (term: SearchTerm) => boolean): boolean {
  if (node.kind === 'term') return matches(node);
  if (node.kind === 'and') return node.nodes.every((child) => evaluateSearch(child, matches));
  return node.nodes.some((child) => evaluateSearch(child, matches));
}

/** Compares with a search comparator (`''` is equality). */
export function compareWith(comparator: SearchTerm['comparator'], order: number): boolean {
  switch (comparator) {
    case '>':
      return order > 0;
    case '>=':
      return order >= 0;
    case '<':
      return order < 0;
    case '<=':
      return order <= 0;
    default:
      return order === 0;
  }
}
