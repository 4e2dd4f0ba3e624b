import 'server-only';
import fs from 'node:fs';
import path from 'node:path';
import type { DocumentProperties, DocumentSource } from '@/lib/documents';
import { labelOf, vocabularies } from '@/lib/taxonomy/vocabularies';
import { starterKitEntries, type StarterKitEntry } from './seed-starter-kit';

const starterKitDir = path.join(process.cwd(), 'lib', 'seed', 'starter-kit');

/**
 * Each starter-kit template as a source for the DOCX and ODT generators: its Markdown, and document
 * properties from its entry in starter-kit.json (title; the type of material as the subject; the
 * summary as the description; the tags as keywords). `created` fixes the files' dates, so the same
 * Markdown gives the same ODT bytes each time.
 */
export function starterKitDocumentSources(created?: Date): DocumentSource[] {
  return starterKitEntries().map((entry) => ({
    name: entry.file.replace(/\.md$/, ''),
    markdown: fs.readFileSync(path.join(starterKitDir, entry.file), 'utf8'),
    properties: starterKitDocumentProperties(entry, created),
  }));
}

/** The document properties of one starter-kit template's DOCX and ODT, from its entry. */
export function starterKitDocumentProperties(entry: StarterKitEntry, created?: Date): DocumentProperties {
  const { artefactTypes } = vocabularies();
  return {
    title: entry.title,
    subject: labelOf(artefactTypes, entry.artefactType),
    description: entry.summary,
    keywords: entry.tags,
    language: 'en-GB',
    ...(created ? { created } : {}),
  };
}
