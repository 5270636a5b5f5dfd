// Attachments (bilag), the pure rules: which files are taken, what a file's bytes say it is, when a
// zip is a bomb, how file names are checked and sent back, and how bilag are numbered.

export const ATTACHMENT_KINDS = {
  pdf: { extensions: ['pdf'], mediaType: 'application/pdf' },
  docx: { extensions: ['docx'], mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
  pptx: { extensions: ['pptx'], mediaType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation' },
  xlsx: { extensions: ['xlsx'], mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
  png: { extensions: ['png'], mediaType: 'image/png' },
  jpeg: { extensions: ['jpg', 'jpeg'], mediaType: 'image/jpeg' },
} as const;

export type AttachmentKind = keyof typeof ATTACHMENT_KINDS;

export const ACCEPTED_EXTENSIONS = Object.values(ATTACHMENT_KINDS).flatMap((k) => k.extensions.map((e) => `.${e}`));

export const isOfficeKind = (kind: AttachmentKind): kind is 'docx' | 'pptx' | 'xlsx' => kind === 'docx' || kind === 'pptx' || kind === 'xlsx';

const extensionOf = (fileName: string) => /\.([^.]+)$/.exec(fileName)?.[1]?.toLowerCase() ?? '';

/** The kind a file name's extension promises, or null for a file we do not take. */
export function kindOfName(fileName: string): AttachmentKind | null {
  const ext = extensionOf(fileName);
  for (const [kind, k] of Object.entries(ATTACHMENT_KINDS)) if ((k.extensions as readonly string[]).includes(ext)) return kind as AttachmentKind;
  return null;
}

export const FILE_NAME_MAX = 255;

/**
 * What is wrong with a file name as the browser sent it, or null. Path separators and control
 * characters are refused rather than cleaned: the name is shown, stamped on pages and sent back in
 * Content-Disposition, so it must be exactly what the user sees. Bidirectional overrides are refused
 * too ("rapport\u202Efdp.exe" reads as "rapportexe.pdf").
 */
export function fileNameProblem(name: string): string | null {
  if (name.trim() === '') return 'the file has no name';
  if (name.length > FILE_NAME_MAX) return `the file name is longer than ${FILE_NAME_MAX} characters`;
  if (/[/\\]/.test(name)) return 'the file name must not contain / or \\';
  if (/[\u0000-\u001f\u007f-\u009f]/.test(name)) return 'the file name must not contain control characters';
  if (/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/.test(name)) return 'the file name must not contain text direction characters';
  if (name === '.' || name === '..') return 'the file name is not a name';
  return null;
}

// ---- what the bytes say --------------------------------------------------------------------------

const startsWith = (b: Uint8Array, sig: number[], at = 0) => sig.every((x, i) => b[at + i] === x);
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-

/** How many leading bytes `sniff` looks at. */
export const SNIFF_BYTES = 1024;

export type Magic = 'pdf' | 'png' | 'jpeg' | 'zip' | 'unknown';

/** The file format the first bytes announce. Readers accept a PDF header anywhere in the first 1024 bytes. */
export function sniff(head: Uint8Array): Magic {
  if (startsWith(head, PNG)) return 'png';
  if (startsWith(head, JPEG)) return 'jpeg';
  if (startsWith(head, ZIP)) return 'zip';
  for (let i = 0; i + PDF.length <= Math.min(head.length, SNIFF_BYTES); i++) if (startsWith(head, PDF, i)) return 'pdf';
  return 'unknown';
}

/** Which Office Open XML document a zip holds, from its entry names; null when it is none (or more than one). */
export function officeKindOf(entryNames: readonly string[]): 'docx' | 'pptx' | 'xlsx' | null {
  if (!entryNames.includes('[Content_Types].xml')) return null;
  const found = (['docx', 'pptx', 'xlsx'] as const).filter((k) => {
    const dir = k === 'docx' ? 'word/' : k === 'pptx' ? 'ppt/' : 'xl/';
    return entryNames.some((n) => n.startsWith(dir));
  });
  return found.length === 1 ? found[0] : null;
}

/** The kind the content is, given its first bytes and, for a zip, its entry names. */
export function contentKind(magic: Magic, zipEntryNames: readonly string[] | null): AttachmentKind | null {
  if (magic === 'zip') return zipEntryNames ? officeKindOf(zipEntryNames) : null;
  return magic === 'unknown' ? null : magic;
}

// ---- zip archives (DOCX, PPTX, XLSX) ---------------------------------------------------------------

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated (the only two Office writes). */
  method: number;
  /** Where the entry's local header starts. */
  localHeaderOffset: number;
  compressedSize: number;
  /** As the archive declares it; Infinity for a ZIP64 entry (no Office file we take needs one). */
  uncompressedSize: number;
}

export interface CentralDirectory {
  offset: number;
  size: number;
  count: number;
}

/** How many bytes from the end of a zip hold its end-of-central-directory record (22 bytes plus a comment of up to 64 KiB). */
export const ZIP_TAIL_BYTES = 22 + 0xffff;

const u16 = (b: Uint8Array, at: number) => b[at] | (b[at + 1] << 8);
const u32 = (b: Uint8Array, at: number) => (b[at] | (b[at + 1] << 8) | (b[at + 2] << 16)) + b[at + 3] * 0x1000000;

/**
 * Finds the central directory from the last bytes of a zip (`tail`, which starts `tailStart` bytes
 * into a file of `fileSize` bytes). 'zip64' when the archive needs ZIP64 (over 65535 entries or 4 GB),
 * null when the tail holds no directory record.
 */
export function locateCentralDirectory(tail: Uint8Array, tailStart: number, fileSize: number): CentralDirectory | 'zip64' | null {
  for (let i = tail.length - 22; i >= 0; i--) {
    if (u32(tail, i) !== 0x06054b50) continue;
    const count = u16(tail, i + 10);
    const size = u32(tail, i + 12);
    const offset = u32(tail, i + 16);
    if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) return 'zip64';
    if (offset + size > tailStart + i || offset + size > fileSize) continue;
    return { offset, size, count };
  }
  return null;
}

/** The entries a central directory lists; null when the directory is damaged. */
export function parseCentralDirectory(cd: Uint8Array, count: number): ZipEntry[] | null {
  const entries: ZipEntry[] = [];
  let at = 0;
  const decoder = new TextDecoder('utf-8');
  for (let n = 0; n < count; n++) {
    if (at + 46 > cd.length || u32(cd, at) !== 0x02014b50) return null;
    const compressed = u32(cd, at + 20);
    const uncompressed = u32(cd, at + 24);
    const nameLength = u16(cd, at + 28);
    const extraLength = u16(cd, at + 30);
    const commentLength = u16(cd, at + 32);
    if (at + 46 + nameLength > cd.length) return null;
    entries.push({
      name: decoder.decode(cd.subarray(at + 46, at + 46 + nameLength)),
      method: u16(cd, at + 10),
      localHeaderOffset: u32(cd, at + 42),
      compressedSize: compressed,
      uncompressedSize: uncompressed === 0xffffffff || compressed === 0xffffffff ? Infinity : uncompressed,
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

const MB = 1024 * 1024;

/**
 * When an Office file is refused unopened. Office XML compresses well (5–15×), so a high ratio
 * alone is normal for a small file; what is refused is a file that would unpack to a lot of data
 * at a ratio no real document has, or to more than any document needs, or into very many parts.
 */
export const ZIP_LIMITS = {
  maxEntries: 5_000,
  maxTotalUncompressed: 500 * MB,
  /** The ratio above which … */
  maxRatio: 20,
  /** … an archive unpacking to more than this is refused. */
  ratioAppliesAbove: 20 * MB,
} as const;

/** Why a zip must not be unpacked (declared sizes, before any inflating), or null. */
export function zipBombProblem(entries: readonly Pick<ZipEntry, 'name' | 'compressedSize' | 'uncompressedSize'>[], archiveBytes: number): string | null {
  if (entries.length > ZIP_LIMITS.maxEntries) return `the file holds ${entries.length} parts (at most ${ZIP_LIMITS.maxEntries})`;
  const total = entries.reduce((sum, e) => sum + e.uncompressedSize, 0);
  if (total > ZIP_LIMITS.maxTotalUncompressed) return `the file would unpack to more than ${ZIP_LIMITS.maxTotalUncompressed / MB} MB`;
  const ratio = total / Math.max(archiveBytes, 1);
  if (total > ZIP_LIMITS.ratioAppliesAbove && ratio > ZIP_LIMITS.maxRatio) {
    return `the file would unpack to ${Math.round(total / MB)} MB, ${Math.round(ratio)} times its size (at most ${ZIP_LIMITS.maxRatio} times)`;
  }
  return null;
}

/** A PNG is inflated whole to be placed on a page: refuse one whose pixels would not fit in memory. */
export const PNG_MAX_PIXELS = 50_000_000;

/** Why a PNG must not be decoded (its header's width × height), or null. */
export function pngBombProblem(head: Uint8Array): string | null {
  // The first chunk must be IHDR; without it the image is damaged, which decoding reports.
  if (head.length < 24 || String.fromCharCode(head[12], head[13], head[14], head[15]) !== 'IHDR') return null;
  const width = ((head[16] << 24) >>> 0) + (head[17] << 16) + (head[18] << 8) + head[19];
  const height = ((head[20] << 24) >>> 0) + (head[21] << 16) + (head[22] << 8) + head[23];
  if (width * height > PNG_MAX_PIXELS) return `the image is ${width} × ${height} pixels (at most ${PNG_MAX_PIXELS / 1_000_000} million pixels)`;
  return null;
}

// ---- numbering and order ---------------------------------------------------------------------------

/** "Bilag 1", "Bilag 2" …: numbers follow the order and are never stored. */
export function numbered<T extends { position: number }>(rows: readonly T[]): (T & { number: number })[] {
  return [...rows].sort((a, b) => a.position - b.position).map((r, i) => ({ ...r, number: i + 1 }));
}

/** Whose file an agenda item's part is: its proposal's, or the item's own. */
export type PartOwner = 'proposal' | 'item';

/**
 * One part of an agenda item, "Bilag N". `shown` is false where the audience may not see it: it
 * keeps its number, and nothing else of it may be shown ("Bilaget er ikke offentligt").
 */
export type ItemPart<P, A> =
  { kind: 'proposal'; number: number; shown: boolean; proposal: P } | { kind: 'file'; number: number; shown: boolean; owner: PartOwner; file: A };

/**
 * The one numbering of an item's parts, for the agenda (web, PDF, DOCX), the package and uploads
 * alike: its proposal is Bilag 1 (the seed's "Punkt 3, Bilag 1: Indstilling: …"), then the
 * proposal's files, then the item's own, each in its order. A number belongs to the item, not to
 * an audience: every part is counted, whoever reads, and `sees` only marks what this reader is shown.
 */
export function itemParts<P, A extends { position: number }>(
  item: { proposal: P | null; proposalFiles: readonly A[]; files: readonly A[] },
  sees: { proposal?: (p: P) => boolean; file?: (a: A) => boolean } = {},
): ItemPart<P, A>[] {
  const parts: ItemPart<P, A>[] = [];
  if (item.proposal) parts.push({ kind: 'proposal', number: 1, shown: sees.proposal?.(item.proposal) ?? true, proposal: item.proposal });
  const files: [PartOwner, readonly A[]][] = [
    ['proposal', item.proposal ? item.proposalFiles : []],
    ['item', item.files],
  ];
  for (const [owner, list] of files) {
    for (const file of [...list].sort((a, b) => a.position - b.position)) {
      parts.push({ kind: 'file', number: parts.length + 1, shown: sees.file?.(file) ?? true, owner, file });
    }
  }
  return parts;
}

/**
 * A new order is taken only from someone who saw the current one (`seen`, the optimistic lock),
 * and only if it lists exactly the same attachments.
 */
export function orderProblem(current: readonly string[], seen: readonly string[], order: readonly string[]): 'stale' | 'not_the_same_attachments' | null {
  if (seen.length !== current.length || seen.some((id, i) => id !== current[i])) return 'stale';
  const set = new Set(order);
  if (order.length !== current.length || set.size !== order.length || current.some((id) => !set.has(id))) return 'not_the_same_attachments';
  return null;
}

// ---- names sent back --------------------------------------------------------------------------------

/** The name of the PDF made from a file: "Budget.xlsx" → "Budget.pdf". */
export const pdfNameOf = (fileName: string) => (/\.pdf$/i.test(fileName) ? fileName : `${fileName.replace(/\.[^.]+$/, '')}.pdf`);

/** A Content-Disposition header (RFC 6266) that keeps Danish letters: an ASCII fallback plus filename*. */
export function contentDisposition(disposition: 'attachment' | 'inline', fileName: string): string {
  const fallback = fileName
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${disposition}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/** Text for search: no NUL or other control characters (PostgreSQL text refuses NUL), runs of blanks folded, capped. */
export function searchableText(text: string, max = 1_000_000): string {
  const clean = text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, ' ')
    .replace(/[ \t\u00a0]+/g, ' ')
    .replace(/\s*\n\s*/g, '\n')
    .trim();
  return clean.length > max ? clean.slice(0, max) : clean;
}

/** What separates the pages of a paged document's text. */
export const PAGE_BREAK = '\f';

/** A paged document's text: each page made searchable, the pages separated by a form feed (search tells the page of a hit). */
export function pagedText(pages: string[], max = 1_000_000): string {
  const text = pages.map((p) => searchableText(p, max)).join(PAGE_BREAK);
  return text.length > max ? text.slice(0, max) : text;
}

// ---- the files an attachment has had ----------------------------------------------------------------

export interface StoredVersion {
  number: number;
  sha256: string;
  pdfSha256: string | null;
  fileName: string;
  created: string;
}

export interface CurrentFile {
  sha256: string | null;
  pdfSha256: string | null;
  fileName: string | null;
  modified: string;
}

/**
 * An attachment's history, oldest first, the current file marked: the stored versions, and the
 * current file as the next one when the history does not hold it yet (a file stored before
 * histories were kept, or written without an upload, such as the demo's).
 */
export function versionHistory(
  stored: readonly StoredVersion[],
  current: CurrentFile,
): { number: number; fileName: string; created: string; pdfSha256: string | null; current: boolean }[] {
  const versions = stored.map((v) => ({ number: Number(v.number), sha256: v.sha256, fileName: v.fileName, created: v.created, pdfSha256: v.pdfSha256 }));
  const last = versions.at(-1);
  if (current.sha256 && current.fileName && last?.sha256 !== current.sha256)
    versions.push({
      number: (last?.number ?? 0) + 1,
      sha256: current.sha256,
      fileName: current.fileName,
      created: current.modified,
      pdfSha256: current.pdfSha256,
    });
  // The current file's PDF may be newer than its version's row (a conversion finishing).
  return versions.map(({ sha256, ...v }, i) => {
    const isCurrent = i === versions.length - 1 && sha256 === current.sha256;
    return { ...v, pdfSha256: isCurrent ? (current.pdfSha256 ?? v.pdfSha256) : v.pdfSha256, current: isCurrent };
  });
}
