// The demo's files: the slides of the seed's "Bilag 1: Vision for Job Aarhus - slideshow.pdf",
// drawn anew (three landscape slides with the seed's words), stored like an upload and put on the
// named attachment of Punkt 3, 27 January, so the demo's meeting package stamps a real file.
import fs from 'node:fs';
import { PDFDocument, rgb } from 'pdf-lib';
import type { AttachmentFiles } from '../attachments/storage.ts';
import type { Db } from '../db/connection.ts';
import { fontFile } from '../documents/fonts.ts';
import { nowIso } from '../lib/time.ts';

export const SLIDESHOW = 'Bilag 1: Vision for Job Aarhus - slideshow.pdf';

const slides: { title: string; lines: string[] }[] = [
  { title: 'Job Aarhus', lines: ['Vision, strategi og omdømme', '', 'Januar 2026'] },
  { title: 'Visionspejlemærker', lines: ['Aarhus har plads til og brug for alle', 'Virkeligheden virker', 'Kunden i centrum'] },
  {
    title: 'Strategiske indsatsområder',
    lines: ['Tillid til faglighed', 'Hverdag i praksis', 'Digitale løsninger', 'Socialt ansvar', 'Unge i fokus', 'Én indgang'],
  },
];

export async function slideshowPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit((await import('@pdf-lib/fontkit')).default);
  doc.setTitle('Vision for Job Aarhus');
  doc.setLanguage('da-DK');
  const bold = await doc.embedFont(fs.readFileSync(fontFile('DejaVuSans-Bold.ttf')), { subset: true });
  const regular = await doc.embedFont(fs.readFileSync(fontFile('DejaVuSans.ttf')), { subset: true });
  for (const s of slides) {
    const page = doc.addPage([842, 595]);
    page.drawRectangle({ x: 0, y: 515, width: 842, height: 80, color: rgb(0.05, 0.27, 0.45) });
    page.drawText(s.title, { x: 50, y: 540, size: 30, font: bold, color: rgb(1, 1, 1) });
    s.lines.forEach((line, i) => page.drawText(line, { x: 70, y: 440 - i * 44, size: 22, font: regular, color: rgb(0.1, 0.1, 0.1) }));
  }
  return doc.save();
}

/** Gives the demo's named slideshow attachment its file. Returns whether there was one to fill. */
export async function loadDemoFiles(db: Db, files: AttachmentFiles): Promise<boolean> {
  const row = await db
    .selectFrom('attachments')
    .select('id')
    .where('title', '=', SLIDESHOW)
    .where('sha256', 'is', null)
    .where('deleted', 'is', null)
    .executeTakeFirst();
  if (!row) return false;
  const bytes = await slideshowPdf();
  const staged = await files.staging.fromBytes(bytes);
  const { sha256, byteSize } = staged;
  await files.blobs.put(staged);
  await db
    .updateTable('attachments')
    .set({
      fileName: SLIDESHOW,
      mediaType: 'application/pdf',
      byteSize,
      sha256,
      pdfSha256: sha256,
      pageCount: slides.length,
      extractedText: slides.map((s) => [s.title, ...s.lines].join('\n')).join('\n'),
      conversion: 'native',
      modified: nowIso(),
    })
    .where('id', '=', row.id)
    .execute();
  return true;
}
