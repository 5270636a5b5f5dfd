// The event bus that feeds live updates: a change records an event row in its transaction, then
// wakes the meeting's listeners. In one process the wake-up is an EventEmitter; with PostgreSQL it
// goes through LISTEN/NOTIFY, so every server process behind a load balancer wakes too.
import { EventEmitter } from 'node:events';
import pg from 'pg';
import { PG_CONNECT_TIMEOUT_MS, rootDb, type Db, type FaultLog } from '../db/connection.ts';

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
/** Waits between attempts to listen again after the connection dropped: 0.2 s, doubling up to 5 s. */
const RECONNECT_MS = { first: 200, max: 5000 };

export interface PgBusOptions {
  /** application_name of the bus's connections (pg_stat_activity), as the pool's. */
  applicationName?: string;
  log?: FaultLog;
}

/**
 * LISTEN on one dedicated connection; NOTIFY through another. When the server drops the listening
 * connection (a restart, pg_terminate_backend), the bus connects again, LISTENs again, and wakes every
 * meeting with listeners once, so live viewers read what they missed from the event log. A dropped
 * notifying connection is opened again at the next notify.
 */
export class PgBus extends InProcessBus {
  private listener: pg.Client | null = null;
  private notifier: Promise<pg.Client> | null = null;
  private closed = false;
  private reconnecting = false;
  /** Connections made after a drop (tests and logs). */
  reconnects = 0;

  private constructor(
    private readonly url: string,
    private readonly options: PgBusOptions,
  ) {
    super();
  }

  static async connect(url: string, options: PgBusOptions = {}): Promise<PgBus> {
    const bus = new PgBus(url, options);
    await bus.listen();
    return bus;
  }

  private get log(): FaultLog {
    return (
      this.options.log ?? {
        warn: (o, m) => console.warn(m, String((o as { err?: unknown }).err ?? '')),
        error: (o, m) => console.error(m, String((o as { err?: unknown }).err ?? '')),
      }
    );
  }

  private client(): pg.Client {
    return new pg.Client({
      connectionString: this.url,
      connectionTimeoutMillis: PG_CONNECT_TIMEOUT_MS,
      application_name: this.options.applicationName ?? 'raadslag',
    });
  }

  private async listen() {
    const client = this.client();
    let lost = false;
    const onLost = (err?: Error) => {
      if (lost) return;
      lost = true;
      if (this.listener === client) this.listener = null;
      client.end().catch(() => undefined);
      if (this.closed) return;
      this.log.warn({ err: err ?? new Error('connection ended') }, 'live updates: the PostgreSQL LISTEN connection dropped; reconnecting');
      this.reconnect();
    };
    client.on('notification', (n) => n.payload && this.emitter.emit(n.payload));
    client.on('error', onLost);
    client.on('end', () => onLost());
    try {
      await client.connect();
      await client.query(`listen ${CHANNEL}`);
    } catch (e) {
      lost = true;
      client.end().catch(() => undefined);
      throw e;
    }
    if (this.closed) {
      lost = true;
      await client.end().catch(() => undefined);
      return;
    }
    this.listener = client;
  }

  private reconnect() {
    if (this.reconnecting) return;
    this.reconnecting = true;
    void (async () => {
      for (let wait = RECONNECT_MS.first; !this.closed; wait = Math.min(wait * 2, RECONNECT_MS.max)) {
        await new Promise((r) => setTimeout(r, wait));
        if (this.closed) break;
        try {
          await this.listen();
          this.reconnects++;
          this.log.warn({}, 'live updates: listening again');
          // What was notified while no one listened is in the event log: every channel reads it.
          for (const meetingId of this.emitter.eventNames()) this.emitter.emit(meetingId);
          break;
        } catch (err) {
          this.log.warn({ err }, `live updates: reconnecting failed; trying again in ${Math.min(wait * 2, RECONNECT_MS.max)} ms`);
        }
      }
      this.reconnecting = false;
    })();
  }

  private notifierClient(): Promise<pg.Client> {
    if (!this.notifier) {
      const client = this.client();
      const opened = client.connect().then(() => client);
      const forget = () => {
        if (this.notifier === opened) this.notifier = null;
        client.end().catch(() => undefined);
      };
      client.on('error', (err) => {
        forget();
        this.log.warn({ err }, 'live updates: the PostgreSQL NOTIFY connection dropped; it is opened again at the next change');
      });
      client.on('end', forget);
      opened.catch(forget);
      this.notifier = opened;
    }
    return this.notifier;
  }

  /** Meetings to wake with the next NOTIFY; the one in flight; the next, which waits for it. */
  private pending = new Set<string>();
  private sending: Promise<void> | null = null;
  private next: Promise<void> | null = null;

  /**
   * Every process, this one too, wakes through NOTIFY. One statement at a time on the notifying
   * connection: the meetings changed meanwhile go together in the next one (under 50 writers, one
   * query each had queued inside pg, which it deprecates). One retry on a fresh connection.
   */
  override notify(meetingId: string): Promise<void> {
    this.pending.add(meetingId);
    return (this.next ??= this.afterSending());
  }

  private async afterSending() {
    await this.sending?.catch(() => undefined);
    const ids = [...this.pending];
    this.pending.clear();
    this.next = null;
    this.sending = this.send(ids);
    return this.sending;
  }

  private async send(ids: string[]) {
    try {
      await this.notifyOnce(ids);
    } catch {
      this.dropNotifier();
      await this.notifyOnce(ids);
    }
  }

  private async notifyOnce(ids: string[]) {
    const client = await this.notifierClient();
    await client.query('select pg_notify($1, id) from unnest($2::text[]) as id', [CHANNEL, ids]);
  }

  private dropNotifier() {
    const n = this.notifier;
    this.notifier = null;
    n?.then((c) => c.end()).catch(() => undefined);
  }

  override async close() {
    this.closed = true;
    await super.close();
    const notifier = this.notifier?.catch(() => null);
    this.notifier = null;
    await Promise.all([this.listener?.end(), notifier?.then((c) => c?.end())].map((p) => p?.catch(() => undefined)));
  }
}

const buses = new WeakMap<Db, Bus>();
const fallback = new InProcessBus();

export function attachBus(db: Db, bus: Bus) {
  buses.set(db, bus);
}

/** The bus of a database handle or of a transaction on it (an in-process bus when none was attached). */
export const busFor = (db: Db): Bus => buses.get(rootDb(db)) ?? fallback;
