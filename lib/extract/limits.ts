/**
 * The bounds every extraction works within (SECURITY.md rule 5: bounded parsing of untrusted
 * documents). A hostile or broken file reaches one of these and fails with a reason; it never makes
 * the process read, inflate or hold more than they allow.
 */
export interface ExtractionLimits {
  /** Largest input file read at all, in bytes. */
  maxInputBytes: number;
  /** Most entries a zip container (DOCX, XLSX, PPTX, ODT, ODS, ODP) may list in its central directory. */
  maxZipEntries: number;
  /** Most bytes inflated from one zip container, all entries read together. */
  maxTotalInflatedBytes: number;
  /** Most bytes inflated from any one zip entry. */
  maxEntryInflatedBytes: number;
  /** Highest inflated:compressed ratio allowed for an entry larger than `ratioCheckAboveBytes`. */
  maxCompressionRatio: number;
  /** Entries at or below this inflated size are not held to `maxCompressionRatio`. */
  ratioCheckAboveBytes: number;
  /** Longest text returned, in UTF-8 bytes; longer text is cut there and marked `truncated`. */
  maxTextBytes: number;
  /** Longest time one document may take, in milliseconds. */
  timeLimitMs: number;
}

const MB = 1024 * 1024;

export const defaultExtractionLimits: Readonly<ExtractionLimits> = Object.freeze({
  maxInputBytes: 100 * MB,
  maxZipEntries: 2_000,
  maxTotalInflatedBytes: 200 * MB,
  maxEntryInflatedBytes: 50 * MB,
  maxCompressionRatio: 100,
  ratioCheckAboveBytes: 1 * MB,
  maxTextBytes: 2 * MB,
  timeLimitMs: 30_000,
});

/** The defaults with the caller's overrides; an override that is not a positive number is ignored. */
export function resolveLimits(overrides?: Partial<ExtractionLimits>): ExtractionLimits {
  const limits: ExtractionLimits = { ...defaultExtractionLimits };
  if (!overrides) return limits;
  for (const key of Object.keys(defaultExtractionLimits) as (keyof ExtractionLimits)[]) {
    const value = overrides[key];
    if (typeof value === 'number' && Number.isFinite(value) && value > 0) limits[key] = value;
  }
  return limits;
}
