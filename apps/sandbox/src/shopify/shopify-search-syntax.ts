/** A comparator of a field term (sheet §2.1). */
export type SearchComparator = ':' | ':<' | ':>' | ':<=' | ':>=';

/** One term: `field:>=value`, `field:a..b`, `value*`, or free text (`field` null). */
export interface SearchTerm {
  readonly kind: 'term';
  /** Lower-case field name, or `null` for free text. */
  readonly field: string | null;
  readonly comparator: SearchComparator;
  /** The value, unquoted and unescaped. */
  readonly value: string;
  /** Whether (part of) the value was quoted: a phrase, matched as a whole. */
  readonly quoted: boolean;
  /** A trailing unquoted `*`: the value is a prefix; `*` alone means "has any value". */
  readonly prefix: boolean;
  /** Upper end of a range `a..b` (the value is then the lower end). */
  readonly rangeTo: string | null;
}

/** A parsed search query. */
export type SearchNode =
  | SearchTerm
  | { readonly kind: 'and'; readonly children: readonly SearchNode[] }
  | { readonly kind: 'or'; readonly children: readonly SearchNode[] }
  | { readonly kind: 'not'; readonly child: SearchNode };

/** A character of a word and whether it was escaped or quoted (so it carries no syntax). */
interface WordCharacter {
  readonly character: string;
  readonly literal: boolean;
  readonly quoted: boolean;
}

type Token =
  | { readonly kind: 'open' }
  | { readonly kind: 'close' }
  | { readonly kind: 'word'; readonly characters: WordCharacter[] };

/** Splits a query into words and parentheses; quotes group spaces, a backslash escapes one character. */
function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  let word: WordCharacter[] | null = null;
  const endWord = () => {
    if (word !== null && word.length > 0) tokens.push({ kind: 'word', characters: word });
    word = null;
  };
  for (let index = 0; index < query.length; index++) {
    const character = query[index] as string;
    if (/\s/.test(character)) {
      endWord();
    } else if (character === '\\' && index + 1 < query.length) {
      word ??= [];
      word.push({ character: query[++index] as string, literal: true, quoted: false });
    } else if (character === '"' || character === "'") {
      word ??= [];
      let inner = index + 1;
      // Inside quotes a backslash still escapes the next character (`"a \"b\""`), the quote included.
      for (; inner < query.length && query[inner] !== character; inner++) {
        if (query[inner] === '\\' && inner + 1 < query.length) inner++;
        word.push({ character: query[inner] as string, literal: true, quoted: true });
      }
      index = inner;
    } else if ((character === '(' || character === ')') && (word === null || word.length === 0)) {
      tokens.push({ kind: character === '(' ? 'open' : 'close' });
    } else if (character === ')') {
      endWord();
      tokens.push({ kind: 'close' });
    } else {
      word ??= [];
      word.push({ character, literal: false, quoted: false });
    }
  }
  endWord();
  return tokens;
}

const textOf = (characters: readonly WordCharacter[]) => characters.map((entry) => entry.character).join('');

function connectiveOf(token: Token | undefined): 'OR' | 'AND' | 'NOT' | null {
  if (token?.kind !== 'word' || token.characters.some((entry) => entry.literal)) return null;
  const text = textOf(token.characters);
  return text === 'OR' || text === 'AND' || text === 'NOT' ? text : null;
}

function indexOfSyntax(characters: readonly WordCharacter[], symbol: string, from = 0): number {
  for (let index = from; index <= characters.length - symbol.length; index++) {
    const slice = characters.slice(index, index + symbol.length);
    if (slice.every((entry, offset) => !entry.literal && entry.character === symbol[offset])) return index;
  }
  return -1;
}

function termOf(characters: WordCharacter[]): SearchNode {
  if (characters.length > 1 && characters[0]?.character === '-' && !characters[0].literal) {
    return { kind: 'not', child: termOf(characters.slice(1)) };
  }
  const colon = indexOfSyntax(characters, ':');
  let field: string | null = null;
  let comparator: SearchComparator = ':';
  let valueCharacters = characters;
  if (colon > 0) {
    field = textOf(characters.slice(0, colon)).toLowerCase();
    valueCharacters = characters.slice(colon + 1);
    for (const symbol of ['<=', '>=', '<', '>'] as const) {
      if (indexOfSyntax(valueCharacters, symbol) === 0) {
        comparator = `:${symbol}`;
        valueCharacters = valueCharacters.slice(symbol.length);
        break;
      }
    }
  }
  const last = valueCharacters[valueCharacters.length - 1];
  const prefix = last !== undefined && last.character === '*' && !last.literal;
  if (prefix) valueCharacters = valueCharacters.slice(0, -1);
  const range = comparator === ':' ? indexOfSyntax(valueCharacters, '..') : -1;
  return {
    kind: 'term',
    field,
    comparator,
    value: textOf(range === -1 ? valueCharacters : valueCharacters.slice(0, range)),
    quoted: valueCharacters.some((entry) => entry.quoted),
    prefix,
    rangeTo: range === -1 ? null : textOf(valueCharacters.slice(range + 2)),
  };
}

/**
 * Parses Shopify's search syntax (sheet §2.1): whitespace is an implicit AND, `OR`, `AND`, `NOT`
 * or a `-` prefix, parentheses, `field:value` with `:<` `:>` `:<=` `:>=`, ranges `a..b`, quoted
 * phrases, `*` prefixes and backslash escapes. Unbalanced parentheses are forgiven, as Shopify does.
 */
export function parseSearchQuery(query: string): SearchNode {
  const tokens = tokenize(query);
  let position = 0;

  const parseUnary = (): SearchNode | null => {
    const token = tokens[position];
    if (token === undefined) return null;
    if (connectiveOf(token) === 'NOT') {
      position++;
      const child = parseUnary();
      return child === null ? null : { kind: 'not', child };
    }
    if (token.kind === 'open') {
      position++;
      const inner = parseOr();
      if (tokens[position]?.kind === 'close') position++;
      return inner;
    }
    position++;
    return token.kind === 'word' ? termOf(token.characters) : null;
  };

  const parseAnd = (): SearchNode => {
    const children: SearchNode[] = [];
    while (
      position < tokens.length &&
      tokens[position]?.kind !== 'close' &&
      connectiveOf(tokens[position]) !== 'OR'
    ) {
      if (connectiveOf(tokens[position]) === 'AND') {
        position++;
        continue;
      }
      const child = parseUnary();
      if (child !== null) children.push(child);
    }
    return children.length === 1 ? (children[0] as SearchNode) : { kind: 'and', children };
  };

  function parseOr(): SearchNode {
    const children = [parseAnd()];
    while (connectiveOf(tokens[position]) === 'OR') {
      position++;
      children.push(parseAnd());
    }
    return children.length === 1 ? (children[0] as SearchNode) : { kind: 'or', children };
  }

  const roots: SearchNode[] = [];
  while (position < tokens.length) {
    // A stray closing parenthesis is skipped rather than refused.
    if (tokens[position]?.kind === 'close') {
      position++;
      continue;
    }
    roots.push(parseOr());
  }
  return roots.length === 1 ? (roots[0] as SearchNode) : { kind: 'and', children: roots };
}
