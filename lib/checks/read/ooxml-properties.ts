import type { ExtractContext } from '@/lib/extract/result';
import { partsOfType, readRelationships } from '@/lib/extract/ooxml-package';
import { parseXml } from '@/lib/extract/xml-text';
import type { ZipArchive } from '@/lib/extract/zip';
import type { FindingDraft } from '../build-report';
import { metadataNameDraft } from './metadata-names';

/**
 * The document properties every Office Open XML package may carry (docProps/core.xml: title,
 * creator, lastModifiedBy; docProps/app.xml: Manager), found through the package relationships as
 * Office finds them, with the usual names as a fallback.
 */
export interface OoxmlProperties {
  title: string;
  creator: string;
  lastModifiedBy: string;
  manager: string;
}

export async function readOoxmlProperties(zip: ZipArchive, context: ExtractContext): Promise<OoxmlProperties> {
  const relationships = await readRelationships(zip, '', context);
  const core = partsOfType(relationships, 'core-properties').find((part) => zip.has(part)) ?? (zip.has('docProps/core.xml') ? 'docProps/core.xml' : undefined);
  const app = partsOfType(relationships, 'extended-properties').find((part) => zip.has(part)) ?? (zip.has('docProps/app.xml') ? 'docProps/app.xml' : undefined);
  const values = new Map<string, string>();
  for (const part of [core, app]) {
    if (part) await readSimpleElements(zip, part, context, new Set(['title', 'creator', 'lastModifiedBy', 'Manager']), values);
  }
  return {
    title: values.get('title') ?? '',
    creator: values.get('creator') ?? '',
    lastModifiedBy: values.get('lastModifiedBy') ?? '',
    manager: values.get('Manager') ?? '',
  };
}

export function propertyDrafts(properties: OoxmlProperties): FindingDraft[] {
  return [
    metadataNameDraft('author', properties.creator, 'its author'),
    metadataNameDraft('last-modified-by', properties.lastModifiedBy, 'the last person to save it'),
    metadataNameDraft('author', properties.manager, 'a manager'),
  ].filter((draft): draft is FindingDraft => draft !== undefined);
}

/** The text of each named top-level element of a small XML part (by local name), trimmed. */
export async function readSimpleElements(zip: ZipArchive, part: string, context: ExtractContext, names: ReadonlySet<string>, into: Map<string, string>): Promise<void> {
  let current: string | undefined;
  await parseXml(
    await zip.stream(part),
    {
      open: (element) => void (current = names.has(element.local) ? element.local : current),
      close: (local) => void (local === current && (current = undefined)),
      text: (text) => {
        if (current) into.set(current, `${into.get(current) ?? ''}${text}`.slice(0, 1000));
      },
    },
    { context },
  );
  for (const [key, value] of into) into.set(key, value.trim());
}
