// What a reader wants to know before opening a file: its name, type, pages and size, and a PDF link when one was made.
import type { AttachmentView } from '../../../src/attachments/schemas.ts';
import { useI18n } from '../i18n/index.tsx';
import { byteSize, fileType as typeOf } from '../../../src/shared/file-facts.ts';

export function FileFacts({ attachment, showName = false }: { attachment: AttachmentView; showName?: boolean }) {
  const { t, lang } = useI18n();
  const f = attachment.file;
  if (!f) return null;
  const facts = [
    showName ? f.name : null,
    typeOf(f.mediaType),
    f.pageCount === null ? null : f.pageCount === 1 ? t('attachments.pagesOne') : t('attachments.pagesMany', { count: f.pageCount }),
    byteSize(f.byteSize, lang),
  ].filter(Boolean);
  return (
    <span className="attachment-facts">
      {' '}
      ({facts.join(', ')})
      {f.pdfUrl && f.conversion === 'converted' ? (
        <>
          {' '}
          <a href={f.pdfUrl} aria-label={t('attachments.pdfLabel', { title: attachment.title })}>
            {t('attachments.pdf')}
          </a>
        </>
      ) : null}
    </span>
  );
}
