import 'server-only';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';

/**
 * The import's synonym tables, read from lib/import/synonyms/*.csv (see its README): free-text
 * guesses in a manifest mapped to the hub's vocabularies. Read once; a malformed file stops the
 * import with the file's name.
 */

export interface TypeMapping {
  artefactType: string;
  /** The kind the guess implies; used when the row has no `kind` column. */
  kind: 'template' | 'example' | 'guidance';
  tags?: string[];
}

export interface TopicMapping {
  /** Service areas (the topics vocabulary); empty when the guess names a method, not a service. */
  topics: string[];
  tags: string[];
}

export interface SynonymTables {
  phaseSynonyms: Record<string, string[]>;
  artefactTypeSynonyms: Record<string, TypeMapping>;
  topicSynonyms: Record<string, TopicMapping>;
  licenceSynonyms: Record<string, string>;
}

const dataDir = path.join(process.cwd(), 'lib', 'import', 'synonyms');
const list = (value: string) => value.split('|').map((v) => v.trim()).filter(Boolean);
const key = (value: string) => value.trim().replace(/\s+/g, ' ').toLowerCase();

function read<T extends z.ZodType>(file: string, row: T): z.infer<T>[] {
  const records: unknown = parse(fs.readFileSync(path.join(dataDir, file), 'utf8'), { columns: true, skip_empty_lines: true, trim: true });
  const parsed = z.array(row).safeParse(records);
  if (!parsed.success) throw new Error(`lib/import/synonyms/${file} is not as its README describes: ${parsed.error.message}`);
  return parsed.data;
}

let tables: SynonymTables | undefined;

export function synonymTables(): SynonymTables {
  tables ??= {
    phaseSynonyms: Object.fromEntries(
      read('phases.csv', z.object({ guess: z.string().min(1), phases: z.string().min(1) })).map((r) => [key(r.guess), list(r.phases)]),
    ),
    artefactTypeSynonyms: Object.fromEntries(
      read(
        'artefact-types.csv',
        z.object({ guess: z.string().min(1), artefact_type: z.string().min(1), kind: z.enum(['template', 'example', 'guidance']), tags: z.string() }),
      ).map((r) => [key(r.guess), { artefactType: r.artefact_type, kind: r.kind, ...(r.tags ? { tags: list(r.tags) } : {}) }]),
    ),
    topicSynonyms: Object.fromEntries(
      read('topics.csv', z.object({ guess: z.string().min(1), topics: z.string(), tags: z.string() })).map((r) => [
        key(r.guess),
        { topics: list(r.topics), tags: list(r.tags) },
      ]),
    ),
    licenceSynonyms: Object.fromEntries(
      read('licences.csv', z.object({ spelling: z.string().min(1), spdx: z.string().min(1) })).map((r) => [key(r.spelling), r.spdx]),
    ),
  };
  return tables;
}
