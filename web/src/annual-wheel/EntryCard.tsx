// One recurring case: what it is, who brings it, and where it stands on this year's agendas. For
// the secretariat: put it on the offered meeting's agenda, change it, or delete it.
import { useEffect, useRef, useState } from 'react';
import type { WheelEntryView, WheelView } from '../../../src/annual-wheel/schemas.ts';
import type { OrganizationView } from '../../../src/organizations/schemas.ts';
import { Link } from '../app/router.tsx';
import { useI18n } from '../i18n/index.tsx';
import { ConfirmButton } from '../shared/ConfirmButton.tsx';
import type { EntryBody } from './api.ts';
import { EntryForm } from './EntryForm.tsx';
import { stateOf, whenText } from './wheelText.ts';

export interface EntryActions {
  place: (entry: WheelEntryView, meetingId: string) => Promise<boolean>;
  save: (entry: WheelEntryView, body: EntryBody) => Promise<void>;
  remove: (entry: WheelEntryView) => Promise<void>;
}

interface Props {
  wheel: WheelView;
  entry: WheelEntryView;
  number: number;
  idPrefix: string;
  units: OrganizationView[];
  actions: EntryActions;
  /** h3 in the panel beside the wheel, h4 in the list by month. */
  level: 3 | 4;
}

export function EntryCard({ wheel, entry, number, idPrefix, units, actions, level }: Props) {
  const { t, lang, date } = useI18n();
  const [editing, setEditing] = useState(false);
  const [busy, setBusy] = useState(false);
  const stateRef = useRef<HTMLParagraphElement>(null);
  const placedNow = useRef(false);
  const edit = wheel.abilities.edit;
  const state = stateOf(entry);
  const Heading = level === 3 ? 'h3' : 'h4';
  const headingId = `${idPrefix}-${entry.id}`;

  // After "Sæt på dagsordenen" the button is gone: keep the user at the new state line.
  useEffect(() => {
    if (placedNow.current && entry.placed) {
      placedNow.current = false;
      stateRef.current?.focus();
    }
  }, [entry.placed]);

  const place = async () => {
    if (!entry.offer) return;
    setBusy(true);
    placedNow.current = await actions.place(entry, entry.offer.meetingId);
    setBusy(false);
  };

  if (editing) {
    return (
      <div className="wheel-entry wheel-entry--editing">
        <EntryForm
          idPrefix={`${headingId}-edit`}
          heading={t('wheel.editHeading', { title: entry.title })}
          submitLabel={t('wheel.form.save')}
          year={wheel.year}
          units={units}
          entry={entry}
          onSubmit={async (body) => {
            await actions.save(entry, body);
            setEditing(false);
          }}
          onCancel={() => setEditing(false)}
        />
      </div>
    );
  }

  return (
    <article className={`wheel-entry wheel-entry--${state}`} aria-labelledby={headingId} data-testid="wheel-entry">
      <Heading id={headingId} className="wheel-entry__title">
        <span className="wheel-entry__number" aria-hidden="true">
          {number}
        </span>{' '}
        {entry.title}
      </Heading>
      <dl className="wheel-entry__facts">
        <div>
          <dt>{t('wheel.kind')}</dt>
          <dd>{t(`wheel.kind.${entry.kind}`)}</dd>
        </div>
        <div>
          <dt>{t('wheel.when')}</dt>
          <dd>{whenText(entry, wheel.year, t, lang)}</dd>
        </div>
        {entry.unit ? (
          <div>
            <dt>{t('wheel.unit')}</dt>
            <dd>{entry.unit.shortName ?? entry.unit.name}</dd>
          </div>
        ) : null}
        {entry.responsible ? (
          <div>
            <dt>{t('wheel.responsible')}</dt>
            <dd>{entry.responsible}</dd>
          </div>
        ) : null}
        <div>
          <dt>{t('wheel.minutes')}</dt>
          <dd>{t('wheel.minutesValue', { minutes: entry.minutes })}</dd>
        </div>
        {entry.method ? (
          <div>
            <dt>{t('wheel.method')}</dt>
            <dd>{entry.method}</dd>
          </div>
        ) : null}
        {entry.reason ? (
          <div className="wheel-entry__reason">
            <dt>{t('wheel.reason')}</dt>
            <dd>{entry.reason}</dd>
          </div>
        ) : null}
      </dl>
      <p className="wheel-entry__state" ref={stateRef} tabIndex={-1} data-testid="wheel-entry-state">
        {entry.placed ? (
          <Link to={`/meetings/${entry.placed.meetingId}`}>{t('wheel.placed', { date: date(entry.placed.start) })}</Link>
        ) : entry.offer ? (
          <span>{t('wheel.offer', { date: date(entry.offer.start) })}</span>
        ) : entry.noMeeting ? (
          <span className="wheel-entry__warning">
            <span aria-hidden="true">⚠ </span>
            {t('wheel.noMeeting')}
          </span>
        ) : null}
      </p>
      {edit ? (
        <div className="wheel-entry__actions">
          {entry.offer ? (
            <button
              type="button"
              className="button button--primary"
              disabled={busy}
              aria-label={t('wheel.placeLabel', { title: entry.title, date: date(entry.offer.start) })}
              onClick={() => void place()}
            >
              {t('wheel.place')}
            </button>
          ) : null}
          <button type="button" className="button" aria-label={t('wheel.editLabel', { title: entry.title })} onClick={() => setEditing(true)}>
            {t('wheel.edit')}
          </button>
          <ConfirmButton
            label={t('wheel.delete')}
            ariaLabel={t('wheel.deleteLabel', { title: entry.title })}
            question={t('wheel.deleteConfirm', { title: entry.title })}
            confirmLabel={t('wheel.deleteYes')}
            cancelLabel={t('wheel.cancel')}
            onConfirm={() => actions.remove(entry)}
          />
        </div>
      ) : null}
    </article>
  );
}
