// Fans a meeting's events out to every live viewer in this process: one read of the event log per
// wake-up, however many viewers are watching.
import type { Db } from '../db/connection.ts';
import { busFor } from './bus.ts';
import { eventsSince, type MeetingEvent } from './log.ts';

type Send = (events: MeetingEvent[]) => void;

class Channel {
  private readonly viewers = new Map<symbol, { lastId: number; send: Send }>();
  private reading: Promise<void> | null = null;
  private again = false;
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly db: Db,
    private readonly meetingId: string,
    private readonly onEmpty: () => void,
  ) {}

  add(lastId: number, send: Send): () => void {
    if (!this.unsubscribe) this.unsubscribe = busFor(this.db).subscribe(this.meetingId, () => this.wake());
    const key = Symbol();
    this.viewers.set(key, { lastId, send });
    // Catch up at once: the viewer may have missed events while it was away.
    this.wake();
    return () => {
      this.viewers.delete(key);
      if (this.viewers.size === 0) {
        this.unsubscribe?.();
        this.unsubscribe = null;
        this.onEmpty();
      }
    };
  }

  private wake() {
    if (this.reading) {
      this.again = true;
      return;
    }
    this.reading = this.read().finally(() => {
      this.reading = null;
      if (this.again) {
        this.again = false;
        this.wake();
      }
    });
  }

  private async read() {
    if (this.viewers.size === 0) return;
    const from = Math.min(...[...this.viewers.values()].map((v) => v.lastId));
    const events = await eventsSince(this.db, this.meetingId, from);
    if (events.length === 0) return;
    for (const v of this.viewers.values()) {
      const fresh = events.filter((e) => e.id > v.lastId);
      if (fresh.length) {
        v.lastId = fresh[fresh.length - 1].id;
        v.send(fresh);
      }
    }
    if (events.length === 500) this.again = true;
  }
}

const channels = new WeakMap<Db, Map<string, Channel>>();

/** Starts sending a meeting's events after `lastId` to a viewer; returns how to stop. */
export function watchMeeting(db: Db, meetingId: string, lastId: number, send: Send): () => void {
  let perDb = channels.get(db);
  if (!perDb) channels.set(db, (perDb = new Map()));
  let channel = perDb.get(meetingId);
  if (!channel) {
    channel = new Channel(db, meetingId, () => perDb!.delete(meetingId));
    perDb.set(meetingId, channel);
  }
  return channel.add(lastId, send);
}

/**
 * Live streams held open, counted per client address and in total, so one client cannot hold
 * thousands (LIVE_STREAMS_PER_CLIENT, LIVE_STREAMS_TOTAL).
 */
export class StreamSlots {
  private readonly byClient = new Map<string, number>();
  private total = 0;

  constructor(readonly limits: { perClient: number; total: number }) {}

  /** A slot for `client`, and how to give it back (once); or which cap it met. */
  take(client: string): { release: () => void } | { full: 'client' | 'total' } {
    const held = this.byClient.get(client) ?? 0;
    if (held >= this.limits.perClient) return { full: 'client' };
    if (this.total >= this.limits.total) return { full: 'total' };
    this.byClient.set(client, held + 1);
    this.total++;
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        this.total--;
        const left = (this.byClient.get(client) ?? 1) - 1;
        if (left > 0) this.byClient.set(client, left);
        else this.byClient.delete(client);
      },
    };
  }

  /** Streams open now (all, or one client's). */
  open(client?: string): number {
    return client === undefined ? this.total : (this.byClient.get(client) ?? 0);
  }
}
