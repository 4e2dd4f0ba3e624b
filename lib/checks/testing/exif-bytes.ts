/**
 * Test-only: EXIF (TIFF) blocks written by hand, so tests control exactly which tags a picture
 * carries: Artist, Orientation and a GPS position. Big-endian ("MM"), IFD0 then the GPS IFD, values
 * longer than four bytes after both.
 */
export interface ExifSpec {
  artist?: string;
  orientation?: number;
  /** Degrees; south and west negative. */
  gps?: { latitude: number; longitude: number };
}

type Entry = { tag: number; type: 2 | 3 | 4 | 5; count: number; value: Buffer };

export function exifTiff(spec: ExifSpec): Buffer {
  const ifd0: Entry[] = [];
  if (spec.artist !== undefined) ifd0.push(ascii(0x013b, spec.artist));
  if (spec.orientation !== undefined) ifd0.push({ tag: 0x0112, type: 3, count: 1, value: short(spec.orientation) });
  const gps: Entry[] = [];
  if (spec.gps) {
    const { latitude, longitude } = spec.gps;
    gps.push(ascii(0x0001, latitude < 0 ? 'S' : 'N'), { tag: 0x0002, type: 5, count: 3, value: dms(Math.abs(latitude)) });
    gps.push(ascii(0x0003, longitude < 0 ? 'W' : 'E'), { tag: 0x0004, type: 5, count: 3, value: dms(Math.abs(longitude)) });
    ifd0.push({ tag: 0x8825, type: 4, count: 1, value: Buffer.alloc(4) }); // offset filled in below
  }
  ifd0.sort((a, b) => a.tag - b.tag);

  const ifdSize = (entries: Entry[]) => 2 + entries.length * 12 + 4;
  const ifd0At = 8;
  const gpsAt = ifd0At + ifdSize(ifd0);
  let dataAt = gpsAt + (gps.length ? ifdSize(gps) : 0);
  const pointer = ifd0.find((e) => e.tag === 0x8825);
  if (pointer) pointer.value.writeUInt32BE(gpsAt, 0);

  const out = Buffer.alloc(4096);
  out.write('MM', 0, 'latin1');
  out.writeUInt16BE(42, 2);
  out.writeUInt32BE(ifd0At, 4);
  const writeIfd = (at: number, entries: Entry[]) => {
    out.writeUInt16BE(entries.length, at);
    entries.forEach((entry, i) => {
      const base = at + 2 + i * 12;
      out.writeUInt16BE(entry.tag, base);
      out.writeUInt16BE(entry.type, base + 2);
      out.writeUInt32BE(entry.count, base + 4);
      if (entry.value.length <= 4) entry.value.copy(out, base + 8);
      else {
        out.writeUInt32BE(dataAt, base + 8);
        entry.value.copy(out, dataAt);
        dataAt += entry.value.length + (entry.value.length % 2);
      }
    });
    out.writeUInt32BE(0, at + 2 + entries.length * 12);
  };
  writeIfd(ifd0At, ifd0);
  if (gps.length) writeIfd(gpsAt, gps);
  return out.subarray(0, dataAt);
}

/** The EXIF block as a JPEG APP1 segment. */
export function exifApp1(spec: ExifSpec): Buffer {
  const payload = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), exifTiff(spec)]);
  const head = Buffer.alloc(4);
  head.writeUInt16BE(0xffe1, 0);
  head.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([head, payload]);
}

function ascii(tag: number, text: string): Entry {
  const value = Buffer.from(`${text}\0`, 'latin1');
  return { tag, type: 2, count: value.length, value };
}

function short(value: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt16BE(value, 0);
  return b;
}

/** Degrees as three rationals: degrees/1, minutes/1, seconds×100/100. */
function dms(degrees: number): Buffer {
  const d = Math.floor(degrees);
  const m = Math.floor((degrees - d) * 60);
  const s = Math.round(((degrees - d) * 60 - m) * 60 * 100);
  const b = Buffer.alloc(24);
  [d, 1, m, 1, s, 100].forEach((n, i) => b.writeUInt32BE(n, i * 4));
  return b;
}
