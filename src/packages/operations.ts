// The meeting package (mødepakke): one PDF per meeting and audience — cover, timed agenda, then per
// item its proposal and attachments, every attachment page stamped — built on request, with its
// progress readable while it builds, cached until something in it changes. Also as a ZIP.
import { createHash } from 'node:crypto';
import { canOnMeeting, type Viewer } from '../access/model.ts';
import { listPackageAttachments, listProposalAttachments, meetingConversions, type PackageAttachment } from '../attachments/operations.ts';
import type { AttachmentFiles } from '../attachments/storage.ts';
import type { Db } from '../db/connection.ts';
import { agendaDocx, agendaPdf, type AgendaSender } from '../documents/agenda.ts';
import { coverPdf } from '../documents/cover.ts';
import type { PackageLayout } from '../documents/package/assemble.ts';
import { assembleInWorker } from '../documents/package/in-worker.ts';
import { PackageError } from '../documents/package/sources.ts';
import type { PackageItem } from '../documents/package/model.ts';
import { proposalDocx, proposalPdf, type ProposalDocumentInput } from '../documents/proposal.ts';
import { denied } from '../http/errors.ts';
import { copenhagenDate, nowIso } from '../lib/time.ts';
import { getMeeting } from '../meetings/operations.ts';
import type { MeetingDetail } from '../meetings/schemas.ts';
import { minutesFileName } from '../minutes/approval.ts';
import { minutesPdf } from '../minutes/document.ts';
import { allProposals, getProposal } from '../proposals/operations.ts';
import type { ProposalView } from '../proposals/schemas.ts';
import { missingText, packageKey, packageMap, planItemParts, withheldText, type Edition, type Lang, type PackageMap, type PlannedPart } from './model.ts';
import { municipalityOf, senderOf } from '../organizations/store.ts';
import * as store from './store.ts';
import { zipFiles, type ZipEntry } from './zip.ts';

export interface Ctx {
  db: Db;
  viewer: Viewer;
  files: AttachmentFiles;
}

export type Audience = 'member' | 'public';

export interface PackageStatus {
  state: 'building' | 'ready' | 'failed';
  /** Parts prepared so far, of all parts (plus the final assembly). */
  done: number;
  total: number;
  etag: string;
  error?: string;
}

interface Plan {
  key: string;
  etag: string;
  edition: Edition;
  lang: Lang;
  meeting: MeetingDetail;
  /** Who the package is read as: null for the public edition. */
  reader: Viewer;
  municipality: string;
  /** The agenda's sender column (letterhead). */
  sender: AgendaSender | null;
  proposals: Map<string, ProposalView>;
  items: { id: string; number: number; title: string; parts: PlannedPart[] }[];
}

interface Build {
  status: PackageStatus;
  result: Promise<Uint8Array>;
  /** The pages each piece took, filled in when the build is done. */
  layout: PackageLayout;
  lastUsed: number;
}

/** Built packages by content key. A handful per process: a package is rebuilt in seconds. */
const builds = new Map<string, Build>();
const KEEP = 12;

function remember(key: string, build: Build) {
  builds.set(key, build);
  if (builds.size <= KEEP) return;
  const oldest = [...builds.entries()].filter(([, b]) => b.status.state !== 'building').sort((a, b) => a[1].lastUsed - b[1].lastUsed)[0];
  if (oldest) builds.delete(oldest[0]);
}

