// pdf.js for the reader, set up once: its worker is a file of the build (served from our own origin,
// as the CSP wants), and the viewer components find the library where they look for it
// (globalThis.pdfjsLib) — this module is imported before pdfjs-dist/web/pdf_viewer.mjs.
import * as pdfjsLib from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import { readerWorker } from './early.ts';

(globalThis as { pdfjsLib?: typeof pdfjsLib }).pdfjsLib = pdfjsLib;
pdfjsLib.GlobalWorkerOptions.workerSrc = workerUrl;

// One worker serves every document the reader opens (closing a document leaves it running): the one
// the app shell started when the address was a reader's, or else one started with this code.
let worker: pdfjsLib.PDFWorker | null = null;
const sharedWorker = () => {
  if (!worker || worker.destroyed) worker = pdfjsLib.PDFWorker.create({ port: readerWorker() });
  return worker;
};
sharedWorker();

export { pdfjsLib };

/** Opens a PDF by URL: no eval (the CSP forbids it), cookies sent (the package is per viewer). */
export function openPdf(url: string) {
  return pdfjsLib.getDocument({ url, isEvalSupported: false, withCredentials: true, worker: sharedWorker() });
}
