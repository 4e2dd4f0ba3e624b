import 'server-only';
import { parseTags, limits } from '@/lib/materials/material-input';
import { vocabularies } from '@/lib/taxonomy/vocabularies';
import type { ManifestRow } from './manifest';
import { synonymTables } from './synonym-tables';

/**
 * Turns a manifest row's free text into the hub's vocabulary slugs, deterministically:
 *
 *   1. an exact slug or label, ignoring case (and, for slugs, spaces for hyphens: "journey map");
 *   2. the explicit synonym tables below, which cover every guess in the shared corpus manifest;
 *   3. otherwise a documented default, with a warning naming the value:
 *        phases → discovery · artefact type → other · kind → guidance ·
 *        topic → none (the text is kept as a tag) · licence → LicenseRef-ask-owner.
 *
 * Nothing is guessed silently: every synonym used is listed in the report's mappings, every default in
 * its warnings. The tables are data (lib/import/synonyms/*.csv), not heuristics: add a line when a new
 * manifest needs one.
 */

// ---- Defaults -----------------------------------------------------------------------------------

export const defaults = {
  phases: ['discovery'],
  artefactType: 'other',
  kind: 'guidance',
  /** Never relicense: a licence the hub cannot name exactly is recorded as "ask the owner". */
  licence: 'LicenseRef-ask-owner',
} as const;

// ---- Synonym tables: data in lib/import/synonyms/ (see its README for the choices made) -----------

export const { phaseSynonyms, artefactTypeSynonyms, topicSynonyms, licenceSynonyms } = synonymTables();

// ---- Matching -----------------------------------------------------------------------------------

const norm = (value: string) => value.trim().replace(/\s+/g, ' ').toLowerCase();
const slugify = (value: string) =>
  norm(value)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');

/** Rule 1: the slug or the label, ignoring case; then the slug with spaces for hyphens. */
function exactMatch(list: { slug: string; label: string }[], value: string): string | undefined {
  const n = norm(value);
  if (!n) return undefined;
  return (
    list.find((item) => item.slug === n || norm(item.label) === n)?.slug ?? list.find((item) => item.slug === slugify(value))?.slug
  );
}

/**
 * Splits a multi-valued cell on `|` or `;`. A piece that matches nothing but whose comma-separated
 * parts all match is taken as those parts ("discovery, alpha"); labels themselves may contain commas.
 */
function splitValues(value: string, matches: (piece: string) => boolean): string[] {
  const pieces = value
    .split(/[|;]/)
    .map((piece) => piece.trim())
    .filter(Boolean);
  return pieces.flatMap((piece) => {
    if (matches(piece) || !piece.includes(',')) return [piece];
    const parts = piece
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean);
    return parts.every(matches) ? parts : [piece];
  });
}

// ---- The row ------------------------------------------------------------------------------------

export interface Mapping {
  /** The manifest column the value came from. */
  column: string;
  from: string;
  to: string;
  /** 'synonym': the table above said so; 'default': the value was unknown or missing (also warned). */
  via: 'synonym' | 'default';
}

export interface MappedRow {
  /** The answers for createMaterial, as the upload form would post them. */
  fields: Record<string, unknown>;
  mappings: Mapping[];
  warnings: string[];
  /** Problems that stop the row (a council that is not in the list). */
  errors: string[];
}

