// The HTTP surface of attachments: uploads (multipart, streamed to disk), the files themselves, and
// changes to titles, flags and order.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteDeps } from '../http/deps.ts';
import { AppError, why } from '../http/errors.ts';
import { contentDisposition } from './model.ts';
import * as ops from './operations.ts';
import { orderBody, placeholderBody, updateAttachmentBody, type AttachmentOwner, type OwnerKind } from './schemas.ts';
import { attachmentFiles, TooLarge, type StagedFile } from './storage.ts';

const idParams = z.object({ id: z.string().max(100) });
const tags = ['attachments'];
const MB = 1024 * 1024;

const tooLarge = (maxBytes: number) =>
  new AppError('file_too_large', why('file.too_large', { max: Math.round((maxBytes / MB) * 10) / 10 }), 'file', { maxBytes });

/** The multipart parser's own refusals of a body that is not well-formed (not a fault of ours, such as a full disk). */
const malformed = (e: unknown) => {
  const { code, message } = e as { code?: string; message?: string };
  if (code === 'FST_PROTO_VIOLATION' || code === 'FST_MP_PREMATURE_CLOSE' || code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') return true;
  return code === undefined && /multipart|boundary/i.test(message ?? '');
};

/** Streams a multipart body: text fields into `fields`, the one file (field `file`) into staging. */
function receiveFrom(req: FastifyRequest): ops.Receive {
  return async (staging, maxBytes, checkName) => {
    if (!req.isMultipart()) throw new AppError('file_missing', why('file.missing'), 'file');
    // A body announced far beyond the limit is refused before a byte is read.
    if (Number(req.headers['content-length'] ?? 0) > maxBytes + MB) throw tooLarge(maxBytes);
    const fields: Record<string, string> = {};
    let file: StagedFile | null = null;
    let fileName: string | null = null;
    try {
      for await (const part of req.parts({ limits: { fileSize: maxBytes, files: 1, fields: 10, fieldSize: 2000 } })) {
        if (part.type === 'field') {
          fields[part.fieldname] = String(part.value);
          continue;
        }
        if (part.fieldname !== 'file' || file) {
          part.file.resume();
          throw new AppError('invalid_input', why('file.one_only'), 'file');
        }
        fileName = part.filename;
        checkName(fileName);
        file = await staging.fromStream(part.file, maxBytes);
        if (part.file.truncated) throw tooLarge(maxBytes);
      }
    } catch (e) {
      await staging.discard(file);
      const code = (e as { code?: string }).code;
      if (e instanceof TooLarge || code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge(maxBytes);
      if (code === 'FST_PARTS_LIMIT' || code === 'FST_FILES_LIMIT' || code === 'FST_FIELDS_LIMIT') {
        throw new AppError('invalid_input', why('file.too_many_parts'), 'file');
      }
      if (malformed(e)) throw new AppError('invalid_input', why('file.malformed'), 'file');
      throw e;
    }
    return { file, fileName, fields };
  };
}

export const attachmentRoutes =
  ({ db, config }: RouteDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const files = attachmentFiles(config, db);
    const ctx = (req: FastifyRequest) => ({ db, viewer: req.viewer, files, limits: config.attachments });

    const uploadDoc = (summary: string) => ({
      tags,
      summary,
      description:
        'multipart/form-data: the file in the field `file`; optional text fields `title` (default: the file name) and `public` (true/false). ' +
        'Refusals: file_missing, file_name_invalid, file_too_large (413), file_type_unsupported, file_type_mismatch (415), file_corrupt, pdf_password_required, zip_bomb (422).',
      consumes: ['multipart/form-data'],
      params: idParams,
    });

    for (const kind of ['item', 'proposal'] as OwnerKind[]) {
      const base = kind === 'item' ? '/items/:id/attachments' : '/proposals/:id/attachments';
      const owner = (req: { params: { id: string } }): AttachmentOwner => ({ kind, id: req.params.id });

      app.get(
        base,
        { schema: { tags, summary: `The attachments of ${kind === 'item' ? 'an agenda item' : 'a proposal'} the viewer may see`, params: idParams } },
        async (req) => ops.listAttachments(ctx(req), owner(req)),
      );

      app.post(base, { schema: uploadDoc(`Upload an attachment to ${kind === 'item' ? 'an agenda item' : 'a proposal'}`) }, async (req, reply) =>
        reply.status(201).send(await ops.uploadAttachment(ctx(req), { owner: owner(req) }, receiveFrom(req))),
      );

      app.post(
        `${base}/placeholders`,
        { schema: { tags, summary: 'Add a named attachment whose file comes later', params: idParams, body: placeholderBody } },
        async (req, reply) => reply.status(201).send(await ops.addPlaceholder(ctx(req), owner(req), req.body)),
      );

      app.post(`${base}/order`, { schema: { tags, summary: 'Reorder the attachments (Bilag 1, 2, …)', params: idParams, body: orderBody } }, async (req) =>
        ops.reorderAttachments(ctx(req), owner(req), req.body),
      );
    }

    app.post('/attachments/:id/file', { schema: uploadDoc('Give a named attachment its file, or replace its file') }, async (req) =>
      ops.uploadAttachment(ctx(req), { attachmentId: req.params.id }, receiveFrom(req)),
    );

    const send = async (req: FastifyRequest, reply: FastifyReply, file: ops.FileToSend, disposition: 'attachment' | 'inline') => {
      const etag = `"${file.sha256}"`;
      // Content never changes under a hash, but access can: every use revalidates.
      reply.header('etag', etag).header('cache-control', 'private, no-cache').header('vary', 'cookie');
      if (req.headers['if-none-match'] === etag) return reply.status(304).send();
      reply.type(file.mediaType).header('content-disposition', contentDisposition(disposition, file.fileName)).header('x-content-type-options', 'nosniff');
      if (file.byteSize !== null) reply.header('content-length', file.byteSize);
      return reply.send(files.blobs.stream(file.sha256));
    };

    app.get('/attachments/:id/file', { schema: { tags, summary: 'The original file (ETag: its SHA-256)', params: idParams } }, async (req, reply) =>
      send(req, reply, await ops.attachmentFile(ctx(req), req.params.id, 'original'), 'attachment'),
    );

    app.get(
      '/attachments/:id/pdf',
      { schema: { tags, summary: 'The PDF used in the meeting package (the original PDF or a converted one)', params: idParams } },
      async (req, reply) => send(req, reply, await ops.attachmentFile(ctx(req), req.params.id, 'pdf'), 'inline'),
    );

    app.get(
      '/attachments/:id/versions',
      { schema: { tags, summary: 'Every file the attachment has had, oldest first (the last is the current one)', params: idParams } },
      async (req) => ops.listAttachmentVersions(ctx(req), req.params.id),
    );

    app.get(
      '/attachments/:id/versions/:sha/pdf',
      {
        schema: {
          tags,
          summary: "The PDF of one of the attachment's files, named by that PDF's SHA-256 (404 for one not in its history)",
          params: idParams.extend({ sha: z.string().regex(/^[0-9a-f]{64}$/) }),
        },
      },
      async (req, reply) => send(req, reply, await ops.attachmentVersionPdf(ctx(req), req.params.id, req.params.sha), 'inline'),
    );

    app.patch(
      '/attachments/:id',
      { schema: { tags, summary: 'Rename an attachment or set its public flag', params: idParams, body: updateAttachmentBody } },
      async (req) => ops.updateAttachment(ctx(req), req.params.id, req.body),
    );

    app.delete('/attachments/:id', { schema: { tags, summary: 'Remove an attachment (its stored file stays)', params: idParams } }, async (req, reply) => {
      await ops.deleteAttachment(ctx(req), req.params.id);
      return reply.status(204).send();
    });
  };
