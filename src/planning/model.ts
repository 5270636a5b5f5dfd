// Pure rules of the meeting plan: occurrences from a weekly rule with holidays and exceptions,
// computed in Europe/Copenhagen whatever the server's zone, and how approving a plan changes the
// meetings that exist.
import { DateTime } from 'luxon';
import { wallClockIssue } from '../shared/wall-clock.ts';
import { ZONE } from '../lib/time.ts';
import type { PlanException, PlanRule } from './schemas.ts';
import type { Problem } from '../shared/reasons.ts';

export interface Occurrence {
  key: string;
  date: string;
  /** Epoch milliseconds. */
  start: number;
  end: number;
  location: string | null;
  source: 'rule' | 'moved' | 'added';
  note: string | null;
}

export interface PlanProblem extends Problem {
  field: string;
}

const day = (iso: string) => DateTime.fromISO(iso, { zone: ZONE });
const at = (date: string, time: string) => DateTime.fromISO(`${date}T${time.replace('.', ':')}`, { zone: ZONE }).toMillis();
const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/** The dates the rule yields, before holidays and exceptions. */
export function ruleDates(rule: PlanRule): string[] {
  const until = day(rule.until);
  let d = day(rule.from);
  d = d.plus({ days: (rule.weekday - d.weekday + 7) % 7 });
  const dates: string[] = [];
  while (d <= until && dates.length < 1000) {
    dates.push(d.toISODate()!);
    d = d.plus({ weeks: rule.intervalWeeks });
  }
  return dates;
}

/** Checks a plan; an empty list means it is valid. */
export function planProblems(rule: PlanRule, exceptions: readonly PlanException[]): PlanProblem[] {
  const problems: PlanProblem[] = [];
  const inside = (d: string) => d >= rule.from && d <= rule.until;
  if (!day(rule.from).isValid) problems.push({ field: 'rule.from', reason: 'plan.not_a_date' });
  if (!day(rule.until).isValid) problems.push({ field: 'rule.until', reason: 'plan.not_a_date' });
  if (problems.length) return problems;
  if (rule.until < rule.from) problems.push({ field: 'rule.until', reason: 'plan.before_start' });
  if (minutesOf(rule.endTime) <= minutesOf(rule.startTime)) problems.push({ field: 'rule.endTime', reason: 'plan.after_start_time' });
  const dates = new Set(ruleDates(rule));
  exceptions.forEach((e, i) => {
    const f = `exceptions.${i}`;
    if (!day(e.date).isValid) return problems.push({ field: `${f}.date`, reason: 'plan.not_a_date' });
    if (!inside(e.date)) return problems.push({ field: `${f}.date`, reason: 'plan.outside', params: { date: e.date, from: rule.from, until: rule.until } });
    if ((e.kind === 'cancelled' || e.kind === 'moved') && !dates.has(e.date)) {
      return problems.push({ field: `${f}.date`, reason: e.kind === 'moved' ? 'plan.no_meeting_move' : 'plan.no_meeting_cancel', params: { date: e.date } });
    }
    if (e.kind === 'holiday' && e.until && e.until < e.date) problems.push({ field: `${f}.until`, reason: 'plan.before_date' });
    if ((e.kind === 'moved' || e.kind === 'added') && minutesOf(e.endTime) <= minutesOf(e.startTime)) {
      problems.push({ field: `${f}.endTime`, reason: 'plan.after_start_time' });
    }
    if (e.kind === 'moved' && !inside(e.toDate))
      problems.push({ field: `${f}.toDate`, reason: 'plan.outside', params: { date: e.toDate, from: rule.from, until: rule.until } });
    // A time in the hour the clock passes twice, or skips, names no one meeting time.
    if (e.kind === 'moved' || e.kind === 'added') {
      const on = e.kind === 'moved' ? e.toDate : e.date;
      for (const key of ['startTime', 'endTime'] as const) {
        const issue = wallClockIssue(`${on}T${e[key].replace('.', ':')}`);
        if (issue) problems.push({ field: `${f}.${key}`, ...issue });
      }
    }
  });
  // The rule's own time on a night the clock changes (a meeting at 02.30 on the last Sunday of October).
  for (const date of problems.length ? [] : ruleDates(rule))
    for (const key of ['startTime', 'endTime'] as const) {
      const issue = wallClockIssue(`${date}T${rule[key].replace('.', ':')}`);
      if (issue && !problems.some((x) => x.field === `rule.${key}`)) problems.push({ field: `rule.${key}`, ...issue });
    }
  if (problems.length === 0 && occurrences(rule, exceptions).length === 0) {
    problems.push({ field: 'rule', reason: 'plan.no_meetings' });
  }
  return problems;
}

