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
import { meetingAnnotations } from './operations.ts';

export interface Ctx {
  db: Db;
  viewer: Viewer;
}

async function personNames(db: Db, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await db.selectFrom('persons').select(['id', 'name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** The viewer's overview of a meeting: 401 for a visitor, 404 for a meeting they may not read. */
export async function meetingOverview(ctx: Ctx, meetingId: string): Promise<Overview> {
  const viewer = ctx.viewer;
  if (!viewer) throw denied(viewer);
  const meeting = await getMeeting(ctx, meetingId);
  // The annotations through the one presenter (anchor status, deleted comments kept for their replies).
  const { annotations } = await meetingAnnotations(ctx, meetingId);
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
