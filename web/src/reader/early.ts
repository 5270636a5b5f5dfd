// What the reader starts before its own code has arrived, when the address is a reader's (imported
// by the app shell, so kept tiny): pdf.js's worker, a thread of its own that downloads and starts
// its 1.2 MB while the shell and the reader's code load and run. pdf.js asks for the PDF only once
// its worker answers, so a worker started by the reader's code would queue behind all of that.
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';

export const isReaderAddress = (pathname: string) => /^\/(meetings|indstillinger|bilag)\/[^/]+\/laes\/?$/.test(pathname);

let worker: Worker | null = null;

/** The reader's worker: the one started early, or one started now. */
export function readerWorker(): Worker {
  worker ??= new Worker(workerUrl, { type: 'module', name: 'pdf.js' });
  return worker;
}
