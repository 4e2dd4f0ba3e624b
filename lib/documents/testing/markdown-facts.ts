/**
 * Test-only: what a Markdown template says about its own structure, read from its lines with plain
 * regular expressions rather than with the library's reader, so the tests check the generated files
 * against the source and not against the reader's own idea of it. Enough for the starter kit's
 * Markdown (ATX headings, pipe tables, "-" and "1." lists, no code fences).
 */

export interface MarkdownFacts {
  headings: { level: number; text: string }[];
  tables: { columns: number; blankHeader: boolean }[];
  listItems: number;
  checklistItems: number;
}

export function markdownFacts(markdown: string): MarkdownFacts {
  const lines = markdown.split(/\r?\n/);
  const headings = lines.flatMap((line) => {
    const match = /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    return match ? [{ level: Math.min(match[1]!.length, 4), text: match[2]! }] : [];
  });
  const tables = lines.flatMap((line, index) => {
    if (!/^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/.test(line) || !line.includes('|')) return [];
    const cells = splitRow(lines[index - 1] ?? '');
    return [{ columns: cells.length, blankHeader: cells.every((cell) => cell === '') }];
  });
  return {
    headings,
    tables,
    listItems: lines.filter((line) => /^\s*([-*+]|\d{1,9}[.)])\s+\S/.test(line)).length,
    checklistItems: lines.filter((line) => /^\s*[-*+]\s+\[[ xX]\]\s/.test(line)).length,
  };
}

function splitRow(line: string): string[] {
  return line
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split('|')
    .map((cell) => cell.trim());
}

/** The words of a text, in order: what must survive the trip to DOCX or ODT and back. */
export function wordsOf(text: string): string[] {
  return text.match(/[\p{L}\p{N}]+/gu) ?? [];
}
