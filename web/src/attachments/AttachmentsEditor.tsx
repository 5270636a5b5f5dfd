// The secretariat's (or a proposal writer's) attachments: "Bilag 1: …" in order with file name,
// pages and size; move up/down by keyboard-operable buttons, a public toggle, delete with a
// confirmation, a file for a named attachment, and an upload for a new one. Reusable for any
// owner (an agenda item or a proposal); `onChanged` reloads whatever shows the owner.
import { useEffect, useRef, useState } from 'react';
import type { AttachmentOwner, AttachmentView } from '../../../src/attachments/schemas.ts';
import type { ItemPartView } from '../../../src/meetings/schemas.ts';
import { useI18n } from '../i18n/index.tsx';
import { useAnnounce } from '../shared/announce.tsx';
import { ConfirmButton } from '../shared/ConfirmButton.tsx';
import { attachmentsApi } from './api.ts';
import { attachmentErrorMessage } from './errors.ts';
import { FileFacts } from './FileFacts.tsx';
import { PartLine } from './PartList.tsx';
import { UploadForm } from './UploadForm.tsx';
import './attachments.css';

interface Props {
  owner: AttachmentOwner;
  attachments: AttachmentView[];
  /** The public flag a new attachment starts with (an open item's are public). */
  defaultPublic: boolean;
  onChanged: () => Promise<unknown> | void;
  /** The accessible name of the section, e.g. "Bilag til punkt 3". */
  label: string;
  /** An item's parts numbered before its own files (its proposal and the proposal's files): shown, changed on the proposal. */
  before?: ItemPartView[];
}