export function mapManifestRow(row: ManifestRow): MappedRow {
  const v = vocabularies();
  const mappings: Mapping[] = [];
  const warnings: string[] = [];
  const errors: string[] = [];
  const autoTags: string[] = [];
  const join = (values: readonly string[]) => values.join(', ');

  // Phases
  let phases: string[] = [];
  if (row.phases) {
    const { column, value } = row.phases;
    const synonym = phaseSynonyms[norm(value)];
    if (synonym) {
      phases = [...synonym];
      mappings.push({ column, from: value, to: join(synonym), via: 'synonym' });
    } else {
      for (const piece of splitValues(value, (p) => Boolean(exactMatch(v.phases, p) ?? phaseSynonyms[norm(p)]))) {
        const found = exactMatch(v.phases, piece);
        const listed = phaseSynonyms[norm(piece)];
        if (found) phases.push(found);
        else if (listed) {
          phases.push(...listed);
          mappings.push({ column, from: piece, to: join(listed), via: 'synonym' });
        } else warnings.push(`${column} "${piece}" is not a phase in the hub's list, so it is left out`);
      }
    }
  }
  phases = [...new Set(phases)];
  if (phases.length === 0) {
    phases = [...defaults.phases];
    const column = row.phases?.column ?? 'phases';
    warnings.push(`${row.phases ? `no known phase in ${column} "${row.phases.value}"` : 'no phase given'}: recorded as ${join(phases)}`);
    mappings.push({ column, from: row.phases?.value ?? '', to: join(phases), via: 'default' });
  }

  // Artefact type (and the kind it implies)
  let artefactType: string = defaults.artefactType;
  let impliedKind: string | undefined;
  if (row.artefactType) {
    const { column, value } = row.artefactType;
    const found = exactMatch(v.artefactTypes, value);
    const listed = artefactTypeSynonyms[norm(value)];
    if (found) {
      artefactType = found;
      // "case study" is the slug case-study already; the table adds only the kind it implies.
      if (listed?.artefactType === found) {
        impliedKind = listed.kind;
        autoTags.push(...(listed.tags ?? []));
      }
    } else if (listed) {
      artefactType = listed.artefactType;
      impliedKind = listed.kind;
      autoTags.push(...(listed.tags ?? []));
      mappings.push({ column, from: value, to: `${listed.artefactType} (${listed.kind})`, via: 'synonym' });
    } else {
      warnings.push(`${column} "${value}" is not an artefact type in the hub's list: recorded as ${defaults.artefactType}`);
      mappings.push({ column, from: value, to: defaults.artefactType, via: 'default' });
    }
  } else {
    warnings.push(`no artefact type given: recorded as ${defaults.artefactType}`);
    mappings.push({ column: 'artefact_type', from: '', to: defaults.artefactType, via: 'default' });
  }

  // Kind: the column, else what the artefact type guess implies, else the default
  let kind: string = defaults.kind;
  if (row.kind) {
    const found = exactMatch(v.kinds, row.kind.value);
    if (found) kind = found;
    else {
      warnings.push(`kind "${row.kind.value}" is not a kind in the hub's list: recorded as ${defaults.kind}`);
      mappings.push({ column: 'kind', from: row.kind.value, to: defaults.kind, via: 'default' });
    }
  } else if (impliedKind) {
    kind = impliedKind;
  } else {
    warnings.push(`no kind given: recorded as ${defaults.kind}`);
    mappings.push({ column: 'kind', from: '', to: defaults.kind, via: 'default' });
  }

  // Topics
  const topics: string[] = [];
  if (row.topics) {
    const { column, value } = row.topics;
    const matches = (p: string) => Boolean(exactMatch(v.topics, p) ?? topicSynonyms[norm(p)]);
    const pieces = matches(value) ? [value] : splitValues(value, matches);
    for (const piece of pieces) {
      const found = exactMatch(v.topics, piece);
      const listed = topicSynonyms[norm(piece)];
      if (found) topics.push(found);
      else if (listed) {
        topics.push(...listed.topics);
        autoTags.push(...listed.tags);
        const to = [listed.topics.length ? join(listed.topics) : 'no topic', listed.tags.length ? `tags: ${join(listed.tags)}` : '']
          .filter(Boolean)
          .join('; ');
        mappings.push({ column, from: piece, to, via: 'synonym' });
      } else {
        const keep = norm(piece).length <= limits.tag;
        if (keep) autoTags.push(piece);
        warnings.push(
          `${column} "${piece}" is not a service area in the hub's list: no topic recorded${keep ? ', kept as a tag' : ''}`,
        );
        mappings.push({ column, from: piece, to: keep ? `no topic; tag: ${norm(piece)}` : 'no topic', via: 'default' });
      }
    }
  }

  // Tags: the row's own first, then the ones the tables add, within the limit
  const ownTags = parseTags(row.tags);
  const extra = parseTags(autoTags).filter((tag) => !ownTags.includes(tag));
  const room = Math.max(0, limits.tags - ownTags.length);
  if (extra.length > room) {
    warnings.push(`only ${limits.tags} tags are kept: left out ${extra.slice(room).map((t) => `"${t}"`).join(', ')}`);
  }
  const tags = [...ownTags, ...extra.slice(0, room)];

  // Council: organisation slug or GSS code
  let council: string | undefined;
  if (row.council) {
    const byCode = v.councils.find((c) => c.gssCode === row.council.toUpperCase());
    const bySlug = v.councils.find((c) => c.slug === norm(row.council));
    council = (bySlug ?? byCode)?.slug;
    if (!council) errors.push(`council "${row.council}" is not a council slug or GSS code in the hub's list`);
  }

  // Licence
  const licence = mapLicence(row.licence);
  if (licence.mapping) mappings.push(licence.mapping);
  if (licence.warning) warnings.push(licence.warning);

  return {
    fields: {
      title: row.title,
      summary: row.summary,
      phases,
      artefactType,
      kind,
      topics: [...new Set(topics)],
      tags: tags.join(', '),
      council,
      // Only sent when given, so createMaterial checks it (lib/projects/material-project.ts).
      ...(row.project ? { project: row.project } : {}),
      licence: licence.spdx,
      sourceUrl: row.sourceUrl || undefined,
      attribution: attributionFor(row, licence),
    },
    mappings,
    warnings,
    errors,
  };
}

