// The demo's files, stored like uploads on the seed meetings' named attachments, so the demo's
// meeting packages hold real files: the slides of the seed's "Bilag 1: Vision for Job Aarhus -
// slideshow.pdf" (drawn anew with the seed's words), the 4 February agenda and the 21 January
// minutes as Rådslag renders them, and the demo's own papers for the rest (seed-files.ts).
import { readPdf, type PdfFacts } from '../attachments/inspect.ts';
import type { AttachmentFiles } from '../attachments/storage.ts';
import { inTransaction, type Db } from '../db/connection.ts';
import { agendaPdf } from '../documents/agenda.ts';
import { longDate } from '../documents/format.ts';
import { renderPdf } from '../documents/render.ts';
import { nowIso, parseInstant, toStored } from '../lib/time.ts';
import { getMeeting } from '../meetings/operations.ts';
import { minutesPdf } from '../minutes/document.ts';
import { municipalityOf, senderOf } from '../organizations/store.ts';
import { indexAudited } from '../search/indexer.ts';
import { alderman20January, alderman27January, committee21January, committee4February, type DemoMeeting } from './seed-meetings.ts';
import { AGENDA_4_FEBRUARY, demoDocument, MINUTES_21_JANUARY, OURS, SENDER } from './seed-files.ts';

export const SLIDESHOW = 'Bilag 1: Vision for Job Aarhus - slideshow.pdf';

const slides: { title: string; lines: string[] }[] = [
  { title: 'Job Aarhus', lines: ['Vision, strategi og omdømme', '', 'Januar 2026'] },
  { title: 'Visionspejlemærker', lines: ['Aarhus har plads til og brug for alle', 'Virkeligheden virker', 'Kunden i centrum'] },
  {
    title: 'Strategiske indsatsområder',
    lines: ['Tillid til faglighed', 'Hverdag i praksis', 'Digitale løsninger', 'Socialt ansvar', 'Unge i fokus', 'Én indgang'],
  },
];

/** The slides as Typst draws them (the documents' fonts are loaded once for every file here). */
export const slideshowPdf = (): Buffer => renderPdf('slides', { title: 'Vision for Job Aarhus', author: 'Aarhus Kommune', slides });

/** The seed's meetings that have files, as loaded (the upcoming ones keep names to upload into). */
const seedMeetings: DemoMeeting[] = [alderman20January, committee21January, alderman27January, committee4February];

/**
 * Gives the seed meetings' named attachments their files: the slides, the 4 February agenda (on
 * its own Punkt 1 and, as in the seed, on Punkt 6 of 27 January), the 21 January minutes, and the
 * demo's own papers. A name the package renders itself (the previous minutes on "Referat") is left.
 * Returns how many attachments got a file.
 */
export async function loadDemoFiles(db: Db, files: AttachmentFiles): Promise<number> {
  const byStart = new Map(seedMeetings.map((m) => [toStored(parseInstant(m.start)!), m]));
  const meetings = await db
    .selectFrom('meetings')
    .select(['id', 'start', 'organizationId'])
    .where('start', 'in', [...byStart.keys()])
    .execute();
  const seedOf = new Map(meetings.map((m) => [m.id, byStart.get(m.start)!]));
  const idOf = (seed: DemoMeeting) => meetings.find((m) => seedOf.get(m.id) === seed)?.id;
  if (!meetings.length) return 0;
  const rows = await db
    .selectFrom('attachments')
    .innerJoin('agendaItems', 'agendaItems.id', 'attachments.agendaItemId')
    .select(['attachments.id', 'attachments.title', 'agendaItems.meetingId', 'agendaItems.title as itemTitle'])
    .where(
      'agendaItems.meetingId',
      'in',
      meetings.map((m) => m.id),
    )
    .where('attachments.sha256', 'is', null)
    .where('attachments.deleted', 'is', null)
    .execute();

  // Each kind of file is made once, however many attachments carry it.
  const made = new Map<string, Promise<{ bytes: Uint8Array } | null>>();
  const once = (key: string, make: () => Promise<{ bytes: Uint8Array } | null>) => {
    if (!made.has(key)) made.set(key, make());
    return made.get(key)!;
  };
  const febId = idOf(committee4February);
  const janId = idOf(committee21January);
  const fileFor = async (row: (typeof rows)[number]) => {
    const seed = seedOf.get(row.meetingId)!;
    const item = seed.items.find((i) => i.title === row.itemTitle);
    if (row.title === SLIDESHOW) return once(SLIDESHOW, async () => ({ bytes: slideshowPdf() }));
    if (row.title === AGENDA_4_FEBRUARY && febId) {
      return once(AGENDA_4_FEBRUARY, async () => {
        // The agenda as the public reads it, dated as the seed's (23 January 2026).
        const meeting = await getMeeting({ db, viewer: null }, febId);
        const [municipality, sender] = await Promise.all([municipalityOf(db, meeting.organization.id), senderOf(db, meeting.organization.id)]);
        const bytes = agendaPdf(meeting, { municipality, sender, lang: 'da', date: '2026-01-23T12:00:00Z' });
        return { bytes };
      });
    }
    if (row.title === MINUTES_21_JANUARY && janId) {
      return once(MINUTES_21_JANUARY, async () => ({ bytes: (await minutesPdf({ db, viewer: null }, janId)).pdf }));
    }
    // Named after the minutes it approves: the package renders those minutes itself.
    if (!item || item.approves) return null;
    return once(`${row.meetingId}/${row.itemTitle}/${row.title}`, async () => {
      const doc = demoDocument(row.title, item);
      const meetingText = `${seed.title}, ${longDate(seed.start, 'da')}, punkt ${seed.items.indexOf(item) + 1}: ${item.title}`;
      const data = {
        municipality: 'Aarhus Kommune',
        sender: SENDER,
        title: doc.title,
        meeting: meetingText,
        date: longDate(seed.start, 'da'),
        note: OURS,
        sections: doc.sections,
      };
      return { bytes: renderPdf('attachment', data) };
    });
  };

  const read = new Map<string, Promise<PdfFacts>>();
  let filled = 0;
  const changed = new Set<string>();
  for (const row of rows) {
    const file = await fileFor(row);
    if (!file) continue;
    const staged = await files.staging.fromBytes(file.bytes);
    const { sha256, byteSize } = staged;
    // The text and pages an upload of the same file would store (pdf.js, a text per page), so the demo's
    // search names the page a word is on; each distinct file read once.
    const { text, pageCount } = await (read.get(sha256) ?? read.set(sha256, readPdf(staged.path)).get(sha256)!);
    await files.blobs.put(staged);
    await inTransaction(db, async (tx) => {
      await tx
        .updateTable('attachments')
        .set({
          fileName: row.title.toLowerCase().endsWith('.pdf') ? row.title : `${row.title}.pdf`,
          mediaType: 'application/pdf',
          byteSize,
          sha256,
          pdfSha256: sha256,
          pageCount,
          extractedText: text,
          conversion: 'native',
          modified: nowIso(),
        })
        .where('id', '=', row.id)
        .execute();
      // The search index holds the file's text, as after an upload.
      await indexAudited(tx, 'attachment', row.id);
    });
    changed.add(row.meetingId);
    filled++;
  }
  // A file is a change to the agenda (ARCHITECTURE): the agendas read while the files were made (the 4 February
  // agenda and the 21 January minutes are rendered from them) are cached per agenda version, and kept no file.
  if (changed.size) {
    await db
      .updateTable('meetings')
      .set((eb) => ({ agendaVersion: eb('agendaVersion', '+', 1) }))
      .where('id', 'in', [...changed])
      .execute();
  }
  return filled;
}
