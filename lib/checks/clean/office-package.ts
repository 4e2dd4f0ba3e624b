import yazl from 'yazl';
import { resolvePartName, ZipArchive } from '@/lib/extract/zip';
import type { ExtractContext } from '@/lib/extract/result';
import { attribute, parseXml, type XmlElement } from '@/lib/extract/xml-text';
import { rewriteXml, type RewriteRules } from './rewrite-xml';

/**
 * An Office Open XML package held in memory for editing: every entry read through lib/extract's
 * bounded ZipArchive (entry count and inflation checked), parts removed together with everything that
 * points at them (their relationships in every .rels part, the elements that use those relationship
 * ids, their content-type overrides), XML parts rewritten, and the whole written back with `yazl`.
 */
export class OfficePackage {
  private readonly removed = new Set<string>();

  private constructor(
    private readonly entries: Map<string, Buffer>,
    private readonly context: ExtractContext,
  ) {}

  static async open(data: Buffer, context: ExtractContext): Promise<OfficePackage> {
    const zip = await ZipArchive.open(data, context.limits, context.signal);
    try {
      const entries = new Map<string, Buffer>();
      for (const name of zip.names()) if (!name.endsWith('/')) entries.set(name, await zip.read(name));
      return new OfficePackage(entries, context);
    } finally {
      zip.close();
    }
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  names(): string[] {
    return [...this.entries.keys()];
  }

  get(name: string): Buffer | undefined {
    return this.entries.get(name);
  }

  /** Removes a part and its own relationships part. References to it are cleared by `removeDanglingReferences`. */
  removePart(name: string): void {
    if (!this.entries.delete(name)) return;
    this.removed.add(name);
    this.entries.delete(relationshipsPartOf(name));
  }

  /** A part's relationships (its .rels part), with targets resolved to part names; external ones have none. */
  async relationshipsOf(part: string): Promise<{ id: string; type: string; part: string | undefined }[]> {
    const rels = this.entries.get(relationshipsPartOf(part));
    if (!rels) return [];
    const folder = part.includes('/') ? part.slice(0, part.lastIndexOf('/')) : '';
    const found: { id: string; type: string; part: string | undefined }[] = [];
    await parseXml(
      rels,
      {
        open(element) {
          if (element.local !== 'Relationship') return;
          const external = attribute(element, 'TargetMode') === 'External';
          found.push({ id: attribute(element, 'Id') ?? '', type: attribute(element, 'Type') ?? '', part: external ? undefined : resolvePartName(folder, attribute(element, 'Target') ?? '') });
        },
      },
      { context: this.context },
    );
    return found;
  }

  /** The parts a part points at through relationships whose type ends with one of `types`. */
  async relatedParts(part: string, types: string[]): Promise<string[]> {
    return (await this.relationshipsOf(part)).filter((r) => r.part && types.some((type) => r.type.endsWith(`/${type}`))).map((r) => r.part!);
  }

  /** How many elements of a local name a part has (0 when there is no such part). */
  async count(part: string, local: string): Promise<number> {
    const data = this.entries.get(part);
    if (!data) return 0;
    let count = 0;
    await parseXml(data, { open: (element) => void (element.local === local && count++) }, { context: this.context });
    return count;
  }

  async rewrite(name: string, rules: RewriteRules): Promise<void> {
    const data = this.entries.get(name);
    if (data) this.entries.set(name, await rewriteXml(data, rules, this.context));
  }

  /**
   * Takes out every relationship that points at a removed part (or that `alsoDrop` names), then every
   * element of the source part that uses one of those relationship ids (`r:id`, `r:embed`…), then
   * the removed parts' content-type overrides.
   */
  async removeDanglingReferences(alsoDrop: (relationship: XmlElement) => boolean = () => false): Promise<void> {
    for (const relsPart of this.names().filter((name) => name.endsWith('.rels'))) {
      const source = sourcePartOf(relsPart);
      const folder = source.includes('/') ? source.slice(0, source.lastIndexOf('/')) : '';
      const dropped = new Set<string>();
      await this.rewrite(relsPart, {
        action: (element) => {
          if (element.local !== 'Relationship') return 'keep';
          const external = attribute(element, 'TargetMode') === 'External';
          const target = external ? undefined : resolvePartName(folder, attribute(element, 'Target') ?? '');
          if ((target && this.removed.has(target)) || alsoDrop(element)) {
            dropped.add(attribute(element, 'Id') ?? '');
            return 'drop';
          }
          return 'keep';
        },
      });
      if (dropped.size > 0 && this.has(source)) await this.rewrite(source, dropReferencesTo(dropped));
    }
    await this.rewrite('[Content_Types].xml', {
      action: (element) => (element.local === 'Override' && this.removed.has((attribute(element, 'PartName') ?? '').replace(/^\//, '')) ? 'drop' : 'keep'),
    });
  }

  /** The package as a zip, entries in their original order, deflated. */
  async toBuffer(): Promise<Buffer> {
    const zip = new yazl.ZipFile();
    for (const [name, data] of this.entries) zip.addBuffer(data, name, { compress: true, mtime: FIXED_TIME });
    zip.end();
    const parts: Buffer[] = [];
    for await (const chunk of zip.outputStream) parts.push(chunk as Buffer);
    return Buffer.concat(parts);
  }
}

/** A fixed modification time for every entry, so the file does not record when it was cleaned. */
const FIXED_TIME = new Date(Date.UTC(1980, 0, 1, 0, 0, 0));

/**
 * Drops every element that uses one of `ids` through an attribute in the relationships namespace
 * (r:id, r:embed, r:link…, whatever the prefix is bound to: transitional and strict URIs both end in
 * "relationships").
 */
function dropReferencesTo(ids: ReadonlySet<string>): RewriteRules {
  const prefixes = new Set<string>();
  return {
    action(element) {
      for (const [name, value] of Object.entries(element.attributes)) {
        if (name.startsWith('xmlns:') && /\/relationships$/.test(value)) prefixes.add(name.slice(6));
      }
      for (const [name, value] of Object.entries(element.attributes)) {
        const colon = name.indexOf(':');
        if (colon > 0 && prefixes.has(name.slice(0, colon)) && ids.has(value)) return 'drop';
      }
      return 'keep';
    },
  };
}

/** "word/document.xml" → "word/_rels/document.xml.rels"; "" (the package) → "_rels/.rels". */
export function relationshipsPartOf(part: string): string {
  const slash = part.lastIndexOf('/');
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

/** "word/_rels/document.xml.rels" → "word/document.xml"; "_rels/.rels" → "" (the package). */
function sourcePartOf(relsPart: string): string {
  const match = /^(.*?)_rels\/(.*)\.rels$/.exec(relsPart);
  return match ? `${match[1]}${match[2]}` : '';
}
