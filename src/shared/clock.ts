// Pure rules of the live meeting, run by the server and by the web app alike: how long the active
// item has run against its plan, and how far the meeting is ahead of (negative) or behind
// (positive) its plan. The plan is anchored at the meeting's actual start (`shift` = actual start −
// planned start): a meeting that starts late, or on another day, is measured by how its items keep
// to their minutes from then on. `now` is the server's (the web app corrects its own clock by it).

export interface ClockItem {
  id: string;
  /** Epoch milliseconds. */
  plannedStart: number;
  plannedEnd: number;
  actualStart: number | null;
  actualEnd: number | null;
}

export interface Clock {
  activeItemId: string | null;
  /** Minutes the active item has run. */
  elapsedMinutes: number | null;
  /** Minutes the active item has left of its plan (negative when it runs over). */
  remainingMinutes: number | null;
  /** Positive: behind plan; negative: ahead; null before the meeting starts. */
  delayMinutes: number | null;
}

const minutes = (ms: number) => Math.round(ms / 60_000);

export function clock(items: readonly ClockItem[], activeItemId: string | null, now: number, shift = 0): Clock {
  const active = items.find((i) => i.id === activeItemId && i.actualStart !== null);
  if (active && active.actualStart !== null) {
    const elapsed = now - active.actualStart;
    const planned = active.plannedEnd - active.plannedStart;
    const lateStart = active.actualStart - (active.plannedStart + shift);
    return {
      activeItemId: active.id,
      elapsedMinutes: minutes(elapsed),
      remainingMinutes: minutes(planned - elapsed),
      delayMinutes: minutes(lateStart + Math.max(0, elapsed - planned)),
    };
  }
  // Between items, or after the last: measure against the last item that ended.
  const ended = items.filter((i) => i.actualEnd !== null).sort((a, b) => b.actualEnd! - a.actualEnd!)[0];
  if (ended)
    return {
      activeItemId: null,
      elapsedMinutes: null,
      remainingMinutes: null,
      delayMinutes: minutes(Math.max(ended.actualEnd!, now) - (ended.plannedEnd + shift)),
    };
  return { activeItemId: null, elapsedMinutes: null, remainingMinutes: null, delayMinutes: null };
}

/** A meeting as the API presents it (ISO times with offset), for `clock`. */
export interface LiveMeetingTimes {
  start: string;
  items: readonly { id: string; plannedStart: string; plannedEnd: string; actualStart: string | null; actualEnd: string | null }[];
  live: { startedAt: string; endedAt: string | null; activeItemId: string | null } | null;
}

const ms = (iso: string | null) => (iso ? Date.parse(iso) : null);

/** The clock of a meeting as the API presents it, at `now` (the server's time), or at its end once ended. */
export function meetingClock(m: LiveMeetingTimes, now: number): Clock {
  const items = m.items.map((i) => ({
    id: i.id,
    plannedStart: Date.parse(i.plannedStart),
    plannedEnd: Date.parse(i.plannedEnd),
    actualStart: ms(i.actualStart),
    actualEnd: ms(i.actualEnd),
  }));
  const shift = m.live ? Date.parse(m.live.startedAt) - Date.parse(m.start) : 0;
  return clock(items, m.live?.activeItemId ?? null, m.live?.endedAt ? Date.parse(m.live.endedAt) : now, shift);
}