/** The meetings the plan holds, in time order. Assumes planProblems() found nothing. */
export function occurrences(rule: PlanRule, exceptions: readonly PlanException[]): Occurrence[] {
  const holiday = (d: string) => exceptions.some((e) => e.kind === 'holiday' && d >= e.date && d <= (e.until ?? e.date));
  const out: Occurrence[] = [];
  for (const date of ruleDates(rule)) {
    if (holiday(date)) continue;
    const ex = exceptions.find((e) => (e.kind === 'cancelled' || e.kind === 'moved') && e.date === date);
    if (ex?.kind === 'cancelled') continue;
    if (ex?.kind === 'moved') {
      out.push({
        key: date,
        date: ex.toDate,
        start: at(ex.toDate, ex.startTime),
        end: at(ex.toDate, ex.endTime),
        location: ex.location ?? rule.location ?? null,
        source: 'moved',
        note: ex.note ?? null,
      });
      continue;
    }
    out.push({ key: date, date, start: at(date, rule.startTime), end: at(date, rule.endTime), location: rule.location ?? null, source: 'rule', note: null });
  }
  for (const e of exceptions) {
    if (e.kind !== 'added') continue;
    out.push({
      key: e.date,
      date: e.date,
      start: at(e.date, e.startTime),
      end: at(e.date, e.endTime),
      location: e.location ?? rule.location ?? null,
      source: 'added',
      note: e.note ?? null,
    });
  }
  return out.sort((a, b) => a.start - b.start);
}

export interface ExistingMeeting {
  id: string;
  start: number;
  end: number;
  location: string | null;
  state: string;
  itemCount: number;
  /** Whether an earlier version of this plan made it (or it was adopted by one). */
  fromPlan: boolean;
}

export interface PlanChanges {
  create: Occurrence[];
  move: { meeting: ExistingMeeting; to: Occurrence }[];
  cancel: ExistingMeeting[];
  link: ExistingMeeting[];
  conflicts: { meeting: ExistingMeeting; change: 'move' | 'cancel'; to: Occurrence | null }[];
}

const localDate = (ms: number) => DateTime.fromMillis(ms, { zone: ZONE }).toISODate()!;

/**
 * What approving the plan does to the organization's meetings. Past meetings are never changed
 * (only adopted); a future meeting that is still only planned with an empty agenda is moved or
 * cancelled; any other change is a conflict the secretariat must decide. Meetings that no plan
 * made are adopted when they fall on a planned date and otherwise left alone.
 */
export function planChanges(planned: readonly Occurrence[], existing: readonly ExistingMeeting[], now: number): PlanChanges {
  const result: PlanChanges = { create: [], move: [], cancel: [], link: [], conflicts: [] };
  const open = existing.filter((m) => m.state !== 'cancelled');
  const byDate = new Map<string, ExistingMeeting[]>();
  for (const m of open) byDate.set(localDate(m.start), [...(byDate.get(localDate(m.start)) ?? []), m]);
  const used = new Set<string>();
  const take = (date: string) => {
    const m = byDate.get(date)?.find((x) => !used.has(x.id));
    if (m) used.add(m.id);
    return m;
  };
  const settled = (m: ExistingMeeting) => m.state !== 'planned' || m.itemCount > 0;
  for (const o of planned) {
    const m = take(o.date) ?? take(o.key);
    if (!m) {
      if (o.start > now) result.create.push(o);
      continue;
    }
    const same = m.start === o.start && m.end === o.end && (m.location ?? null) === (o.location ?? null);
    if (same || m.start <= now) result.link.push(m);
    else if (settled(m)) result.conflicts.push({ meeting: m, change: 'move', to: o });
    else result.move.push({ meeting: m, to: o });
  }
  for (const m of open) {
    if (used.has(m.id) || !m.fromPlan || m.start <= now) continue;
    if (settled(m)) result.conflicts.push({ meeting: m, change: 'cancel', to: null });
    else result.cancel.push(m);
  }
  return result;
}
