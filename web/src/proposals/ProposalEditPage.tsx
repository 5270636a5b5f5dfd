// /indstillinger/:id/rediger: the editor for a proposal the viewer may edit now.
import { useRef } from 'react';
import { Link, navigate } from '../app/router.tsx';
import { useI18n } from '../i18n/index.tsx';
import { useAnnounce } from '../shared/announce.tsx';
import { useDocumentTitle } from '../shared/useDocumentTitle.ts';
import { proposalsApi } from './api.ts';
import { LoadProblem } from './LoadProblem.tsx';
import { ProposalForm } from './ProposalForm.tsx';
import { useChoices } from './useChoices.ts';
import { useProposal } from './useProposal.ts';
import './proposals.css';

export function ProposalEditPage({ id }: { id: string }) {
  const { t } = useI18n();
  const announce = useAnnounce();
  const { proposal: p, loadError, reload } = useProposal(id);
  const choices = useChoices(p?.organization.id ?? '');
  useDocumentTitle(p ? t('proposalForm.editTitle', { title: p.title }) : t('app.loading'));
  const view = `/indstillinger/${id}`;
  const headingRef = useRef<HTMLHeadingElement>(null);

  if (!p || choices.organizations === null) {
    return (
      <>
        <p className="breadcrumb">
          <Link to="/indstillinger">{t('proposal.back')}</Link>
        </p>
        {loadError ? <LoadProblem error={loadError} next={`${view}/rediger`} onRetry={() => void reload()} /> : <p className="loading">{t('app.loading')}</p>}
      </>
    );
  }

  return (
    <div className="proposal-edit">
      <p className="breadcrumb">
        <Link to={view}>{t('proposalForm.backToProposal')}</Link>
      </p>
      <h1 id="proposal-form-heading" ref={headingRef} tabIndex={-1}>
        {t('proposalForm.heading')}
      </h1>
      <p className="lead">{t('proposalForm.to', { organization: p.organization.name })}</p>
      {p.abilities.edit ? (
        // Keyed by the version: a reload after a conflict starts the form from the newest text.
        <ProposalForm
          key={p.version}
          proposal={p}
          choices={choices}
          onSave={async (body) => {
            const saved = await proposalsApi.update(p.id, body);
            const newVersion = saved.versions.length > p.versions.length;
            announce(newVersion ? t('proposalForm.savedVersion', { number: saved.shownVersion }) : t('proposalForm.saved'));
            navigate(view);
          }}
          onReload={async () => {
            await reload();
            announce(t('proposalForm.reloaded'));
            // The form starts again from the newest text: start the keyboard user at its top.
            headingRef.current?.focus();
          }}
          onCancel={() => navigate(view)}
        />
      ) : (
        <p className="notice notice--error">{t('proposalForm.notEditable', { state: t(`proposal.state.${p.state}`) })}</p>
      )}
    </div>
  );
}
