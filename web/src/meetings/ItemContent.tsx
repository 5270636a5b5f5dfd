// An agenda item's printed lines, as in the meeting package: Baggrund/formål, Metode, Ansvarlig, Tid, Bilag.
import type { ReactNode } from 'react';
import type { AgendaItemView } from '../../../src/meetings/schemas.ts';
import { useI18n } from '../i18n/index.tsx';
import { PartList } from '../attachments/PartList.tsx';
import { ItemProposalLink } from '../proposals/MeetingProposals.tsx';
import { DecisionDetails } from '../minutes/DecisionDetails.tsx';

function Line({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <p className="item-line" data-testid={testId}>
      <strong>{label}</strong> <span className="pre">{children}</span>
    </p>
  );
}

/** `attachments` replaces the numbered list of the item's parts (the secretariat gets its editor there). */
export function ItemContent({ item, attachments }: { item: AgendaItemView; attachments?: ReactNode }) {
  const { t, timeRange } = useI18n();
  return (
    <div className="item-content">
      {!item.public && item.publicTitle ? <Line label={t('item.publicTitleLine')}>{item.publicTitle}</Line> : null}
      {!item.public && item.legalBasis ? <Line label={t('item.legalBasis')}>{item.legalBasis}</Line> : null}
      <ItemProposalLink itemId={item.id} />
      {item.purpose ? <Line label={t('item.purpose')}>{item.purpose}</Line> : null}
      {item.method ? <Line label={t('item.method')}>{item.method}</Line> : null}
      {item.responsible ? <Line label={t('item.responsible')}>{item.responsible}</Line> : null}
      {item.plannedMinutes > 0 ? (
        <Line label={t('item.slot')} testId="slot">
          {t('item.slotValue', { range: timeRange(item.plannedStart, item.plannedEnd), minutes: item.plannedMinutes })}
        </Line>
      ) : null}
      {attachments ?? <PartList parts={item.parts} />}
      {item.decision ? <Line label={t('item.decision')}>{item.decision}</Line> : null}
      <DecisionDetails outcomes={item.outcomes} remarks={item.remarks} />
    </div>
  );
}
