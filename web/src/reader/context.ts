// What the reader offers the layers drawn on it (the notes layer, web/src/annotations): the pdf.js
// viewer and its event bus, where the reader is, and how package pages map to each document's pages.
import { createContext, useContext } from 'react';
import type { EventBus, PDFViewer } from 'pdfjs-dist/web/pdf_viewer.mjs';

export type ReaderTarget = 'cover' | 'agenda' | 'proposal' | 'attachment' | 'minutes' | 'withheld' | 'missing';

/** A run of pages in what the reader shows: the package's cover, agenda, or one item's part. */
export interface ReaderPart {
  itemNumber: number | null;
  agendaItemId: string | null;
  label: string;
  target: ReaderTarget;
  /** The proposal's id or the attachment's id (null for cover, agenda, withheld, missing). */
  documentId: string | null;
  /** A proposal's version number as a string, or an attachment's pdfSha256. */
  documentVersion: string | null;
  /** 1-based page in what the reader shows where the part begins. */
  firstPage: number;
  pageCount: number;
}

export interface ReaderContextValue {
  /** The meeting being read (null for a single document opened outside a meeting). */
  meetingId: string | null;
  viewer: PDFViewer;
  eventBus: EventBus;
  /** 1-based page shown now. */
  currentPage: number;
  goToPage(n: number): void;
  parts: ReaderPart[];
  /** The part a (1-based) page of what the reader shows belongs to. */
  partAt(packagePage: number): ReaderPart | null;
  /** The reader's page showing a document's (1-based) page, or null when it is not shown. */
  packagePageOf(documentId: string, documentPage: number): number | null;
}

export const ReaderContext = createContext<ReaderContextValue | null>(null);

/** The reader's context; null outside a reader (or before its document has loaded). */
export const useReader = () => useContext(ReaderContext);

/** The part a page belongs to (parts sorted by firstPage). */
export function partAt(parts: ReaderPart[], page: number): ReaderPart | null {
  for (const p of parts) if (page >= p.firstPage && page < p.firstPage + p.pageCount) return p;
  return null;
}

/** The reader's page showing page `documentPage` of the document, or null. */
export function packagePageOf(parts: ReaderPart[], documentId: string, documentPage: number): number | null {
  const p = parts.find((x) => x.documentId === documentId && documentPage >= 1 && documentPage <= x.pageCount);
  return p ? p.firstPage + documentPage - 1 : null;
}
