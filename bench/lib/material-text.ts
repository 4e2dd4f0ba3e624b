/**
 * Extracted text for generated materials: runs of consecutive paragraphs of the real corpus's texts
 * (extracted once with lib/extract), a few KB each, so words that occur only inside the documents, and
 * their phrases, occur only inside the generated texts too, at about the corpus's own rarity.
 */
import type { CorpusText } from './corpus';

export type Random = () => number;

/** A seeded generator (mulberry32): the same seed gives the same sequence. */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface TextPool {
  /** Paragraphs of each document that had text, in order. */
  documents: string[][];
  paragraphs: number;
  bytes: number;
}

export function textPool(texts: CorpusText[]): TextPool {
  const documents = texts
    .map((t) =>
      t.text
        .split(/\n+/)
        .map((p) => p.trim())
        .filter((p) => p.length >= 20),
    )
    .filter((paragraphs) => paragraphs.length > 0);
  return {
    documents,
    paragraphs: documents.reduce((n, d) => n + d.length, 0),
    bytes: documents.reduce((n, d) => n + d.reduce((m, p) => m + Buffer.byteLength(p) + 1, 0), 0),
  };
}

/** Target size in bytes: mostly 1–3 KB, a third 3–8 KB, a few long documents of 8–20 KB (mean ≈ 3.5 KB). */
function targetBytes(random: Random): number {
  const r = random();
  if (r < 0.6) return 1024 + random() * 2048;
  if (r < 0.95) return 3072 + random() * 5120;
  return 8192 + random() * 12288;
}

/** One material's text: runs of paragraphs from one to three corpus documents, joined by newlines. */
export function makeText(pool: TextPool, random: Random): string {
  const target = targetBytes(random);
  const parts: string[] = [];
  let size = 0;
  for (let source = 0; source < 3 && size < target; source++) {
    const doc = pool.documents[Math.floor(random() * pool.documents.length)]!;
    for (let i = Math.floor(random() * doc.length); i < doc.length && size < target; i++) {
      parts.push(doc[i]!);
      size += doc[i]!.length + 1;
    }
  }
  return parts.join('\n');
}
