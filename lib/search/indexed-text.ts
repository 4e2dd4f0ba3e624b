/**
 * How much of a file's text search looks at: the Postgres engine's trigger folds the first this many
 * characters of the latest version's text into the search vector (drizzle/0004_…), and the
 * Meilisearch documents carry as much. Pages say so when a file is longer. Safe to import anywhere.
 */
export const indexedTextCharacters = 600_000;
