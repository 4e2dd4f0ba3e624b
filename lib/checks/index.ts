/**
 * Checking uploaded files before they are published: personal data, hidden content and accessibility
 * signals (checkDocument), that the whole file is the format it claims (verifyFormat), a copy without
 * the hidden content (cleanDocument), and suggested tags (suggestTags). See README.md.
 */
export { checkDocument, CHECKED_FORMATS, type CheckInput, type CheckOptions } from './check-document';
export type { CheckReport, FindingCounts } from './report';
export type { Finding, FindingCategory, FindingKind, Likelihood, Location, Guidance } from './findings';
export { describeLocation } from './findings';
export { verifyFormat, type FormatVerification } from './verify/verify-format';
export { cleanDocument, type CleanOptions, type CleanResult } from './clean/clean-document';
export { suggestTags, type Evidence, type SuggestionVocabularies, type TagSuggestion, type TagSuggestions } from './tags/suggest-tags';
