// One change to all the selected follow-ups: status, owner unit or due date. The server applies it
// to all or none; the page says the result in a status region.
import { useState, type FormEvent } from 'react';
import type { FollowUpStatus } from '../../../src/followups/schemas.ts';
import type { OrganizationView } from '../../../src/organizations/schemas.ts';
import { useI18n } from '../i18n/index.tsx';
import { SelectField, TextField } from '../shared/Field.tsx';
import { followUpStatuses } from './api.ts';

export type BulkChange = { status: FollowUpStatus } | { ownerUnitId: string } | { dueDate: string };

interface Props {
  count: number;
  units: OrganizationView[];
  onApply: (change: BulkChange) => Promise<void>;
}

export function BulkBar({ count, units, onApply }: Props) {
  const { t } = useI18n();
  const [status, setStatus] = useState('');
  const [unit, setUnit] = useState('');
  const [due, setDue] = useState('');
  const [busy, setBusy] = useState(false);
  const none = count === 0;

  const apply = (change: BulkChange | null) => async (e: FormEvent) => {
    e.preventDefault();
    if (!change || none) return;
    setBusy(true);
    try {
      await onApply(change);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="followup-bulk" aria-labelledby="followup-bulk-heading">
      <h2 id="followup-bulk-heading">
        {t('followups.bulk')} <span className="followup-bulk__count">({t('followups.selected', { count })})</span>
      </h2>
      <div className="followup-bulk__forms">
        <form onSubmit={(e) => void apply(status ? { status: status as FollowUpStatus } : null)(e)} className="followup-bulk__form">
          <SelectField label={t('followups.bulk.status')} name="bulkStatus" value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">{t('followups.bulk.choose')}</option>
            {followUpStatuses.map((s) => (
              <option key={s} value={s}>
                {t(`followups.status.${s}`)}
              </option>
            ))}
          </SelectField>
          <button type="submit" className="button" disabled={busy || none || !status}>
            {t('followups.bulk.setStatus')}
          </button>
        </form>
        <form onSubmit={(e) => void apply(unit ? { ownerUnitId: unit } : null)(e)} className="followup-bulk__form">
          <SelectField label={t('followups.bulk.unit')} name="bulkUnit" value={unit} onChange={(e) => setUnit(e.target.value)}>
            <option value="">{t('followups.bulk.choose')}</option>
            {units.map((u) => (
              <option key={u.id} value={u.id}>
                {u.shortName ?? u.name}
              </option>
            ))}
          </SelectField>
          <button type="submit" className="button" disabled={busy || none || !unit}>
            {t('followups.bulk.setUnit')}
          </button>
        </form>
        <form onSubmit={(e) => void apply(due ? { dueDate: due } : null)(e)} className="followup-bulk__form">
          <TextField label={t('followups.bulk.due')} name="bulkDue" type="date" value={due} onChange={(e) => setDue(e.target.value)} />
          <button type="submit" className="button" disabled={busy || none || !due}>
            {t('followups.bulk.setDue')}
          </button>
        </form>
      </div>
    </section>
  );
}
