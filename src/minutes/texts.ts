// The fixed words of the minutes in Danish (the default) and English: one home for the web page's
// data, the PDF and the DOCX.
import type { OutcomeCode } from '../meetings/schemas.ts';
import type { Counts } from './schemas.ts';

export type Lang = 'da' | 'en';

export const minutesTexts = {
  da: {
    title: (meeting: string) => `Referat: ${meeting}`,
    fileName: 'referat',
    dateFormat: 'd. MMMM yyyy',
    time: (from: string, to: string) => `kl. ${from} – ${to}`,
    clock: 'HH.mm',
    status: {
      planned: 'Planlagt',
      agenda_published: 'Dagsorden udsendt',
      in_progress: 'Mødet er i gang – referatet er ikke færdigt',
      held: 'Afholdt – referatet er ikke godkendt',
      minutes_approved: 'Referatet er godkendt',
      cancelled: 'Aflyst',
    } as Record<string, string>,
    handling: { moved: 'Flyttet til næste møde.', not_handled: 'Ikke behandlet.' },
    overridden: (reason: string) => `Referatet er godkendt af sekretariatet uden et flertal i den digitale godkendelse. Begrundelse: ${reason}`,
    leftAfter: (n: number) => `forlod mødet efter punkt ${n}`,
    corrected: (date: string, reason: string) => `Rettet ${date}: ${reason}`,
    counts: (c: Counts, result: 'adopted' | 'rejected' | 'tied') =>
      `For ${c.for}, imod ${c.against}, blankt ${c.blank}, fraværende ${c.absent}: ${{ adopted: 'vedtaget', rejected: 'forkastet', tied: 'stemmelighed' }[result]}`,
    outcome: (point: number, outcome: OutcomeCode) =>
      `At-punkt ${point}: ${
        {
          approved: 'Godkendt',
          approved_with_changes: 'Godkendt med ændringer',
          noted: 'Taget til efterretning',
          discussed: 'Drøftet',
          postponed: 'Udsat',
          rejected: 'Afvist',
        }[outcome]
      }`,
    labels: {
      present: 'Til stede:',
      absent: 'Fraværende:',
      item: 'Punkt',
      decisionFor: 'Beslutning for Punkt',
      closed: 'Lukket punkt',
      remarks: 'Øvrige bemærkninger:',
      vote: 'Afstemning:',
      dissent: 'Afvigende mening:',
      followUp: 'Opfølgning:',
      due: 'frist',
      pages: ['side', 'af'] as [string, string],
    },
  },
  en: {
    title: (meeting: string) => `Minutes: ${meeting}`,
    fileName: 'minutes',
    dateFormat: 'd MMMM yyyy',
    time: (from: string, to: string) => `${from} – ${to}`,
    clock: 'HH:mm',
    status: {
      planned: 'Planned',
      agenda_published: 'Agenda sent',
      in_progress: 'The meeting is in progress – the minutes are not finished',
      held: 'Held – the minutes are not approved',
      minutes_approved: 'The minutes are approved',
      cancelled: 'Cancelled',
    } as Record<string, string>,
    handling: { moved: 'Moved to the next meeting.', not_handled: 'Not handled.' },
    overridden: (reason: string) => `The secretariat approved the minutes without a majority in the digital approval. Reason: ${reason}`,
    leftAfter: (n: number) => `left the meeting after item ${n}`,
    corrected: (date: string, reason: string) => `Corrected ${date}: ${reason}`,
    counts: (c: Counts, result: 'adopted' | 'rejected' | 'tied') =>
      `For ${c.for}, against ${c.against}, blank ${c.blank}, absent ${c.absent}: ${{ adopted: 'adopted', rejected: 'rejected', tied: 'tied' }[result]}`,
    outcome: (point: number, outcome: OutcomeCode) =>
      `At-point ${point}: ${
        {
          approved: 'Approved',
          approved_with_changes: 'Approved with changes',
          noted: 'Noted',
          discussed: 'Discussed',
          postponed: 'Postponed',
          rejected: 'Rejected',
        }[outcome]
      }`,
    labels: {
      present: 'Present:',
      absent: 'Absent:',
      item: 'Item',
      decisionFor: 'Decision on item',
      closed: 'Closed item',
      remarks: 'Other remarks:',
      vote: 'Vote:',
      dissent: 'Dissent:',
      followUp: 'Follow-up:',
      due: 'due',
      pages: ['page', 'of'] as [string, string],
    },
  },
} as const;

export type MinutesLabels = (typeof minutesTexts)[Lang]['labels'];
