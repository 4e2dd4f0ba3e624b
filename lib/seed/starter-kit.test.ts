import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';

/** Checks the hub's own starter kit of Discovery templates against the taxonomy vocabularies. */

const kitDir = path.join(__dirname, 'starter-kit');
const taxonomyDir = path.join(__dirname, '..', 'taxonomy', 'data');

interface StarterKitEntry {
  seedKey: string;
  file: string;
  title: string;
  summary: string;
  phases: string[];
  artefactType: string;
  kind: string;
  topics: string[];
  tags: string[];
  licence: string;
}

const entries = JSON.parse(readFileSync(path.join(kitDir, 'starter-kit.json'), 'utf8')) as StarterKitEntry[];

function vocabulary(file: string, column = 'slug'): Set<string> {
  const rows = parse(readFileSync(path.join(taxonomyDir, file), 'utf8'), {
    columns: true,
    skip_empty_lines: true,
  }) as Record<string, string>[];
  return new Set(rows.map((row) => row[column] ?? ''));
}

const phases = vocabulary('phases.csv');
const artefactTypes = vocabulary('artefact-types.csv');
const topics = vocabulary('topics.csv');
const kinds = vocabulary('kinds.csv');
const licences = vocabulary('licences.csv', 'spdx');

function countWords(markdown: string): number {
  return markdown.match(/[A-Za-z][A-Za-z'’-]*/g)?.length ?? 0;
}

describe('starter kit', () => {
  it('lists every Markdown file in the folder, once', () => {
    const onDisk = readdirSync(kitDir).filter((name) => name.endsWith('.md')).sort();
    expect(entries.map((entry) => entry.file).sort()).toEqual(onDisk);
    expect(entries.length).toBe(11);
  });

  it('has unique seed keys that match the file names', () => {
    const keys = entries.map((entry) => entry.seedKey);
    expect(new Set(keys).size).toBe(keys.length);
    for (const entry of entries) {
      expect(entry.seedKey).toBe(`starter-kit/${entry.file.replace(/\.md$/, '')}`);
    }
  });

  describe.each(entries.map((entry) => [entry.file, entry] as const))('%s', (_file, entry) => {
    const filePath = path.join(kitDir, entry.file);

    it('exists, starts with its title and carries the licence line', () => {
      expect(existsSync(filePath)).toBe(true);
      const text = readFileSync(filePath, 'utf8');
      expect(text.startsWith(`# ${entry.title}\n`)).toBe(true);
      expect(text).toContain('_Discovery Commons starter kit — Open Government Licence v3.0. Adapt it freely._');
      expect(text).toMatch(/^## How to use this template$/m);
    });

    it('has at least 300 words', () => {
      expect(countWords(readFileSync(filePath, 'utf8'))).toBeGreaterThanOrEqual(300);
    });

    it('uses only slugs from the vocabularies', () => {
      expect(entry.phases.length).toBeGreaterThan(0);
      for (const phase of entry.phases) expect(phases, `phase ${phase}`).toContain(phase);
      expect(artefactTypes, `artefact type ${entry.artefactType}`).toContain(entry.artefactType);
      for (const topic of entry.topics) expect(topics, `topic ${topic}`).toContain(topic);
      expect(kinds).toContain(entry.kind);
      expect(entry.kind).toBe('template');
      expect(licences).toContain(entry.licence);
      expect(entry.licence).toBe('OGL-UK-3.0');
    });

    it('has a summary and 3–6 lowercase tags', () => {
      expect(entry.summary.trim().length).toBeGreaterThan(0);
      expect(entry.tags.length).toBeGreaterThanOrEqual(3);
      expect(entry.tags.length).toBeLessThanOrEqual(6);
      for (const tag of entry.tags) expect(tag).toBe(tag.toLowerCase());
      expect(new Set(entry.tags).size).toBe(entry.tags.length);
    });
  });
});
