// /indstillinger/:id (?version=N for an earlier one): the proposal as printed, for its writers, the
// secretariat, members and (once its item is public) anyone; its state, deadline and versions; the
// steps the viewer may take; and the files attached to it.
import type { ProposalView } from '../../../src/proposals/schemas.ts';
import { OwnerAttachments } from '../attachments/OwnerAttachments.tsx';
import { Link, navigate } from '../app/router.tsx';
import { useI18n } from '../i18n/index.tsx';
import { SelectField } from '../shared/Field.tsx';
import { useDocumentTitle } from '../shared/useDocumentTitle.ts';
import { LoadProblem } from './LoadProblem.tsx';
import { ProposalActions } from './ProposalActions.tsx';
import { ProposalDocument } from './ProposalDocument.tsx';
import { ProposalStateBadge } from './ProposalStateBadge.tsx';
import { useProposal } from './useProposal.ts';
import './proposals.css';

export function ProposalPage({ id, version }: { id: string; version?: number }) {
  const { t, date, time, lang } = useI18n();
  const { proposal: p, setProposal, loadError, reload } = useProposal(id, version);
  useDocumentTitle(p?.title ?? (loadError ? t('app.notFound.title') : t('app.loading')));
  const back = (
    <p className="breadcrumb">
      <Link to="/indstillinger">{t('proposal.back')}</Link>
    </p>
  );
  if (!p) {
    return (
      <>
        {back}
        {loadError ? (
          <LoadProblem error={loadError} next={`/indstillinger/${id}`} onRetry={() => void reload()} />
        ) : (
          <p className="loading">{t('app.loading')}</p>
        )}
      </>
    );
  }

  const at = (iso: string) => t('proposal.dateTime', { date: date(iso), time: time(iso) });
  const latest = p.versions.length ? p.versions[p.versions.length - 1].number : p.shownVersion;
  const isLatest = p.shownVersion === latest;
  const changedAfterSending = p.versions.filter((v) => v.afterSending);
  const versionLabel = (v: ProposalView['versions'][number]) =>
    v.afterSending && v.changeNote
      ? t('proposal.versionChanged', { number: v.number, note: v.changeNote })
      : t('proposal.versionOption', { number: v.number, date: date(v.created) });
  const showVersion = (n: number) => navigate(n === latest ? `/indstillinger/${id}` : `/indstillinger/${id}?version=${n}`, { replace: true });

  return (
    <div className="proposal-page">
      {back}
      <section className="proposal-status" aria-label={t('proposal.statusLabel')} data-testid="proposal-status">
        <div className="proposal-status__facts">
          <p>
            <strong>{t('proposal.stateLabel')}</strong> <ProposalStateBadge proposal={p} />
          </p>
          <p>
            <strong>{t('proposal.meetingLabel')}</strong>{' '}
            {p.meeting ? (
              <Link to={`/meetings/${p.meeting.id}`}>{t('proposal.meetingValue', { title: p.meeting.title, date: date(p.meeting.start) })}</Link>
            ) : (
              t('proposal.noMeeting')
            )}
          </p>
          {p.deadline ? (
            <p data-testid="proposal-deadline">
              <strong>{t('proposal.deadlineLabel')}</strong> {at(p.deadline)}
            </p>
          ) : null}
          {p.submittedAt ? (
            <p>
              <strong>{t('proposal.submittedLabel')}</strong> {at(p.submittedAt)}
              {p.lateAccepted ? ` (${t('proposal.lateAccepted')})` : ''}
            </p>
          ) : null}
        </div>
        {p.abilities.edit && isLatest ? (
          <p>
            <Link className="button" to={`/indstillinger/${p.id}/rediger`}>
              {t('proposal.edit')}
            </Link>
          </p>
        ) : null}
        {isLatest ? <ProposalActions proposal={p} deadlineText={p.deadline && at(p.deadline)} onChanged={setProposal} onReload={reload} /> : null}
        {p.versions.length > 1 ? (
          <div className="proposal-status__version">
            <SelectField label={t('proposal.versionLabel')} name="version" value={String(p.shownVersion)} onChange={(e) => showVersion(Number(e.target.value))}>
              {p.versions.map((v) => (
                <option key={v.number} value={v.number}>
                  {versionLabel(v)}
                </option>
              ))}
            </SelectField>
          </div>
        ) : null}
      </section>
      {changedAfterSending.length > 0 ? (
        <div className="notice notice--warning" data-testid="changed-after-sending">
          <p>{t('proposal.changedAfterSending')}</p>
          <ul>
            {changedAfterSending.map((v) => (
              <li key={v.number}>{t('proposal.changeLine', { number: v.number, date: at(v.created), note: v.changeNote ?? '' })}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {/* Always rendered, so choosing another version is announced. */}
      <div role="status" className={isLatest ? undefined : 'notice notice--warning'} data-testid="old-version">
        {isLatest ? null : (
          <p>
            {t('proposal.oldVersion', { number: p.shownVersion, latest })} <Link to={`/indstillinger/${p.id}`}>{t('proposal.toLatest')}</Link>
          </p>
        )}
      </div>
      <p>
        <a href={`/api/proposals/${p.id}/document.pdf?version=${p.shownVersion}&lang=${lang}`}>{t('proposal.pdf')}</a> ·{' '}
        <a href={`/api/proposals/${p.id}/document.docx?version=${p.shownVersion}&lang=${lang}`}>{t('proposal.docx')}</a>
      </p>
      <ProposalDocument proposal={p} />
      <section className="proposal-files" aria-labelledby="proposal-files-heading">
        <h2 id="proposal-files-heading">{t('proposal.files')}</h2>
        <OwnerAttachments owner={{ kind: 'proposal', id: p.id }} label={t('proposal.files')} />
      </section>
    </div>
  );
}
