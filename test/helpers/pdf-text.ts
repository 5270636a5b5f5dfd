// A PDF's text as pdf.js reads it (no poppler needed): every page's items joined, whitespace runs as one space.
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const standardFontDataUrl = pathToFileURL(path.join(path.dirname(require.resolve('pdfjs-dist/package.json')), 'standard_fonts')).href + '/';

/** The text of each page, in reading order, whitespace collapsed. */
export async function pdfText(bytes: Uint8Array): Promise<{ pages: string[]; text: string }> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await getDocument({ data: new Uint8Array(bytes), standardFontDataUrl, isEvalSupported: false, useSystemFonts: false, verbosity: 0 }).promise;
  try {
    const pages: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      pages.push(
        content.items
          .map((i) => ('str' in i ? i.str + (i.hasEOL ? '\n' : '') : ''))
          .join('')
          .replace(/\s+/g, ' ')
          .trim(),
      );
    }
    return { pages, text: pages.join(' ') };
  } finally {
    await doc.destroy();
  }
}