/** Works out what the package for this audience holds, without building it. */
async function plan(ctx: Ctx, meetingId: string, audience: Audience, lang: Lang): Promise<Plan> {
  const asViewer = await getMeeting({ db: ctx.db, viewer: ctx.viewer }, meetingId);
  let reader: Viewer = null;
  if (audience === 'member') {
    if (!canOnMeeting(ctx.viewer, 'readClosed', { organizationId: asViewer.organization.id, state: asViewer.state })) throw denied(ctx.viewer);
    reader = ctx.viewer;
  }
  const edition: Edition = audience === 'member' ? 'full' : 'public';
  const meeting = reader === ctx.viewer ? asViewer : await getMeeting({ db: ctx.db, viewer: null }, meetingId);
  const summaries = await allProposals({ db: ctx.db, viewer: reader }, { meetingId });
  const proposals = new Map<string, ProposalView>();
  for (const s of summaries) if (s.agendaItemId) proposals.set(s.agendaItemId, await getProposal({ db: ctx.db, viewer: reader }, s.id));
  const attachments = new Map((await listPackageAttachments(ctx.db, meetingId)).map((i) => [i.itemId, i.attachments]));
  const approvals = await store.minutesApprovals(ctx.db, meetingId);
  const approved = new Map(approvals.map((a) => [a.itemId, a]));
  const attachmentFacts = (a: PackageAttachment) => ({
    id: a.id,
    title: a.title,
    fileName: a.fileName,
    isPublic: a.isPublic,
    pdfSha256: a.pdfSha256,
    conversion: a.conversion,
  });
  const items = [];
  for (const item of meeting.items) {
    const proposal = proposals.get(item.id) ?? null;
    // A proposal the reader may not read yet still is the item's Bilag 1: the numbers stay the agenda's.
    const onAgenda = item.parts.find((part) => part.kind === 'proposal');
    const approves = approved.get(item.id);
    const parts = planItemParts(
      {
        number: item.number,
        title: item.title,
        restricted: item.restricted,
        proposal: proposal ? { id: proposal.id, title: proposal.title } : onAgenda ? { id: onAgenda.proposalId, title: '', withheld: true } : null,
        proposalAttachments: proposal ? (await listProposalAttachments(ctx.db, proposal.id)).map(attachmentFacts) : [],
        attachments: (attachments.get(item.id) ?? []).map(attachmentFacts),
        approves: approves ? { meetingId: approves.meetingId, fileName: minutesFileName(approves.meetingStart) } : null,
      },
      edition,
      lang,
    );
    items.push({ id: item.id, number: item.number, title: item.title, parts });
  }
  const key = packageKey({
    meetingId,
    edition,
    lang,
    agendaVersion: meeting.agendaVersion,
    meetingModified: meeting.modified,
    proposals: [...proposals.values()].map((p) => ({ id: p.id, modified: p.modified })),
    approvedFrom: approvals.map((a) => `${a.meetingId}@${a.meetingModified}`),
  });
  const etag = `"${createHash('sha256').update(key).digest('hex').slice(0, 32)}"`;
  return {
    key,
    etag,
    edition,
    lang,
    meeting,
    reader,
    municipality: await municipalityOf(ctx.db, meeting.organization.id),
    sender: await senderOf(ctx.db, meeting.organization.id),
    proposals: new Map([...proposals.values()].map((p) => [p.id, p])),
    items,
  };
}

function proposalInput(p: ProposalView, meetingStart: string | null, municipality: string, lang: Lang): ProposalDocumentInput {
  const shown = p.versions.find((v) => v.number === p.shownVersion);
  return {
    content: {
      title: p.title,
      addressee: p.addressee,
      atPoints: p.atPoints,
      sections: p.sections.map((s) => ({ key: s.key, heading: s.heading, blocks: s.blocks })),
    },
    meetingDate: meetingStart && copenhagenDate(0, Date.parse(meetingStart)),
    plannedMinutes: p.plannedMinutes,
    unitName: p.unit?.name ?? null,
    proposalDate: p.proposalDate,
    caseNumber: p.caseNumber,
    caseOfficer: p.caseOfficer,
    version: shown && shown.number > 1 ? { number: shown.number, changeNote: shown.changeNote } : null,
    municipality,
    lang,
  };
}

/** The bytes of one part: a stored PDF, a rendered document, or null when it is missing. */
async function partBytes(ctx: Ctx, p: Plan, part: PlannedPart): Promise<Uint8Array | null> {
  switch (part.origin.kind) {
    case 'file':
      return ctx.files.blobs.get(part.origin.sha256);
    case 'proposal':
      return proposalPdf(proposalInput(p.proposals.get(part.origin.proposalId)!, p.meeting.start, p.municipality, p.lang));
    case 'minutes':
      return (await minutesPdf({ db: ctx.db, viewer: p.reader }, part.origin.meetingId, p.lang)).pdf;
    case 'missing':
    case 'withheld':
      return null;
  }
}

