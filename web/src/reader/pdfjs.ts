// pdf.js for the reader, set up once: its worker is a file of the build (served from our own origin,
// as the CSP wants), and the viewer components find the library where they look for it
// (globalThis.pdfjsLib) — this module is imported before pdfjs-dist/web/pdf_viewer.mjs.
import * as pdfjsLib from 'pdfjs-dist';
import type { PDFDocumentLoadingTask, PDFDocumentProxy } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import { readerWorker, takeEarlyPdf } from './early.ts';

(globalThis as { pdfjsLib?: typeof pdfjsLib }).pdfjsLib = pdfjsLib;
pdfjsLib.GlobalWorkerOptions.workerSrc = workerUrl;

// One worker serves every document the reader opens (closing a document leaves it running): the one
// the app started when the address was a reader's, or else one started with this code.
let worker: pdfjsLib.PDFWorker | null = null;
const sharedWorker = () => {
  if (!worker || worker.destroyed) worker = pdfjsLib.PDFWorker.create({ port: readerWorker() });
  return worker;
};
sharedWorker();

export { pdfjsLib };

/** A document being opened: its promise, and closing it (also before it has opened). */
export interface OpeningPdf {
  promise: Promise<PDFDocumentProxy>;
  destroy(): Promise<void>;
}

/**
 * Opens a PDF by URL: no eval (the CSP forbids it), cookies sent (the package is per viewer). When
 * the app asked for these bytes early (early.ts), pdf.js gets them instead of asking again.
 */
export function openPdf(url: string): OpeningPdf {
  const params = { isEvalSupported: false, withCredentials: true, worker: sharedWorker() };
  const early = takeEarlyPdf(url);
  if (!early) return pdfjsLib.getDocument({ url, ...params });
  let task: PDFDocumentLoadingTask | null = null;
  let closed = false;
  return {
    promise: early.then((bytes) => {
      if (closed) throw new Error('closed');
      task = pdfjsLib.getDocument(bytes ? { data: new Uint8Array(bytes), ...params } : { url, ...params });
      return task.promise;
    }),
    async destroy() {
      closed = true;
      await task?.destroy();
    },
  };
}
