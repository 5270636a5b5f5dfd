// E-mail subscriptions for anyone: ask (a confirmation e-mail, nothing else before it is
// confirmed), confirm, unsubscribe by any e-mail's link; and, after an agenda is sent or minutes are
// approved, one e-mail per subscriber whose topic the publication matches — sent by a job after
// the change commits (woken through events/log.ts:onMeetingChanged, the hook the members' e-mail
// uses), each e-mail claimed before it goes so a retry never sends it twice.
import { writeAudit } from '../../audit/audit.ts';
import { inTransaction, type Db } from '../../db/connection.ts';
import { onMeetingChanged } from '../../events/log.ts';
import { AppError, invalid, notFound, why } from '../../http/errors.ts';
import { jobsFor, type Jobs } from '../../jobs/jobs.ts';
import { newId } from '../../lib/ids.ts';
import { copenhagenDate, nowIso, nowMs } from '../../lib/time.ts';
import type { Mailer } from '../../mail/mailer.ts';
import { search } from '../../search/operations.ts';
import {
  checkEmail,
  checkTopic,
  confirmationMail,
  CONFIRMATIONS_PER_ADDRESS_PER_DAY,
  isToken,
  newsOf,
  newToken,
  pendingUntil,
  publicationLinks,
  publicationMail,
  publicationsOf,
  tokenHash,
  topicKey,
  topicLabel,
  topicOf,
  topicValue,
  type PublicationKind,
  type Topic,
} from './model.ts';
import * as store from './store.ts';

export interface SubscriptionDeps {
  db: Db;
  mailer: Mailer | null;
  /** The public address links in e-mails point at. */
  publicUrl: string;
  log?: { warn: (msg: string) => void };
}

export const PUBLICATION_JOB = 'subscriptions.publication';
export const EXPIRE_JOB = 'subscriptions.expire';

const confirmUrl = (base: string, token: string) => `${base}/abonnement/bekraeft?token=${token}`;
export const unsubscribeUrl = (base: string, token: string) => `${base}/abonnement/afmeld?token=${token}`;

/** The topic as an e-mail names it (a body by its name). */
async function labelOf(db: Db, t: Topic): Promise<string> {
  if (t.kind !== 'organization') return topicLabel(t);
  return topicLabel(t, (await store.politicalBody(db, t.organizationId))?.name);
}

/**
 * Asks for a subscription: the same answer whether the address was new, pending or already
 * subscribed (no one learns who subscribes to what). A new or pending one is sent a confirmation
 * e-mail, at most CONFIRMATIONS_PER_ADDRESS_PER_DAY a day per address; a confirmed one nothing.
 */
export async function requestSubscription(deps: SubscriptionDeps, body: Record<string, unknown>): Promise<void> {
  const email = checkEmail(body.email);
  if (!email.ok) throw invalid(email.field, email.reason);
  const topic = checkTopic(body);
  if (!topic.ok) throw invalid(topic.field, topic.reason);
  const t = topic.value;
  if (t.kind === 'organization' && !(await store.politicalBody(deps.db, t.organizationId))) throw invalid('organizationId', 'subscription.unknown_body');
  if (!deps.mailer) throw new AppError('unavailable', why('subscription.no_mail'));
  const token = newToken();
  const now = nowIso();
  const send = await inTransaction(deps.db, async (tx) => {
    const existing = await store.findByAddressTopic(tx, email.value, topicKey(t));
    if (existing?.confirmed) return false;
    const since = new Date(nowMs() - 86_400_000).toISOString();
    if ((await store.confirmationsSince(tx, email.value, since)) >= CONFIRMATIONS_PER_ADDRESS_PER_DAY) {
      throw new AppError('rate_limited', why('subscription.address_limit', { count: CONFIRMATIONS_PER_ADDRESS_PER_DAY }));
    }
    const id = existing?.id ?? newId();
    const expires = pendingUntil(nowMs());
    if (existing) await tx.updateTable('subscriptions').set({ expires }).where('id', '=', id).execute();
    else
      await tx
        .insertInto('subscriptions')
        .values({ id, email: email.value, topicKind: t.kind, topicValue: topicValue(t), topicKey: topicKey(t), created: now, expires, confirmed: null })
        .execute();
    await store.claimDelivery(tx, { id: newId(), subscriptionId: id, publicationId: null, tokenHash: tokenHash(token), created: now });
    // No address in the trail: the subscriber is no user of ours.
    await writeAudit(tx, { actorUserId: null, action: 'subscription.request', objectType: 'subscription', objectId: id, after: { topic: t.kind } });
    return true;
  });
  if (!send) return;
  const mail = confirmationMail(await labelOf(deps.db, t), confirmUrl(deps.publicUrl, token));
  // Not awaited: the answer takes as long whether or not an e-mail goes.
  void deps.mailer.send({ to: [email.value], ...mail }).catch((e: unknown) => deps.log?.warn(`the confirmation e-mail of a subscription failed: ${String(e)}`));
}

