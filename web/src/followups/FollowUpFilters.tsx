// The filters of the follow-up overview. Each change applies at once and lands in the address.
import type { OrganizationView } from '../../../src/organizations/schemas.ts';
import { useI18n } from '../i18n/index.tsx';
import { SelectField, TextField } from '../shared/Field.tsx';
import { followUpStatuses } from './api.ts';
import type { Filters } from './filters.ts';

interface Props {
  filters: Filters;
  organizations: OrganizationView[];
  units: OrganizationView[];
  focusAreas: string[];
  onChange: (next: Filters) => void;
}

const scopes = [
  ['', 'followups.scope.all'],
  ['mine', 'followups.scope.mine'],
  ['oprettet', 'followups.scope.created'],
] as const;

export function FollowUpFilters({ filters, organizations, units, focusAreas, onChange }: Props) {
  const { t } = useI18n();
  const set = (name: keyof Filters) => (e: { target: { value: string } }) => onChange({ ...filters, [name]: e.target.value });
  const anySet = Object.values(filters).some(Boolean);

  return (
    <section aria-labelledby="followup-filters-heading" className="followup-filters">
      <h2 id="followup-filters-heading" className="visually-hidden">
        {t('followups.filters')}
      </h2>
      <fieldset className="followup-scope">
        <legend>{t('followups.scope')}</legend>
        {scopes.map(([value, key]) => (
          <label key={value} className="followup-scope__option">
            <input type="radio" name="scope" value={value} checked={filters.vis === value} onChange={set('vis')} />
            <span>{t(key)}</span>
          </label>
        ))}
      </fieldset>
      <div className="form__row">
        <SelectField label={t('followups.organization')} name="organisation" value={filters.organisation} onChange={set('organisation')}>
          <option value="">{t('followups.all')}</option>
          {organizations.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('followups.unit')} name="enhed" value={filters.enhed} onChange={set('enhed')}>
          <option value="">{t('followups.all')}</option>
          {units.map((u) => (
            <option key={u.id} value={u.id}>
              {u.shortName ?? u.name}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('followups.status')} name="status" value={filters.status} onChange={set('status')}>
          <option value="">{t('followups.all')}</option>
          {followUpStatuses.map((s) => (
            <option key={s} value={s}>
              {t(`followups.status.${s}`)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('followups.focusArea')} name="fokus" value={filters.fokus} onChange={set('fokus')}>
          <option value="">{t('followups.all')}</option>
          {focusAreas.map((f) => (
            <option key={f} value={f}>
              {f}
            </option>
          ))}
        </SelectField>
      </div>
      <div className="form__row followup-filters__dates">
        <TextField label={t('followups.dueFrom')} name="fra" type="date" value={filters.fra} onChange={set('fra')} />
        <TextField label={t('followups.dueUntil')} name="til" type="date" value={filters.til} onChange={set('til')} />
        <div className="field field--check followup-filters__overdue">
          <label>
            <input
              type="checkbox"
              name="overskredne"
              checked={!!filters.overskredne}
              onChange={(e) => onChange({ ...filters, overskredne: e.target.checked ? '1' : '' })}
            />{' '}
            {t('followups.overdueOnly')}
          </label>
        </div>
        {anySet ? (
          <div className="followup-filters__clear">
            <button
              type="button"
              className="button button--quiet"
              onClick={() => onChange({ organisation: '', enhed: '', status: '', fokus: '', fra: '', til: '', overskredne: '', vis: '' })}
            >
              {t('followups.clear')}
            </button>
          </div>
        ) : null}
      </div>
    </section>
  );
}
