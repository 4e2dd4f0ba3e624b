import { beforeAll, describe, expect, it } from 'vitest';
import { extractText } from '@/lib/extract';
import { detectFormat } from '@/lib/materials/detect-format';
import { starterKitDocumentSources } from '@/lib/seed/starter-kit-documents';
import { generateAlternativeFormats, type AlternativeFormat } from './generate-alternative-formats';
import { markdownFacts, wordsOf } from './testing/markdown-facts';
import { descendants, firstLocalHeader, parseXmlTree, readPackage, textOf, type PackageEntry, type XmlNode } from './testing/read-package';

/**
 * Every starter-kit template, generated as DOCX and ODT and read back: with the hub's own extractor
 * (the words match the Markdown's), and by parsing the XML (headings, tables, lists, properties,
 * language, the ODF package rules). The expectations come from the Markdown's own lines
 * (testing/markdown-facts.ts), not from the reader the generators use.
 */

const sources = starterKitDocumentSources(new Date('2026-01-15T09:00:00Z'));

interface Generated {
  docx: AlternativeFormat;
  odt: AlternativeFormat;
  docxParts: Map<string, PackageEntry>;
  odtParts: PackageEntry[];
}

const generated = new Map<string, Generated>();

beforeAll(async () => {
  for (const source of sources) {
    const files = await generateAlternativeFormats(source.markdown, source.properties);
    const docx = files.find((file) => file.format === 'docx')!;
    const odt = files.find((file) => file.format === 'odt')!;
    const docxParts = new Map((await readPackage(docx.body)).map((entry) => [entry.name, entry]));
    generated.set(source.name, { docx, odt, docxParts, odtParts: await readPackage(odt.body) });
  }
});

function part(parts: Map<string, PackageEntry> | PackageEntry[], name: string): XmlNode {
  const entry = parts instanceof Map ? parts.get(name) : parts.find((candidate) => candidate.name === name);
  if (!entry) throw new Error(`no ${name}`);
  return parseXmlTree(entry.data);
}

/**
 * The Markdown's words as the hub's extractor reads them. A heading that starts with a number
 * ("## 10. What alpha should test") is given to it with the number's dot escaped, which means the
 * same in Markdown: the extractor takes "10. " at the start of any line, headings included, for a
 * list marker and drops it, while the heading really says "10." (a bug of lib/extract/plain-text.ts).
 */
