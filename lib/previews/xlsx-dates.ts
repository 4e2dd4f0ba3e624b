import { attribute, parseXml } from '@/lib/extract/xml-text';
import type { ZipArchive } from '@/lib/extract/zip';
import type { PreviewContext } from './result';

/**
 * Dates in XLSX cells. Excel stores a date as a number of days (a "serial"), and only the cell's
 * number format says it is a date: built-in formats 14–22 and 45–47, or a custom format with day,
 * month or year codes. This reads styles.xml's number formats and cell styles once, so that such
 * cells show as dates (UK order) rather than as 45366.
 */
export interface DateStyles {
  /** For each cell style index: 'date', 'datetime', 'time' or undefined (not a date). */
  kinds: (DateKind | undefined)[];
  /** The workbook counts from 1904 (old Mac Excel) rather than 1900. */
  from1904: boolean;
}

type DateKind = 'date' | 'datetime' | 'time';

const BUILT_IN: Record<number, DateKind> = { 14: 'date', 15: 'date', 16: 'date', 17: 'date', 18: 'time', 19: 'time', 20: 'time', 21: 'time', 22: 'datetime', 45: 'time', 46: 'time', 47: 'time' };

export async function readDateStyles(zip: ZipArchive, part: string | undefined, from1904: boolean, context: PreviewContext): Promise<DateStyles> {
  const styles: DateStyles = { kinds: [], from1904 };
  if (!part || !zip.has(part)) return styles;
  const custom = new Map<number, DateKind | undefined>();
  let inCellXfs = 0;
  await parseXml(
    await zip.stream(part),
    {
      open(element) {
        if (element.local === 'numFmt') custom.set(Number(attribute(element, 'numFmtId')), kindOfFormat(attribute(element, 'formatCode') ?? ''));
        else if (element.local === 'cellXfs') inCellXfs++;
        else if (element.local === 'xf' && inCellXfs > 0) {
          const id = Number(attribute(element, 'numFmtId') ?? '0');
          styles.kinds.push(custom.has(id) ? custom.get(id) : BUILT_IN[id]);
        }
      },
      close(local) {
        if (local === 'cellXfs' && inCellXfs > 0) inCellXfs--;
      },
    },
    { context: context.extract },
  );
  return styles;
}

/** A custom format code's kind: quoted text, escapes and [colour] or [h] parts do not count. */
export function kindOfFormat(code: string): DateKind | undefined {
  const bare = code.replace(/"[^"]*"|\\.|\[[^\]]*\]/g, '').split(';')[0]!.toLowerCase();
  const hasTime = /[hs]/.test(bare) || /am\/pm|a\/p/.test(bare);
  // "m" is minutes after an hour or before seconds, months otherwise.
  const withoutTime = bare.replace(/am\/pm|a\/p/g, '').replace(/h+[^a-z]*m+|m+[^a-z]*s+/g, '');
  const hasDate = /[dy]/.test(withoutTime) || /m/.test(withoutTime);
  if (hasDate && hasTime) return 'datetime';
  if (hasDate) return 'date';
  if (hasTime && /h/.test(bare)) return 'time';
  return undefined;
}

/** "15/03/2024", "15/03/2024 14:30" or "14:30" for a serial; the number itself when out of range. */
export function formatSerial(value: string, kind: DateKind, from1904: boolean): string {
  const serial = Number(value);
  if (!Number.isFinite(serial) || serial < 0 || serial > 2_958_465) return value;
  const epoch = from1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30);
  const date = new Date(epoch + Math.round(serial * 86_400_000));
  const two = (n: number) => String(n).padStart(2, '0');
  const day = `${two(date.getUTCDate())}/${two(date.getUTCMonth() + 1)}/${date.getUTCFullYear()}`;
  const time = `${two(date.getUTCHours())}:${two(date.getUTCMinutes())}`;
  return kind === 'date' ? day : kind === 'time' ? time : `${day} ${time}`;
}
