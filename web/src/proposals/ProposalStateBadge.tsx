// A proposal's state in words, and "For sent" while a late proposal waits for the secretariat: never colour alone.
import type { ProposalView } from '../../../src/proposals/schemas.ts';
import { useI18n } from '../i18n/index.tsx';

export function ProposalStateBadge({ proposal }: { proposal: Pick<ProposalView, 'state' | 'late'> }) {
  const { t } = useI18n();
  return (
    <span className="proposal-badges">
      <span className={`badge badge--proposal-${proposal.state}`} data-testid="proposal-state">
        {t(`proposal.state.${proposal.state}`)}
      </span>
      {/* Late matters while the secretariat decides on it; once accepted (or taken further) it is history. */}
      {proposal.late && proposal.state === 'submitted' ? (
        <span className="badge badge--proposal-late" data-testid="proposal-late">
          <span aria-hidden="true">⚠ </span>
          {t('proposal.late')}
        </span>
      ) : null}
    </span>
  );
}
