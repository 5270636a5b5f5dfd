// The attachments of one owner loaded on their own (e.g. on a proposal's page): the editor for
// those who may change them, the plain list for readers.
import { useCallback, useEffect, useState } from 'react';
import type { AttachmentList as List, AttachmentOwner } from '../../../src/attachments/schemas.ts';
import { useI18n } from '../i18n/index.tsx';
import { errorMessage } from '../shared/errors.ts';
import { attachmentsApi } from './api.ts';
import { AttachmentList } from './AttachmentList.tsx';
import { AttachmentsEditor } from './AttachmentsEditor.tsx';
import { converting, useConversionWatch } from './useConversionWatch.ts';

interface Props {
  owner: AttachmentOwner;
  /** The accessible name of the editor's section. */
  label?: string;
  /** Called after every change, e.g. to reload the page's own data. */
  onChanged?: () => void;
}

export function OwnerAttachments({ owner, label, onChanged }: Props) {
  const { t } = useI18n();
  const [list, setList] = useState<List | null>(null);
  const [error, setError] = useState('');
  const { kind, id } = owner;

  const reload = useCallback(async () => {
    try {
      setList(await attachmentsApi.list({ kind, id }));
      setError('');
    } catch (err) {
      setError(errorMessage(err, t));
    }
  }, [kind, id, t]);

  useEffect(() => {
    void reload();
  }, [reload]);
  useConversionWatch(list, !!list && converting(list.attachments), reload);

  if (error) return <p className="notice notice--error">{error}</p>;
  if (!list) return null;
  if (!list.canEdit) return <AttachmentList attachments={list.attachments} />;
  return (
    <AttachmentsEditor
      owner={{ kind, id }}
      attachments={list.attachments}
      defaultPublic
      label={label ?? t('attachments.heading')}
      onChanged={async () => {
        await reload();
        onChanged?.();
      }}
    />
  );
}
