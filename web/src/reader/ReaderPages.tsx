// The reader's routes: the meeting package (/meetings/:id/laes, ?side=N or ?punkt=N), a proposal
// (/indstillinger/:id/laes?version=N) and an attachment's PDF (/bilag/:id/laes?side=N). Loaded as their
// own chunk: pages that do not read never download pdf.js.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { MeetingDetail } from '../../../src/meetings/schemas.ts';
import type { PackageMap } from '../../../src/packages/model.ts';
import { api } from '../api.ts';
import { Link } from '../app/router.tsx';
import { useSession } from '../access/session.tsx';
import { useI18n } from '../i18n/index.tsx';
import { errorMessage } from '../shared/errors.ts';
import { useDocumentTitle } from '../shared/useDocumentTitle.ts';
import type { ReaderPart } from './context.ts';
import { loadPosition, positionSaver } from './position.ts';
import { Viewer } from './Viewer.tsx';

type Audience = 'member' | 'public';

export function PackageReaderPage({ id, page, item, edition }: { id: string; page?: number; item?: number; edition?: Audience }) {
  const { t, lang } = useI18n();
  const [meeting, setMeeting] = useState<MeetingDetail | null>(null);
  const [map, setMap] = useState<PackageMap | null>(null);
  const [stored, setStored] = useState<number | null | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  useDocumentTitle(meeting ? t('reader.title', { title: meeting.title }) : t('reader.readPackage'));

  useEffect(() => {
    api<MeetingDetail>('GET', `/api/meetings/${id}`).then(setMeeting, (e: unknown) => setError(errorMessage(e, t)));
  }, [id, t]);

  // The members' edition for whoever may read closed items (unless the public one is asked for).
  // Known before the meeting has loaded when no one is logged in or the edition is named: the PDF
  // is then asked for at once, alongside the meeting.
  const { user } = useSession();
  const early: Audience | null = user === null || edition === 'public' ? 'public' : null;
  const audience: Audience | null = early ?? (meeting ? (meeting.abilities.readClosed && edition !== 'public' ? 'member' : 'public') : null);
  const query = audience ? `audience=${audience}&lang=${lang}` : null;

  useEffect(() => {
    if (!query || !audience) return;
    let alive = true;
    setMap(null);
    api<PackageMap>('GET', `/api/meetings/${id}/package/map?${query}`).then(
      (m) => alive && setMap(m),
      () => undefined, // The outline then comes from the PDF's own bookmarks.
    );
    if (page === undefined && item === undefined) void loadPosition(id, audience, !!user).then((p) => alive && setStored(p));
    return () => {
      alive = false;
    };
  }, [id, query, audience, page, item, user]);

  const parts = useMemo<ReaderPart[] | null>(() => map?.parts ?? null, [map]);
  let initialPage: number | null = null;
  if (page !== undefined) initialPage = page;
  else if (item !== undefined) {
    if (map) initialPage = map.parts.find((p) => p.itemNumber === item)?.firstPage ?? 2;
  } else if (stored !== undefined) initialPage = stored;

  const saver = useMemo(() => (audience ? positionSaver(id, audience, !!user) : null), [id, audience, user]);
  const last = useRef<number | null>(null);
  useEffect(() => () => saver?.flush(last.current), [saver]);

  if (error) return <p className="notice notice--error">{error}</p>;
  if (!query) return <p className="loading">{t('reader.loading')}</p>;
  return (
    <>
      <div className="reader-heading">
        <h1>{meeting ? t('reader.title', { title: meeting.title }) : t('reader.readPackage')}</h1>
        <Link to={`/meetings/${id}`}>{t('reader.back')}</Link>
      </div>
      <Viewer
        url={`/api/meetings/${id}/package.pdf?${query}`}
        downloadUrl={`/api/meetings/${id}/package.pdf?${query}`}
        meetingId={id}
        parts={parts}
        items={map?.items ?? []}
        initialPage={initialPage}
        onPageChange={(p) => {
          last.current = p;
          saver?.update(p);
        }}
      />
    </>
  );
}

/** A single document: one part covering all its pages. */
function DocumentReader({
  url,
  heading,
  meetingId,
  part,
  page = 1,
}: {
  url: string;
  heading: string;
  meetingId: string | null;
  part: Omit<ReaderPart, 'firstPage' | 'pageCount'> | null;
  /** The page to open at (a search hit's). */
  page?: number;
}) {
  useDocumentTitle(heading);
  const [pageCount, setPageCount] = useState(0);
  const parts = useMemo<ReaderPart[] | null>(() => (part && pageCount ? [{ ...part, firstPage: 1, pageCount }] : null), [part, pageCount]);
  return (
    <>
      <div className="reader-heading">
        <h1>{heading}</h1>
      </div>
      <Viewer url={url} downloadUrl={url} meetingId={meetingId} parts={parts} items={[]} initialPage={page} onLoaded={setPageCount} />
    </>
  );
}

interface ProposalFacts {
  id: string;
  title: string;
  shownVersion: number;
  meeting: { id: string } | null;
  agendaItemId?: string | null;
}

export function ProposalReaderPage({ id, version }: { id: string; version?: number }) {
  const { t, lang } = useI18n();
  const [facts, setFacts] = useState<ProposalFacts | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api<ProposalFacts>('GET', `/api/proposals/${id}${version ? `?version=${version}` : ''}`).then(setFacts, (e: unknown) => setError(errorMessage(e, t)));
  }, [id, version, t]);
  const part = useMemo(
    () =>
      facts
        ? {
            itemNumber: null,
            agendaItemId: facts.agendaItemId ?? null,
            label: facts.title,
            target: 'proposal' as const,
            documentId: facts.id,
            documentVersion: String(facts.shownVersion),
          }
        : null,
    [facts],
  );
  if (error) return <p className="notice notice--error">{error}</p>;
  if (!facts) return <p className="loading">{t('reader.loading')}</p>;
  return (
    <DocumentReader
      url={`/api/proposals/${id}/document.pdf?version=${facts.shownVersion}&lang=${lang}`}
      heading={`${t('reader.proposalTitle')}: ${facts.title}`}
      meetingId={facts.meeting?.id ?? null}
      part={part}
    />
  );
}

interface AttachmentVersions {
  versions: { pdfSha256?: string | null; sha256?: string | null }[];
}

export function AttachmentReaderPage({ id, meetingId, title, page }: { id: string; meetingId?: string; title?: string; page?: number }) {
  const { t } = useI18n();
  const [sha, setSha] = useState<string | null | undefined>(undefined);
  useEffect(() => {
    api<AttachmentVersions>('GET', `/api/attachments/${id}/versions`).then(
      (r) => {
        const lastVersion = r.versions?.[r.versions.length - 1];
        setSha(lastVersion?.pdfSha256 ?? null);
      },
      () => setSha(null),
    );
  }, [id]);
  const part = useMemo(
    () =>
      sha === undefined
        ? null
        : { itemNumber: null, agendaItemId: null, label: title ?? '', target: 'attachment' as const, documentId: id, documentVersion: sha },
    [id, sha, title],
  );
  return (
    <DocumentReader
      url={`/api/attachments/${id}/pdf`}
      heading={title ? `${t('reader.attachmentTitle')}: ${title}` : t('reader.attachmentTitle')}
      meetingId={meetingId ?? null}
      part={part}
      page={page}
    />
  );
}
