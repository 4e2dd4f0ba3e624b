// For tests only: reads Meilisearch filter expressions back, to check what a filter would match
// without a server (none can run on the build machines). Quoted values are read the way Meilisearch's
// filter parser does (crates/filter-parser/src/value.rs: a value runs to the first double quote not
// preceded by a backslash; then \" becomes " and \\ becomes \).
import type { Filter } from 'meilisearch';

export type Node =
  | { op: 'and' | 'or'; children: Node[] }
  | { op: '='; attribute: string; value: string }
  | { op: 'in'; attribute: string; values: string[] }
  | { op: 'exists'; attribute: string };

type Token = { kind: 'word' | 'string' | 'punct'; text: string };

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const c = input[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if ('()[],='.includes(c)) {
      tokens.push({ kind: 'punct', text: c });
      i++;
    } else if (c === '"') {
      let j = i + 1;
      let raw = '';
      for (;;) {
        if (j >= input.length) throw new Error(`missing closing quote in ${input}`);
        const d = input[j]!;
        if (d === '"') break;
        if (d === '\\') {
          if (j + 1 >= input.length) throw new Error('malformed value: a backslash at the very end');
          raw += d + input[j + 1];
          j += 2;
        } else {
          raw += d;
          j++;
        }
      }
      tokens.push({ kind: 'string', text: unescapeValue(raw.replaceAll('\\"', '"')) });
      i = j + 1;
    } else if (/[\p{L}\p{N}_.-]/u.test(c)) {
      let j = i;
      while (j < input.length && /[\p{L}\p{N}_.-]/u.test(input[j]!)) j++;
      tokens.push({ kind: 'word', text: input.slice(i, j) });
      i = j;
    } else {
      throw new Error(`unexpected ${JSON.stringify(c)} in ${input}`);
    }
  }
  return tokens;
}

/** Meilisearch then unescapes the value; only \\ can remain in what quoteFilterValue writes. */
function unescapeValue(raw: string): string {
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] !== '\\') {
      out += raw[i];
      continue;
    }
    const next = raw[++i];
    if (next === '\\') out += '\\';
    else if (next === '"') out += '"';
    else throw new Error(`an escape Meilisearch would read differently: \\${next}`);
  }
  return out;
}

export function parse(input: string): Node {
  const tokens = tokenize(input);
  let at = 0;
  const peek = () => tokens[at];
  const take = (text?: string) => {
    const token = tokens[at++];
    if (!token || (text !== undefined && token.text !== text)) throw new Error(`expected ${text ?? 'more'} in ${input}`);
    return token;
  };
  const expr = (): Node => {
    const children = [conjunction()];
    while (peek()?.kind === 'word' && peek()!.text === 'OR') {
      take();
      children.push(conjunction());
    }
    return children.length === 1 ? children[0]! : { op: 'or', children };
  };
  const conjunction = (): Node => {
    const children = [primary()];
    while (peek()?.kind === 'word' && peek()!.text === 'AND') {
      take();
      children.push(primary());
    }
    return children.length === 1 ? children[0]! : { op: 'and', children };
  };
  const value = () => {
    const token = take();
    if (token.kind === 'punct') throw new Error(`expected a value in ${input}`);
    return token.text;
  };
  const primary = (): Node => {
    if (peek()?.text === '(' && peek()?.kind === 'punct') {
      take('(');
      const inner = expr();
      take(')');
      return inner;
    }
    const attribute = take();
    if (attribute.kind !== 'word') throw new Error(`expected an attribute in ${input}`);
    const op = take();
    if (op.text === 'EXISTS') return { op: 'exists', attribute: attribute.text };
    if (op.text === '=') return { op: '=', attribute: attribute.text, value: value() };
    if (op.text === 'IN') {
      take('[');
      const values = [value()];
      while (peek()?.text === ',') {
        take(',');
        values.push(value());
      }
      take(']');
      return { op: 'in', attribute: attribute.text, values };
    }
    throw new Error(`unexpected ${op.text} in ${input}`);
  };
  const node = expr();
  if (at !== tokens.length) throw new Error(`left over after the expression: ${input}`);
  return node;
}

/** A filter array as Meilisearch reads it: outer AND, inner OR. */
export function parseArray(filter: Filter): Node {
  const parts = typeof filter === 'string' ? [filter] : filter;
  return {
    op: 'and',
    children: parts.map((part) => (typeof part === 'string' ? parse(part) : { op: 'or', children: part.map(parse) })),
  };
}

export function matches(node: Node, document: Record<string, unknown>): boolean {
  const has = (attribute: string, value: string) => {
    const field = document[attribute];
    return Array.isArray(field) ? field.includes(value) : field === value;
  };
  switch (node.op) {
    case 'and':
      return node.children.every((child) => matches(child, document));
    case 'or':
      return node.children.some((child) => matches(child, document));
    case '=':
      return has(node.attribute, node.value);
    case 'in':
      return node.values.some((value) => has(node.attribute, value));
    case 'exists':
      return node.attribute in document;
  }
}
