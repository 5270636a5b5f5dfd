// E-mail subscriptions as pure rules: what may be subscribed to (a body, a search, a case), an
// address as we accept it, the tokens in links (only their hashes are stored), which publications a
// meeting has, and the Danish e-mails. An e-mail leaves the system: a closed item is named only by
// its public title, a file never.
import { createHash, randomBytes } from 'node:crypto';
import { DateTime } from 'luxon';
import type { Reason } from '../../shared/reasons.ts';
import { itemLabel } from '../../notifications/model.ts';

export type Topic = { kind: 'organization'; organizationId: string } | { kind: 'search'; query: string } | { kind: 'case'; caseNumber: string };
export type TopicKind = Topic['kind'];

/** A pending subscription not confirmed within this many days is gone. */
export const PENDING_DAYS = 7;
/** Confirmation e-mails one address may be sent per day, over every topic (a stranger's inbox is not ours to fill). */
export const CONFIRMATIONS_PER_ADDRESS_PER_DAY = 3;
export const EMAIL_MAX = 254;
export const QUERY_MAX = 200;

const CASE_NUMBER = /^[\p{L}\p{N}][\p{L}\p{N}.\-/]{1,39}$/u;
// One address, nothing a header could be split on: no spaces, commas, angle brackets or controls.
const EMAIL = /^[^\s@,;<>()[\]\\"\u0000-\u001f\u007f]+@[^\s@,;<>()[\]\\"\u0000-\u001f\u007f]+\.[^\s@,;<>()[\]\\"\u0000-\u001f\u007f]{2,}$/u;

type Checked<T> = { ok: true; value: T } | { ok: false; field: string; reason: Reason };

/** An address as stored and compared: trimmed, lower case; or why it is none. */
export function checkEmail(raw: unknown): Checked<string> {
  const email = typeof raw === 'string' ? raw.trim().toLowerCase() : '';
  if (!email) return { ok: false, field: 'email', reason: 'subscription.email_missing' };
  if (email.length > EMAIL_MAX || !EMAIL.test(email)) return { ok: false, field: 'email', reason: 'subscription.email_invalid' };
  return { ok: true, value: email };
}

/** A search's words as one key: spaces collapsed, lower case. */
export const normalQuery = (q: string) => q.trim().replace(/\s+/g, ' ').toLowerCase();

/** The topic asked for, or why it is none (a body's existence is the store's to check). */
export function checkTopic(raw: { kind?: unknown; organizationId?: unknown; query?: unknown; caseNumber?: unknown }): Checked<Topic> {
  const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
  if (raw.kind === 'organization') {
    const id = text(raw.organizationId);
    if (!id || id.length > 100) return { ok: false, field: 'organizationId', reason: 'subscription.unknown_body' };
    return { ok: true, value: { kind: 'organization', organizationId: id } };
  }
  if (raw.kind === 'search') {
    const query = normalQuery(text(raw.query));
    if (!query || [...query].some((c) => c < ' ')) return { ok: false, field: 'query', reason: 'subscription.query_empty' };
    if (query.length > QUERY_MAX) return { ok: false, field: 'query', reason: 'subscription.query_long' };
    return { ok: true, value: { kind: 'search', query } };
  }
  if (raw.kind === 'case') {
    const caseNumber = text(raw.caseNumber).toUpperCase();
    if (!CASE_NUMBER.test(caseNumber)) return { ok: false, field: 'caseNumber', reason: 'subscription.case_invalid' };
    return { ok: true, value: { kind: 'case', caseNumber } };
  }
  return { ok: false, field: 'kind', reason: 'subscription.topic_invalid' };
}

export const topicValue = (t: Topic) => (t.kind === 'organization' ? t.organizationId : t.kind === 'search' ? t.query : t.caseNumber);
export const topicKey = (t: Topic) => `${t.kind}:${topicValue(t)}`;
export const topicOf = (kind: TopicKind, value: string): Topic =>
  kind === 'organization' ? { kind, organizationId: value } : kind === 'search' ? { kind, query: value } : { kind, caseNumber: value };

/** The topic as a sentence ends: "Social- og Beskæftigelsesudvalget", "søgningen «budget»", "sagen EMN-2025-00982". */
export const topicLabel = (t: Topic, organizationName?: string) =>
  t.kind === 'organization' ? (organizationName ?? 'et udvalg') : t.kind === 'search' ? `søgningen «${t.query}»` : `sagen ${t.caseNumber}`;

/** A token for a link: 256 random bits, URL-safe. */
export const newToken = () => randomBytes(32).toString('base64url');
/** What is stored of a token; a link's token is looked up by it. */
export const tokenHash = (token: string) => createHash('sha256').update(`subscription:${token}`).digest('hex');
/** A token as links carry it; anything else is not looked up. */
export const isToken = (s: unknown): s is string => typeof s === 'string' && /^[A-Za-z0-9_-]{43}$/.test(s);

export const pendingUntil = (nowMs: number) => new Date(nowMs + PENDING_DAYS * 86_400_000).toISOString();

// ---- publications -------------------------------------------------------------------------------

export type PublicationKind = 'agenda' | 'minutes';

export interface PublishedFacts {
  state: string;
  publishedAt: string | null;
  minutesApprovedAt: string | null;
  deleted: string | null;
}

/** What of a meeting is published, each with its instant: the sent agenda, the approved minutes. */
export function publicationsOf(m: PublishedFacts): { kind: PublicationKind; at: string }[] {
  if (m.deleted || m.state === 'planned' || m.state === 'cancelled') return [];
  const out: { kind: PublicationKind; at: string }[] = [];
  if (m.publishedAt) out.push({ kind: 'agenda', at: m.publishedAt });
  if (m.state === 'minutes_approved' && m.minutesApprovedAt) out.push({ kind: 'minutes', at: m.minutesApprovedAt });
  return out;
}

/**
 * A publication is news for this long after it happened: the hook runs right after the change's
 * commit, in the process that made it; one seen later (sent before subscriptions were set up) is
 * history, not mailed.
 */
export const NEWS_MS = 10 * 60_000;

/** The publications of a meeting that are news now. */
export const newsOf = (m: PublishedFacts, nowMs: number) => publicationsOf(m).filter((p) => Date.parse(p.at) >= nowMs - NEWS_MS);

/** An item as the public reads it. */
export interface PublicItem {
  number: number;
  title: string;
  publicTitle: string | null;
  public: boolean;
}

export interface PublishedMeeting {
  id: string;
  organizationName: string;
  start: string;
  location: string | null;
}

const when = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Copenhagen' }).setLocale('da').toFormat("d. LLLL yyyy 'kl.' HH.mm");
const dayOf = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Copenhagen' }).setLocale('da').toFormat('d. LLLL yyyy');

/** The items as the public may read them: a closed one by its public title only. */
export const publicLines = (items: readonly PublicItem[]) => items.map((i) => itemLabel({ ...i, title: i.public ? i.title : '' }));

/** Links of a publication: the public page and the PDF the public gets. */
export function publicationLinks(base: string, meetingId: string, kind: PublicationKind) {
  return kind === 'agenda'
    ? { page: `${base}/meetings/${meetingId}`, pdf: `${base}/api/meetings/${meetingId}/agenda.pdf` }
    : { page: `${base}/meetings/${meetingId}/referat`, pdf: `${base}/api/meetings/${meetingId}/minutes.pdf` };
}

export const publicationTitle = (m: PublishedMeeting, kind: PublicationKind) =>
  `${kind === 'agenda' ? 'Dagsorden' : 'Referat'}: ${m.organizationName} ${dayOf(m.start)}`;

export interface Mail {
  subject: string;
  text: string;
  html: string;
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Paragraphs (a line each) and lists as plain text and as simple HTML. */
function mailOf(subject: string, blocks: ({ p: string; href?: string } | { list: string[] })[]): Mail {
  const text = blocks.map((b) => ('list' in b ? b.list.map((l) => `- ${l}`).join('\n') : b.href ? `${b.p}: ${b.href}` : b.p)).join('\n\n');
  const html = [
    '<!doctype html><html lang="da"><head><meta charset="utf-8"><title>',
    escapeHtml(subject),
    '</title></head><body>',
    ...blocks.map((b) =>
      'list' in b
        ? `<ul>${b.list.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>`
        : b.href
          ? `<p><a href="${escapeHtml(b.href)}">${escapeHtml(b.p)}</a></p>`
          : `<p>${escapeHtml(b.p)}</p>`,
    ),
    '</body></html>',
  ].join('');
  return { subject, text: `${text}\n`, html };
}

/** The e-mail that asks the address to confirm (nothing else is sent before it is). */
export function confirmationMail(topic: string, confirmUrl: string): Mail {
  return mailOf(`Bekræft dit abonnement: ${topic}`, [
    { p: `Nogen – forhåbentlig dig – har bedt om at få en e-mail, når der kommer nyt om ${topic}.` },
    { p: 'Bekræft abonnementet', href: confirmUrl },
    { p: `Bekræfter du ikke inden ${PENDING_DAYS} dage, sker der ikke mere, og vi gemmer ikke din adresse.` },
  ]);
}

/** The e-mail that an agenda was sent or minutes approved, to one subscriber. */
export function publicationMail(
  m: PublishedMeeting,
  kind: PublicationKind,
  items: readonly PublicItem[],
  topic: string,
  links: { page: string; pdf: string; unsubscribe: string },
): Mail {
  const what = kind === 'agenda' ? 'Dagsordenen' : 'Referatet';
  return mailOf(`${kind === 'agenda' ? 'Dagsorden offentliggjort' : 'Referat offentliggjort'}: ${m.organizationName} ${dayOf(m.start)}`, [
    { p: `${what} til mødet i ${m.organizationName} ${when(m.start)}${m.location ? `, ${m.location}` : ''} er offentliggjort.` },
    { list: publicLines(items) },
    { p: kind === 'agenda' ? 'Se dagsordenen' : 'Se referatet', href: links.page },
    { p: kind === 'agenda' ? 'Dagsordenen som PDF' : 'Referatet som PDF', href: links.pdf },
    { p: `Du får denne e-mail, fordi du abonnerer på ${topic}.` },
    { p: 'Afmeld abonnementet', href: links.unsubscribe },
  ]);
}
