// /aarshjul/:id: the wheel drawn as a circle, the same cases as a list by month (what screen readers
// use), and for the secretariat: put cases on agendas, add, change, delete, approve, print.
import { useEffect, useMemo, useRef, useState } from 'react';
import { DateTime } from 'luxon';
import type { WheelEntryView, WheelView } from '../../../src/annual-wheel/schemas.ts';
import type { OrganizationView } from '../../../src/organizations/schemas.ts';
import { ApiError } from '../api.ts';
import { Link } from '../app/router.tsx';
import { ZONE } from '../i18n/format.ts';
import { useI18n } from '../i18n/index.tsx';
import { organizationsApi } from '../organizations/api.ts';
import { useAnnounce } from '../shared/announce.tsx';
import { serverText } from '../shared/serverFieldError.ts';
import { useDocumentTitle } from '../shared/useDocumentTitle.ts';
import { wheelsApi } from './api.ts';
import { EntryCard, type EntryActions } from './EntryCard.tsx';
import { EntryForm } from './EntryForm.tsx';
import { WheelCircle } from './WheelCircle.tsx';
import { monthName, months } from './wheelText.ts';
import './wheel.css';

export function WheelPage({ id }: { id: string }) {
  const { t, lang, date } = useI18n();
  const announce = useAnnounce();
  const [wheel, setWheel] = useState<WheelView | null>(null);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState('');
  const [units, setUnits] = useState<OrganizationView[]>([]);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const selectedRef = useRef<HTMLElement>(null);
  useDocumentTitle(wheel?.title ?? (loadError ? t('app.notFound.title') : t('app.loading')));

  useEffect(() => {
    wheelsApi
      .get(id)
      .then(setWheel)
      .catch((err) => setLoadError(err instanceof ApiError ? err : new ApiError(0, 'network', String(err))));
    organizationsApi
      .bodies()
      .then((bodies) => setUnits(bodies.flatMap((b) => b.organizations).filter((o) => o.kind === 'unit')))
      .catch(() => setUnits([]));
  }, [id]);

  useEffect(() => {
    if (selectedId) selectedRef.current?.focus();
  }, [selectedId]);

  const now = DateTime.now().setZone(ZONE);
  const today = { year: now.year, month: now.month, day: now.day, daysInMonth: now.daysInMonth ?? 30 };
  const numbers = useMemo(() => new Map((wheel?.entries ?? []).map((e, i) => [e.id, i + 1])), [wheel]);

  /** Runs a change; the wheel it returns replaces ours. Failures show above the list. */
  const change = async (op: () => Promise<WheelView>, success: string): Promise<boolean> => {
    try {
      setWheel(await op());
      setNotice('');
      announce(success);
      return true;
    } catch (err) {
      const message = serverText(err, t);
      setNotice(message);
      announce(message);
      if (err instanceof ApiError && err.status === 409) setWheel(await wheelsApi.get(id).catch(() => wheel));
      return false;
    }
  };

  const actions: EntryActions = {
    place: (e, meetingId) =>
      change(() => wheelsApi.place(id, e.id, meetingId), t('wheel.placedDone', { title: e.title, date: e.offer ? date(e.offer.start) : '' })),
    save: async (e, body) => {
      setWheel(await wheelsApi.updateEntry(id, e.id, body));
      announce(t('wheel.saved', { title: body.title }));
    },
    remove: async (e) => {
      if ((await change(() => wheelsApi.deleteEntry(id, e.id), t('wheel.deleted', { title: e.title }))) && selectedId === e.id) setSelectedId(null);
    },
  };

  if (!wheel) {
    return (
      <>
        <p className="breadcrumb">
          <Link to="/aarshjul">{t('wheel.back')}</Link>
        </p>
        {loadError ? (
          <>
            <h1>{t('app.notFound.title')}</h1>
            <p className="notice notice--error">{loadError.status === 404 ? t('wheel.notFound') : serverText(loadError, t)}</p>
          </>
        ) : (
          <p className="loading">{t('app.loading')}</p>
        )}
      </>
    );
  }

  const selected = wheel.entries.find((e) => e.id === selectedId);
  const card = (e: WheelEntryView, prefix: string, level: 3 | 4) => (
    <EntryCard key={e.id} wheel={wheel} entry={e} number={numbers.get(e.id) ?? 0} idPrefix={prefix} units={units} actions={actions} level={level} />
  );

  return (
    <div className="wheel-page">
      <p className="breadcrumb">
        <Link to="/aarshjul">{t('wheel.back')}</Link>
      </p>
      <div className="page-head">
        <div>
          <p className="meeting-head__org">
            {wheel.organization.name} · {wheel.year}
          </p>
          <h1>{wheel.title}</h1>
          <p>
            <span className={`badge badge--wheel-${wheel.status}`}>{t(`wheel.status.${wheel.status}`)}</span>{' '}
            {wheel.approved ? t('wheel.approvedOn', { date: date(wheel.approved) }) : null}
          </p>
        </div>
        <div className="toolbar">
          <a className="button" href={wheelsApi.pdfUrl(wheel.id)} target="_blank" rel="noopener">
            {t('wheel.pdf')}
          </a>
          {wheel.abilities.edit && wheel.status === 'draft' ? (
            <button type="button" className="button button--primary" onClick={() => void change(() => wheelsApi.approve(wheel.id), t('wheel.approved'))}>
              {t('wheel.approve')}
            </button>
          ) : null}
        </div>
      </div>
      <div role="status" className={notice ? 'notice notice--error' : 'visually-hidden'}>
        {notice}
      </div>
      <div className="wheel-layout">
        <div>
          <WheelCircle wheel={wheel} numbers={numbers} today={today} onOpen={setSelectedId} />
          <ul className="wheel-legend">
            {(['placed', 'offer', 'noMeeting', 'other'] as const).map((s) => (
              <li key={s}>
                <span className={`wheel-dot wheel-dot--${s} wheel-dot--sample`} aria-hidden="true" /> {t(`wheel.legend.${s}`)}
              </li>
            ))}
            {today.year === wheel.year ? (
              <li>
                <span className="wheel-legend__today" aria-hidden="true" /> {t('wheel.today')}
              </li>
            ) : null}
          </ul>
        </div>
        {selected ? (
          <section className="wheel-selected panel" aria-labelledby="wheel-selected-heading" ref={selectedRef} tabIndex={-1}>
            <div className="wheel-selected__head">
              <h2 id="wheel-selected-heading">{t('wheel.selected')}</h2>
              <button type="button" className="button button--quiet" onClick={() => setSelectedId(null)}>
                {t('wheel.closeSelected')}
              </button>
            </div>
            {card(selected, 'selected', 3)}
          </section>
        ) : null}
      </div>
      <section aria-labelledby="wheel-list-heading">
        <h2 id="wheel-list-heading">{t('wheel.byMonth')}</h2>
        {wheel.entries.length === 0 ? <p className="empty">{t('wheel.empty')}</p> : null}
        {months.map((m) => {
          const list = wheel.entries.filter((e) => e.dueMonth === m);
          if (list.length === 0) return null;
          return (
            <section key={m} className="wheel-month-list" aria-labelledby={`month-${m}`}>
              <h3 id={`month-${m}`}>{monthName(m, lang)}</h3>
              <div className="wheel-month-list__entries">{list.map((e) => card(e, 'list', 4))}</div>
            </section>
          );
        })}
      </section>
      {wheel.abilities.edit ? (
        <section className="panel" aria-label={t('wheel.addHeading')}>
          <EntryForm
            idPrefix="add-entry"
            heading={t('wheel.addHeading')}
            submitLabel={t('wheel.form.add')}
            year={wheel.year}
            units={units}
            onSubmit={async (body) => {
              setWheel(await wheelsApi.addEntry(wheel.id, body));
              announce(t('wheel.added', { title: body.title }));
            }}
          />
        </section>
      ) : null}
    </div>
  );
}
