// "Afstemninger": the votes taken at the meeting by item — the motion, the counts, the result and
// any dissenting opinions — and for the secretariat the form to record one.
import type { MeetingDetail } from '../../../src/meetings/schemas.ts';
import { lazy, Suspense } from 'react';
import type { AttendanceView, VoteEventView, VoteOptionName } from '../../../src/minutes/schemas.ts';
import { useI18n } from '../i18n/index.tsx';
import { itemTitle } from './AttendanceSection.tsx';

// The recording form (and its schema) loads only for the secretariat.
const VoteForm = lazy(() => import('./VoteForm.tsx').then((m) => ({ default: m.VoteForm })));
// The options in the printed order, without the schema module (and zod): the Record's type keeps it complete.
const optionOrder: Record<VoteOptionName, true> = { for: true, against: true, blank: true, absent: true };
const voteOptions = Object.keys(optionOrder) as VoteOptionName[];

interface Props {
  meeting: MeetingDetail;
  attendance: AttendanceView[];
  votes: VoteEventView[] | null;
  mayRecord: boolean;
  onRecorded: (vote: VoteEventView) => void;
}

export function VotesSection({ meeting, attendance, votes, mayRecord, onRecorded }: Props) {
  const { t } = useI18n();
  const items = meeting.items.filter((i) => votes?.some((v) => v.agendaItemId === i.id));
  return (
    <section className="votes" aria-labelledby="votes-heading" data-testid="votes">
      <h2 id="votes-heading">{t('votes.heading')}</h2>
      {votes === null ? (
        <p className="loading">{t('app.loading')}</p>
      ) : items.length === 0 ? (
        <p className="empty">{t('votes.none')}</p>
      ) : (
        items.map((item) => (
          <section key={item.id} className="votes__item" aria-labelledby={`votes-item-${item.id}`}>
            <h3 id={`votes-item-${item.id}`}>{t('votes.item', { number: item.number, title: itemTitle(item) })}</h3>
            {votes
              .filter((v) => v.agendaItemId === item.id)
              .map((v) => (
                <VoteEvent key={v.id} vote={v} attendance={attendance} />
              ))}
          </section>
        ))
      )}
      {mayRecord ? (
        <Suspense fallback={null}>
          <VoteForm meeting={meeting} attendance={attendance} onRecorded={onRecorded} />
        </Suspense>
      ) : null}
    </section>
  );
}

function VoteEvent({ vote, attendance }: { vote: VoteEventView; attendance: AttendanceView[] }) {
  const { t } = useI18n();
  const who = (v: VoteEventView['votes'][number]) => (v.person ? v.person.name : t('votes.groupVotes', { group: v.group ?? '', weight: v.weight }));
  const groupOf = (personId: string) => attendance.find((a) => a.person.id === personId)?.group;
  const byOption = (option: VoteOptionName) => vote.votes.filter((v) => v.option === option);
  const dissents = vote.votes.filter((v) => v.dissent);
  return (
    <article className="vote" data-testid="vote-event">
      <p className="vote__motion pre">
        <strong>{t('votes.motion')}:</strong> {vote.motion}
      </p>
      <p className="vote__tally">
        <span data-testid="vote-counts">{t('votes.counts', { ...vote.counts })}</span>
        {' — '}
        <span className={`badge vote__result vote__result--${vote.result}`} data-testid="vote-result">
          <span className="visually-hidden">{t('votes.result')}: </span>
          {t(`votes.result.${vote.result}`)}
        </span>
      </p>
      <dl className="vote__who">
        {voteOptions
          .filter((o) => byOption(o).length > 0)
          .map((o) => (
            <div key={o}>
              <dt>{t(`votes.option.${o}`)}:</dt>
              <dd>{byOption(o).map(who).join(', ')}</dd>
            </div>
          ))}
      </dl>
      {dissents.length > 0 ? (
        <div className="vote__dissents">
          <h4>{t('votes.dissents')}</h4>
          <ul>
            {dissents.map((v, n) => {
              const group = v.person ? groupOf(v.person.id) : null;
              return (
                <li key={n}>
                  <strong>
                    {who(v)}
                    {group ? ` (${group})` : ''}:
                  </strong>{' '}
                  <span className="pre">{v.dissent}</span>
                </li>
              );
            })}
          </ul>
        </div>
      ) : null}
    </article>
  );
}
