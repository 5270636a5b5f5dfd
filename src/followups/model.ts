// Pure rules of follow-ups: the life cycle, what is overdue, which reminders are due, and which
// lines of a decision or remark read as a follow-up ("FAS følger op").
import type { FollowUpStatus } from './schemas.ts';

const transitions: Record<FollowUpStatus, readonly FollowUpStatus[]> = {
  open: ['in_progress', 'done', 'cancelled'],
  in_progress: ['open', 'done', 'cancelled'],
  done: ['open'],
  cancelled: ['open'],
};

export const canMove = (from: FollowUpStatus, to: FollowUpStatus) => from === to || transitions[from].includes(to);

const active = (status: string) => status === 'open' || status === 'in_progress';

/** Overdue: still active and its due date has passed (today's date in Copenhagen, YYYY-MM-DD). */
export const isOverdue = (f: { status: string; dueDate: string | null }, today: string) => active(f.status) && !!f.dueDate && f.dueDate < today;

export interface ReminderCandidate {
  id: string;
  status: string;
  dueDate: string | null;
  remindedSoon: string | null;
  remindedOverdue: string | null;
}

/** The reminders to send now; each kind goes out once per follow-up. */
export function remindersDue(list: readonly ReminderCandidate[], today: string, soonUntil: string): { id: string; kind: 'soon' | 'overdue' }[] {
  const out: { id: string; kind: 'soon' | 'overdue' }[] = [];
  for (const f of list) {
    if (!active(f.status) || !f.dueDate) continue;
    if (f.dueDate < today) {
      if (!f.remindedOverdue) out.push({ id: f.id, kind: 'overdue' });
    } else if (f.dueDate <= soonUntil && !f.remindedSoon) {
      out.push({ id: f.id, kind: 'soon' });
    }
  }
  return out;
}

/** The verbs after a unit's short name that make a sentence a follow-up in the seed's minutes. */
const verbs = ['følger op', 'laver', 'justerer', 'sender', 'afklarer', 'kontakter', 'undersøger', 'udarbejder', 'vender tilbage'];

/**
 * Sentences such as "FAS følger op ift. at skaffe oplægget." or "OL laver en plan …", with the unit
 * they name. A unit is known by its short name, in capitals, as a word of its own.
 */
export function suggestFollowUps<U extends { shortName: string | null }>(text: string, units: readonly U[]): { text: string; unit: U }[] {
  const out: { text: string; unit: U }[] = [];
  // Sentences in their paragraph (a line or bullet), so a short "MØB følger op." can take the
  // sentence before it along as its context.
  const paragraphs = text
    .split(/\n+/)
    .map((p) => p.replace(/^[•\-–*\s]+/, '').trim())
    .filter(Boolean)
    .map((p) => p.split(/(?<=[.!?])\s+(?=\p{Lu})/u));
  for (const sentences of paragraphs) {
    sentences.forEach((sentence, i) => {
      for (const unit of units) {
        if (!unit.shortName) continue;
        const name = unit.shortName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        const pattern = new RegExp(`(^|[^\\p{L}])${name}\\s+(${verbs.join('|')})(?![\\p{L}])`, 'u');
        if (pattern.test(sentence)) {
          const short = sentence.split(/\s+/).length < 8;
          out.push({ text: short && i > 0 ? `${sentences[i - 1]} ${sentence}` : sentence, unit });
          break;
        }
      }
    });
  }
  return out;
}