const frontMatter = (p: Plan) => ({
  cover: coverPdf({
    municipality: p.municipality,
    organizationName: p.meeting.organization.name,
    meetingTitle: p.meeting.title,
    start: p.meeting.start,
    end: p.meeting.end,
    location: p.meeting.location,
    audience: p.edition === 'full' ? 'member' : 'public',
    generatedAt: nowIso(),
    lang: p.lang,
  }),
  agenda: agendaPdf(p.meeting, { municipality: p.municipality, sender: p.sender, lang: p.lang, numbered: false }),
});

async function build(ctx: Ctx, p: Plan, status: PackageStatus, layout: PackageLayout): Promise<Uint8Array> {
  const { cover, agenda } = frontMatter(p);
  const items: PackageItem[] = [];
  for (const item of p.items) {
    const parts = [];
    for (const part of item.parts) {
      const bytes = await partBytes(ctx, p, part);
      parts.push({
        bookmark: `${p.lang === 'da' ? 'Bilag' : 'Attachment'} ${part.number}: ${part.label}`,
        stamp: part.stamp,
        source: bytes
          ? { pdf: bytes }
          : part.origin.kind === 'withheld'
            ? { withheld: withheldText[p.lang] }
            : { missing: `${part.label}: ${missingText[p.lang][part.origin.kind === 'missing' ? part.origin.reason : 'no_file']}` },
      });
      status.done += 1;
    }
    items.push({ bookmark: `${p.lang === 'da' ? 'Punkt' : 'Item'} ${item.number}: ${item.title}`, parts });
  }
  const title = `${p.lang === 'da' ? 'Mødepakke' : 'Meeting package'}: ${p.meeting.title} ${p.meeting.start.slice(0, 10)}`;
  // A file that cannot be read as PDF (damaged, or locked after all) becomes a page saying so,
  // rather than costing the members the whole package.
  for (;;) {
    try {
      const pdf = await assembleInWorker({ title, lang: p.lang, cover, agenda, items }, layout);
      status.done += 1;
      return pdf;
    } catch (e) {
      const bad = e instanceof PackageError && items.flatMap((i) => i.parts).find((part) => part.stamp === e.part && 'pdf' in part.source);
      if (!bad) throw e;
      bad.source = { missing: `${bad.bookmark.replace(/^[^:]+: /, '')}: ${missingText[p.lang].unreadable}` };
    }
  }
}

function startBuild(ctx: Ctx, p: Plan): Build {
  const existing = builds.get(p.key);
  if (existing && existing.status.state !== 'failed') {
    existing.lastUsed = Date.now();
    return existing;
  }
  const status: PackageStatus = { state: 'building', done: 0, total: p.items.reduce((n, i) => n + i.parts.length, 0) + 1, etag: p.etag };
  const layout: PackageLayout = { coverPages: 0, agendaPages: 0, partPages: [] };
  const result = build(ctx, p, status, layout).then(
    (pdf) => {
      status.state = 'ready';
      return pdf;
    },
    (e: unknown) => {
      status.state = 'failed';
      status.error = e instanceof Error ? e.message : String(e);
      throw e;
    },
  );
  result.catch(() => undefined);
  const b = { status, result, layout, lastUsed: Date.now() };
  remember(p.key, b);
  return b;
}

/** Starts building the package (or finds it built or building) and says how far it has come. */
export async function requestPackage(ctx: Ctx, meetingId: string, audience: Audience, lang: Lang): Promise<PackageStatus> {
  // Office files just uploaded are still being converted: say so at once, and plan when they are done.
  const conversions = await meetingConversions(ctx.db, meetingId);
  if (conversions.pending > 0) {
    await getMeeting({ db: ctx.db, viewer: ctx.viewer }, meetingId);
    return { state: 'building', done: 0, total: conversions.pending + 1, etag: '' };
  }
  const p = await plan(ctx, meetingId, audience, lang);
  return { ...startBuild(ctx, p).status };
}

