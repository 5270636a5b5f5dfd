// Uploads one file with a real progress bar (XMLHttpRequest upload progress), announced politely
// to screen readers in steps; a refusal is shown in the user's language. For a new attachment it
// also asks for an optional title and the public flag; for a named attachment only for the file.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { ATTACHMENT_ACCEPT, type AttachmentView } from '../../../src/attachments/schemas.ts';
import { useI18n } from '../i18n/index.tsx';
import { TextField } from '../shared/Field.tsx';
import { attachmentErrorMessage } from './errors.ts';
import { uploadFile, type Upload } from './api.ts';

interface Props {
  url: string;
  /** A new attachment (title and public flag asked) or the file of a named one. */
  mode: { kind: 'new'; defaultPublic: boolean } | { kind: 'file'; number: number };
  onUploaded: (view: AttachmentView, fileName: string) => Promise<unknown> | void;
}

const accepted = ATTACHMENT_ACCEPT.split(',');

export function UploadForm({ url, mode, onUploaded }: Props) {
  const { t } = useI18n();
  const id = useId();
  const fileRef = useRef<HTMLInputElement>(null);
  const [isPublic, setPublic] = useState(mode.kind === 'new' ? mode.defaultPublic : true);
  const [title, setTitle] = useState('');
  const [progress, setProgress] = useState<number | null>(null);
  const [sending, setSending] = useState<{ name: string; upload: Upload } | null>(null);
  const [status, setStatus] = useState('');
  const [error, setError] = useState('');
  const lastStep = useRef(-1);

  useEffect(() => () => sending?.upload.abort(), [sending]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const file = fileRef.current?.files?.[0];
    setError('');
    if (!file) return setError(t('attachments.chooseFile'));
    if (!accepted.some((ext) => file.name.toLowerCase().endsWith(ext))) return setError(t('attachments.error.file_type_unsupported', { name: file.name }));
    const fields: Record<string, string> = mode.kind === 'new' ? { public: String(isPublic), ...(title.trim() ? { title: title.trim() } : {}) } : {};
    lastStep.current = -1;
    setProgress(0);
    setStatus(t('attachments.progressStatus', { name: file.name, percent: 0 }));
    const upload = uploadFile(url, file, fields, (sent) => {
      const percent = Math.round(sent * 100);
      setProgress(percent);
      // Announce in quarters, not every percent.
      const step = Math.floor(percent / 25);
      if (step !== lastStep.current) {
        lastStep.current = step;
        setStatus(percent >= 100 ? t('attachments.processing', { name: file.name }) : t('attachments.progressStatus', { name: file.name, percent }));
      }
    });
    setSending({ name: file.name, upload });
    try {
      const view = await upload.done;
      setStatus(t('attachments.uploaded', { name: file.name, number: view.number }));
      setTitle('');
      if (fileRef.current) fileRef.current.value = '';
      await onUploaded(view, file.name);
    } catch (err) {
      const aborted = (err as { code?: string }).code === 'aborted';
      setStatus(aborted ? t('attachments.cancelled', { name: file.name }) : '');
      if (!aborted) setError(attachmentErrorMessage(err, file.name, t));
      fileRef.current?.focus();
    } finally {
      setSending(null);
      setProgress(null);
    }
  };

  const inline = mode.kind === 'file';
  return (
    <form
      className={inline ? 'attachment-upload attachment-upload--inline' : 'attachment-upload'}
      onSubmit={submit}
      noValidate
      aria-label={inline ? t('attachments.uploadFor', { number: mode.number }) : undefined}
    >
      <div className={error ? 'field field--error' : 'field'}>
        <label htmlFor={`${id}-file`}>{inline ? t('attachments.uploadFor', { number: mode.number }) : t('attachments.file')}</label>
        {inline ? null : (
          <p className="field__hint" id={`${id}-hint`}>
            {t('attachments.fileHint')}
          </p>
        )}
        <input
          ref={fileRef}
          id={`${id}-file`}
          type="file"
          accept={ATTACHMENT_ACCEPT}
          disabled={!!sending}
          aria-invalid={error ? true : undefined}
          aria-describedby={[inline ? '' : `${id}-hint`, error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined}
        />
        {error ? (
          <p className="field__error" id={`${id}-error`}>
            {error}
          </p>
        ) : null}
      </div>
      {mode.kind === 'new' ? (
        <>
          <TextField
            label={t('attachments.title')}
            hint={t('attachments.titleHint')}
            value={title}
            onChange={(e) => setTitle(e.target.value)}
            maxLength={300}
            disabled={!!sending}
          />
          <div className="field field--check">
            <input type="checkbox" id={`${id}-public`} checked={isPublic} onChange={(e) => setPublic(e.target.checked)} disabled={!!sending} />
            <label htmlFor={`${id}-public`}>{t('attachments.newPublic')}</label>
          </div>
        </>
      ) : null}
      <div>
        <button type="submit" className="button button--primary" disabled={!!sending}>
          {inline ? t('attachments.uploadForButton', { number: mode.number }) : t('attachments.upload')}
        </button>
      </div>
      {sending && progress !== null ? (
        <div className="attachment-progress">
          <label htmlFor={`${id}-progress`}>{t('attachments.progress', { name: sending.name })}</label>
          <progress id={`${id}-progress`} max={100} value={progress}>
            {progress} %
          </progress>
          <span aria-hidden="true">{progress} %</span>
          <button type="button" className="button" onClick={() => sending.upload.abort()}>
            {t('attachments.cancel')}
          </button>
        </div>
      ) : null}
      <p className="hint" role="status" aria-live="polite">
        {status}
      </p>
    </form>
  );
}
