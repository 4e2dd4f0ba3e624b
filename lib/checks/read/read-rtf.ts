import type { ExtractContext } from '@/lib/extract/result';
import { extractRtf } from '@/lib/extract/rtf';
import type { FindingDraft } from '../build-report';
import { DocumentTextBuilder } from '../document-text';
import { commentDraft, trackedChangeDraft } from './hidden-content-drafts';
import { metadataNameDraft } from './metadata-names';
import type { Reading } from './reading';

/**
 * Rich text (RTF): the text as lib/extract reads it, by paragraph; the author and operator (last
 * saved by) in the `\info` group; comments (`\annotation`, with `\atnauthor`); tracked changes
 * (`\revised`, `\deleted`, authors from the `\revtbl` table). The markup is searched as Latin-1 text
 * with short, bounded patterns; RTF escapes in the names (`\'e9`) are shown as they are written.
 */
export async function readRtf(data: Buffer, context: ExtractContext): Promise<Reading> {
  const extracted = await extractRtf(data, context);
  const text = new DocumentTextBuilder(context.limits.maxTextBytes);
  extracted.text.split('\n\n').forEach((paragraph, i) => text.add({ kind: 'paragraph', paragraph: i + 1 }, paragraph));

  const raw = data.toString('latin1');
  const drafts: FindingDraft[] = [];
  const author = /\{\\author ([^{}\\]{1,200})\}/.exec(raw)?.[1];
  const operator = /\{\\operator ([^{}\\]{1,200})\}/.exec(raw)?.[1];
  for (const draft of [metadataNameDraft('author', author, 'its author'), metadataNameDraft('last-modified-by', operator, 'the last person to save it')]) {
    if (draft) drafts.push(draft);
  }

  const commentAuthors = [...raw.matchAll(/\{\\\*\\atnauthor ([^{}\\]{1,200})\}/g)].map((m) => m[1]!);
  const comments = countMatches(raw, /\\annotation\b/g);
  for (let i = 0; i < comments; i++) {
    drafts.push(commentDraft({ kind: 'document' }, commentAuthors[i] ?? ''));
  }

  const changes = countMatches(raw, /\\(?:revised|deleted)\b/g);
  if (changes > 0) {
    const table = /\{\\\*\\revtbl\s*((?:\{[^{}]{0,200}\}\s*){1,100})\}/.exec(raw)?.[1] ?? '';
    const authors = [...table.matchAll(/\{([^{};]{1,200});?\}/g)].map((m) => m[1]!.trim()).filter((name) => name && name !== 'Unknown');
    drafts.push(trackedChangeDraft({ kind: 'document' }, `${changes} tracked change${changes === 1 ? '' : 's'}`, authors.join(', ')));
  }
  return { text: text.build(), drafts, notes: [] };
}

function countMatches(text: string, pattern: RegExp): number {
  let count = 0;
  for (const _ of text.matchAll(pattern)) if (++count >= 1000) break;
  return count;
}
