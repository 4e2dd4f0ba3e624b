import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { synonymGroups } from '@/lib/search/synonyms';
import { vocabularies } from '@/lib/taxonomy/vocabularies';
import type { SuggestionVocabularies } from '../tags/vocabularies';

/**
 * The hub's vocabularies in the shape suggestTags takes, for tests and benchmarks: phases, artefact
 * types and topics from lib/taxonomy, the LGSL list from lib/taxonomy/data/local_services.csv and
 * the synonym groups from lib/search/synonyms.txt. The hub's own code would build the same from the
 * same functions. Run from the project root (the files are found from the working directory).
 */
export function loadSuggestionVocabularies(): SuggestionVocabularies {
  const v = vocabularies();
  const rows = parse(fs.readFileSync(path.join(process.cwd(), 'lib', 'taxonomy', 'data', 'local_services.csv'), 'utf8'), { columns: true, skip_empty_lines: true, trim: true }) as Record<string, string>[];
  return {
    artefactTypes: v.artefactTypes.map(({ slug, label, description }) => ({ slug, label, description })),
    phases: v.phases.map(({ slug, label, description }) => ({ slug, label, description })),
    topics: v.topics.map(({ slug, label, lgslCodes }) => ({ slug, label, lgslCodes })),
    localServices: rows.map((row) => ({ lgsl: Number(row.LGSL), description: row.Description ?? '' })),
    synonyms: synonymGroups(),
  };
}
