import { csvRow } from '@/lib/open-data/csv-export/csv-cells';
import { cleanFileName } from '@/lib/storage/content-disposition';

/**
 * What goes into a kit's zip besides the files: the entry names, README.txt and attribution.csv.
 * Pure functions of what the viewer may see (lib/kits/kit-items-query.ts), so they are tested without
 * a database. Safe to import anywhere.
 */
export interface ZipFileFacts {
  materialId: string;
  title: string;
  council: string | null;
  licence: string;
  licenceUrl: string | null;
  attribution: string | null;
  note: string;
  /** The file's name as uploaded (hostile until cleaned). */
  fileName: string;
}

export interface ZipKitFacts {
  id: string;
  title: string;
  description: string;
  council: string | null;
}

/** Who a material or kit is credited to when no council shared it: the hub's own starter templates. */
export const hubName = 'Discovery Commons';

/**
 * The entry name of the nth file (1-based): a two- or three-digit number, so the files sort in the
 * kit's order, then the uploaded name cleaned (no path, no control or bidi characters, none of the
 * characters Windows refuses), at most 100 characters with its extension. The number also keeps two
 * files of the same name apart.
 */
export function zipEntryName(position: number, total: number, fileName: string): string {
  const digits = Math.max(2, String(total).length);
  const cleaned = cleanFileName(fileName).replace(/[<>:"|?*]/g, '-');
  const chars = Array.from(cleaned);
  let name = cleaned;
  if (chars.length > 100) {
    const dot = cleaned.lastIndexOf('.');
    const extension = dot > 0 && cleaned.length - dot <= 16 ? cleaned.slice(dot) : '';
    name = Array.from(cleaned.slice(0, cleaned.length - extension.length)).slice(0, 100 - extension.length).join('') + extension;
  }
  return `${String(position).padStart(digits, '0')}-${name}`;
}

export function materialAddress(hubUrl: string, materialId: string): string {
  return new URL(`/materials/${materialId}`, hubUrl).toString();
}

/** README.txt: the kit's title and description, then the list of files in order, with notes and credits. */
export function kitReadme(kit: ZipKitFacts, files: (ZipFileFacts & { entryName: string })[], hubUrl: string, downloadedAt: Date): string {
  const lines = [
    kit.title,
    '='.repeat(Math.min(Array.from(kit.title).length, 80)),
    '',
    ...(kit.description ? [kit.description, ''] : []),
    `A Discovery kit made by ${kit.council ?? hubName}.`,
    `Downloaded from ${new URL(`/kits/${kit.id}`, hubUrl).toString()} on ${downloadedAt.toISOString().slice(0, 10)}.`,
    '',
    files.length === 0 ? 'There are no files in this kit that you can download.' : `What is in this kit (${files.length} ${files.length === 1 ? 'file' : 'files'}):`,
    '',
  ];
  files.forEach((file, i) => {
    lines.push(`${i + 1}. ${file.title}`);
    lines.push(`   File: ${file.entryName}`);
    lines.push(`   Shared by: ${file.council ?? hubName}`);
    lines.push(`   Licence: ${file.licence}`);
    if (file.note) lines.push(`   Note: ${file.note}`);
    lines.push(`   On the hub: ${materialAddress(hubUrl, file.materialId)}`);
    lines.push('');
  });
  lines.push('attribution.csv lists every file with its title, council, licence and where it came from.');
  lines.push('Reuse each file as its licence allows, and credit the council that shared it.');
  // CRLF, so the file reads properly in Windows Notepad, which many council laptops open it with.
  return `${lines.join('\r\n')}\r\n`;
}

/**
 * attribution.csv: one row per file. Every cell goes through the hub's one CSV cell rule
 * (lib/open-data/csv-export/csv-cells.ts), which quotes what needs quoting and makes a cell that a
 * spreadsheet would run as a formula (a title starting with '=') inert. Starts with a byte order mark
 * so Excel reads it as UTF-8.
 */
export function attributionCsv(files: (ZipFileFacts & { entryName: string })[], hubUrl: string): string {
  const header = csvRow(['File', 'Title', 'Council', 'Licence', 'Licence URL', 'Source URL', 'Attribution']);
  const rows = files.map((file) =>
    csvRow([
      file.entryName,
      file.title,
      file.council ?? hubName,
      file.licence,
      file.licenceUrl ?? '',
      materialAddress(hubUrl, file.materialId),
      file.attribution ?? '',
    ]),
  );
  return `\uFEFF${header}${rows.join('')}`;
}
