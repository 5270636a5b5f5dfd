// Opens the PDFs that go into the package. Many real attachments carry owner-password permissions
// (no printing, no copying) with an empty user password: pdf-lib cannot read those, so they are
// decrypted with @cantoo/pdf-lib and handed over as a plain PDF. A PDF that needs a password to be
// opened at all is refused with a typed error (upload validation normally catches it earlier).
import { PDFDocument, ParseSpeeds } from 'pdf-lib';
import type { PDFObject, PDFRef as CantooRef } from '@cantoo/pdf-lib';

export type PackageErrorCode = 'pdf_password_required' | 'pdf_unreadable';

export class PackageError extends Error {
  constructor(
    readonly code: PackageErrorCode,
    /** Which part of the package (its stamp, or "cover"/"agenda"). */
    readonly part: string,
    message: string,
  ) {
    super(message);
    this.name = 'PackageError';
  }
}

const loadOptions = { parseSpeed: ParseSpeeds.Fastest, updateMetadata: false } as const;

/** The PDF, readable by pdf-lib. */
export async function openPdf(bytes: Uint8Array, part: string): Promise<PDFDocument> {
  // An encrypted PDF names its /Encrypt dictionary in the trailer, which is never compressed; pdf-lib
  // would parse the encrypted objects as garbage first. The word elsewhere costs one needless pass.
  const plain = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes('/Encrypt') ? await decrypt(bytes, part) : bytes;
  try {
    return await PDFDocument.load(plain, loadOptions);
  } catch (e) {
    throw new PackageError('pdf_unreadable', part, `${part}: not a readable PDF (${(e as Error).message})`);
  }
}

/** The PDF without its encryption. */
async function decrypt(bytes: Uint8Array, part: string): Promise<Uint8Array> {
  // Loaded only when needed: the library costs ~30 MB of memory once loaded.
  const { PDFDocument: CantooDocument, PDFArray, PDFDict, PDFRef, PDFStream } = await import('@cantoo/pdf-lib');
  let encrypted: Awaited<ReturnType<typeof CantooDocument.load>>;
  try {
    encrypted = await CantooDocument.load(bytes, { password: '', parseSpeed: ParseSpeeds.Fastest, updateMetadata: false });
  } catch (e) {
    const message = (e as Error).message;
    if (/password/i.test(message)) throw new PackageError('pdf_password_required', part, `${part}: the PDF needs a password to be opened`);
    throw new PackageError('pdf_unreadable', part, `${part}: could not decrypt the PDF (${message})`);
  }
  // Saved whole (decrypted as loaded), so the catalog's structure tree and language come along, with
  // only the objects the document reaches: object and cross-reference streams read in would be
  // written back, one naming the /Encrypt dictionary.
  const { context } = encrypted;
  context.trailerInfo.Encrypt = undefined;
  const reached = new Set<CantooRef>();
  const pending: (PDFObject | undefined)[] = [context.trailerInfo.Root, context.trailerInfo.Info];
  while (pending.length) {
    const object = pending.pop();
    if (object instanceof PDFRef) {
      if (reached.has(object)) continue;
      reached.add(object);
      pending.push(context.lookup(object));
    } else if (object instanceof PDFDict) for (const [, value] of object.entries()) pending.push(value);
    else if (object instanceof PDFArray) for (const value of object.asArray()) pending.push(value);
    else if (object instanceof PDFStream) pending.push(object.dict);
  }
  for (const [ref] of context.enumerateIndirectObjects()) if (!reached.has(ref)) context.delete(ref);
  return encrypted.save({ useObjectStreams: false });
}
