// One note, highlight or shared comment in the panel, with its replies: its passage, text, author,
// whether it is still being saved (or was refused), and the author's edit, delete and history.
import { memo, useState } from 'react';
import { useI18n } from '../i18n/index.tsx';
import { ConfirmButton } from '../shared/ConfirmButton.tsx';
import { problemText } from '../shared/errors.ts';
import { isReason } from '../../../src/shared/reasons.ts';
import { annotationRevisions, type AnnotationRevision, type AudienceOptions } from './api.ts';
import { CommentForm, type Written } from './CommentForm.tsx';
import { discard, retry } from './queue.ts';
import type { Shown } from './ReaderNotes.tsx';

interface Props {
  item: Shown;
  replies: Shown[];
  options: AudienceOptions | null;
  onGo?: (s: Shown) => void;
  onEdit: (s: Shown, w: Written) => void;
  onDelete: (s: Shown) => void;
  onReply: (root: Shown, w: Written) => void;
}

/** Drawn again only when its note, replies, options or handlers change (the reader re-renders the panel on every page turned). */
export const NoteThread = memo(function NoteThread({ item, replies, options, onGo, onEdit, onDelete, onReply }: Props) {
  const { t } = useI18n();
  const [replying, setReplying] = useState(false);
  const a = item.annotation;
  return (
    <article className={`notes-thread notes-thread--${a.kind}`} id={`note-${a.id}`} tabIndex={-1} aria-labelledby={`note-${a.id}-title`}>
      <h4 className="notes-thread__kind" id={`note-${a.id}-title`}>
        {t(`notes.kind.${a.kind}`)}
        {a.page ? ` · ${t('notes.page', { page: a.page })}` : ''}
        {a.visibility === 'shared' ? ` · ${audienceText(a.audience, options, t)}` : ` · ${t('notes.private')}`}
      </h4>
      {a.quote ? <blockquote className="notes-thread__quote">{a.quote}</blockquote> : null}
      <Entry s={item} options={options} onEdit={onEdit} onDelete={onDelete} />
      {replies.length ? (
        <ul className="notes-thread__replies" aria-label={t('notes.replies')}>
          {replies.map((r) => (
            <li key={r.annotation.id} id={`note-${r.annotation.id}`}>
              <Entry s={r} options={options} onEdit={onEdit} onDelete={onDelete} />
            </li>
          ))}
        </ul>
      ) : null}
      <div className="notes-thread__actions">
        {onGo ? (
          <button type="button" className="button button--quiet" onClick={() => onGo(item)}>
            {t('notes.show')}
          </button>
        ) : null}
        {a.kind === 'comment' && !replying ? (
          <button type="button" className="button button--quiet" onClick={() => setReplying(true)}>
            {t('notes.reply')}
          </button>
        ) : null}
      </div>
      {replying ? (
        <CommentForm
          kind="reply"
          options={options}
          submitLabel={t('notes.sendReply')}
          autoFocus
          onCancel={() => setReplying(false)}
          onSubmit={(w) => {
            onReply(item, w);
            setReplying(false);
          }}
        />
      ) : null}
    </article>
  );
});

/**
 * A date or time as the language formats it, once per minute shown (the day and "HH.mm" depend on
 * nothing finer): 200 notes written within minutes of each other are formatted a few times, not 400.
 */
const formatted = new WeakMap<(iso: string) => string, Map<string, string>>();
function once(format: (iso: string) => string, iso: string): string {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.exec(iso);
  const key = m ? m[1] + m[2] : iso;
  let seen = formatted.get(format);
  if (!seen) formatted.set(format, (seen = new Map()));
  let text = seen.get(key);
  if (text === undefined) seen.set(key, (text = format(iso)));
  return text;
}

function audienceText(audience: Shown['annotation']['audience'], options: AudienceOptions | null, t: ReturnType<typeof useI18n>['t']): string {
  return audience
    .map((e) =>
      e.kind === 'members'
        ? t('notes.audience.members')
        : e.kind === 'secretariat'
          ? t('notes.audience.secretariat')
          : e.kind === 'group'
            ? t('notes.audience.group', { group: e.value ?? '' })
            : (options?.persons.find((p) => p.id === e.value)?.name ?? t('notes.audience.person')),
    )
    .join(', ');
}

function Entry({ s, options, onEdit, onDelete }: { s: Shown; options: AudienceOptions | null; onEdit: Props['onEdit']; onDelete: Props['onDelete'] }) {
  const { t, date, time } = useI18n();
  const [editing, setEditing] = useState(false);
  const [history, setHistory] = useState<AnnotationRevision[] | null>(null);
  const a = s.annotation;
  const showHistory = async () => {
    if (history) return setHistory(null);
    try {
      setHistory((await annotationRevisions(a.id)).revisions);
    } catch {
      setHistory([]);
    }
  };
  return (
    <div className="notes-entry">
      {editing ? (
        <CommentForm
          kind={a.kind === 'comment' ? 'reply' : 'note'}
          options={options}
          initial={a.body}
          submitLabel={t('notes.save')}
          autoFocus
          onCancel={() => setEditing(false)}
          onSubmit={(w) => {
            onEdit(s, w);
            setEditing(false);
          }}
        />
      ) : a.deleted ? (
        <p className="notes-entry__deleted">{t('notes.deleted')}</p>
      ) : a.body ? (
        <p className="notes-entry__body">{a.body}</p>
      ) : null}
      <p className="notes-entry__meta">
        {a.author.name || t('notes.you')} · <time dateTime={a.created}>{`${once(date, a.created)} ${once(time, a.created)}`}</time>
        {a.edited ? ` · ${t('notes.edited')}` : ''}
        {s.state === 'saving' ? (
          <span className="notes-entry__saving" role="status">
            {' '}
            · {t('notes.saving')}
          </span>
        ) : null}
      </p>
      {s.state === 'error' && s.error ? (
        <div className="notice notice--error notes-entry__error" role="alert">
          <p>
            {t('notes.notSaved', {
              reason: s.error.reason && isReason(s.error.reason) ? problemText({ reason: s.error.reason, params: s.error.params }, t) : s.error.message,
            })}
          </p>
          <button type="button" className="button" onClick={() => retry(a.id)}>
            {t('notes.retry')}
          </button>{' '}
          <button type="button" className="button" onClick={() => discard(a.id)}>
            {t('notes.discard')}
          </button>
        </div>
      ) : null}
      {a.mine && !a.deleted && !editing ? (
        <div className="notes-entry__actions">
          <button type="button" className="button button--quiet" onClick={() => setEditing(true)}>
            {t('notes.edit')}
          </button>
          <ConfirmButton
            label={t('notes.delete')}
            question={t('notes.deleteQuestion')}
            confirmLabel={t('notes.delete')}
            cancelLabel={t('notes.cancel')}
            onConfirm={() => onDelete(s)}
          />
        </div>
      ) : null}
      {a.edited ? (
        <button type="button" className="button button--quiet" aria-expanded={history !== null} onClick={() => void showHistory()}>
          {t('notes.history')}
        </button>
      ) : null}
      {history ? (
        <ol className="notes-entry__history" aria-label={t('notes.history')}>
          {history.map((r) => (
            <li key={r.number}>
              <time dateTime={r.created}>{`${date(r.created)} ${time(r.created)}`}</time>: {r.body ?? t('notes.deleted')}
            </li>
          ))}
        </ol>
      ) : null}
    </div>
  );
}