/** Confirms the subscription a confirmation link names; 404 for a link unknown or expired. */
export async function confirmSubscription(deps: Pick<SubscriptionDeps, 'db'>, token: unknown): Promise<{ topic: Topic; label: string }> {
  if (!isToken(token)) throw notFound('subscription');
  const row = await inTransaction(deps.db, async (tx) => {
    const s = await store.findByTokenHash(tx, tokenHash(token));
    if (!s || (!s.confirmed && s.expires !== null && s.expires < nowIso())) throw new AppError('not_found', why('subscription.link_unknown'));
    if (!s.confirmed) {
      await tx.updateTable('subscriptions').set({ confirmed: nowIso(), expires: null }).where('id', '=', s.id).execute();
      await tx.updateTable('subscriptionDeliveries').set({ state: 'sent' }).where('subscriptionId', '=', s.id).where('publicationId', 'is', null).execute();
      await writeAudit(tx, { actorUserId: null, action: 'subscription.confirm', objectType: 'subscription', objectId: s.id });
    }
    return s;
  });
  const topic = topicOf(row.topicKind, row.topicValue);
  return { topic, label: await labelOf(deps.db, topic) };
}

/** Ends the subscription any of its e-mails' links names; true when there was one to end. */
export async function unsubscribe(deps: Pick<SubscriptionDeps, 'db'>, token: unknown): Promise<boolean> {
  if (!isToken(token)) return false;
  return inTransaction(deps.db, async (tx) => {
    const s = await store.findByTokenHash(tx, tokenHash(token));
    if (!s) return false;
    await store.deleteSubscription(tx, s.id);
    await writeAudit(tx, { actorUserId: null, action: 'subscription.end', objectType: 'subscription', objectId: s.id, after: { topic: s.topicKind } });
    return true;
  });
}

/** Pending subscriptions past PENDING_DAYS are deleted (the hourly job; also usable at once). */
export const expirePending = (db: Db) => store.deleteExpired(db, nowIso());

// ---- e-mail when something is published ------------------------------------------------------

const attached = new WeakMap<Db, SubscriptionDeps>();

/** Makes this database's publications e-mail subscribers (with jobs: this process one that sends them). */
export function workSubscriptions(deps: SubscriptionDeps, jobs?: Jobs) {
  attached.set(deps.db, deps);
  onMeetingChanged(deps.db, 'subscriptions', (meetingId) => noticePublications(deps, meetingId));
  jobs?.work<{ publicationId: string }>(PUBLICATION_JOB, ({ publicationId }) => sendPublication(deps, publicationId).then(() => undefined), {
    leaseMs: 10 * 60_000,
    attempts: 5,
    backoffMs: 60_000,
  });
  if (jobs) {
    jobs.work(EXPIRE_JOB, async () => void (await expirePending(deps.db)), { leaseMs: 600_000, attempts: 2, backoffMs: 600_000 });
    jobs.every(EXPIRE_JOB, 3600_000);
  }
}

export function stopSubscriptions(db: Db) {
  attached.delete(db);
  onMeetingChanged(db, 'subscriptions', null);
}

/** After a committed meeting change: each publication of it that is news and not yet recorded is recorded once and sent by a job. */
async function noticePublications(deps: SubscriptionDeps, meetingId: string) {
  const m = await store.meetingFacts(deps.db, meetingId);
  if (!m) return;
  const known = await store.publicationsOfMeeting(deps.db, meetingId);
  for (const p of newsOf(m, nowMs())) {
    if (known.some((k) => k.kind === p.kind && k.publishedAt === p.at)) continue;
    const id = await store.recordPublication(deps.db, { id: newId(), meetingId, kind: p.kind, publishedAt: p.at, created: nowIso() });
    if (!id) continue;
    const jobs = jobsFor(deps.db);
    if (jobs) await jobs.add(PUBLICATION_JOB, { publicationId: id }, { key: `publication:${id}` });
    else void sendPublication(deps, id).catch((e: unknown) => deps.log?.warn(`e-mail to subscribers about meeting ${meetingId} failed: ${String(e)}`));
  }
}