export function AttachmentsEditor({ owner, attachments, defaultPublic, onChanged, label, before = [] }: Props) {
  const { t } = useI18n();
  const announce = useAnnounce();
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState(false);
  const moveButtons = useRef(new Map<string, HTMLButtonElement>());
  const [focus, setFocus] = useState<string | null>(null);

  // After a move, keep focus on the moved attachment's button once the new order is shown.
  useEffect(() => {
    if (!focus) return;
    const [id, dir] = focus.split(':');
    const target = moveButtons.current.get(`${id}:${dir}`);
    (target && !target.disabled ? target : moveButtons.current.get(`${id}:${dir === 'up' ? 'down' : 'up'}`))?.focus();
    setFocus(null);
  }, [attachments, focus]);

  /** A public flag just changed, until the server has answered. */
  const [choice, setChoice] = useState<Record<string, boolean>>({});

  const act = async (op: () => Promise<unknown>, success: string, title = '') => {
    setBusy(true);
    setNotice('');
    try {
      await op();
      await onChanged();
      announce(success);
      return true;
    } catch (err) {
      const message = attachmentErrorMessage(err, title, t);
      setNotice(message);
      announce(message);
      await onChanged();
      return false;
    } finally {
      setBusy(false);
    }
  };

  const move = (index: number, delta: -1 | 1) => {
    const ids = attachments.map((a) => a.id);
    const order = [...ids];
    const [moved] = order.splice(index, 1);
    order.splice(index + delta, 0, moved);
    const a = attachments[index];
    void act(() => attachmentsApi.reorder(owner, ids, order), t('attachments.moved', { title: a.title, number: attachments[index + delta].number })).then(
      (ok) => {
        if (ok) setFocus(`${a.id}:${delta < 0 ? 'up' : 'down'}`);
      },
    );
  };

  const buttonRef = (key: string) => (el: HTMLButtonElement | null) => {
    if (el) moveButtons.current.set(key, el);
    else moveButtons.current.delete(key);
  };

  return (
    <section className="attachment-editor" aria-label={label}>
      <p className="item-line">
        <strong>{t('item.attachments')}</strong>
      </p>
      {notice ? (
        <p className="notice notice--error" role="alert">
          {notice}
        </p>
      ) : null}
      {attachments.length === 0 && before.length === 0 ? <p className="hint">{t('attachments.none')}</p> : null}
      <ol className="attachment-editor__list">
        {before.map((p) => (
          <li key={`before-${p.number}`} className="attachment-row" data-testid={`attachment-${p.number}`}>
            <span className="attachment-row__title">
              <PartLine part={p} />
            </span>
            <span className="hint">{t('attachments.fromProposal')}</span>
          </li>
        ))}
        {attachments.map((a, index) => {
          const n = { number: a.number };
          return (
            <li key={a.id} className="attachment-row" data-testid={`attachment-${a.number}`}>
              <span className="attachment-row__title">
                {a.file ? (
                  <a href={a.file.url} download={a.file.name}>
                    {t('attachments.numbered', { number: a.number, title: a.title })}
                  </a>
                ) : (
                  t('attachments.numbered', { number: a.number, title: a.title })
                )}
                {a.file ? (
                  <FileFacts attachment={a} showName={a.file.name !== a.title} />
                ) : (
                  <span className="attachment-facts"> ({t('attachments.noFile')})</span>
                )}
              </span>
              <span className="attachment-row__tools">
                <span className="field--check">
                  <input
                    type="checkbox"
                    id={`attachment-public-${a.id}`}
                    checked={choice[a.id] ?? a.public}
                    disabled={busy}
                    aria-label={t('attachments.publicLabel', n)}
                    onChange={(e) => {
                      const to = e.target.checked;
                      // Shown at once; the server's answer then decides (a refusal puts it back).
                      setChoice((c) => ({ ...c, [a.id]: to }));
                      void act(() => attachmentsApi.update(a.id, { public: to }), t(to ? 'attachments.madePublic' : 'attachments.madeInternal', n)).finally(
                        () => setChoice(({ [a.id]: _, ...rest }) => rest),
                      );
                    }}
                  />
                  <label htmlFor={`attachment-public-${a.id}`}>{t('attachments.public')}</label>
                </span>
                <button
                  type="button"
                  className="button"
                  ref={buttonRef(`${a.id}:up`)}
                  disabled={busy || index === 0}
                  onClick={() => move(index, -1)}
                  aria-label={t('attachments.moveUpLabel', n)}
                >
                  <span aria-hidden="true">↑ </span>
                  {t('attachments.moveUp')}
                </button>
                <button
                  type="button"
                  className="button"
                  ref={buttonRef(`${a.id}:down`)}
                  disabled={busy || index === attachments.length - 1}
                  onClick={() => move(index, 1)}
                  aria-label={t('attachments.moveDownLabel', n)}
                >
                  <span aria-hidden="true">↓ </span>
                  {t('attachments.moveDown')}
                </button>
                <ConfirmButton
                  label={t('attachments.delete')}
                  ariaLabel={t('attachments.deleteLabel', n)}
                  question={t('attachments.deleteConfirm', { number: a.number, title: a.title })}
                  confirmLabel={t('attachments.deleteYes')}
                  cancelLabel={t('attachments.deleteNo')}
                  disabled={busy}
                  onConfirm={() => act(() => attachmentsApi.remove(a.id), t('attachments.deleted', n))}
                />
              </span>
              {a.file && (a.file.conversion === 'unavailable' || a.file.conversion === 'failed') ? (
                <p className="attachment-row__warning">{t(`attachments.conversion.${a.file.conversion}`)}</p>
              ) : null}
              {a.file?.conversion === 'pending' ? (
                <p className="attachment-row__status" role="status">
                  {t('attachments.conversion.pending')}
                </p>
              ) : null}
              {a.file ? null : (
                <UploadForm url={attachmentsApi.uploadUrl({ attachmentId: a.id })} mode={{ kind: 'file', number: a.number }} onUploaded={() => onChanged()} />
              )}
            </li>
          );
        })}
      </ol>
      <details className="attachment-editor__add">
        <summary>{t('attachments.add')}</summary>
        <UploadForm url={attachmentsApi.uploadUrl({ owner })} mode={{ kind: 'new', defaultPublic }} onUploaded={() => onChanged()} />
      </details>
    </section>
  );
}
