// The demo's own attachment files. The seed names every attachment of its meetings but holds only
// the 4 February agenda (as Punkt 6, Bilag 1 of 27 January) and the Job Aarhus slides: the agenda
// is rendered by Rådslag from the demo's meeting, and every other file is ours — a title page and
// the item's own words from the seed's agenda, marked as the demo's.
import { demoWheels } from './seed-wheels.ts';
import type { DemoItem } from './seed-meetings.ts';

export const AGENDA_4_FEBRUARY = 'Dagsorden til mødet i Social- og Beskæftigelsesudvalget den 4. februar 2026';
export const MINUTES_21_JANUARY = 'Referat fra mødet den 21. januar 2026';

export const SENDER = 'Sociale Forhold og Beskæftigelse · Fagligt Sekretariat';
export const OURS =
  'Demobilag, lavet af Rådslag: seedets dagsorden nævner bilaget, men seedets mødepakke indeholder det ikke. Teksten er punktets egen fra dagsordenen; resten er vores.';

const months = ['januar', 'februar', 'marts', 'april', 'maj', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'december'];

/** "08-01" → "1. august". */
const afterDate = (monthDay: string) => `${Number(monthDay.slice(3))}. ${months[Number(monthDay.slice(0, 2)) - 1]}`;

/** Titles that say only what kind of paper it is ("Forklæde") take the item's title after them. */
const generic = new Set(['Forklæde', 'Indstilling', 'Notat', 'Præsentation']);

export interface DemoDocument {
  title: string;
  sections: { heading: string | null; text: string }[];
}

/** The text of one of the demo's own files: the item's words from the seed, and what the file's title promises. */
export function demoDocument(attachment: string, item: DemoItem): DemoDocument {
  const title = generic.has(attachment) ? `${attachment}: ${item.title}` : attachment;
  const sections: DemoDocument['sections'] = [];
  if (item.purpose) sections.push({ heading: 'Baggrund/formål', text: item.purpose });
  if (item.method) sections.push({ heading: 'Metode', text: item.method });
  if (item.responsible) sections.push({ heading: 'Ansvarlig', text: item.responsible });
  if (attachment.startsWith('Årshjul')) {
    const wheel = demoWheels.find((w) => w.org === 'committee')!;
    sections.push({
      heading: wheel.title,
      text: wheel.entries
        .map((e) => `• ${e.month ? months[e.month - 1] : `efter ${afterDate(e.afterDate!)}`}: ${e.title} (${e.unit}, ${e.minutes} min.) – ${e.reason}`)
        .join('\n'),
    });
  }
  if (sections.length === 0) sections.push({ heading: null, text: item.title });
  return { title, sections };
}
