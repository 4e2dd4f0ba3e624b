import type { ExtractContext } from '@/lib/extract/result';
import { parseXml, prefixedAttribute } from '@/lib/extract/xml-text';
import type { ZipArchive } from '@/lib/extract/zip';

/**
 * What an OpenDocument file says about itself: meta.xml's first author (meta:initial-creator), last
 * author (dc:creator), title and language; and, when meta.xml gives no language, the default
 * paragraph style's language in styles.xml.
 */
export async function readOpenDocumentMeta(zip: ZipArchive, context: ExtractContext): Promise<{ initialCreator: string; creator: string; title: string; language: string }> {
  const values = { initialCreator: '', creator: '', title: '', language: '' };
  if (!zip.has('meta.xml')) return values;
  const fields: Record<string, keyof typeof values> = { 'initial-creator': 'initialCreator', creator: 'creator', title: 'title', language: 'language' };
  let current: keyof typeof values | undefined;
  await parseXml(
    await zip.stream('meta.xml'),
    {
      open: (element) => void (current = fields[element.local]),
      close: () => void (current = undefined),
      text: (value) => void (current && values[current].length < 1000 && (values[current] += value)),
    },
    { context },
  );
  return { initialCreator: values.initialCreator.trim(), creator: values.creator.trim(), title: values.title.trim(), language: values.language.trim() };
}

/** The language of the default paragraph style in styles.xml (fo:language), which LibreOffice always writes. */
export async function openDocumentDefaultLanguage(zip: ZipArchive, context: ExtractContext): Promise<string | undefined> {
  if (!zip.has('styles.xml')) return undefined;
  let language: string | undefined;
  let inDefault = 0;
  await parseXml(
    await zip.stream('styles.xml'),
    {
      open(element) {
        if (element.local === 'default-style') inDefault++;
        else if (inDefault > 0 && element.local === 'text-properties') {
          const value = prefixedAttribute(element, 'language');
          if (value && value !== 'zxx' && value !== 'none') language = value;
        }
      },
      close: (local) => void (local === 'default-style' && inDefault--),
    },
    { context },
  );
  return language;
}
