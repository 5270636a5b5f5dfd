// What members are told about a sent agenda, as pure rules: the state last told, what changed since,
// and the e-mail's Danish text. An e-mail leaves the system: a closed item is named only by its public
// title with "(lukket punkt)", a non-public file by no name, and no note is ever in it.
import { DateTime } from 'luxon';
import { agendaChanges, type SentItem } from '../meetings/model.ts';

/** A proposal on the agenda and its latest version. */
export interface NoticeProposal {
  id: string;
  itemId: string;
  version: number;
}

/** A file on the agenda (an item's or its proposal's) and the file it has now. */
export interface NoticeFile {
  id: string;
  itemId: string;
  title: string;
  public: boolean;
  sha256: string | null;
}

/** The agenda as members were last told it. */
export interface NoticeState {
  items: SentItem[];
  proposals: NoticeProposal[];
  files: NoticeFile[];
}

export interface NotificationSettings {
  agendaSent: boolean;
  agendaChanged: boolean;
  mentions: boolean;
}

/** No row: everything on. */
export const settingsOf = (row: { agendaSent: number; agendaChanged: number; mentions: number } | undefined): NotificationSettings => ({
  agendaSent: row ? row.agendaSent === 1 : true,
  agendaChanged: row ? row.agendaChanged === 1 : true,
  mentions: row ? row.mentions === 1 : true,
});

/** An item as an e-mail may name it. */
export const itemLabel = (i: Pick<SentItem, 'number' | 'title' | 'publicTitle' | 'public'>) =>
  i.public ? `Punkt ${i.number}: ${i.title}` : `Punkt ${i.number}: ${i.publicTitle?.trim() || 'Lukket punkt'} (lukket punkt)`;

/** The lines that say what changed between two states of a sent agenda (empty: nothing to tell). */
export function changeLines(before: NoticeState, now: NoticeState): string[] {
  const lines: string[] = [];
  for (const c of agendaChanges(before.items, now.items)) {
    if (c.kind === 'added') lines.push(`Nyt punkt – ${itemLabel(c.item)}`);
    else if (c.kind === 'removed') lines.push(`Punkt taget af – ${itemLabel(c.item)}`);
    else if (c.kind === 'moved') lines.push(`Flyttet fra punkt ${c.fromNumber} – ${itemLabel(c.item)}`);
    else if (c.was.title !== c.item.title && c.item.public && c.was.public) lines.push(`Ny titel (før: ${c.was.title}) – ${itemLabel(c.item)}`);
    else lines.push(`Ændret – ${itemLabel(c.item)}`);
  }
  const items = new Map(now.items.map((i) => [i.id, i]));
  const proposalsBefore = new Map(before.proposals.map((p) => [p.id, p.version]));
  for (const p of now.proposals) {
    const was = proposalsBefore.get(p.id);
    const item = items.get(p.itemId);
    if (item && was !== undefined && p.version > was) lines.push(`Ny version af indstillingen (version ${p.version}) – ${itemLabel(item)}`);
  }
  const filesBefore = new Map(before.files.map((f) => [f.id, f]));
  for (const f of now.files) {
    const item = items.get(f.itemId);
    if (!item) continue;
    const was = filesBefore.get(f.id);
    const name = item.public && f.public ? `«${f.title}»` : 'et bilag';
    if (!was) lines.push(`Nyt bilag ${name} – ${itemLabel(item)}`);
    else if (f.sha256 && was.sha256 !== f.sha256) lines.push(`Ny version af bilaget ${name} – ${itemLabel(item)}`);
  }
  return lines;
}

export interface NoticeMeeting {
  id: string;
  organizationName: string;
  start: string;
  location: string | null;
}

const danishDate = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Copenhagen' }).setLocale('da').toFormat("d. LLLL yyyy 'kl.' HH.mm");
const dayOf = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Copenhagen' }).setLocale('da').toFormat('d. LLLL yyyy');

/** The e-mail that the agenda was sent: its items, and the link. */
export function sentMail(m: NoticeMeeting, state: NoticeState, link: string): { subject: string; text: string } {
  return {
    subject: `Dagsorden udsendt: ${m.organizationName} ${dayOf(m.start)}`,
    text: [
      `Dagsordenen til mødet i ${m.organizationName} ${danishDate(m.start)}${m.location ? `, ${m.location}` : ''} er udsendt.`,
      '',
      ...state.items.map(itemLabel),
      '',
      `Se dagsordenen og mødepakken: ${link}`,
      '',
      'Du kan slå disse e-mails fra under Min konto → Notifikationer.',
    ].join('\n'),
  };
}

/** The e-mail that a sent agenda changed, listing the changes since the last e-mail. */
export function changedMail(m: NoticeMeeting, lines: readonly string[], link: string): { subject: string; text: string } {
  return {
    subject: `Dagsorden ændret: ${m.organizationName} ${dayOf(m.start)}`,
    text: [
      `Dagsordenen til mødet i ${m.organizationName} ${danishDate(m.start)} er ændret, siden du sidst fik besked:`,
      '',
      ...lines.map((l) => `- ${l}`),
      '',
      `Se dagsordenen: ${link}`,
      '',
      'Du kan slå disse e-mails fra under Min konto → Notifikationer.',
    ].join('\n'),
  };
}
