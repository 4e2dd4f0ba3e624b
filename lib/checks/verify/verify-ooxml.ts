import type { ExtractContext } from '@/lib/extract/result';
import { partsOfType, readRelationships } from '@/lib/extract/ooxml-package';
import { attribute, parseXml } from '@/lib/extract/xml-text';
import type { ZipArchive } from '@/lib/extract/zip';
import { rejected, verified, withArticle, type FormatVerification } from './verification';

/**
 * An Office Open XML package is the format it claims when [Content_Types].xml names a main part of
 * that application's type, the package relationships point at that part, and the part's root element
 * is the application's (w:document, p:presentation, workbook). A zip with other things in it, or a
 * Word document named .xlsx, is not.
 */
const MAIN_PARTS = {
  docx: {
    contentTypes: [
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml',
      'application/vnd.ms-word.document.macroEnabled.main+xml',
      'application/vnd.ms-word.template.macroEnabledTemplate.main+xml',
    ],
    root: 'document',
    label: 'Word document',
  },
  xlsx: {
    contentTypes: [
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml',
      'application/vnd.ms-excel.sheet.macroEnabled.main+xml',
      'application/vnd.ms-excel.template.macroEnabled.main+xml',
    ],
    root: 'workbook',
    label: 'Excel workbook',
  },
  pptx: {
    contentTypes: [
      'application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml',
      'application/vnd.openxmlformats-officedocument.presentationml.slideshow.main+xml',
      'application/vnd.openxmlformats-officedocument.presentationml.template.main+xml',
      'application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml',
      'application/vnd.ms-powerpoint.slideshow.macroEnabled.main+xml',
      'application/vnd.ms-powerpoint.template.macroEnabled.main+xml',
    ],
    root: 'presentation',
    label: 'PowerPoint presentation',
  },
};

export async function verifyOoxml(zip: ZipArchive, format: keyof typeof MAIN_PARTS, context: ExtractContext): Promise<FormatVerification> {
  const expected = MAIN_PARTS[format];
  const notIt = `It is a zip file, but there is no ${expected.label} inside it.`;
  if (!zip.has('[Content_Types].xml')) return rejected(notIt);

  const overrides = new Map<string, string>();
  const defaults = new Map<string, string>();
  await parseXml(
    await zip.stream('[Content_Types].xml'),
    {
      open(element) {
        const type = attribute(element, 'ContentType');
        if (!type) return;
        if (element.local === 'Override') overrides.set((attribute(element, 'PartName') ?? '').replace(/^\//, '').toLowerCase(), type);
        else if (element.local === 'Default') defaults.set((attribute(element, 'Extension') ?? '').toLowerCase(), type);
      },
    },
    { context },
  );
  const relationships = await readRelationships(zip, '', context);
  const main = partsOfType(relationships, 'officeDocument').find((part) => zip.has(part));
  if (!main) return rejected(notIt);
  // Part names are case-insensitive in the Open Packaging Conventions.
  const type = overrides.get(main.toLowerCase()) ?? defaults.get(main.slice(main.lastIndexOf('.') + 1).toLowerCase());
  if (!type || !expected.contentTypes.includes(type)) {
    const actual = Object.values(MAIN_PARTS).find((other) => type && other.contentTypes.includes(type));
    return rejected(actual ? `It is ${withArticle(actual.label)}, not ${withArticle(expected.label)}.` : notIt);
  }

  let root: string | undefined;
  await parseXml(await zip.stream(main), { open: (element) => void (root ??= element.local) }, { context, shouldStop: () => root !== undefined });
  if (root !== expected.root) return rejected(notIt);
  return verified();
}
