// The demo's files, stored like uploads on the seed meetings' named attachments, so the demo's
// meeting packages hold real files: the slides of the seed's "Bilag 1: Vision for Job Aarhus -
// slideshow.pdf" (drawn anew with the seed's words), the 4 February agenda and the 21 January
// minutes as Rådslag renders them, and the demo's own papers for the rest (seed-files.ts).
import { PDFDocument } from 'pdf-lib';
import type { AttachmentFiles } from '../attachments/storage.ts';
import type { Db } from '../db/connection.ts';
import { agendaPdf } from '../documents/agenda.ts';
import { longDate } from '../documents/format.ts';
import { renderPdf } from '../documents/render.ts';
import { nowIso, parseInstant, toStored } from '../lib/time.ts';
import { getMeeting } from '../meetings/operations.ts';
import { minutesPdf } from '../minutes/document.ts';
import { municipalityOf, senderOf } from '../organizations/store.ts';
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

/** Pages of a file made here; Typst's page objects are plain text, so most need no PDF parse (a parse costs ~15 ms). */
async function pagesOf(bytes: Uint8Array): Promise<number> {
  const pages = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    .toString('latin1')
    .match(/\/Type\s*\/Page(?![a-z])/g)?.length;
  return pages || (await PDFDocument.load(bytes, { updateMetadata: false })).getPageCount();
}

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
  const made = new Map<string, Promise<{ bytes: Uint8Array; text: string } | null>>();
  const once = (key: string, make: () => Promise<{ bytes: Uint8Array; text: string } | null>) => {
    if (!made.has(key)) made.set(key, make());
    return made.get(key)!;
  };
  const febId = idOf(committee4February);
  const janId = idOf(committee21January);
  const fileFor = async (row: (typeof rows)[number]) => {
    const seed = seedOf.get(row.meetingId)!;
    const item = seed.items.find((i) => i.title === row.itemTitle);
    if (row.title === SLIDESHOW)
      return once(SLIDESHOW, async () => ({ bytes: slideshowPdf(), text: slides.map((s) => [s.title, ...s.lines].join('\n')).join('\n') }));
    if (row.title === AGENDA_4_FEBRUARY && febId) {
      return once(AGENDA_4_FEBRUARY, async () => {
        // The agenda as the public reads it, dated as the seed's (23 January 2026).
        const meeting = await getMeeting({ db, viewer: null }, febId);
        const [municipality, sender] = await Promise.all([municipalityOf(db, meeting.organization.id), senderOf(db, meeting.organization.id)]);
        const bytes = agendaPdf(meeting, { municipality, sender, lang: 'da', date: '2026-01-23T12:00:00Z' });
        return { bytes, text: [meeting.title, ...meeting.items.map((i) => `${i.number}. ${i.title}`)].join('\n') };
      });
    }
    if (row.title === MINUTES_21_JANUARY && janId) {
      return once(MINUTES_21_JANUARY, async () => ({ bytes: (await minutesPdf({ db, viewer: null }, janId)).pdf, text: MINUTES_21_JANUARY }));
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
      return { bytes: renderPdf('attachment', data), text: [doc.title, ...doc.sections.map((s) => s.text)].join('\n') };
    });
  };

  let filled = 0;
  const changed = new Set<string>();
  for (const row of rows) {
    const file = await fileFor(row);
    if (!file) continue;
    const staged = await files.staging.fromBytes(file.bytes);
    const { sha256, byteSize } = staged;
    await files.blobs.put(staged);
    const pageCount = await pagesOf(file.bytes);
    await db
      .updateTable('attachments')
      .set({
        fileName: row.title.toLowerCase().endsWith('.pdf') ? row.title : `${row.title}.pdf`,
        mediaType: 'application/pdf',
        byteSize,
        sha256,
        pdfSha256: sha256,
        pageCount,
        extractedText: file.text,
        conversion: 'native',
        modified: nowIso(),
      })
      .where('id', '=', row.id)
      .execute();
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