function markdownWords(markdown: string): Promise<string[]> {
  return extractedWords('md', Buffer.from(markdown.replace(/^(#{1,6}[ \t]+\d{1,9})([.)])/gm, '$1\\$2')));
}

/** Whether a Word on/off property is on: present, and not written as off (`w:val="off"`, "0" or "false"). */
function isOn(elements: XmlNode[]): boolean {
  return elements.some((element) => !['0', 'false', 'off'].includes(element.attributes['w:val'] ?? 'on'));
}

async function extractedWords(format: string, body: Buffer): Promise<string[]> {
  const result = await extractText({ format, body, sizeBytes: body.length });
  if (result.status !== 'done') throw new Error(`${format}: ${result.status}`);
  return wordsOf(result.text);
}

it('covers the whole starter kit', () => {
  expect(sources.map((source) => source.name)).toHaveLength(11);
});

describe.each(sources.map((source) => [source.name, source] as const))('%s', (name, source) => {
  const facts = markdownFacts(source.markdown);
  const files = () => generated.get(name)!;

  describe('DOCX', () => {
    it('is accepted by the hub as a Word document, by its name and its content', async () => {
      const check = await detectFormat(`${name}.docx`, files().docx.body);
      expect(check.ok && check.format.code).toBe('docx');
      expect(files().docx.contentType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    });

    it("reads back, through the hub's extractor, as the Markdown's words", async () => {
      expect(await extractedWords('docx', files().docx.body)).toEqual(await markdownWords(source.markdown));
    });

    it("has the Markdown's headings, in order, as Word heading styles with outline levels", () => {
      const body = part(files().docxParts, 'word/document.xml');
      const headings = descendants(body, 'w:p').flatMap((paragraph) => {
        const style = descendants(paragraph, 'w:pStyle')[0]?.attributes['w:val'] ?? '';
        const match = /^Heading([1-9])$/.exec(style);
        return match ? [{ level: Number(match[1]), words: wordsOf(descendants(paragraph, 'w:t').map(textOf).join('')) }] : [];
      });
      expect(headings).toEqual(facts.headings.map((heading) => ({ level: heading.level, words: wordsOf(heading.text) })));

      const styles = part(files().docxParts, 'word/styles.xml');
      for (const level of new Set(facts.headings.map((heading) => heading.level))) {
        const style = descendants(styles, 'w:style').find((candidate) => candidate.attributes['w:styleId'] === `Heading${level}`);
        expect(descendants(style!, 'w:name')[0]?.attributes['w:val']).toBe(`heading ${level}`);
        expect(descendants(style!, 'w:outlineLvl')[0]?.attributes['w:val']).toBe(String(level - 1));
      }
    });

    it('has every table, with a repeating header row marked as such unless its header is blank', () => {
      const tables = descendants(part(files().docxParts, 'word/document.xml'), 'w:tbl');
      expect(tables.map((table) => ({ columns: descendants(table, 'w:gridCol').length, blankHeader: !isOn(descendants(table, 'w:tblHeader')) }))).toEqual(
        facts.tables,
      );
      for (const table of tables) {
        const rows = table.children.filter((child) => child.name === 'w:tr');
        // Only the first row may be a header row.
        for (const row of rows.slice(1)) expect(isOn(descendants(row, 'w:tblHeader'))).toBe(false);
      }
    });

    it('has every list item as a Word list paragraph, checklist items with a box to tick', () => {
      const body = part(files().docxParts, 'word/document.xml');
      expect(descendants(body, 'w:numPr')).toHaveLength(facts.listItems);
      expect(descendants(body, 'w14:checkbox')).toHaveLength(facts.checklistItems);
    });

    it('uses no empty paragraphs for spacing', () => {
      const body = part(files().docxParts, 'word/document.xml');
      // A blank table cell holds one empty paragraph, as Word requires; nothing else may be empty.
      const inCells = new Set(descendants(body, 'w:tc').flatMap((cell) => descendants(cell, 'w:p')));
      const empty = descendants(body, 'w:p').filter(
        (paragraph) => !inCells.has(paragraph) && descendants(paragraph, 'w:t').every((t) => t.text.trim() === '') && descendants(paragraph, 'w:sym').length === 0,
      );
      expect(empty).toHaveLength(0);
    });

    it('carries its title, subject, description, keywords, creator and language', () => {
      const core = part(files().docxParts, 'docProps/core.xml');
      const value = (element: string) => textOf(descendants(core, element)[0] ?? { name: '', attributes: {}, children: [], text: '' });
      expect(value('dc:title')).toBe(source.properties.title);
      expect(value('dc:subject')).toBe(source.properties.subject);
      expect(value('dc:description')).toBe(source.properties.description);
      expect(value('cp:keywords')).toBe(source.properties.keywords!.join(', '));
      expect(value('dc:creator')).toBe('Discovery Commons');
      expect(value('dc:language')).toBe('en-GB');
      expect(value('dcterms:created')).toBe('2026-01-15T09:00:00Z');
      const defaults = descendants(part(files().docxParts, 'word/styles.xml'), 'w:docDefaults')[0]!;
      expect(descendants(defaults, 'w:lang')[0]?.attributes['w:val']).toBe('en-GB');
    });
  });

  describe('ODT', () => {
    it('is accepted by the hub as an OpenDocument text, by its name and its content', async () => {
      const check = await detectFormat(`${name}.odt`, files().odt.body);
      expect(check.ok && check.format.code).toBe('odt');
      expect(files().odt.contentType).toBe('application/vnd.oasis.opendocument.text');
    });

    it("reads back, through the hub's extractor, as the Markdown's words", async () => {
      expect(await extractedWords('odt', files().odt.body)).toEqual(await markdownWords(source.markdown));
    });

    it('is a well-formed package: mimetype first and stored, a manifest listing every part, every part well-formed XML', () => {
      const header = firstLocalHeader(files().odt.body);
      expect(header).toMatchObject({ signatureOk: true, name: 'mimetype', method: 0, extraLength: 0, dataDescriptor: false, encrypted: false });
      expect(files().odt.body.subarray(header.dataStart, header.dataStart + 39).toString('ascii')).toBe('application/vnd.oasis.opendocument.text');

      const entries = files().odtParts;
      expect(entries[0]).toMatchObject({ name: 'mimetype', compressionMethod: 0 });
      expect(entries[0]!.data.toString('ascii')).toBe('application/vnd.oasis.opendocument.text');

      const manifest = part(entries, 'META-INF/manifest.xml');
      const listed = descendants(manifest, 'manifest:file-entry').map((entry) => entry.attributes['manifest:full-path']);
      const stored = entries.map((entry) => entry.name).filter((entryName) => entryName !== 'mimetype' && entryName !== 'META-INF/manifest.xml');
      expect(listed.filter((path) => path !== '/').sort()).toEqual(stored.sort());
      expect(stored).toEqual(expect.arrayContaining(['content.xml', 'styles.xml', 'meta.xml']));
      const rootEntry = descendants(manifest, 'manifest:file-entry').find((entry) => entry.attributes['manifest:full-path'] === '/');
      expect(rootEntry?.attributes['manifest:media-type']).toBe('application/vnd.oasis.opendocument.text');

      for (const entry of entries.filter((candidate) => candidate.name.endsWith('.xml'))) expect(() => parseXmlTree(entry.data)).not.toThrow();
    });

    it("has the Markdown's headings, in order, as text:h with outline levels and heading styles", () => {
      const content = part(files().odtParts, 'content.xml');
      const headings = descendants(content, 'text:h').map((heading) => ({ level: Number(heading.attributes['text:outline-level']), words: wordsOf(textOf(heading)) }));
      expect(headings).toEqual(facts.headings.map((heading) => ({ level: heading.level, words: wordsOf(heading.text) })));

      const styles = part(files().odtParts, 'styles.xml');
      for (const level of [1, 2, 3, 4]) {
        const style = descendants(styles, 'style:style').find((candidate) => candidate.attributes['style:name'] === `Heading_20_${level}`);
        expect(style?.attributes['style:default-outline-level']).toBe(String(level));
      }
    });

    it('has every table, with its header row in table:table-header-rows unless its header is blank', () => {
      const tables = descendants(part(files().odtParts, 'content.xml'), 'table:table');
      expect(
        tables.map((table) => ({ columns: descendants(table, 'table:table-column').length, blankHeader: descendants(table, 'table:table-header-rows').length === 0 })),
      ).toEqual(facts.tables);
      for (const table of tables) {
        for (const header of descendants(table, 'table:table-header-rows')) expect(descendants(header, 'table:table-row')).toHaveLength(1);
      }
    });

    it('has every list item as a text:list-item, checklist items starting with a box', () => {
      const content = part(files().odtParts, 'content.xml');
      const items = descendants(content, 'text:list-item');
      expect(items).toHaveLength(facts.listItems);
      expect(items.filter((item) => /^[☐☒] /.test(textOf(item.children[0]!)))).toHaveLength(facts.checklistItems);
    });

    it('uses no empty paragraphs for spacing', () => {
      const content = part(files().odtParts, 'content.xml');
      const paragraphs = [...descendants(content, 'text:p'), ...descendants(content, 'text:h')];
      const inCells = new Set(descendants(content, 'table:table-cell').flatMap((cell) => descendants(cell, 'text:p')));
      // A blank table cell holds one empty paragraph, as ODF requires; nothing else may be empty.
      expect(paragraphs.filter((paragraph) => !inCells.has(paragraph) && textOf(paragraph).trim() === '')).toHaveLength(0);
    });

    it('carries its title, subject, description, keywords, creator and language', () => {
      const meta = part(files().odtParts, 'meta.xml');
      const value = (element: string) => descendants(meta, element).map(textOf);
      expect(value('dc:title')).toEqual([source.properties.title]);
      expect(value('dc:subject')).toEqual([source.properties.subject]);
      expect(value('dc:description')).toEqual([source.properties.description]);
      expect(value('meta:keyword')).toEqual(source.properties.keywords);
      expect(value('meta:initial-creator')).toEqual(['Discovery Commons']);
      expect(value('dc:language')).toEqual(['en-GB']);
      expect(value('meta:creation-date')).toEqual(['2026-01-15T09:00:00Z']);

      const defaultStyle = descendants(part(files().odtParts, 'styles.xml'), 'style:default-style').find((style) => style.attributes['style:family'] === 'paragraph')!;
      const textProperties = descendants(defaultStyle, 'style:text-properties')[0]!;
      expect(textProperties.attributes).toMatchObject({ 'fo:language': 'en', 'fo:country': 'GB' });
    });
  });
});
