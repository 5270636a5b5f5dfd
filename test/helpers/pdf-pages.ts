// PDFs with the pages real attachments have — A4 both ways, A3, rotated, a MediaBox away from 0,0, a
// CropBox — each page with lines of text and a vector drawing, for the meeting package's tests and
// benchmark.
import { degrees, PDFDocument, rgb, StandardFonts } from 'pdf-lib';

export const A4: [number, number] = [595.28, 841.89];
export const A4_LANDSCAPE: [number, number] = [841.89, 595.28];
export const A3: [number, number] = [841.89, 1190.55];

export interface PageSpec {
  size: [number, number];
  /** The first line of text on the page (the rest is filler). */
  label: string;
  rotate?: 0 | 90 | 180 | 270;
  /** Where the MediaBox starts (default 0,0). */
  origin?: [number, number];
  /** A CropBox this far inside the MediaBox on every side. */
  cropInset?: number;
  lines?: number;
  /** Distance of the text and drawing from the page's edges (default 50 pt); a few points: a page drawn to its edges. */
  margin?: number;
}

export async function pdfWithPages(pages: PageSpec[]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const spec of pages) {
    const [w, h] = spec.size;
    const [x, y] = spec.origin ?? [0, 0];
    const page = doc.addPage([w, h]);
    page.setMediaBox(x, y, w, h);
    if (spec.cropInset) {
      const i = spec.cropInset;
      page.setCropBox(x + i, y + i, w - 2 * i, h - 2 * i);
      // Drawn just above the visible area, at the right: whatever grows the page there must keep it hidden.
      page.drawRectangle({ x: x + w - i - 120, y: y + h - i + 4, width: 100, height: 12, color: rgb(0, 0, 0) });
    }
    if (spec.rotate) page.setRotation(degrees(spec.rotate));
    const margin = (spec.margin ?? 50) + (spec.cropInset ?? 0);
    page.drawText(spec.label, { x: x + margin, y: y + h - margin - 12, size: 14, font });
    for (let l = 0; l < (spec.lines ?? 20); l++) {
      const line = `Linje ${l + 1}: Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor.`;
      page.drawText(line, { x: x + margin, y: y + h - margin - 40 - l * 14, size: 10, font });
    }
    page.drawSvgPath('M 0 0 L 100 40 L 200 -20 L 300 60 C 350 100 400 0 450 50 Z', {
      x: x + margin,
      y: y + margin + 120,
      borderColor: rgb(0.1, 0.3, 0.7),
      borderWidth: 2,
      color: rgb(0.8, 0.9, 1),
    });
    page.drawRectangle({ x: x + margin, y: y + margin, width: w - 2 * margin, height: 60, borderColor: rgb(0, 0, 0), borderWidth: 1 });
  }
  return doc.save();
}
