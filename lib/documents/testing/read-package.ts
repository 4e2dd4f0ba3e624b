import { SaxesParser } from 'saxes';
import yauzl from 'yauzl';

/**
 * Test-only readers for the generated files: the zip's entries in the order they are stored (with
 * each one's compression method and local header), and each XML part as a small element tree. Not
 * used by the library itself.
 */

export interface PackageEntry {
  name: string;
  /** 0 = stored, 8 = deflated. */
  compressionMethod: number;
  data: Buffer;
}

export async function readPackage(zip: Buffer): Promise<PackageEntry[]> {
  const file = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(zip, { lazyEntries: true }, (error, opened) => (error ? reject(error) : resolve(opened))),
  );
  const entries: PackageEntry[] = [];
  await new Promise<void>((resolve, reject) => {
    file.on('error', reject);
    file.on('end', () => resolve());
    file.on('entry', (entry: yauzl.Entry) => {
      file.openReadStream(entry, (error, stream) => {
        if (error) return reject(error);
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('error', reject);
        stream.on('end', () => {
          entries.push({ name: entry.fileName, compressionMethod: entry.compressionMethod, data: Buffer.concat(chunks) });
          file.readEntry();
        });
      });
    });
    file.readEntry();
  });
  return entries;
}

/** The first local file header of a zip, read byte by byte (ODF's rules for `mimetype` are about it). */
export function firstLocalHeader(zip: Buffer): {
  signatureOk: boolean;
  /** General-purpose flag bit 3: sizes follow the data instead of being in this header. */
  dataDescriptor: boolean;
  encrypted: boolean;
  method: number;
  name: string;
  extraLength: number;
  dataStart: number;
} {
  const nameLength = zip.readUInt16LE(26);
  const extraLength = zip.readUInt16LE(28);
  return {
    signatureOk: zip.readUInt32LE(0) === 0x04034b50,
    dataDescriptor: (zip.readUInt16LE(6) & 0x0008) !== 0,
    encrypted: (zip.readUInt16LE(6) & 0x0001) !== 0,
    method: zip.readUInt16LE(8),
    name: zip.subarray(30, 30 + nameLength).toString('utf8'),
    extraLength,
    dataStart: 30 + nameLength + extraLength,
  };
}

export interface XmlNode {
  /** The qualified name as written ("w:p", "text:h"). */
  name: string;
  attributes: Record<string, string>;
  children: XmlNode[];
  /** The character data directly inside this element. */
  text: string;
}

/** A whole XML part as a tree; throws if it is not well-formed or has a DOCTYPE. */
export function parseXmlTree(xml: string | Buffer): XmlNode {
  const parser = new SaxesParser({ xmlns: false });
  const root: XmlNode = { name: '#document', attributes: {}, children: [], text: '' };
  const stack: XmlNode[] = [root];
  parser.on('doctype', () => {
    throw new Error('a DOCTYPE in a generated part');
  });
  parser.on('opentag', (tag) => {
    const node: XmlNode = { name: tag.name, attributes: { ...(tag.attributes as Record<string, string>) }, children: [], text: '' };
    stack[stack.length - 1]!.children.push(node);
    stack.push(node);
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  parser.on('text', (text) => {
    stack[stack.length - 1]!.text += text;
  });
  parser.write(typeof xml === 'string' ? xml : xml.toString('utf8')).close();
  const [documentElement] = root.children;
  if (!documentElement) throw new Error('an XML part with no root element');
  return documentElement;
}

/** Every element below `node` with this name, in document order. */
export function descendants(node: XmlNode, name: string): XmlNode[] {
  const found: XmlNode[] = [];
  const visit = (current: XmlNode) => {
    for (const child of current.children) {
      if (child.name === name) found.push(child);
      visit(child);
    }
  };
  visit(node);
  return found;
}

/** All the character data below `node`, in order: its own and its descendants'. */
export function textOf(node: XmlNode): string {
  return node.text + node.children.map(textOf).join('');
}
