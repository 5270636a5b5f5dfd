// The package's ZIP, written by fflate. Entries are stored, not compressed: they are PDFs, already
// compressed. Each entry is dated by its file's own time, as Copenhagen wall-clock time (the ZIP's
// DOS date has no time zone) and as the UTC instant in the extended-timestamp field unzip tools read.
import { zipSync, type Zippable } from 'fflate';
import { copenhagenOffset } from '../lib/time.ts';

export interface ZipEntry {
  name: string;
  data: Uint8Array;
  /** When the file was made (an upload, a document's last change), UTC ms. */
  modified: number;
}

const EXTENDED_TIMESTAMP = 0x5455;

/** fflate writes the DOS date from a Date's local fields: a Date whose local fields are Copenhagen's. */
const copenhagenWallClock = (ms: number) => {
  const wall = ms + copenhagenOffset(ms) * 60_000;
  return new Date(wall + new Date(wall).getTimezoneOffset() * 60_000);
};

/** The extended-timestamp extra field (Info-ZIP "UT"): the modification time as Unix seconds. */
function extendedTimestamp(ms: number): Uint8Array {
  const field = new Uint8Array(5);
  field[0] = 1; // flags: modification time present
  new DataView(field.buffer).setUint32(1, Math.floor(ms / 1000), true);
  return field;
}

export function zipFiles(files: readonly ZipEntry[]): Buffer {
  const entries: Zippable = {};
  for (const f of files) {
    // A DOS date cannot hold times before 1980 (or a time that is missing).
    const modified = Number.isFinite(f.modified) && f.modified >= Date.UTC(1980, 0, 2) ? f.modified : Date.UTC(1980, 0, 2);
    entries[f.name] = [f.data, { level: 0, mtime: copenhagenWallClock(modified), extra: { [EXTENDED_TIMESTAMP]: extendedTimestamp(modified) } }];
  }
  const zip = zipSync(entries);
  return Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength);
}
