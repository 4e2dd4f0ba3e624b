/**
 * A very small RDF model for the catalogue, written out as JSON-LD or as Turtle from the same nodes,
 * so the two documents always hold the same graph. Predicates and types are prefixed names from
 * `prefixes` (constants of this code, never data); subjects and IRIs are absolute URLs; literals are
 * any text, escaped by each writer. Safe to import anywhere.
 */

export const prefixes = {
  dcat: 'http://www.w3.org/ns/dcat#',
  dct: 'http://purl.org/dc/terms/',
  foaf: 'http://xmlns.com/foaf/0.1/',
  schema: 'https://schema.org/',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
} as const;

export type Term = { iri: string } | { literal: string; datatype?: `xsd:${string}` };
export interface RdfNode {
  id: string;
  types: string[];
  /** In order; a predicate may repeat. */
  properties: [predicate: string, object: Term | RdfNode][];
}

export const iri = (value: string): Term => ({ iri: value });
export const literal = (value: string, datatype?: `xsd:${string}`): Term => (datatype ? { literal: value, datatype } : { literal: value });

const isNode = (object: Term | RdfNode): object is RdfNode => 'properties' in object;

// ---- JSON-LD -------------------------------------------------------------------------------------

/** The @context: the prefixes, so the document reads with the same names as the Turtle. */
export const jsonLdContext = { ...prefixes };

function jsonLdValue(object: Term | RdfNode): unknown {
  if (isNode(object)) return jsonLdNode(object);
  if ('iri' in object) return { '@id': object.iri };
  return object.datatype ? { '@value': object.literal, '@type': object.datatype } : object.literal;
}

/** A node object, with nested nodes inline. JSON.stringify does the escaping of the text. */
export function jsonLdNode(node: RdfNode): Record<string, unknown> {
  const out: Record<string, unknown> = { '@id': node.id, '@type': node.types.length === 1 ? node.types[0] : node.types };
  for (const [predicate, object] of node.properties) {
    const value = jsonLdValue(object);
    const existing = out[predicate];
    out[predicate] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return out;
}

// ---- Turtle ----------------------------------------------------------------------------------------

export function turtlePrefixes(): string {
  return Object.entries(prefixes)
    .map(([prefix, namespace]) => `@prefix ${prefix}: <${namespace}> .\n`)
    .join('');
}

/**
 * A string literal in double quotes (Turtle's STRING_LITERAL_QUOTE): backslash and quote escaped,
 * line breaks and tab as \n \r \t, other control characters (and lone surrogates, which no RDF
 * text may hold) as \u escapes or removed.
 */
export function turtleString(text: string): string {
  const escaped = text
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '')
    .replace(/[\\"\n\r\t\u0000-\u001f\u007f]/g, (c) => {
      switch (c) {
        case '\\':
          return '\\\\';
        case '"':
          return '\\"';
        case '\n':
          return '\\n';
        case '\r':
          return '\\r';
        case '\t':
          return '\\t';
        default:
          return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()}`;
      }
    });
  return `"${escaped}"`;
}

/**
 * An IRI in angle brackets. Turtle forbids spaces, controls and <>"{}|^`\ inside; they are
 * percent-encoded, as a URL would have them (our IRIs are URLs the hub made, so this is a safeguard).
 */
export function turtleIri(value: string): string {
  return `<${value.replace(/[\u0000-\u0020<>"{}|^`\\]/g, (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0').toUpperCase()}`)}>`;
}

function turtleTerm(term: Term): string {
  if ('iri' in term) return turtleIri(term.iri);
  return term.datatype ? `${turtleString(term.literal)}^^${term.datatype}` : turtleString(term.literal);
}

/** The node's statements, then those of the nodes nested in it (each named by its IRI). */
export function turtleNode(node: RdfNode): string {
  const nested: RdfNode[] = [];
  const lines = [`${turtleIri(node.id)} a ${node.types.join(', ')}`];
  for (const [predicate, object] of node.properties) {
    if (isNode(object)) {
      nested.push(object);
      lines.push(`    ${predicate} ${turtleIri(object.id)}`);
    } else {
      lines.push(`    ${predicate} ${turtleTerm(object)}`);
    }
  }
  return `${lines.join(' ;\n')} .\n\n${nested.map(turtleNode).join('')}`;
}
