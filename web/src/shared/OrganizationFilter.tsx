// The select that narrows a list to one political organization ("Alle" for none).
import { SelectField } from './Field.tsx';

interface Props {
  label: string;
  allLabel: string;
  organizations: { id: string; name: string }[];
  value: string;
  onChange: (organizationId: string) => void;
}

export function OrganizationFilter({ label, allLabel, organizations, value, onChange }: Props) {
  return (
    <div className="filter">
      <SelectField label={label} name="organization" value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{allLabel}</option>
        {organizations.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </SelectField>
    </div>
  );
}
