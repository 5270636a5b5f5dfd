// What the reader starts before its own code has arrived, when the address is a reader's (the first
// module main.tsx runs, so kept small):
// - pdf.js's worker, a thread of its own that downloads and starts its 1.2 MB while the app and the
//   reader's code load and run (pdf.js asks for the PDF only once its worker answers);
// - the PDF itself, when its address is known without the reader: an attachment's always, the
//   package's public edition when no one is signed in or it is asked for (the members' edition
//   depends on the meeting). The reader then hands the bytes to pdf.js instead of asking again (the
//   server sends these whole, no byte ranges, so pdf.js would have fetched all of it too).
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import { signedInAtStart } from '../access/session.tsx';
import { initialLang } from '../i18n/index.tsx';

export const isReaderAddress = (pathname: string) => /^\/(meetings|indstillinger|bilag)\/[^/]+\/laes\/?$/.test(pathname);

let worker: Worker | null = null;

/** The reader's worker: the one started early, or one started now. */
export function readerWorker(): Worker {
  worker ??= new Worker(workerUrl, { type: 'module', name: 'pdf.js' });
  return worker;
}

/** The PDFs asked for early, by address: their bytes, or null when the answer was not a PDF. */
const early = new Map<string, Promise<ArrayBuffer | null>>();

function fetchEarly(url: string) {
  early.set(
    url,
    fetch(url, { credentials: 'same-origin' }).then(
      (r) => (r.ok && r.headers.get('content-type')?.startsWith('application/pdf') ? r.arrayBuffer() : null),
      () => null,
    ),
  );
  // Not taken (the reader was left before it opened the document): let the bytes go.
  window.setTimeout(() => early.delete(url), 60_000);
}

/** The bytes of a PDF asked for early at this address, once (null: none, or not a PDF). */
export function takeEarlyPdf(url: string): Promise<ArrayBuffer | null> | null {
  const bytes = early.get(url) ?? null;
  early.delete(url);
  return bytes;
}

const { pathname, search } = window.location;
if (isReaderAddress(pathname)) {
  readerWorker();
  const attachment = /^\/bilag\/([^/]+)\/laes\/?$/.exec(pathname);
  const meeting = /^\/meetings\/([^/]+)\/laes\/?$/.exec(pathname);
  if (attachment) fetchEarly(`/api/attachments/${decodeURIComponent(attachment[1])}/pdf`);
  else if (meeting) {
    const url = `/api/meetings/${decodeURIComponent(meeting[1])}/package.pdf?audience=public&lang=${initialLang()}`;
    if (new URLSearchParams(search).get('udgave') === 'offentlig') fetchEarly(url);
    else void signedInAtStart.then((signedIn) => signedIn || fetchEarly(url));
  }
}
