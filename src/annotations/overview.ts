// The overview of a meeting for one viewer ("Overblik: Noter" / "Overblik: Delte kommentarer"): the
// annotations they may see (store.visibleAnnotations decides in SQL), grouped per item and Bilag as the
// meeting view numbers them, as data for the web page and as the PDF.
import type { Db } from '../db/connection.ts';
import type { Viewer } from '../access/model.ts';
import { denied } from '../http/errors.ts';
import { getMeeting } from '../meetings/operations.ts';
import { municipalityOf } from '../organizations/store.ts';
import { overviewPdf, type Overview } from '../documents/overview.ts';
import type { Lang } from '../documents/format.ts';
import { groupOverview } from './overview-model.ts';
import type { Annotation, AudienceEntry, Selector } from './schemas.ts';
import * as store from './store.ts';

export interface Ctx {
  db: Db;
  viewer: Viewer;
}

/** The current version of each document the annotations are on: a proposal's number, an attachment's PDF. */
async function currentVersions(db: Db, rows: store.AnnotationRow[]): Promise<Map<string, string | null>> {
  const ids = (target: string) => [...new Set(rows.filter((r) => r.target === target && r.documentId).map((r) => r.documentId!))];
  const out = new Map<string, string | null>();
  const proposals = ids('proposal');
  if (proposals.length) {
    for (const p of await db.selectFrom('proposals').select(['id', 'version']).where('id', 'in', proposals).execute())
      out.set(`proposal:${p.id}`, String(p.version));
  }
  const attachments = ids('attachment');
  if (attachments.length) {
    for (const a of await db.selectFrom('attachments').select(['id', 'pdfSha256']).where('id', 'in', attachments).execute())
      out.set(`attachment:${a.id}`, a.pdfSha256);
  }
  return out;
}

async function personNames(db: Db, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await db.selectFrom('persons').select(['id', 'name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** The annotations of a meeting the viewer may see, in the API's shape. */
async function meetingAnnotations(db: Db, viewer: NonNullable<Viewer>, meetingId: string): Promise<Annotation[]> {
  const rows = await store.visibleAnnotations(db, viewer, { meetingId });
  const ids = rows.map((r) => r.id);
  const [audiences, revisions, versions] = await Promise.all([store.audiencesOf(db, ids), store.revisionCounts(db, ids), currentVersions(db, rows)]);
  const audienceOf = new Map<string, AudienceEntry[]>();
  for (const a of audiences) {
    if (a.kind === 'mention') continue;
    audienceOf.set(a.annotationId, [...(audienceOf.get(a.annotationId) ?? []), { kind: a.kind, value: a.value }]);
  }
  return rows.map((r) => {
    const current = r.documentId ? versions.get(`${r.target}:${r.documentId}`) : undefined;
    const deleted = r.deleted !== null;
    return {
      id: r.id,
      meetingId: r.meetingId,
      agendaItemId: r.agendaItemId,
      target: r.target,
      documentId: r.documentId,
      documentVersion: r.documentVersion,
      page: r.page,
      selector: r.selector ? (JSON.parse(r.selector) as Selector) : null,
      quote: deleted ? null : r.quote,
      kind: r.kind,
      visibility: r.visibility,
      audience: audienceOf.get(r.id) ?? [],
      parentId: r.parentId,
      body: deleted ? '' : r.body,
      color: r.color,
      created: r.created,
      modified: r.modified,
      deleted,
      author: { personId: r.authorPersonId, name: r.authorName, initials: r.authorInitials ?? '' },
      mine: r.authorUserId === viewer.userId,
      edited: (revisions.get(r.id) ?? 0) > 0,
      // An older version than the document's current one: "Knyttet til en tidligere version".
      anchor: r.target === 'item' || !r.documentVersion ? null : current === r.documentVersion ? 'current' : 'orphaned',
      mentions: [],
    };
  });
}

/** The viewer's overview of a meeting: 401 for a visitor, 404 for a meeting they may not read. */
export async function meetingOverview(ctx: Ctx, meetingId: string): Promise<Overview> {
  const viewer = ctx.viewer;
  if (!viewer) throw denied(viewer);
  const meeting = await getMeeting(ctx, meetingId);
  const annotations = await meetingAnnotations(ctx.db, viewer, meetingId);
  const persons = [...new Set(annotations.flatMap((a) => a.audience.filter((x) => x.kind === 'person').map((x) => x.value)))];
  const grouped = groupOverview(annotations, meeting.items, await personNames(ctx.db, persons));
  return {
    meeting: { id: meeting.id, title: meeting.title, organizationName: meeting.organization.name, start: meeting.start, end: meeting.end },
    municipality: await municipalityOf(ctx.db, meeting.organization.id),
    ...grouped,
  };
}

/** The overview as a tagged PDF, with its file name. */
export async function meetingOverviewPdf(ctx: Ctx, meetingId: string, lang: Lang): Promise<{ pdf: Buffer; fileName: string }> {
  const overview = await meetingOverview(ctx, meetingId);
  const day = overview.meeting.start.slice(0, 10);
  return { pdf: overviewPdf(overview, lang), fileName: `${lang === 'da' ? 'overblik' : 'overview'}-${day}.pdf` };
}
