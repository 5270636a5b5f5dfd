// Background work's pure rules: how long a claim holds (the lease), when a failed job is tried
// again (backoff), and which slot a recurring job's run belongs to. No I/O; times in milliseconds.

/** How a kind of job is run. */
export interface JobSpec {
  /** How long a claim holds: a process that has not finished by then is taken for dead, and another takes the job. */
  leaseMs: number;
  /** Tries in all (the first included) before the job is given up as failed. */
  attempts: number;
  /** The wait before the second try; it doubles with each try after. */
  backoffMs: number;
}

export const DEFAULT_SPEC: JobSpec = { leaseMs: 5 * 60_000, attempts: 5, backoffMs: 10_000 };

/** The longest wait between tries, however many have failed. */
export const MAX_BACKOFF_MS = 60 * 60_000;

export const specOf = (spec: Partial<JobSpec> = {}): JobSpec => {
  const s = { ...DEFAULT_SPEC, ...spec };
  if (!(s.leaseMs >= 1000)) throw new Error(`a job's lease must be at least a second (got ${s.leaseMs} ms)`);
  if (!Number.isInteger(s.attempts) || s.attempts < 1) throw new Error(`a job needs at least one attempt (got ${s.attempts})`);
  if (!(s.backoffMs >= 0)) throw new Error(`a job's backoff cannot be negative (got ${s.backoffMs} ms)`);
  return s;
};

/** Until when a claim made at `nowMs` holds. */
export const leaseUntil = (nowMs: number, spec: JobSpec): number => nowMs + spec.leaseMs;

/** The wait after the `attempt`-th try failed (1-based): backoff, 2×, 4×, … up to MAX_BACKOFF_MS. */
export const backoffAfter = (attempt: number, spec: JobSpec): number => Math.min(MAX_BACKOFF_MS, spec.backoffMs * 2 ** Math.max(0, attempt - 1));

/** What becomes of a job whose `attempt`-th try failed (or whose claim ran out). */
export function afterFailure(attempt: number, nowMs: number, spec: JobSpec): { state: 'failed' } | { state: 'queued'; runAt: number } {
  if (attempt >= spec.attempts) return { state: 'failed' };
  return { state: 'queued', runAt: nowMs + backoffAfter(attempt, spec) };
}

export interface ClaimFacts {
  state: 'queued' | 'active' | 'done' | 'failed';
  runAt: number;
  lockedUntil: number | null;
}

/** A job may be claimed when it is due, or when the process that claimed it let its lease run out. */
export const claimable = (job: ClaimFacts, nowMs: number): boolean =>
  (job.state === 'queued' && job.runAt <= nowMs) || (job.state === 'active' && job.lockedUntil !== null && job.lockedUntil < nowMs);

/**
 * The slot a recurring job's run at `nowMs` belongs to: every process adds the job for the current
 * slot, and the database keeps one per slot, so it runs once across processes.
 */
export function slotOf(nowMs: number, everyMs: number): number {
  if (!(everyMs >= 1000) || everyMs % 1000 !== 0) throw new Error(`a recurring job's interval must be whole seconds (got ${everyMs} ms)`);
  return Math.floor(nowMs / everyMs) * everyMs;
}