/** The package's own file name: "moedepakke-2026-01-27-offentlig.pdf". */
const packageFileName = (p: Plan, ext: 'pdf' | 'zip') =>
  `${p.lang === 'da' ? 'moedepakke' : 'meeting-package'}-${copenhagenDate(0, Date.parse(p.meeting.start))}${p.edition === 'public' ? (p.lang === 'da' ? '-offentlig' : '-public') : ''}.${ext}`;

/** Plans a package to download, once the conversions of its files are done. */
/**
 * The last plan per meeting, audience and language, with the facts its key was made of. Planning
 * reads the whole meeting (dozens of queries); a download whose facts are unchanged takes the plan
 * as it was, after the same access check. A package does not depend on who reads it beyond that
 * check (its key names no reader), so neither does its plan.
 */
const plans = new Map<string, { fingerprint: string; plan: Plan }>();
const KEEP_PLANS = 200;

async function planForDownload(ctx: Ctx, meetingId: string, audience: Audience, lang: Lang) {
  await (
    await meetingConversions(ctx.db, meetingId)
  ).settled;
  const facts = await store.packageFacts(ctx.db, meetingId);
  const slot = `${meetingId}|${audience}|${lang}`;
  // Whoever may not read the meeting goes the long way, and is refused there as always.
  if (facts && canOnMeeting(ctx.viewer, 'read', facts.meeting)) {
    if (audience === 'member' && !canOnMeeting(ctx.viewer, 'readClosed', facts.meeting)) throw denied(ctx.viewer);
    const known = plans.get(slot);
    if (known && known.fingerprint === facts.fingerprint) return known.plan;
  }
  const p = await plan(ctx, meetingId, audience, lang);
  if (facts) {
    plans.delete(slot);
    plans.set(slot, { fingerprint: facts.fingerprint, plan: p });
    if (plans.size > KEEP_PLANS) plans.delete(plans.keys().next().value!);
  }
  return p;
}

/**
 * The package itself (waits for the build). A client that already has this version (`ifNoneMatch`
 * equals the ETag) gets no body, and nothing is built for it.
 */
export async function packagePdf(
  ctx: Ctx,
  meetingId: string,
  audience: Audience,
  lang: Lang,
  ifNoneMatch?: string,
): Promise<{ etag: string; fileName: string; pdf?: Uint8Array }> {
  const p = await planForDownload(ctx, meetingId, audience, lang);
  if (ifNoneMatch === p.etag) return { etag: p.etag, fileName: packageFileName(p, 'pdf') };
  return { etag: p.etag, fileName: packageFileName(p, 'pdf'), pdf: await startBuild(ctx, p).result };
}

/**
 * Where each part lies in the package this request would download (same plan, same build): the
 * reader's outline and its page ↔ document mapping. Waits for the build, like the PDF.
 */
export async function packagePageMap(ctx: Ctx, meetingId: string, audience: Audience, lang: Lang): Promise<{ etag: string; map: PackageMap }> {
  const p = await planForDownload(ctx, meetingId, audience, lang);
  const b = startBuild(ctx, p);
  await b.result;
  const version = (id: string) => {
    const shown = p.proposals.get(id)?.shownVersion;
    return shown === undefined ? null : String(shown);
  };
  return { etag: p.etag, map: packageMap(p.items, b.layout, version, lang) };
}

