import { sql, type SQL } from 'drizzle-orm';
import type { HighlightedText } from '@/lib/search/search-engine';

/**
 * Highlighted segments from Postgres's ts_headline. ts_headline marks matched words with
 * StartSel/StopSel; these are two control characters no stored text keeps (they are taken out
 * first), so the marked text is split into segments here and never handled as HTML.
 */

export const startMarker = '\u0002';
export const stopMarker = '\u0003';
const fragmentDelimiter = ' … ';

export const titleHeadlineOptions = `StartSel="${startMarker}", StopSel="${stopMarker}", HighlightAll=true`;
export const summaryHeadlineOptions = `StartSel="${startMarker}", StopSel="${stopMarker}", MaxFragments=2, MaxWords=30, MinWords=12, FragmentDelimiter="${fragmentDelimiter}"`;

/** The markers must mean only what ts_headline put there: take any out of the stored text first. */
export function withoutMarkers(column: SQL): SQL {
  return sql`translate(${column}, chr(2) || chr(3), '')`;
}

export function plain(text: string): HighlightedText {
  return text === '' ? [] : [{ text, matched: false }];
}

/** Splits ts_headline output marked with \u0002…\u0003 into segments. */
export function splitHighlights(marked: string): HighlightedText {
  const segments: HighlightedText = [];
  const push = (text: string, matched: boolean) => {
    if (text === '') return;
    const last = segments[segments.length - 1];
    if (last && last.matched === matched) last.text += text;
    else segments.push({ text, matched });
  };
  let matched = false;
  let current = '';
  for (const char of marked) {
    if (char === startMarker || char === stopMarker) {
      push(current, matched);
      current = '';
      matched = char === startMarker;
    } else {
      current += char;
    }
  }
  push(current, matched);
  // Spaces between two highlighted words read better as one highlight.
  return segments.reduce<HighlightedText>((merged, segment) => {
    const previous = merged[merged.length - 1];
    const before = merged[merged.length - 2];
    if (segment.matched && previous && !previous.matched && /^\s+$/.test(previous.text) && before?.matched) {
      before.text += previous.text + segment.text;
      merged.pop();
    } else {
      merged.push({ ...segment });
    }
    return merged;
  }, []);
}

/**
 * A fragment of a longer text says so with "…" where words were left out at the start or end
 * (`cut` forces one: the text itself was already a passage of something longer). ts_headline cuts
 * at word boundaries, so a full stop left off the end is not a missing word.
 */
export function withEllipses(
  segments: HighlightedText,
  stored: string,
  cut: { before: boolean; after: boolean } = { before: false, after: false },
): HighlightedText {
  const full = stored.replace(/[\u0002\u0003]/g, '');
  const shown = segments.map((s) => s.text).join('').trim();
  if (shown === '') return segments;
  const probe = Math.min(24, shown.length);
  const head = shown.slice(0, probe);
  const tail = shown.slice(-probe);
  const headAt = full.indexOf(head);
  const tailAt = full.lastIndexOf(tail);
  const hasWords = (text: string) => /[\p{L}\p{N}]/u.test(text);
  const result = segments.map((s) => ({ ...s }));
  if (cut.before || (headAt > 0 && hasWords(full.slice(0, headAt)))) {
    const first = result[0];
    if (first && !first.matched) first.text = `… ${first.text.trimStart()}`;
    else result.unshift({ text: '… ', matched: false });
  }
  if (cut.after || (tailAt >= 0 && hasWords(full.slice(tailAt + tail.length)))) {
    const last = result[result.length - 1];
    if (last && !last.matched) last.text = `${last.text.trimEnd()} …`;
    else result.push({ text: ' …', matched: false });
  }
  return result;
}

/** Runs of spaces, tabs and line breaks as single spaces (file text keeps its layout). */
export function collapseSpaces(segments: HighlightedText): HighlightedText {
  const out = segments.map((s) => ({ ...s, text: s.text.replace(/\s+/g, ' ') }));
  if (out[0]) out[0].text = out[0].text.trimStart();
  const last = out[out.length - 1];
  if (last) last.text = last.text.trimEnd();
  return out.filter((s) => s.text !== '');
}
