// An agenda item's parts as members and the public read them: "Bilag:" and one numbered line each,
// as the package numbers them — the proposal (Bilag 1) and its files first, then the item's own.
// A file this reader may not see is its number and "Bilaget er ikke offentligt", never its name.
import { Link } from '../app/router.tsx';
import type { ItemPartView } from '../../../src/meetings/schemas.ts';
import { useI18n } from '../i18n/index.tsx';
import { FileFacts } from './FileFacts.tsx';
import './attachments.css';

export function PartLine({ part }: { part: ItemPartView }) {
  const { t } = useI18n();
  const label = (title: string) => t('attachments.numbered', { number: part.number, title });
  if (part.kind === 'withheld') return <span className="attachment-withheld">{label(t('attachments.withheld'))}</span>;
  if (part.kind === 'proposal') {
    return (
      <>
        {t('attachments.numbered', { number: part.number, title: t('attachments.proposal') })}:{' '}
        <Link to={`/indstillinger/${part.proposalId}`}>{part.title}</Link>
      </>
    );
  }
  const a = part.attachment;
  return (
    <>
      {a.file ? (
        <a href={a.file.url} download={a.file.name}>
          {label(a.title)}
        </a>
      ) : (
        label(a.title)
      )}
      {a.file ? <FileFacts attachment={a} /> : null}
    </>
  );
}

export function PartList({ parts }: { parts: ItemPartView[] }) {
  const { t } = useI18n();
  return (
    <div className="item-attachments" data-testid="item-parts">
      <p className="item-line">
        <strong>{t('item.attachments')}</strong>
      </p>
      {parts.length > 0 ? (
        <ul>
          {parts.map((p) => (
            <li key={p.number} data-testid={`part-${p.number}`}>
              <span aria-hidden="true">- </span>
              <PartLine part={p} />
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
