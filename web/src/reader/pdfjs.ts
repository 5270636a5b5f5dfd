// pdf.js for the reader, set up once: its worker is a file of the build (served from our own origin,
// as the CSP wants), and the viewer components find the library where they look for it
// (globalThis.pdfjsLib) — this module is imported before pdfjs-dist/web/pdf_viewer.mjs.
import * as pdfjsLib from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';

(globalThis as { pdfjsLib?: typeof pdfjsLib }).pdfjsLib = pdfjsLib;
pdfjsLib.GlobalWorkerOptions.workerSrc = workerUrl;

export { pdfjsLib };

/** Opens a PDF by URL: no eval (the CSP forbids it), cookies sent (the package is per viewer). */
export function openPdf(url: string) {
  return pdfjsLib.getDocument({ url, isEvalSupported: false, withCredentials: true });
}
