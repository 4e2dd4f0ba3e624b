/**
 * The search benchmark's materials: made up from the real corpus's Markdown (titles, summaries, tags)
 * and the vocabularies, with extracted text from bench/lib/material-text.ts, inserted straight into the
 * tables in batches (no files: search never reads them). The generators are seeded, so every run
 * builds the same materials. Used by bench/search-latency.ts.
 */
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { inArray, sql } from 'drizzle-orm';
import { materials, materialVersions, organisations } from '@/lib/db/schema';
import { fileFormats } from '@/lib/formats/file-formats';
import type { Services } from '@/lib/services';
import { vocabularies } from '@/lib/taxonomy/vocabularies';
import { makeText, seededRandom, type TextPool } from './material-text';
import { projectRoot } from './report';

const batchSize = 500;

// ---- Deterministic randomness ------------------------------------------------------------------------

type Random = () => number;
const pick = <T>(random: Random, list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
function pickSome<T>(random: Random, list: readonly T[], min: number, max: number): T[] {
  const count = min + Math.floor(random() * (max - min + 1));
  const chosen = new Set<T>();
  while (chosen.size < Math.min(count, list.length)) chosen.add(pick(random, list));
  return [...chosen];
}
/** Picks by weight: [[value, weight], …]. */
function weighted<T>(random: Random, entries: [T, number][]): T {
  const total = entries.reduce((sum, [, w]) => sum + w, 0);
  let r = random() * total;
  for (const [value, weight] of entries) {
    r -= weight;
    if (r < 0) return value;
  }
  return entries[entries.length - 1]![0];
}

// ---- Text from the corpus ------------------------------------------------------------------------------

export interface CorpusText {
  files: number;
  headings: string[];
  sentences: string[];
  /** Frequent content words, for tags. */
  words: string[];
}

const stopWords = new Set(
  'the and for that with this are was you your from have has not but can will they them their what which when where who how all any our out use used using into about more also than then there these those been being its it’s it\'s one two may should would could such each other some only very just like make made need needs well what’s'.split(
    ' ',
  ),
);

export function readCorpus(directory: string): CorpusText {
  const files = fs.readdirSync(directory).filter((name) => name.endsWith('.md') && name.toLowerCase() !== 'readme.md');
  if (files.length === 0) throw new Error(`no Markdown files in ${directory} (set CORPUS_DIR)`);
  const headings: string[] = [];
  const sentences: string[] = [];
  const counts = new Map<string, number>();
  for (const name of files) {
    let text = fs.readFileSync(path.join(directory, name), 'utf8');
    text = text.replace(/^---\n[\s\S]*?\n---\n/, ''); // front matter
    for (const rawLine of text.split('\n')) {
      const line = rawLine
        .replace(/!\[[^\]]*\]\([^)]*\)/g, '') // images
        .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1') // links: keep the text
        .replace(/<[^>]+>/g, '')
        .replace(/[*_`|>]/g, '')
        .trim();
      if (!line) continue;
      const heading = /^#{1,6}\s*(.+)$/.exec(line);
      if (heading) {
        const title = heading[1]!.trim();
        if (title.length >= 4 && title.length <= 120 && /[a-z]/i.test(title)) headings.push(title);
        continue;
      }
      const body = line.replace(/^([-+]|\d+\.)\s+/, '');
      for (const sentence of body.split(/(?<=[.!?])\s+/)) {
        const clean = sentence.trim();
        if (clean.length >= 30 && clean.length <= 400 && /^[A-Z0-9“"‘']/.test(clean)) sentences.push(clean);
      }
      for (const word of body.toLowerCase().match(/[a-z][a-z'’-]{2,}/g) ?? []) {
        if (!stopWords.has(word)) counts.set(word, (counts.get(word) ?? 0) + 1);
      }
    }
  }
  const words = [...counts]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, 600)
    .map(([word]) => word.replace(/’/g, "'"))
    .filter((word) => word.length <= 30);
  return { files: files.length, headings, sentences, words };
}

// ---- Materials ------------------------------------------------------------------------------------------

/** Service subjects from the LGSL list ("Find out about repairs to council properties" → "repairs to council properties"). */
function serviceSubjects(): string[] {
  const file = path.join(projectRoot, 'lib', 'taxonomy', 'data', 'local_services.csv');
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .slice(1)
    .map((line) => /^\d+,"?([^",]+)/.exec(line)?.[1]?.trim() ?? '')
    .map((text) => text.replace(/^(Find out about|Find out|Apply for|Apply to|Report|Pay|Request|Register for|Register)\s+/i, ''))
    .filter((text) => text.length >= 4);
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export interface SeedTimes {
  /** Inserting materials and their versions (with text), batch by batch. */
  insertSeconds: number;
  /** Touching text_indexed_at, so the trigger folds each version's text into the search vector. */
  indexSeconds: number;
  /** VACUUM ANALYZE afterwards (the touch leaves a dead row per material). */
  vacuumSeconds: number;
  textBytes: number;
}

export async function seed(services: Services, corpus: CorpusText, pool: TextPool | null, count: number): Promise<SeedTimes> {
  const random = seededRandom(20261126);
  // Its own sequence, so the materials' details are the same with or without text.
  const textRandom = seededRandom(20261127);
  const v = vocabularies();
  const subjects = serviceSubjects();
  const organisationRows = await services.db.select({ id: organisations.id, slug: organisations.slug }).from(organisations);
  // A few councils share a lot (as in real life); most share a little.
  const busyCouncils = organisationRows.filter((o) => ['bristol', 'leeds', 'camden', 'newham', 'hackney', 'southwark'].includes(o.slug));
  const phaseWeights: [string, number][] = v.phases.map((p) => [p.slug, p.slug === 'discovery' ? 6 : p.slug === 'alpha' ? 3 : 1]);
  const licenceWeights: [string, number][] = v.licences.map((l) => [l.spdx, l.isDefault ? 20 : 1]);
  const formats = fileFormats.filter((f) => ['pdf', 'docx', 'pptx', 'xlsx', 'odt', 'md', 'csv', 'txt'].includes(f.code));
  const now = Date.now();
  const threeYears = 3 * 365 * 24 * 3600 * 1000;

  const times: SeedTimes = { insertSeconds: 0, indexSeconds: 0, vacuumSeconds: 0, textBytes: 0 };
  let lastReport = performance.now();
  for (let offset = 0; offset < count; offset += batchSize) {
    const rows: (typeof materials.$inferInsert)[] = [];
    const files: { fileName: string; format: string; contentType: string; sizeBytes: number; sha256: string }[] = [];
    const texts: (string | null)[] = [];
    for (let i = offset; i < Math.min(count, offset + batchSize); i++) {
      const type = pick(random, v.artefactTypes);
      const topicsChosen = pickSome(random, v.topics, 0, 2);
      const topics = topicsChosen.map((t) => t.slug);
      const topic = topicsChosen[0];
      const council = random() < 0.1 ? undefined : random() < 0.3 && busyCouncils.length ? pick(random, busyCouncils) : pick(random, organisationRows);

      const style = random();
      let title: string;
      if (style < 0.4) title = pick(random, corpus.headings);
      else if (style < 0.7) title = `${type.label}: ${pick(random, subjects)}`;
      else {
        const words = pick(random, corpus.sentences).split(/\s+/);
        const start = Math.floor(random() * Math.max(1, words.length - 6));
        title = capitalise(words.slice(start, start + 4 + Math.floor(random() * 5)).join(' ').replace(/[.,;:]+$/, ''));
      }
      if (topic && random() < 0.3) title += ` (${topic.label.toLowerCase()})`;
      title = title.slice(0, 200);

      const first = Math.floor(random() * corpus.sentences.length);
      const summary = corpus.sentences
        .slice(first, first + 1 + Math.floor(random() * 3))
        .join(' ')
        .slice(0, 800);

      const format = pick(random, formats);
      rows.push({
        title,
        summary,
        phases: [...new Set([weighted(random, phaseWeights), ...(random() < 0.4 ? [weighted(random, phaseWeights)] : [])])],
        artefactType: type.slug,
        kind: pick(random, v.kinds).slug,
        topics,
        tags: pickSome(random, corpus.words, 1, 5),
        licence: weighted(random, licenceWeights),
        organisationId: council?.id ?? null,
        createdAt: new Date(now - Math.floor(random() * threeYears)),
      });
      files.push({
        fileName: `${title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'material'}.${format.extensions[0]}`,
        format: format.code,
        contentType: format.contentType,
        sizeBytes: 10_000 + Math.floor(random() * 5_000_000),
        sha256: createHash('sha256').update(`bench material ${i}`).digest('hex'),
      });
      const text = pool ? makeText(pool, textRandom) : null;
      texts.push(text);
      times.textBytes += text ? Buffer.byteLength(text) : 0;
    }
    let started = performance.now();
    const inserted = await services.db.insert(materials).values(rows).returning({ id: materials.id });
    await services.db.insert(materialVersions).values(
      inserted.map((row, k) => ({
        materialId: row.id,
        versionNumber: 1,
        ...files[k]!,
        storageKey: `materials/2026/11/${randomUUID()}`, // a unique key of the real shape; no file behind it
        ...(texts[k] ? { textStatus: 'done', textContent: texts[k], textUpdatedAt: new Date() } : { textStatus: 'no_text' }),
      })),
    );
    times.insertSeconds += (performance.now() - started) / 1000;
    if (pool) {
      // What the extract-text job does once a version's text is stored: the trigger re-reads it.
      started = performance.now();
      const ids = inserted.map((row) => row.id);
      await services.db.update(materials).set({ textIndexedAt: new Date() }).where(inArray(materials.id, ids));
      times.indexSeconds += (performance.now() - started) / 1000;
    }
    if (performance.now() - lastReport > 30_000) {
      lastReport = performance.now();
      console.log(`[bench]   ${offset + rows.length} materials (insert ${times.insertSeconds.toFixed(0)} s, text indexing ${times.indexSeconds.toFixed(0)} s)`);
    }
  }
  const started = performance.now();
  await services.db.execute(sql`VACUUM ANALYZE`);
  times.vacuumSeconds = (performance.now() - started) / 1000;
  return times;
}
