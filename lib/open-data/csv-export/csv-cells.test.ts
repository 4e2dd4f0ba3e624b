import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvCell, csvRow } from './csv-cells';

describe('csvCell', () => {
  it.each([
    ['=HYPERLINK("https://evil.example","Click")', `"'=HYPERLINK(""https://evil.example"",""Click"")"`],
    ['=1+2', "'=1+2"],
    ['+44 117 922 2000', "'+44 117 922 2000"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1:A2)', "'@SUM(A1:A2)"],
    ['\t=1+2', "'\t=1+2"],
    ['\r=1+2', `"'\r=1+2"`],
  ])('makes a formula inert: %j', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it('leaves ordinary text, and formula characters later in a cell, alone', () => {
    expect(csvCell('Bin collections discussion guide')).toBe('Bin collections discussion guide');
    expect(csvCell('Cost = £3')).toBe('Cost = £3');
    expect(csvCell('')).toBe('');
  });

  it('quotes commas, quotes, line breaks and edge spaces', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('line\nbreak')).toBe('"line\nbreak"');
    expect(csvCell(' padded ')).toBe('" padded "');
  });

  it('rows read back with a real CSV parser as the same cells, formulas made text', () => {
    const cells = ['=cmd|"/c calc"!A1', 'Fish, chips & "peas"', 'two\r\nlines', '-', 'plain'];
    const [row] = parse(csvRow(cells) + csvRow(['x', 'y', 'z', 'w', 'v']), { relax_column_count: false }) as string[][];
    expect(row).toEqual(["'=cmd|\"/c calc\"!A1", 'Fish, chips & "peas"', 'two\r\nlines', "'-", 'plain']);
  });
});
