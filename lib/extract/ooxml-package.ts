import { ExtractionError, type ExtractContext } from './result';
import { attribute, parseXml } from './xml-text';
import { resolvePartName, type ZipArchive } from './zip';

/**
 * What DOCX, PPTX and XLSX share as Office Open XML packages (ECMA-376): parts are found the way
 * Office finds them, through relationships (`_rels/.rels`, then the main part's own `.rels`), with the
 * usual part names as a fallback; only the parts that hold text are inflated. Elements are matched by
 * local name, so the transitional and strict namespaces (and any prefix a producer picked) read alike.
 * Each format's reader is its own file: docx.ts, pptx.ts, xlsx.ts.
 */

/** Subtrees never read: `mc:Fallback` repeats `mc:Choice` (text boxes would come out twice). */
export const SKIPPED = new Set(['Fallback']);

export interface Relationship {
  id: string;
  type: string;
  /** The part it points to, resolved to a zip entry name; undefined for external targets. */
  part: string | undefined;
}

/** The `[Content_Types].xml` every OOXML package has: without it this is some other zip. */
export function requireContentTypes(zip: ZipArchive): void {
  if (!zip.has('[Content_Types].xml')) throw new ExtractionError('malformed', 'no [Content_Types].xml: not an Office Open XML package');
}

/** The package's main part, through `_rels/.rels`, else the usual name; malformed when neither exists. */
export async function mainPart(zip: ZipArchive, context: ExtractContext, usual: string): Promise<string> {
  const packageRelationships = await readRelationships(zip, '', context);
  const main = partsOfType(packageRelationships, 'officeDocument').find((part) => zip.has(part));
  if (main) return main;
  if (zip.has(usual)) return usual;
  throw new ExtractionError('malformed', 'no main document part');
}

/** The relationships of a part ('' for the package itself); none when it has no `.rels`. */
export async function readRelationships(zip: ZipArchive, part: string, context: ExtractContext): Promise<Relationship[]> {
  const slash = part.lastIndexOf('/');
  const folder = slash === -1 ? '' : part.slice(0, slash);
  const file = slash === -1 ? part : part.slice(slash + 1);
  const relsName = `${folder ? `${folder}/` : ''}_rels/${file}.rels`;
  if (!zip.has(relsName)) return [];
  const relationships: Relationship[] = [];
  await parseXml(
    await zip.stream(relsName),
    {
      open(element) {
        if (element.local !== 'Relationship') return;
        const id = attribute(element, 'Id');
        const type = attribute(element, 'Type');
        const target = attribute(element, 'Target');
        if (!id || !type || !target) return;
        const external = attribute(element, 'TargetMode') === 'External';
        relationships.push({ id, type, part: external ? undefined : resolvePartName(folder, target) });
      },
    },
    { context },
  );
  return relationships;
}

/** Parts of one relationship type (matched on the type's last word, so strict and transitional both match). */
export function partsOfType(relationships: Relationship[], typeName: string): string[] {
  return relationships.filter((r) => r.part && r.type.endsWith(`/${typeName}`)).map((r) => r.part!);
}

/** A count the authoring application recorded in `docProps/app.xml` (`Pages`, `Slides`), when sane. */
export async function declaredCount(zip: ZipArchive, context: ExtractContext, element: string): Promise<number | undefined> {
  const packageRelationships = await readRelationships(zip, '', context);
  const part = partsOfType(packageRelationships, 'extended-properties').find((p) => zip.has(p)) ?? (zip.has('docProps/app.xml') ? 'docProps/app.xml' : undefined);
  if (!part) return undefined;
  let inside = 0;
  let value = '';
  try {
    await parseXml(
      await zip.stream(part),
      {
        open: (e) => void (e.local === element && inside++),
        close: (local) => void (local === element && inside--),
        text: (t) => void (inside > 0 && (value += t)),
      },
      { context },
    );
  } catch (error) {
    // The document's own text has been read; a broken properties part only loses the count.
    if (error instanceof ExtractionError && error.reason === 'malformed') return undefined;
    throw error;
  }
  const count = Number.parseInt(value.trim(), 10);
  return Number.isInteger(count) && count > 0 && count < 1_000_000 ? count : undefined;
}

/** Entry names matching a pattern with one number in it, in numeric order. */
export function numbered(names: string[], pattern: RegExp): string[] {
  return names
    .map((name) => ({ name, n: Number(pattern.exec(name)?.[1]) }))
    .filter((x) => Number.isFinite(x.n))
    .sort((a, b) => a.n - b.n)
    .map((x) => x.name);
}
