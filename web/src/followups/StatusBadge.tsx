// A follow-up's status in words, and "Overskredet" when it is overdue: never colour alone.
import type { FollowUpView } from '../../../src/followups/schemas.ts';
import { useI18n } from '../i18n/index.tsx';

export function StatusBadge({ followUp }: { followUp: Pick<FollowUpView, 'status' | 'overdue'> }) {
  const { t } = useI18n();
  return (
    <span className="followup-status">
      <span className={`badge badge--followup-${followUp.status}`} data-testid="followup-status">
        {t(`followups.status.${followUp.status}`)}
      </span>
      {followUp.overdue ? (
        <span className="badge badge--followup-overdue" data-testid="followup-overdue">
          <span aria-hidden="true">⚠ </span>
          {t('followups.overdue')}
        </span>
      ) : null}
    </span>
  );
}
