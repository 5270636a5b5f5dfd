// The attachments API's contract, shared by the server and the web app.
import { z } from 'zod';
import { title, type AttachmentView } from '../meetings/schemas.ts';
import { because } from '../shared/reasons.ts';
import { ACCEPTED_EXTENSIONS } from './model.ts';

export type { AttachmentFileView, AttachmentView, AttachmentConversion } from '../meetings/schemas.ts';

/** For <input type="file" accept>: what the server takes. */
export const ATTACHMENT_ACCEPT = ACCEPTED_EXTENSIONS.join(',');

export const ownerKinds = ['item', 'proposal'] as const;
export type OwnerKind = (typeof ownerKinds)[number];

/** What an attachment belongs to: an agenda item or a proposal. */
export interface AttachmentOwner {
  kind: OwnerKind;
  id: string;
}

const flag = z.enum(['true', 'false', '1', '0', 'on']).transform((v) => v !== 'false' && v !== '0');

/** The text fields of a multipart upload (beside the one file field, `file`). */
export const uploadFields = z.object({
  /** Default: the file's name. */
  title: title.optional(),
  /** Default: public when the item is open. */
  public: flag.optional(),
});

export const placeholderBody = z.object({ title, public: z.boolean().optional() });
export type PlaceholderBody = z.input<typeof placeholderBody>;

export const updateAttachmentBody = z
  .object({ title: title.optional(), public: z.boolean().optional() })
  .refine((b) => b.title !== undefined || b.public !== undefined, because('attachment.nothing_to_change'));
export type UpdateAttachmentBody = z.input<typeof updateAttachmentBody>;

const ids = z.array(z.string().max(100)).max(200);

export const orderBody = z.object({
  /** The order the client saw (the optimistic lock): if it is not the current one, 409 stale_attachments. */
  seen: ids,
  /** The same attachments in their new order. */
  order: ids,
});
export type OrderBody = z.input<typeof orderBody>;

export interface AttachmentList {
  owner: AttachmentOwner;
  /** May upload, reorder, flag and delete. */
  canEdit: boolean;
  /** In order, numbered among those the viewer sees. */
  attachments: AttachmentView[];
}

/** Every way an upload is refused; the web app has a text for each. */
export const UPLOAD_ERROR_CODES = [
  'file_missing',
  'file_name_invalid',
  'file_too_large',
  'file_type_unsupported',
  'file_type_mismatch',
  'file_corrupt',
  'pdf_password_required',
  'zip_bomb',
] as const;
export type UploadErrorCode = (typeof UPLOAD_ERROR_CODES)[number];

/** One file an attachment has had (GET /api/attachments/:id/versions). */
export interface AttachmentVersionView {
  number: number;
  fileName: string;
  created: string;
  /** Its PDF (GET /api/attachments/:id/versions/:pdfSha256/pdf); null while converting or when it could not be. */
  pdfSha256: string | null;
  current: boolean;
}

export interface AttachmentVersionList {
  attachmentId: string;
  /** Oldest first; the last is the current one. */
  versions: AttachmentVersionView[];
}