/** Does a search, as anyone reads it, find something of this meeting? */
async function searchFinds(db: Db, query: string, meeting: { id: string; organizationId: string; start: string }): Promise<boolean> {
  const ms = Date.parse(meeting.start);
  const q = { q: query, organization: meeting.organizationId, from: copenhagenDate(-1, ms), to: copenhagenDate(1, ms), limit: 50 };
  let cursor: string | undefined;
  for (let page = 0; page < 5; page++) {
    const r = await search({ db, viewer: null }, { ...q, cursor });
    if (r.hits.some((h) => h.meetingId === meeting.id)) return true;
    if (!r.next) return false;
    cursor = r.next;
  }
  return false;
}

/** The confirmed subscriptions a publication of this meeting is news to, with the topic each e-mail names. */
async function matchingSubscriptions(db: Db, m: NonNullable<Awaited<ReturnType<typeof store.meetingFacts>>>) {
  const bodies = await store.confirmedOf(db, 'organization', [m.organizationId]);
  const cases = await store.confirmedOf(db, 'case', await store.publicCaseNumbers(db, m.id));
  const queries: string[] = [];
  for (const q of await store.confirmedQueries(db)) if (await searchFinds(db, q, m)) queries.push(q);
  const searches = await store.confirmedOf(db, 'search', queries);
  return [...bodies, ...cases, ...searches];
}

/**
 * E-mails one publication to each matching subscriber not yet sent it. An e-mail is claimed before
 * it goes (a second worker or a retry skips it) and unclaimed when the SMTP server refuses it; the
 * job then fails and its retry sends only those.
 */
export async function sendPublication(deps: SubscriptionDeps, publicationId: string): Promise<{ sent: number; failed: number }> {
  const { db } = deps;
  const p = await store.findPublication(db, publicationId);
  if (!p || !deps.mailer) return { sent: 0, failed: 0 };
  const m = await store.meetingFacts(db, p.meetingId);
  // Withdrawn since (the agenda taken back, the meeting deleted): nothing to tell.
  if (!m || !publicationsOf(m).some((x) => x.kind === p.kind && x.at === p.publishedAt)) return { sent: 0, failed: 0 };
  const subs = await matchingSubscriptions(db, m);
  const done = await store.deliveredTo(db, publicationId);
  const items = (await store.itemsOf(db, [m.id])).get(m.id) ?? [];
  const links = publicationLinks(deps.publicUrl, m.id, p.kind as PublicationKind);
  let sent = 0;
  let failed = 0;
  const seen = new Set<string>();
  for (const s of subs) {
    if (done.has(s.id) || seen.has(s.id)) continue;
    seen.add(s.id);
    const token = newToken();
    const id = newId();
    if (!(await store.claimDelivery(db, { id, subscriptionId: s.id, publicationId, tokenHash: tokenHash(token), created: nowIso() }))) continue;
    const unsubscribe = unsubscribeUrl(deps.publicUrl, token);
    const topic = topicOf(s.topicKind, s.topicValue);
    const mail = publicationMail(m, p.kind as PublicationKind, items, topicLabel(topic, m.organizationName), { ...links, unsubscribe });
    try {
      await deps.mailer.send({
        to: [s.email],
        ...mail,
        // RFC 2369 and RFC 8058: mail programs offer "unsubscribe", done by one POST to this address.
        headers: { 'List-Unsubscribe': `<${unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
      });
      await store.markSent(db, id);
      sent++;
    } catch (e) {
      await store.unclaim(db, id);
      failed++;
      deps.log?.warn(`e-mail to a subscriber about meeting ${m.id} failed: ${String(e)}`);
    }
  }
  if (failed > 0) throw new Error(`${failed} of ${sent + failed} e-mails to subscribers failed; the retry sends those`);
  return { sent, failed };
}
