/**
 * The hub's vocabularies, passed in as data: this library does not read lib/taxonomy or any file.
 * The caller builds this from lib/taxonomy (phases, artefact types, topics with LGSL codes), the
 * LGSL list (local_services.csv) and lib/search/synonyms.txt (`synonymGroups()`).
 */
export interface SuggestionVocabularies {
  artefactTypes: { slug: string; label: string; description?: string }[];
  phases: { slug: string; label: string; description?: string }[];
  topics: { slug: string; label: string; lgslCodes: number[] }[];
  /** Local Government Service List entries: code and description ("Find out about free school meals"). */
  localServices: { lgsl: number; description: string }[];
  /** Groups of terms that mean the same thing, lower case ("bins", "waste", "refuse"). */
  synonyms: string[][];
}
