// /moedeplan/:id: a meeting plan in words and as a table of meetings. On a draft the secretariat
// edits the rule and the exceptions, sees what approving will do, and approves; an approved plan
// is changed by a revision.
import { useRef, useState } from 'react';
import type { PlanException, PlanView } from '../../../src/planning/schemas.ts';
import { Link, navigate } from '../app/router.tsx';
import { calendarFeeds } from '../calendar/api.ts';
import { SubscribeLink } from '../calendar/SubscribeLink.tsx';
import { useI18n } from '../i18n/index.tsx';
import { useAnnounce } from '../shared/announce.tsx';
import { errorMessage } from '../shared/errors.ts';
import { useDocumentTitle } from '../shared/useDocumentTitle.ts';
import { planningApi, type ApprovalResult, type UpdatePlanBody } from './api.ts';
import { ApprovePlan } from './ApprovePlan.tsx';
import { ExceptionForm } from './ExceptionForm.tsx';
import { Exceptions } from './Exceptions.tsx';
import { OccurrenceTable } from './OccurrenceTable.tsx';
import { planErrorMessage, ruleSummary } from './planText.ts';
import { PlanPreview } from './PlanPreview.tsx';
import { PlanStatusBadge } from './PlanStatusBadge.tsx';
import { RuleEditor } from './RuleEditor.tsx';
import { usePlan } from './usePlan.ts';

interface Notice {
  text: string;
  tone: 'ok' | 'error';
}

export function PlanPage({ id }: { id: string }) {
  const { t } = useI18n();
  const announce = useAnnounce();
  const { plan, setPlan, loadError } = usePlan(id);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [busy, setBusy] = useState(false);
  const noticeRef = useRef<HTMLDivElement>(null);
  const exceptionsRef = useRef<HTMLHeadingElement>(null);
  useDocumentTitle(plan?.title ?? (loadError ? t('app.notFound.title') : t('app.loading')));

  if (!plan) {
    return (
      <>
        <p className="breadcrumb">
          <Link to="/moedeplan">{t('plan.back')}</Link>
        </p>
        {loadError ? (
          <>
            <h1>{t('app.notFound.title')}</h1>
            <p className="notice notice--error">{loadError.status === 404 ? t('plan.notFound') : errorMessage(loadError, t)}</p>
          </>
        ) : (
          <p className="loading">{t('app.loading')}</p>
        )}
      </>
    );
  }

  const show = (next: Notice) => {
    setNotice(next);
    // The control that was used may be gone (the approve button on an approved plan): start here.
    window.setTimeout(() => noticeRef.current?.focus(), 0);
  };

  /** Saves a change to the draft; errors are thrown back to the form that made it. */
  const update = async (body: UpdatePlanBody, done: string) => {
    setPlan(await planningApi.update(plan.id, body));
    setNotice(null);
    announce(done);
  };

  const removeException = async (index: number) => {
    setBusy(true);
    try {
      await update({ exceptions: plan.exceptions.filter((_, i) => i !== index) }, t('exception.removed'));
      // The removed row took its button with it: continue from the list's heading.
      exceptionsRef.current?.focus();
    } catch (err) {
      show({ text: planErrorMessage(err, t), tone: 'error' });
    } finally {
      setBusy(false);
    }
  };

  const approved = (result: ApprovalResult) => {
    setPlan(result.plan);
    const { created, moved, cancelled, linked, kept } = result;
    show({ text: t('approve.done', { created, moved, cancelled, linked, kept }), tone: 'ok' });
  };

  const revise = async () => {
    setBusy(true);
    try {
      const draft = await planningApi.revise(plan.id);
      announce(t('revise.done'));
      navigate(`/moedeplan/${draft.id}`);
    } catch (err) {
      show({ text: planErrorMessage(err, t), tone: 'error' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="plan">
      <p className="breadcrumb">
        <Link to="/moedeplan">{t('plan.back')}</Link>
      </p>
      <PlanHead plan={plan} />
      <SubscribeLink
        href={calendarFeeds.organization(plan.organization.id)}
        organizationId={plan.organization.id}
        description={t('calendar.subscribeOrg', { name: plan.organization.name })}
      />
      <div ref={noticeRef} tabIndex={-1} role="status" className={notice ? `notice notice--${notice.tone}` : 'visually-hidden'} data-testid="plan-notice">
        {notice?.text}
      </div>
      {plan.abilities.revise ? (
        <p>
          <button type="button" className="button button--primary" disabled={busy} onClick={() => void revise()}>
            {t('revise.button')}
          </button>
        </p>
      ) : null}

      {plan.abilities.edit ? (
        <section aria-labelledby="rule-heading">
          <h2 id="rule-heading">{t('rule.heading')}</h2>
          <RuleEditor rule={plan.rule} onSave={(rule) => update({ rule }, t('rule.saved'))} />
        </section>
      ) : null}

      <section aria-labelledby="exceptions-heading">
        <h2 id="exceptions-heading" ref={exceptionsRef} tabIndex={-1}>
          {t('exception.heading')}
        </h2>
        <Exceptions exceptions={plan.exceptions} busy={busy} onRemove={plan.abilities.edit ? (i) => void removeException(i) : undefined} />
        {plan.abilities.edit ? (
          <div className="panel">
            <ExceptionForm index={plan.exceptions.length} onAdd={(e: PlanException) => update({ exceptions: [...plan.exceptions, e] }, t('exception.added'))} />
          </div>
        ) : null}
      </section>

      <section aria-labelledby="occurrences-heading">
        <h2 id="occurrences-heading">{t('occurrences.heading', { count: plan.occurrences.length })}</h2>
        <OccurrenceTable occurrences={plan.occurrences} />
      </section>

      {plan.preview ? (
        <section aria-labelledby="preview-heading" className="panel" data-testid="preview">
          <h2 id="preview-heading">{t('preview.heading')}</h2>
          <PlanPreview preview={plan.preview} />
          {plan.abilities.approve ? <ApprovePlan key={plan.modified} plan={plan} onApproved={approved} /> : null}
        </section>
      ) : null}
    </div>
  );
}

function PlanHead({ plan }: { plan: PlanView }) {
  const { t, lang, date } = useI18n();
  return (
    <header className="meeting-head">
      <p className="meeting-head__org">
        {plan.organization.name} · {plan.year}
      </p>
      <h1>{plan.title}</h1>
      <div className="meeting-head__facts">
        <p>
          <strong>{t('plan.facts.status')}</strong> <PlanStatusBadge status={plan.status} />
        </p>
        <p data-testid="plan-rule">
          <strong>{t('plan.facts.rule')}</strong> {ruleSummary(plan.rule, t, lang)}
        </p>
        {plan.approved ? (
          <p>
            <strong>{t('plan.facts.approved')}</strong> {date(plan.approved)}
          </p>
        ) : null}
        {plan.revisesId ? (
          <p>
            {t('plan.revises')} <Link to={`/moedeplan/${plan.revisesId}`}>{t('plan.revisesLink')}</Link>
          </p>
        ) : null}
      </div>
    </header>
  );
}
