import { describe, expect, it } from 'vitest';
import { cleanQueryText, isBlankQuery, maxQueryChars, maxTermChars, maxTerms, parseQuery, type ParsedQuery } from './parse-query';

/** The parse as plain data: clauses of "word" / '"phrase"', and exclusions. */
function shape(parsed: ParsedQuery) {
  const show = (term: { text: string; phrase: boolean }) => (term.phrase ? `"${term.text}"` : term.text);
  return { clauses: parsed.clauses.map((clause) => clause.map(show)), excluded: parsed.excluded.map(show) };
}
const parse = (text: string) => shape(parseQuery(text));

describe('parseQuery', () => {
  it('reads plain words, phrases, exclusions and or', () => {
    expect(parse('bin collection')).toEqual({ clauses: [['bin'], ['collection']], excluded: [] });
    expect(parse('"council tax" support')).toEqual({ clauses: [['"council tax"'], ['support']], excluded: [] });
    expect(parse('interviews -homelessness -"rough sleeping"')).toEqual({
      clauses: [['interviews']],
      excluded: ['homelessness', '"rough sleeping"'],
    });
    expect(parse('recruitment or screener consent')).toEqual({ clauses: [['recruitment', 'screener'], ['consent']], excluded: [] });
    expect(parse('a OR b Or "c d"')).toEqual({ clauses: [['a', 'b', '"c d"']], excluded: [] });
  });

  it('keeps where each term is, for rewriting in place', () => {
    const parsed = parseQuery('  recyclng "bin  day" ');
    for (const term of parsed.clauses.flat()) expect(parsed.text.slice(term.start, term.end)).toBe(term.text);
    expect(parsed.clauses.flat().map((t) => t.text)).toEqual(['recyclng', 'bin  day']);
  });

  it('ignores or with nothing on one side, and a minus on its own', () => {
    expect(parse('or wombat or')).toEqual({ clauses: [['wombat']], excluded: [] });
    expect(parse('wombat or -bins')).toEqual({ clauses: [['wombat']], excluded: ['bins'] });
    expect(parse('- wombat -')).toEqual({ clauses: [['wombat']], excluded: [] });
    expect(parse('-')).toEqual({ clauses: [], excluded: [] });
    expect(parse('or')).toEqual({ clauses: [], excluded: [] });
  });

  it('runs an unclosed quote to the end, and drops empty phrases', () => {
    expect(parse('"unclosed phrase')).toEqual({ clauses: [['"unclosed phrase"']], excluded: [] });
    expect(parse('wombat ""  " "')).toEqual({ clauses: [['wombat']], excluded: [] });
    expect(parse('-"')).toEqual({ clauses: [], excluded: [] });
  });

  it('treats injection attempts as words and phrases', () => {
    expect(parse('x" OR visibility = "public')).toEqual({ clauses: [['x'], ['"OR visibility ="'], ['public']], excluded: [] });
    expect(parse("'; DROP TABLE materials; --")).toEqual({ clauses: [['DROP'], ['TABLE'], ['materials;']], excluded: [] });
    expect(parse('a:* | !b & (c')).toEqual({ clauses: [['a:*'], ['!b'], ['(c']], excluded: [] });
  });

  it('keeps backslashes as characters', () => {
    expect(parse('wombat\\')).toEqual({ clauses: [['wombat\\']], excluded: [] });
    expect(parse('\\')).toEqual({ clauses: [], excluded: [] });
    expect(parse('"a\\" b')).toEqual({ clauses: [['"a\\"'], ['b']], excluded: [] });
  });

  it('drops terms with no letter or digit', () => {
    expect(parse('!!!&&| <> -- "..." -!!')).toEqual({ clauses: [], excluded: [] });
  });

  it('turns control characters into spaces', () => {
    expect(parse('x\u0000y')).toEqual({ clauses: [['x'], ['y']], excluded: [] });
    expect(parse('bins\r\n\tday\u007f\u0085x')).toEqual({ clauses: [['bins'], ['day'], ['x']], excluded: [] });
  });

  it('bounds the length and the number of terms', () => {
    const long = parseQuery('a'.repeat(10_000));
    expect(long.text.length).toBeLessThanOrEqual(maxQueryChars);
    expect(long.clauses.flat()[0]!.text.length).toBe(maxTermChars);
    const many = parseQuery(Array.from({ length: 5000 }, (_, i) => `w${i}`).join(' '));
    expect(many.clauses.length).toBe(maxTerms);
    const phrases = parseQuery(`"${'word '.repeat(2000)}`);
    expect(phrases.clauses[0]![0]!.text.length).toBeLessThanOrEqual(maxTermChars);
  });

  it('never throws, whatever it is given', () => {
    const inputs: unknown[] = [undefined, null, 42, {}, [], '\uD800', 'a\uDC00b', '"'.repeat(1000), '-'.repeat(1000), 'or '.repeat(1000), '\u0000'.repeat(10_000)];
    for (const input of inputs) expect(() => parseQuery(input)).not.toThrow();
    for (let seed = 1; seed < 200; seed++) {
      const chars = ['"', '-', ' ', 'or', 'a', '\\', '\u0000', '\uD83D', '\uDE00', 'é', '!', '(', ':', '*'];
      let text = '';
      for (let i = 0; i < 40; i++) text += chars[(seed * 7919 + i * 104729) % chars.length];
      const parsed = parseQuery(text);
      for (const term of [...parsed.clauses.flat(), ...parsed.excluded]) {
        expect(parsed.text.slice(term.start, term.end)).toBe(term.text);
        expect(term.text).not.toMatch(/[\u0000-\u001f]/);
      }
    }
  });
});

describe('cleanQueryText', () => {
  it('removes what a search must never see and keeps the rest', () => {
    expect(cleanQueryText('re\u00ADcycling \u200Bbins')).toBe('recycling bins');
    expect(cleanQueryText('\uFB01le')).toBe('file');
    expect(cleanQueryText('lone \uD800 half')).toBe('lone  half');
    expect(cleanQueryText('emoji \uD83D\uDE00 ok')).toBe('emoji \uD83D\uDE00 ok');
    expect(cleanQueryText(undefined)).toBe('');
  });

  it('does not cut a character in half at the limit', () => {
    const text = cleanQueryText('a'.repeat(maxQueryChars - 1) + '\uD83D\uDE00');
    expect(text).toBe('a'.repeat(maxQueryChars - 1));
  });
});

describe('isBlankQuery', () => {
  it('is true only when nothing but spaces and control characters was typed', () => {
    expect(isBlankQuery('')).toBe(true);
    expect(isBlankQuery(' \u0000\t ')).toBe(true);
    expect(isBlankQuery('-')).toBe(false);
    expect(isBlankQuery('the')).toBe(false);
  });
});
