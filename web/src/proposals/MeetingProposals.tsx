// The proposals behind a meeting's items: fetched once per agenda version (anyone may ask; the
// server leaves out what the viewer may not read), and a link on each item that came from one.
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import type { MeetingDetail } from '../../../src/meetings/schemas.ts';
import type { ProposalSummary } from '../../../src/proposals/schemas.ts';
import { Link } from '../app/router.tsx';
import { useI18n } from '../i18n/index.tsx';
import { proposalsApi } from './api.ts';
import './proposals.css';

const ByItem = createContext<Map<string, ProposalSummary>>(new Map());

export function MeetingProposals({ meeting, children }: { meeting: Pick<MeetingDetail, 'id' | 'agendaVersion'>; children: ReactNode }) {
  const [byItem, setByItem] = useState(new Map<string, ProposalSummary>());
  useEffect(() => {
    let current = true;
    proposalsApi
      .all({ meetingId: meeting.id })
      .then((list) => current && setByItem(new Map(list.flatMap((p) => (p.agendaItemId ? [[p.agendaItemId, p] as const] : [])))))
      // Without the list the agenda still reads; only the links are missing.
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, [meeting.id, meeting.agendaVersion]);
  return <ByItem.Provider value={byItem}>{children}</ByItem.Provider>;
}

/** "Indstilling: <title>" on an item put on the agenda from a proposal, and whether it changed after sending. */
export function ItemProposalLink({ itemId }: { itemId: string }) {
  const { t } = useI18n();
  const p = useContext(ByItem).get(itemId);
  if (!p) return null;
  return (
    <p className="item-line" data-testid="item-proposal">
      <strong>{t('proposal.itemLink')}</strong> <Link to={`/indstillinger/${p.id}`}>{p.title}</Link>
      {p.changedAfterSending > 0 ? (
        <>
          {' '}
          <span className="badge badge--proposal-changed">{t('proposal.changedBadge')}</span>
        </>
      ) : null}
    </p>
  );
}
