import type { PlanStatus } from '../../../src/planning/schemas.ts';
import { useI18n } from '../i18n/index.tsx';

export function PlanStatusBadge({ status }: { status: PlanStatus }) {
  const { t } = useI18n();
  return (
    <span className={`badge badge--plan-${status}`} data-testid="plan-status">
      {t(`plan.status.${status}`)}
    </span>
  );
}
