// Digital approval of the minutes, item by item, for bodies that use it: each member approves the
// items of a held meeting; a majority on every item approves and locks the minutes.
import { useEffect, useState } from 'react';
import type { MeetingDetail } from '../../../src/meetings/schemas.ts';
import type { ItemApprovalsView } from '../../../src/minutes/schemas.ts';
import { api } from '../api.ts';
import { useI18n } from '../i18n/index.tsx';
import { useAnnounce } from '../shared/announce.tsx';
import { errorMessage } from '../shared/errors.ts';

export function ItemApprovals({ meeting, onLocked }: { meeting: MeetingDetail; onLocked: () => void }) {
  const { t } = useI18n();
  const announce = useAnnounce();
  const [view, setView] = useState<ItemApprovalsView | null>(null);
  const [error, setError] = useState('');
  const base = `/api/meetings/${encodeURIComponent(meeting.id)}`;

  useEffect(() => {
    if (meeting.state !== 'held') return;
    api<ItemApprovalsView>('GET', `${base}/minutes/item-approvals`)
      .then(setView)
      .catch(() => setView(null));
  }, [meeting]);

  if (!view?.open) return null;
  const approve = async (itemId: string, number: number) => {
    try {
      const v = await api<ItemApprovalsView>('POST', `${base}/items/${encodeURIComponent(itemId)}/minutes-approval`);
      setView(v);
      setError('');
      announce(t('itemApprovals.done', { number }));
      if (v.items.every((i) => i.approved)) onLocked();
    } catch (e) {
      setError(errorMessage(e, t));
    }
  };
  return (
    <section className="item-approvals" aria-labelledby="item-approvals-heading">
      <h2 id="item-approvals-heading">{t('itemApprovals.heading')}</h2>
      <p className="field__hint">{t('itemApprovals.hint', { needed: view.needed, members: view.memberCount })}</p>
      {error ? <p className="notice notice--error">{error}</p> : null}
      <ul>
        {meeting.items.map((item) => {
          const a = view.items.find((x) => x.itemId === item.id);
          if (!a) return null;
          return (
            <li key={item.id}>
              <span>
                {t('itemApprovals.item', { number: item.number, title: item.title })}:{' '}
                {a.approved ? t('itemApprovals.approved') : t('itemApprovals.count', { count: a.approvedBy.length, members: view.memberCount })}
                {a.approvedBy.length ? ` (${a.approvedBy.join(', ')})` : ''}
              </span>{' '}
              {view.mayApprove && !a.mine ? (
                <button type="button" className="button button--small" onClick={() => void approve(item.id, item.number)}>
                  {t('itemApprovals.approve', { number: item.number })}
                </button>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