// ---- Licences -----------------------------------------------------------------------------------

export interface LicenceDecision {
  spdx: string;
  /** The licence as published, without the corpus's "- LICENCE" file note, for the attribution. */
  published: string;
  /** "(c) Crown Copyright GDS" in the corpus form → "Crown Copyright GDS". */
  copyright?: string;
  /** True when the hub could not record the published licence and used the fallback. */
  substituted: boolean;
  mapping?: Mapping;
  warning?: string;
}

function licenceId(value: string): string | undefined {
  const n = norm(value);
  if (!n) return undefined;
  const listed = vocabularies().licences.find((l) => l.spdx.toLowerCase() === n || norm(l.label) === n);
  return listed?.spdx ?? licenceSynonyms[n];
}

function isListed(spdx: string): boolean {
  return vocabularies().licences.some((l) => l.spdx === spdx);
}

/**
 * The licence cell, decided:
 *  - an SPDX id or label from the hub's list is used as it is;
 *  - the corpus form `<licences> - <licence file> ((c) <holder>)` is taken apart: the file note is
 *    dropped, the copyright holder kept for the attribution, and of "X (content) / Y (code)" the
 *    content licence is the one that applies (these are documents, not code);
 *  - a licence the hub's list does not have, an unclear one, or none at all is recorded as
 *    LicenseRef-ask-owner, with a warning, and the published text kept in the attribution.
 */
export function mapLicence(raw: string): LicenceDecision {
  const text = raw.trim();
  const fallback = (published: string, reason: string, copyright?: string): LicenceDecision => ({
    spdx: defaults.licence,
    published,
    copyright,
    substituted: true,
    mapping: { column: 'licence', from: text, to: defaults.licence, via: 'default' },
    warning: `${reason}: recorded as ${defaults.licence} (ask the owner before reuse)${published ? '; the licence as published is kept in the attribution' : ''}`,
  });
  if (!text) return fallback('', 'no licence given');

  const direct = licenceId(text);
  if (direct && isListed(direct)) {
    return {
      spdx: direct,
      published: text,
      substituted: false,
      ...(direct !== text ? { mapping: { column: 'licence', from: text, to: direct, via: 'synonym' as const } } : {}),
    };
  }

  let rest = text;
  let copyright: string | undefined;
  const holder = /\(\s*\((?:c|©)\)\s*([^()]*?)\s*\)\s*$/i.exec(rest);
  if (holder) {
    copyright = holder[1] || undefined;
    rest = rest.slice(0, holder.index).trim();
  }
  rest = rest.replace(/\s+-\s+LICEN[CS]E[\w.-]*\s*$/i, '').trim();
  const published = rest || text;

  const parts = rest
    .split(/\s+\/\s+/)
    .map((part) => {
      const m = /^(.*?)\s*(?:\(([^()]*)\))?$/.exec(part.trim());
      return { id: (m?.[1] ?? part).trim(), scope: (m?.[2] ?? '').toLowerCase() };
    })
    .filter((part) => part.id);
  const forDocuments = parts.filter((part) => !/^code$/.test(part.scope));
  const chosen = forDocuments.find((part) => part.scope.includes('content')) ?? (forDocuments.length === 1 ? forDocuments[0] : undefined);
  if (!chosen) {
    return fallback(published, `licence "${text}" names more than one licence and does not say which covers the documents`, copyright);
  }
  const target = licenceId(chosen.id);
  if (!target) return fallback(published, `licence "${text}": ${chosen.id} is not a licence the hub knows`, copyright);
  if (!isListed(target)) {
    return fallback(published, `licence "${text}": ${chosen.id} (${target}) is not in the hub's licence list`, copyright);
  }
  return {
    spdx: target,
    published,
    copyright,
    substituted: false,
    mapping: { column: 'licence', from: text, to: target, via: 'synonym' },
  };
}

/**
 * The attribution column if given; otherwise, for a row from a repository, "© <holder>. Published in
 * <repo> under <licence as published>." When the licence was not recorded as published, the published
 * licence is always added, so the hub never loses what the owner actually said.
 */
function attributionFor(row: ManifestRow, licence: LicenceDecision): string | undefined {
  const published = licence.published;
  if (row.attribution) {
    return licence.substituted && published ? `${row.attribution} Licence as published: ${published}.` : row.attribution;
  }
  const parts: string[] = [];
  if (licence.copyright) parts.push(`© ${licence.copyright}.`);
  if (row.sourceRepo) parts.push(`Published in ${row.sourceRepo}${published ? ` under ${published}` : ''}.`);
  else if (licence.substituted && published) parts.push(`Licence as published: ${published}.`);
  return parts.length ? parts.join(' ') : undefined;
}
