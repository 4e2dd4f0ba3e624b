import { describe, expect, it } from 'vitest';
import { attributionCsv, kitReadme, zipEntryName } from './kit-zip-contents';

const file = (overrides: Partial<Parameters<typeof attributionCsv>[0][number]> = {}) => ({
  materialId: '0b6f1f4e-0000-4000-8000-000000000001',
  title: 'Persona template',
  council: 'Leeds City Council',
  licence: 'Open Government Licence v3.0',
  licenceUrl: 'https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/',
  attribution: null,
  note: '',
  fileName: 'persona.docx',
  entryName: '01-persona.docx',
  ...overrides,
});

describe('zip entry names', () => {
  it('number the files in order and clean hostile names', () => {
    expect(zipEntryName(1, 3, 'persona.docx')).toBe('01-persona.docx');
    expect(zipEntryName(7, 120, 'a.pdf')).toBe('007-a.pdf');
    expect(zipEntryName(2, 3, '../../etc/passwd')).toBe('02-passwd');
    expect(zipEntryName(2, 3, 'C:\\Users\\x\\report.pdf')).toBe('02-report.pdf');
    expect(zipEntryName(2, 3, 'evil\u202Egpj.exe')).toBe('02-evilgpj.exe');
    expect(zipEntryName(2, 3, 'what? "plan": <v2>|*.xlsx')).toBe('02-what- -plan-- -v2---.xlsx');
    const long = zipEntryName(1, 2, `${'a'.repeat(300)}.pptx`);
    expect(long.endsWith('.pptx')).toBe(true);
    expect(Array.from(long).length).toBe(103);
  });
});

describe('attribution.csv', () => {
  it('lists each file with its title, council, licence and source, with formula-safe cells', () => {
    const csv = attributionCsv([file(), file({ title: '=cmd|"/c calc"!A1', council: null, entryName: '02-x.txt', attribution: '@SUM(1)' })], 'https://hub.example');
    const lines = csv.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe('File,Title,Council,Licence,Licence URL,Source URL,Attribution');
    expect(lines[1]).toBe(
      '01-persona.docx,Persona template,Leeds City Council,Open Government Licence v3.0,https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/,https://hub.example/materials/0b6f1f4e-0000-4000-8000-000000000001,',
    );
    expect(lines[2]).toBe(`02-x.txt,"'=cmd|""/c calc""!A1",Discovery Commons,Open Government Licence v3.0,https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/,https://hub.example/materials/0b6f1f4e-0000-4000-8000-000000000001,'@SUM(1)`);
    expect(csv.startsWith('\uFEFF')).toBe(true);
  });
});

describe('README.txt', () => {
  it('gives the kit, then each file in order with its note, council and licence', () => {
    const readme = kitReadme(
      { id: 'k1', title: 'Bins kit', description: 'For bins', council: 'Bristol City Council' },
      [file({ note: 'Start here' })],
      'https://hub.example',
      new Date('2026-12-03T10:00:00Z'),
    );
    expect(readme).toContain('Bins kit\r\n========\r\n\r\nFor bins\r\n');
    expect(readme).toContain('A Discovery kit made by Bristol City Council.');
    expect(readme).toContain('Downloaded from https://hub.example/kits/k1 on 2026-12-03.');
    expect(readme).toContain('1. Persona template\r\n   File: 01-persona.docx\r\n   Shared by: Leeds City Council\r\n   Licence: Open Government Licence v3.0\r\n   Note: Start here');
  });

  it('says when there is nothing the viewer may download', () => {
    expect(kitReadme({ id: 'k1', title: 'Empty', description: '', council: null }, [], 'https://hub.example', new Date())).toContain(
      'There are no files in this kit that you can download.',
    );
  });
});
