// The attachment endpoints of the JSON API, and uploads through XMLHttpRequest (fetch cannot report upload progress).
import type { AttachmentList, AttachmentOwner, AttachmentView, PlaceholderBody, UpdateAttachmentBody } from '../../../src/attachments/schemas.ts';
import type { ApiError as ApiErrorBody } from '../../../src/meetings/schemas.ts';
import { api, ApiError } from '../api.ts';

const ownerPath = (owner: AttachmentOwner) => `/api/${owner.kind === 'item' ? 'items' : 'proposals'}/${encodeURIComponent(owner.id)}/attachments`;
const attachmentPath = (id: string) => `/api/attachments/${encodeURIComponent(id)}`;

export type UploadTarget = { owner: AttachmentOwner } | { attachmentId: string };

export const attachmentsApi = {
  list: (owner: AttachmentOwner) => api<AttachmentList>('GET', ownerPath(owner)),
  addPlaceholder: (owner: AttachmentOwner, body: PlaceholderBody) => api<AttachmentView>('POST', `${ownerPath(owner)}/placeholders`, body),
  update: (id: string, body: UpdateAttachmentBody) => api<AttachmentView>('PATCH', attachmentPath(id), body),
  remove: (id: string) => api<void>('DELETE', attachmentPath(id)),
  reorder: (owner: AttachmentOwner, seen: string[], order: string[]) => api<AttachmentList>('POST', `${ownerPath(owner)}/order`, { seen, order }),
  uploadUrl: (target: UploadTarget) => ('owner' in target ? ownerPath(target.owner) : `${attachmentPath(target.attachmentId)}/file`),
};

export interface Upload {
  done: Promise<AttachmentView>;
  abort: () => void;
}

/** Sends one file as multipart/form-data (text fields first); `onProgress` gets the share sent, 0–1. */
export function uploadFile(url: string, file: File, fields: Record<string, string>, onProgress: (sent: number) => void): Upload {
  const xhr = new XMLHttpRequest();
  const done = new Promise<AttachmentView>((resolve, reject) => {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    form.append('file', file, file.name);
    xhr.open('POST', url);
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      let data: unknown;
      try {
        data = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        data = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) return resolve(data as AttachmentView);
      const error = (data as Partial<ApiErrorBody> | undefined)?.error;
      reject(new ApiError(xhr.status, error?.code ?? `http_${xhr.status}`, error?.message ?? xhr.statusText, error?.field, error?.details));
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', 'the upload was interrupted'));
    xhr.onabort = () => reject(new ApiError(0, 'aborted', 'the upload was cancelled'));
    xhr.send(form);
  });
  return { done, abort: () => xhr.abort() };
}