/** The same contents as separate files in a ZIP: agenda, then per item its proposal and attachments. */
export async function packageZip(
  ctx: Ctx,
  meetingId: string,
  audience: Audience,
  lang: Lang,
  ifNoneMatch?: string,
): Promise<{ etag: string; fileName: string; zip?: Buffer }> {
  const p = await planForDownload(ctx, meetingId, audience, lang);
  const etag = `"zip-${p.etag.slice(1)}`;
  if (ifNoneMatch === etag) return { etag, fileName: packageFileName(p, 'zip') };
  // Each file dated by its own time: an upload when it was uploaded, a document when it last changed.
  const agendaTime = Date.parse(p.meeting.modified);
  const uploaded = await store.attachmentTimes(ctx.db, meetingId);
  const minutesChanged = new Map((await store.minutesApprovals(ctx.db, meetingId)).map((a) => [a.meetingId, Date.parse(a.meetingModified)]));
  const modified = (origin: PlannedPart['origin']) => {
    if (origin.kind === 'file') return uploaded.get(origin.sha256) ?? agendaTime;
    if (origin.kind === 'proposal') return Date.parse(p.proposals.get(origin.proposalId)!.modified);
    if (origin.kind === 'minutes') return minutesChanged.get(origin.meetingId) ?? agendaTime;
    return agendaTime;
  };
  const files: ZipEntry[] = [{ name: lang === 'da' ? '00 Dagsorden.pdf' : '00 Agenda.pdf', data: frontMatter(p).agenda, modified: agendaTime }];
  const missing: string[] = [];
  for (const item of p.items) {
    for (const part of item.parts) {
      // A withheld file is no file of this edition: the ZIP leaves it out (the agenda in it keeps its number).
      if (part.origin.kind === 'withheld') continue;
      const bytes = await partBytes(ctx, p, part);
      if (bytes) files.push({ name: part.fileName, data: bytes, modified: modified(part.origin) });
      else missing.push(`${part.stamp}: ${missingText[lang][part.origin.kind === 'missing' ? part.origin.reason : 'no_file']}`);
    }
  }
  if (missing.length) {
    files.push({ name: lang === 'da' ? 'MANGLER.txt' : 'MISSING.txt', data: Buffer.from(missing.join('\r\n') + '\r\n'), modified: agendaTime });
  }
  return { etag, fileName: packageFileName(p, 'zip'), zip: zipFiles(files) };
}

export type Format = 'pdf' | 'docx';

/**
 * The timed agenda as the viewer may see it, as PDF or DOCX. Its ETag is keyed on everything it is
 * made from — the meeting as this viewer sees it, the municipality, format and language — so a
 * client that has this version (`ifNoneMatch`) gets no body, and nothing is rendered for it.
 */
export async function agendaDocument(
  ctx: Ctx,
  meetingId: string,
  format: Format,
  lang: Lang,
  ifNoneMatch?: string,
): Promise<{ etag: string; fileName: string; bytes?: Uint8Array }> {
  const meeting = await getMeeting({ db: ctx.db, viewer: ctx.viewer }, meetingId);
  const opts = { municipality: await municipalityOf(ctx.db, meeting.organization.id), sender: await senderOf(ctx.db, meeting.organization.id), lang };
  // What the viewer may do, and where a live meeting stands, are not printed: they do not change the document.
  const { abilities: _abilities, live: _live, ...printed } = meeting;
  const etag = `"agenda-${createHash('sha256')
    .update(JSON.stringify([format, opts, printed]))
    .digest('hex')
    .slice(0, 32)}"`;
  const fileName = `${lang === 'da' ? 'dagsorden' : 'agenda'}-${copenhagenDate(0, Date.parse(meeting.start))}.${format}`;
  if (ifNoneMatch === etag) return { etag, fileName };
  const bytes = format === 'pdf' ? agendaPdf(meeting, opts) : await agendaDocx(meeting, opts);
  return { etag, fileName, bytes };
}

/** A proposal (its latest version, or an earlier one) as the viewer may see it, as PDF or DOCX. */
export async function proposalDocumentFile(
  ctx: Ctx,
  proposalId: string,
  version: number | undefined,
  format: Format,
  lang: Lang,
): Promise<{ bytes: Uint8Array; fileName: string }> {
  const p = await getProposal({ db: ctx.db, viewer: ctx.viewer }, proposalId, version);
  const municipality = await municipalityOf(ctx.db, p.organization.id);
  const input = proposalInput(p, p.meeting?.start ?? null, municipality, lang);
  const bytes = format === 'pdf' ? proposalPdf(input) : await proposalDocx(input);
  return { bytes, fileName: `${lang === 'da' ? 'indstilling' : 'proposal'}-v${p.shownVersion}.${format}` };
}
