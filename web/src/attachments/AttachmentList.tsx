// An item's or proposal's attachments as members and the public read them: "Bilag:" and one line
// each, linked to the file when there is one, with its type, pages and size.
import type { AttachmentView } from '../../../src/attachments/schemas.ts';
import { useI18n } from '../i18n/index.tsx';
import { FileFacts } from './FileFacts.tsx';
import './attachments.css';

export function AttachmentList({ attachments }: { attachments: AttachmentView[] }) {
  const { t } = useI18n();
  return (
    <div className="item-attachments">
      <p className="item-line">
        <strong>{t('item.attachments')}</strong>
      </p>
      {attachments.length > 0 ? (
        <ul>
          {attachments.map((a) => (
            <li key={a.id}>
              <span aria-hidden="true">- </span>
              {a.file ? (
                <a href={a.file.url} download={a.file.name}>
                  {a.title}
                </a>
              ) : (
                a.title
              )}
              {a.file ? <FileFacts attachment={a} /> : null}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
