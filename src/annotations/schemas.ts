// The API contract of notes, highlights and shared comments (issue 11), shared by the server and the web app.
import { z } from 'zod';
import { multiLine, singleLine } from '../meetings/schemas.ts';

export const LIMITS = { bodyMax: 10000, quoteMax: 4000, contextMax: 32, audienceMax: 50, mentionsMax: 50, pageMax: 100000, listMax: 100 } as const;

export const annotationTargets = ['item', 'proposal', 'attachment'] as const;
export type AnnotationTarget = (typeof annotationTargets)[number];
export const annotationKinds = ['note', 'highlight', 'comment'] as const;
export type AnnotationKind = (typeof annotationKinds)[number];
export const annotationVisibilities = ['private', 'shared'] as const;
export type AnnotationVisibility = (typeof annotationVisibilities)[number];
export const audienceKinds = ['members', 'group', 'secretariat', 'person'] as const;
export type AudienceKind = (typeof audienceKinds)[number];
export type AnchorStatus = 'current' | 'reanchored' | 'orphaned';

const id = z.string().min(1).max(100);

/** W3C Web Annotation: TextQuoteSelector (exact, prefix, suffix) + TextPositionSelector (start, end in the page's text). */
export const selectorSchema = z.object({
  exact: z.string().min(1).max(LIMITS.quoteMax),
  prefix: z.string().max(LIMITS.contextMax).default(''),
  suffix: z.string().max(LIMITS.contextMax).default(''),
  start: z.number().int().min(0),
  end: z.number().int().min(0),
});
export type Selector = z.output<typeof selectorSchema>;

export const audienceEntrySchema = z.object({ kind: z.enum(audienceKinds), value: singleLine(200).optional() });
export type AudienceEntry = { kind: AudienceKind; value: string };

export const putAnnotationBody = z.object({
  meetingId: id,
  agendaItemId: id.nullable().optional(),
  target: z.enum(annotationTargets),
  documentId: id.nullable().optional(),
  documentVersion: z.string().min(1).max(200).nullable().optional(),
  page: z.number().int().min(1).max(LIMITS.pageMax).nullable().optional(),
  selector: selectorSchema.nullable().optional(),
  kind: z.enum(annotationKinds),
  visibility: z.enum(annotationVisibilities),
  audience: z.array(audienceEntrySchema).max(LIMITS.audienceMax).optional(),
  parentId: id.nullable().optional(),
  mentions: z.array(id).max(LIMITS.mentionsMax).optional(),
  body: multiLine(LIMITS.bodyMax),
  color: singleLine(40).nullable().optional(),
});
export type PutAnnotationBody = z.output<typeof putAnnotationBody>;

export const annotationIdParams = z.object({ id });

export const myAnnotationsQuery = z.object({
  q: singleLine(200).optional(),
  /** Cursor from the previous page's `next`. */
  before: z.string().max(300).optional(),
  limit: z.coerce.number().int().min(1).max(LIMITS.listMax).default(50),
});

export const readingPositionBody = z.object({ page: z.number().int().min(1).max(LIMITS.pageMax).nullable() });

export interface AnnotationAuthor {
  personId: string;
  name: string;
  initials: string;
}

export interface Annotation {
  id: string;
  meetingId: string;
  agendaItemId: string | null;
  target: AnnotationTarget;
  documentId: string | null;
  documentVersion: string | null;
  page: number | null;
  selector: Selector | null;
  quote: string | null;
  kind: AnnotationKind;
  visibility: AnnotationVisibility;
  audience: AudienceEntry[];
  parentId: string | null;
  body: string;
  color: string | null;
  created: string;
  modified: string;
  deleted: boolean;
  author: AnnotationAuthor;
  mine: boolean;
  /** Has earlier texts (annotation_revisions). */
  edited: boolean;
  /** null for a note on the whole item. */
  anchor: AnchorStatus | null;
  mentions: string[];
}

export interface DocumentVersionInfo {
  target: 'proposal' | 'attachment';
  documentId: string;
  currentVersion: string | null;
}

export interface MeetingAnnotations {
  annotations: Annotation[];
  documents: DocumentVersionInfo[];
}

export interface AnnotationRevision {
  number: number;
  body: string | null;
  created: string;
}

export interface AudienceOptions {
  groups: string[];
  persons: { id: string; name: string; initials: string; roles: string[] }[];
}

export type MyAnnotation = Annotation & { meeting: { id: string; title: string; start: string }; item: { number: number; title: string } | null };

export interface MyAnnotations {
  annotations: MyAnnotation[];
  next: string | null;
}

export interface ReadingPosition {
  page: number | null;
}

// The overview of a viewer's annotations on a meeting ("Overblik: Noter / Delte kommentarer"): the
// page and the PDF (documents/overview.ts) show the same data.
export interface OverviewEntry {
  id: string;
  kind: 'note' | 'highlight' | 'comment';
  /** The quoted passage (null for a note on the whole item or document). */
  quote: string | null;
  /** 1-based page within its document. */
  page: number | null;
  body: string;
  created: string;
  anchor: AnchorStatus | null;
  edited: boolean;
  deleted: boolean;
  author: { personId: string; name: string; initials: string };
  mine: boolean;
  /** A shared comment's audience, each entry with the name it is shown by (a group's or a person's). */
  audience: { kind: AudienceKind; value: string | null; name: string | null }[];
  /** A comment's replies, oldest first. */
  replies: OverviewEntry[];
}

export interface OverviewDocument {
  target: 'item' | 'proposal' | 'attachment';
  documentId: string | null;
  /** Bilag number on the item; null for the item itself or a document no longer on it. */
  number: number | null;
  title: string | null;
  entries: OverviewEntry[];
}

export interface OverviewItem {
  /** null: annotations on the meeting as a whole. */
  id: string | null;
  number: number | null;
  title: string;
  plannedMinutes: number | null;
  documents: OverviewDocument[];
}

export interface Overview {
  meeting: { id: string; title: string; organizationName: string; start: string; end: string };
  municipality: string;
  notes: OverviewItem[];
  comments: OverviewItem[];
}
