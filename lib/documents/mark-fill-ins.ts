import type { Inline, TextRun } from './document-model';

/**
 * Marks the templates' fill-in placeholders: text in [square brackets], such as "[Council name]" or
 * "[ ]" in an empty cell, which the reader replaces with their own details. The brackets stay in the
 * text (so a screen reader, a printout and a search all still see them: the mark is never the only
 * sign), and the writers give the marked runs a "Fill-in" character style that highlights them.
 *
 * Brackets may span several runs ("[**Name**, role]") and nest; a "[" with no "]" after it in the
 * same paragraph or cell is ordinary text. Brackets inside code are not placeholders.
 */
export function markFillIns(content: Inline[]): Inline[] {
  const spans = bracketSpans(content);
  if (spans.length === 0) return content;

  const result: Inline[] = [];
  let offset = 0; // where the current inline starts in the paragraph's text
  for (const inline of content) {
    const length = inline.type === 'text' ? inline.text.length : 1;
    if (inline.type === 'text' && !inline.marks.code) result.push(...splitRun(inline, offset, spans));
    else result.push(inline);
    offset += length;
  }
  return result;
}

type Span = [start: number, end: number]; // end is exclusive

function bracketSpans(content: Inline[]): Span[] {
  const spans: Span[] = [];
  const open: number[] = [];
  let offset = 0;
  for (const inline of content) {
    if (inline.type !== 'text') {
      offset += 1;
      continue;
    }
    if (!inline.marks.code) {
      for (let i = 0; i < inline.text.length; i++) {
        const c = inline.text[i];
        if (c === '[') open.push(offset + i);
        else if (c === ']' && open.length > 0) {
          const start = open.pop()!;
          // Only the outermost pair is a placeholder; inner pairs are inside it already.
          if (open.length === 0) spans.push([start, offset + i + 1]);
        }
      }
    }
    offset += inline.text.length;
  }
  return spans;
}

function splitRun(run: TextRun, runStart: number, spans: Span[]): TextRun[] {
  const runEnd = runStart + run.text.length;
  const cuts = new Set<number>([runStart, runEnd]);
  for (const [start, end] of spans) {
    if (start > runStart && start < runEnd) cuts.add(start);
    if (end > runStart && end < runEnd) cuts.add(end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const pieces: TextRun[] = [];
  for (let i = 0; i < points.length - 1; i++) {
    const from = points[i]!;
    const to = points[i + 1]!;
    const text = run.text.slice(from - runStart, to - runStart);
    const inside = spans.some(([start, end]) => from >= start && to <= end);
    pieces.push({ type: 'text', text, marks: inside ? { ...run.marks, fillIn: true } : run.marks });
  }
  return pieces;
}
