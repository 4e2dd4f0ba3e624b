import 'server-only';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { SuggestionVocabularies } from '@/lib/checks';
import { synonymGroups } from '@/lib/search/synonyms';
import { vocabularies } from '@/lib/taxonomy/vocabularies';

let loaded: SuggestionVocabularies | undefined;

/**
 * The hub's vocabularies in the shape suggestTags takes (lib/checks/README.md, "Tag suggestions"):
 * phases, types and service areas (lib/taxonomy), the LGSL services and the search synonyms. Read
 * once per process.
 */
export function suggestionVocabularies(): SuggestionVocabularies {
  if (loaded) return loaded;
  const v = vocabularies();
  const file = path.join(process.cwd(), 'lib', 'taxonomy', 'data', 'local_services.csv');
  const rows = parse(fs.readFileSync(file, 'utf8'), { columns: true, skip_empty_lines: true, trim: true }) as Record<string, string>[];
  loaded = {
    artefactTypes: v.artefactTypes.map(({ slug, label, description }) => ({ slug, label, description })),
    phases: v.phases.map(({ slug, label, description }) => ({ slug, label, description })),
    topics: v.topics.map(({ slug, label, lgslCodes }) => ({ slug, label, lgslCodes })),
    localServices: rows.map((row) => ({ lgsl: Number(row.LGSL), description: row.Description ?? '' })),
    synonyms: synonymGroups(),
  };
  return loaded;
}
