import { SaxesParser } from 'saxes';
import { checkpoint, ExtractionError, type ExtractContext } from './result';
import { TextSink } from './text-sink';

/**
 * Streaming XML reading for the zip-based formats, with `saxes`: a non-validating SAX parser that
 * never fetches anything. It knows only the five predefined entities and character references, so
 * an entity declared in a DOCTYPE (external `SYSTEM "file:///…"` or internal "billion laughs") is
 * never expanded: a reference to one is an error. On top of that, a DOCTYPE is refused outright
 * unless the caller allows it: OOXML (ECMA-376 Part 2, the Open Packaging Conventions) forbids DTDs,
 * and ODF producers never write them.
 */

export interface XmlElement {
  /** The name as written, with its prefix: `w:p`. */
  name: string;
  /** The name without its prefix: `p`. Formats match on this, whatever prefix a producer chose. */
  local: string;
  /** Attribute values by name as written, with prefixes (see `attribute` and `prefixedAttribute`). */
  attributes: Record<string, string>;
}

/** An attribute by its local name: the unprefixed one if there is one, else the first prefixed one. */
export function attribute(element: XmlElement, local: string): string | undefined {
  return element.attributes[local] ?? prefixedAttribute(element, local);
}

/**
 * A prefixed attribute by its local name, whatever the prefix: `r:id` in `<p:sldId id="256" r:id="rId2"/>`,
 * where the unprefixed `id` is another attribute.
 */
export function prefixedAttribute(element: XmlElement, local: string): string | undefined {
  for (const [name, value] of Object.entries(element.attributes)) {
    const colon = name.indexOf(':');
    if (colon !== -1 && name.slice(colon + 1) === local) return value;
  }
  return undefined;
}

export interface XmlVisitor {
  open?(element: XmlElement): void;
  close?(local: string, name: string): void;
  text?(text: string): void;
}

export interface XmlParseOptions {
  /** The extraction's time limit: checked between chunks (parsing stops with a timeout failure). */
  context?: ExtractContext;
  /** Asked after each chunk: true stops reading early (the text is already long enough). */
  shouldStop?: () => boolean;
  /** Accept a DOCTYPE (its entities are still never expanded). Off by default. */
  allowDoctype?: boolean;
}

export type XmlSource = Buffer | string | AsyncIterable<Buffer | string>;

const CHUNK = 64 * 1024;

/**
 * Feeds `source` through the visitor. Resolves when the document ends or when `shouldStop` says
 * so (then `stoppedEarly` is true); rejects with an ExtractionError ('malformed' for bad XML,
 * 'timeout' when the signal aborts).
 */
export async function parseXml(source: XmlSource, visitor: XmlVisitor, options: XmlParseOptions = {}): Promise<{ stoppedEarly: boolean }> {
  const parser = new SaxesParser({ xmlns: false, position: false });
  parser.on('opentag', (node) => {
    if (!visitor.open) return;
    visitor.open({ name: node.name, local: localName(node.name), attributes: node.attributes as Record<string, string> });
  });
  parser.on('closetag', (node) => visitor.close?.(localName(node.name), node.name));
  parser.on('text', (text) => visitor.text?.(text));
  parser.on('cdata', (text) => visitor.text?.(text));
  if (!options.allowDoctype) {
    parser.on('doctype', () => {
      throw new ExtractionError('malformed', 'XML document type declarations are not allowed here');
    });
  }

  const decoder = new ChunkDecoder();
  let stoppedEarly = false;
  try {
    for await (const chunk of chunks(source)) {
      if (options.context) await checkpoint(options.context);
      const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk);
      if (text.length > 0) parser.write(text);
      if (options.shouldStop?.()) {
        stoppedEarly = true;
        break;
      }
    }
    if (!stoppedEarly) {
      const rest = decoder.end();
      if (rest.length > 0) parser.write(rest);
      parser.close();
    }
  } catch (error) {
    if (error instanceof ExtractionError) throw error;
    throw new ExtractionError('malformed', `XML is not well-formed: ${(error as Error)?.message ?? String(error)}`, { cause: error });
  }
  return { stoppedEarly };
}

/**
 * All the character data of an XML document, one element's text after another, normalised. A
 * generic fallback, and the simplest way to see that entities are never expanded.
 */
export async function xmlToText(source: XmlSource, options: XmlParseOptions & { maxBytes?: number } = {}): Promise<string> {
  const sink = new TextSink(options.maxBytes ?? 2 * 1024 * 1024);
  await parseXml(
    source,
    { open: () => sink.space(), close: () => sink.space(), text: (t) => sink.text(t) },
    { ...options, shouldStop: () => sink.full || (options.shouldStop?.() ?? false) },
  );
  return sink.toString();
}

/**
 * Wraps a visitor so that nothing inside the named elements (by local name) reaches it: for
 * example `mc:Fallback`, which repeats what `mc:Choice` already holds.
 */
export function skipping(localNames: ReadonlySet<string>, visitor: XmlVisitor): XmlVisitor {
  let depth = 0;
  return {
    open(element) {
      if (depth > 0 || localNames.has(element.local)) {
        depth++;
        return;
      }
      visitor.open?.(element);
    },
    close(local, name) {
      if (depth > 0) {
        depth--;
        return;
      }
      visitor.close?.(local, name);
    },
    text(text) {
      if (depth === 0) visitor.text?.(text);
    },
  };
}

export function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon === -1 ? name : name.slice(colon + 1);
}

async function* chunks(source: XmlSource): AsyncIterable<Buffer | string> {
  if (typeof source === 'string' || Buffer.isBuffer(source)) {
    for (let i = 0; i < source.length; i += CHUNK) yield source.slice(i, i + CHUNK);
    return;
  }
  yield* source;
}

/**
 * Bytes to text for XML: a byte-order mark picks UTF-8 or UTF-16, otherwise the XML declaration's
 * `encoding` (when this runtime knows it), otherwise UTF-8. Characters split across chunks are kept.
 */
class ChunkDecoder {
  private decoder: TextDecoder | undefined;
  private head: Buffer | undefined;

  decode(chunk: Buffer): string {
    if (!this.decoder) {
      this.head = this.head ? Buffer.concat([this.head, chunk]) : chunk;
      if (this.head.length < 4) return '';
      this.decoder = new TextDecoder(sniffEncoding(this.head));
      const head = this.head;
      this.head = undefined;
      return this.decoder.decode(head, { stream: true });
    }
    return this.decoder.decode(chunk, { stream: true });
  }

  end(): string {
    if (!this.decoder) {
      if (!this.head || this.head.length === 0) return '';
      this.decoder = new TextDecoder(sniffEncoding(this.head));
      const head = this.head;
      this.head = undefined;
      return this.decoder.decode(head);
    }
    return this.decoder.decode();
  }
}

function sniffEncoding(head: Buffer): string {
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  if (head[0] === 0x3c && head[1] === 0x00) return 'utf-16le';
  if (head[0] === 0x00 && head[1] === 0x3c) return 'utf-16be';
  const declaration = /^(?:\xEF\xBB\xBF)?<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]{1,40})["']/.exec(head.subarray(0, 200).toString('latin1'));
  const label = declaration?.[1];
  if (label && !/^utf-?16/i.test(label)) {
    try {
      return new TextDecoder(label).encoding;
    } catch {
      // An encoding this runtime does not know: read as UTF-8.
    }
  }
  return 'utf-8';
}
