// A proposal as printed in the meeting package: "Indstilling til Rådmanden", "27.01.26 – 15
// minutter", the title, each section under its heading (in capitals), "Det indstilles," with the
// numbered at-points, and the particulars at the foot. Text is rendered as elements, never as HTML.
// The proposal is a Danish document: its frame reads as printed whatever the UI language, so it
// does not mix with the Danish text it frames (and is marked lang="da").
import { Fragment } from 'react';
import type { ProposalSectionView, ProposalView } from '../../../src/proposals/schemas.ts';
import { translate, type MessageKey, type Vars } from '../i18n/index.tsx';
import { Subscribe } from '../publication/Subscribe.tsx';
import { numericDate, RECOMMENDATION_KEY, shortDate } from './proposalText.ts';

const t = (key: MessageKey, vars?: Vars) => translate('da', key, vars);

type Block = ProposalSectionView['blocks'][number];
type Span = Extract<Block, { kind: 'paragraph' }>['spans'][number];

function Spans({ spans }: { spans: Span[] }) {
  return spans.map((s, i) => (s.bold ? <strong key={i}>{s.text}</strong> : <Fragment key={i}>{s.text}</Fragment>));
}

export function Blocks({ blocks }: { blocks: Block[] }) {
  return blocks.map((b, i) =>
    b.kind === 'paragraph' ? (
      <p key={i}>
        <Spans spans={b.spans} />
      </p>
    ) : (
      <ul key={i}>
        {b.items.map((item, j) => (
          <li key={j}>
            <Spans spans={item} />
          </li>
        ))}
      </ul>
    ),
  );
}

function AtPoints({ points }: { points: string[] }) {
  if (points.length === 0) return null;
  return (
    <>
      <p>{t('proposal.recommends')}</p>
      <ol className="proposal-doc__at-points" data-testid="proposal-at-points">
        {points.map((p, i) => (
          <li key={i}>{t('proposal.atPoint', { text: p })}</li>
        ))}
      </ol>
    </>
  );
}

export function ProposalDocument({ proposal: p }: { proposal: ProposalView }) {
  const when = [p.meeting ? shortDate(p.meeting.start) : '', t('proposal.minutes', { minutes: p.plannedMinutes })].filter(Boolean).join(' – ');
  const officer = p.caseOfficer;
  return (
    <article className="proposal-doc" aria-labelledby="proposal-title" lang="da">
      <header className="proposal-doc__head">
        <p className="proposal-doc__addressee">{t('proposal.addressedTo', { addressee: p.addressee })}</p>
        <p className="proposal-doc__when">{when}</p>
      </header>
      <h1 id="proposal-title" className="proposal-doc__title">
        {p.title}
      </h1>
      {p.sections.map((s) => {
        const empty = s.blocks.length === 0 && !(s.key === RECOMMENDATION_KEY && p.atPoints.length > 0);
        return (
          <section key={s.key} className="proposal-doc__section" aria-labelledby={`section-${s.key}`} data-testid={`section-${s.key}`}>
            <h2 id={`section-${s.key}`}>{s.heading}</h2>
            {s.key === RECOMMENDATION_KEY ? <AtPoints points={p.atPoints} /> : null}
            <Blocks blocks={s.blocks} />
            {empty ? <p className="proposal-doc__empty">{t('proposal.emptySection')}</p> : null}
          </section>
        );
      })}
      <footer className="proposal-doc__foot" data-testid="proposal-particulars">
        {p.unit ? <p>{p.unit.name}</p> : null}
        {p.proposalDate ? <p>{numericDate(p.proposalDate)}</p> : null}
        {officer ? (
          <>
            <p>
              {t('proposal.officer')} {officer.name}
            </p>
            {officer.phone ? (
              <p>
                {t('proposal.phone')} {officer.phone}
              </p>
            ) : null}
            {officer.email ? (
              <p>
                {t('proposal.email')} <a href={`mailto:${officer.email}`}>{officer.email}</a>
              </p>
            ) : null}
          </>
        ) : null}
        {p.caseNumber ? (
          <>
            <p>
              {t('proposal.caseNumber')} {p.caseNumber}
            </p>
            <Subscribe topic={{ kind: 'case', caseNumber: p.caseNumber }} what={t('subscriptions.case', { caseNumber: p.caseNumber })} />
          </>
        ) : null}
      </footer>
    </article>
  );
}
