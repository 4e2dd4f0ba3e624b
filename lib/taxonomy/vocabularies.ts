import 'server-only';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';

/**
 * The hub's controlled vocabularies, read from the CSV files in lib/taxonomy/data/ (copied from the
 * shared taxonomy; update them there and copy again). Loaded once; the same lists are written to the
 * database at start so rows can reference them.
 */

const dataDir = path.join(process.cwd(), 'lib', 'taxonomy', 'data');
const pipeList = (value: string) => value.split('|').map((v) => v.trim()).filter(Boolean);

const phaseRow = z.object({ slug: z.string().min(1), label: z.string().min(1), description: z.string() });
const kindRow = phaseRow;
const artefactTypeRow = z.object({
  slug: z.string().min(1),
  label: z.string().min(1),
  typical_phases: z.string(),
  description: z.string(),
});
const topicRow = z.object({ slug: z.string().min(1), label: z.string().min(1), lgsl_codes: z.string() });
const licenceRow = z.object({ spdx: z.string().min(1), label: z.string().min(1), url: z.string(), default: z.enum(['yes', 'no']) });
const councilRow = z.object({
  id: z.string(),
  gss: z.string().min(1),
  tier_id: z.enum(['1', '2', '3']),
  slug: z.string().min(1),
  country_name: z.string(),
  homepage_url: z.string(),
  name: z.string().min(1),
});

export interface VocabularyItem {
  slug: string;
  label: string;
  description: string;
}
export interface ArtefactType extends VocabularyItem {
  typicalPhases: string[];
}
export interface Topic {
  slug: string;
  label: string;
  lgslCodes: number[];
}
export interface Licence {
  spdx: string;
  label: string;
  url: string;
  isDefault: boolean;
}
export interface Council {
  gssCode: string;
  slug: string;
  name: string;
  tier: 'county' | 'district' | 'unitary';
  country: string;
  homepageUrl: string;
  /** A first guess at the council's email domain: its homepage host without `www.`. */
  emailDomain: string | undefined;
}

export interface Vocabularies {
  phases: VocabularyItem[];
  artefactTypes: ArtefactType[];
  kinds: VocabularyItem[];
  topics: Topic[];
  licences: Licence[];
  councils: Council[];
}

function readCsv<T>(file: string, row: z.ZodType<T>): T[] {
  const records = parse(fs.readFileSync(path.join(dataDir, file), 'utf8'), {
    columns: true,
    skip_empty_lines: true,
    trim: true,
  }) as unknown[];
  return records.map((record, index) => {
    const parsed = row.safeParse(record);
    if (!parsed.success) throw new Error(`${file} line ${index + 2}: ${parsed.error.issues[0]?.message}`);
    return parsed.data;
  });
}

const tiers = { '1': 'county', '2': 'district', '3': 'unitary' } as const;

function emailDomainOf(homepageUrl: string): string | undefined {
  try {
    return new URL(homepageUrl).hostname.replace(/^www\./, '').toLowerCase() || undefined;
  } catch {
    return undefined;
  }
}

function load(): Vocabularies {
  return {
    phases: readCsv('phases.csv', phaseRow),
    kinds: readCsv('kinds.csv', kindRow),
    artefactTypes: readCsv('artefact-types.csv', artefactTypeRow).map((r) => ({
      slug: r.slug,
      label: r.label,
      description: r.description,
      typicalPhases: pipeList(r.typical_phases),
    })),
    topics: readCsv('topics.csv', topicRow).map((r) => ({
      slug: r.slug,
      label: r.label,
      lgslCodes: pipeList(r.lgsl_codes).map(Number),
    })),
    licences: readCsv('licences.csv', licenceRow).map((r) => ({
      spdx: r.spdx,
      label: r.label,
      url: r.url,
      isDefault: r.default === 'yes',
    })),
    councils: readCsv('local-authorities.csv', councilRow).map((r) => ({
      gssCode: r.gss,
      slug: r.slug,
      name: r.name,
      tier: tiers[r.tier_id],
      country: r.country_name,
      homepageUrl: r.homepage_url,
      emailDomain: emailDomainOf(r.homepage_url),
    })),
  };
}

let cached: Vocabularies | undefined;

export function vocabularies(): Vocabularies {
  cached ??= load();
  return cached;
}

export function defaultLicence(): Licence {
  const { licences } = vocabularies();
  const found = licences.find((l) => l.isDefault) ?? licences[0];
  if (!found) throw new Error('licences.csv is empty');
  return found;
}

/** Label for a slug in one vocabulary, or the slug itself if it is unknown. */
export function labelOf(list: { slug: string; label: string }[], slug: string): string {
  return list.find((item) => item.slug === slug)?.label ?? slug;
}
