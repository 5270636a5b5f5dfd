// The event bus that feeds live updates: a change records an event row in its transaction, then
// wakes the meeting's listeners. In one process the wake-up is an EventEmitter; with PostgreSQL it
// goes through LISTEN/NOTIFY, so every server process behind a load balancer wakes too.
import { EventEmitter } from 'node:events';
import pg from 'pg';
import type { Db } from '../db/connection.ts';

export interface Bus {
  /** Wakes every listener of the meeting, in this process and (with PostgreSQL) in the others. */
  notify(meetingId: string): Promise<void>;
  subscribe(meetingId: string, onWake: () => void): () => void;
  close(): Promise<void>;
}

export class InProcessBus implements Bus {
  protected readonly emitter = new EventEmitter().setMaxListeners(0);
  async notify(meetingId: string) {
    this.emitter.emit(meetingId);
  }
  subscribe(meetingId: string, onWake: () => void) {
    this.emitter.on(meetingId, onWake);
    return () => void this.emitter.off(meetingId, onWake);
  }
  async close() {
    this.emitter.removeAllListeners();
  }
}

const CHANNEL = 'raadslag_events';

/** LISTEN on one dedicated connection; NOTIFY through another. Reconnects when the listener drops. */
export class PgBus extends InProcessBus {
  private listener: pg.Client | null = null;
  private notifier: pg.Client | null = null;
  private closed = false;

  private constructor(private readonly url: string) {
    super();
  }

  static async connect(url: string): Promise<PgBus> {
    const bus = new PgBus(url);
    await bus.listen();
    return bus;
  }

  private async listen() {
    const client = new pg.Client({ connectionString: this.url });
    client.on('notification', (n) => n.payload && this.emitter.emit(n.payload));
    client.on('error', () => {
      this.listener = null;
      if (!this.closed) setTimeout(() => this.listen().catch(() => undefined), 1000);
    });
    await client.connect();
    await client.query(`listen ${CHANNEL}`);
    this.listener = client;
  }

  override async notify(meetingId: string) {
    if (!this.notifier) {
      this.notifier = new pg.Client({ connectionString: this.url });
      await this.notifier.connect();
    }
    await this.notifier.query('select pg_notify($1, $2)', [CHANNEL, meetingId]);
  }

  override async close() {
    this.closed = true;
    await super.close();
    await Promise.all([this.listener?.end(), this.notifier?.end()].map((p) => p?.catch(() => undefined)));
  }
}

const buses = new WeakMap<Db, Bus>();
const fallback = new InProcessBus();

export function attachBus(db: Db, bus: Bus) {
  buses.set(db, bus);
}

/** The bus of a database handle (an in-process bus when none was attached, e.g. inside a transaction). */
export const busFor = (db: Db): Bus => buses.get(db) ?? fallback;
