// The web app's client of the notes API (src/annotations/schemas.ts is the contract it shares with the server).
import type { Annotation, AnnotationRevision, AudienceOptions, MeetingAnnotations, PutAnnotationBody } from '../../../src/annotations/schemas.ts';
import { api, get } from '../api.ts';

export type { Annotation, AnnotationRevision, AudienceOptions, MeetingAnnotations, PutAnnotationBody };
export type { AudienceEntry, Selector } from '../../../src/annotations/schemas.ts';

export const listAnnotations = (meetingId: string) => get<MeetingAnnotations>(`/api/meetings/${encodeURIComponent(meetingId)}/annotations`);
export const audienceOptions = (meetingId: string) => get<AudienceOptions>(`/api/meetings/${encodeURIComponent(meetingId)}/annotation-audience`);
export const annotationRevisions = (id: string) => get<{ revisions: AnnotationRevision[] }>(`/api/annotations/${encodeURIComponent(id)}/revisions`);
/** Creates or updates (the id is made by the client, so sending twice stores once). */
export const putAnnotation = (id: string, body: PutAnnotationBody) => api<Annotation>('PUT', `/api/annotations/${encodeURIComponent(id)}`, body);
export const deleteAnnotation = (id: string) => api<unknown>('DELETE', `/api/annotations/${encodeURIComponent(id)}`);

/** Where the version a note was written on can still be read. */
export function versionUrl(a: Pick<Annotation, 'target' | 'documentId' | 'documentVersion'>): string | null {
  if (!a.documentId || !a.documentVersion) return null;
  if (a.target === 'proposal') return `/api/proposals/${encodeURIComponent(a.documentId)}/document.pdf?version=${encodeURIComponent(a.documentVersion)}`;
  if (a.target === 'attachment') return `/api/attachments/${encodeURIComponent(a.documentId)}/versions/${encodeURIComponent(a.documentVersion)}/pdf`;
  return null;
}

export function newId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
