// The HTTP surface of the meeting package: start a build and follow it, then fetch the PDF or ZIP.
import { z } from 'zod';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { attachmentFiles } from '../attachments/storage.ts';
import type { RouteDeps } from '../http/deps.ts';
import * as ops from './operations.ts';

const params = z.object({ id: z.string().uuid() });
const query = z.object({
  /** member: everything the viewer may see (closed items too); public: open items and public attachments. */
  audience: z.enum(['member', 'public']).default('public'),
  lang: z.enum(['da', 'en']).default('da'),
});
const tags = ['meeting package'];

const docTypes = { pdf: 'application/pdf', docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' } as const;

/** A generated document: a PDF opens in the browser, a DOCX downloads. */
const sendDocument = (reply: FastifyReply, format: ops.Format, r: { bytes: Uint8Array; fileName: string }) =>
  reply
    .type(docTypes[format])
    .header('content-disposition', `${format === 'pdf' ? 'inline' : 'attachment'}; filename="${r.fileName}"`)
    .send(Buffer.from(r.bytes));

export const packageRoutes =
  ({ db, config }: RouteDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const files = attachmentFiles(config, db);
    app.post(
      '/meetings/:id/package',
      { schema: { tags, summary: 'Start building the meeting package (or find it built); answers with its progress', params, querystring: query } },
      async (req) => ops.requestPackage({ db, viewer: req.viewer, files }, req.params.id, req.query.audience, req.query.lang),
    );
    app.get(
      '/meetings/:id/package.pdf',
      { schema: { tags, summary: 'The meeting package as one PDF (ETag: unchanged packages are not sent again)', params, querystring: query } },
      async (req, reply) => {
        const r = await ops.packagePdf({ db, viewer: req.viewer, files }, req.params.id, req.query.audience, req.query.lang, req.headers['if-none-match']);
        reply.header('etag', r.etag).header('cache-control', 'private, no-cache');
        if (!r.pdf) return reply.status(304).send();
        return reply
          .type('application/pdf')
          .header('content-disposition', `inline; filename="${r.fileName}"`)
          .send(Buffer.from(r.pdf!.buffer, r.pdf!.byteOffset, r.pdf!.byteLength));
      },
    );
    app.get(
      '/meetings/:id/package/map',
      {
        schema: {
          tags,
          summary:
            "Where each part (cover, agenda, each item's proposal and attachments) begins in the package PDF of the same audience and language, and how many pages it has",
          params,
          querystring: query,
        },
      },
      async (req, reply) => {
        const r = await ops.packagePageMap({ db, viewer: req.viewer, files }, req.params.id, req.query.audience, req.query.lang);
        reply.header('cache-control', 'private, no-cache');
        return r.map;
      },
    );
    const format = z.object({ format: z.enum(['pdf', 'docx']) });
    app.get(
      '/meetings/:id/agenda.:format',
      {
        schema: {
          tags,
          summary: 'The timed agenda as PDF or DOCX, as the viewer may see it (ETag: an unchanged agenda is not sent again)',
          params: params.merge(format),
          querystring: query.pick({ lang: true }),
        },
      },
      async (req, reply) => {
        const r = await ops.agendaDocument({ db, viewer: req.viewer, files }, req.params.id, req.params.format, req.query.lang, req.headers['if-none-match']);
        // private: the agenda differs by who reads it (closed items); no-cache: asked again, answered 304 while unchanged.
        reply.header('etag', r.etag).header('cache-control', 'private, no-cache');
        if (!r.bytes) return reply.status(304).send();
        return sendDocument(reply, req.params.format, { bytes: r.bytes, fileName: r.fileName });
      },
    );
    app.get(
      '/proposals/:id/document.:format',
      {
        schema: {
          tags,
          summary: 'A proposal as PDF or DOCX (its latest version, or ?version=N)',
          params: params.merge(format),
          querystring: query.pick({ lang: true }).extend({ version: z.coerce.number().int().min(1).optional() }),
        },
      },
      async (req, reply) =>
        sendDocument(
          reply,
          req.params.format,
          await ops.proposalDocumentFile({ db, viewer: req.viewer, files }, req.params.id, req.query.version, req.params.format, req.query.lang),
        ),
    );
    app.get(
      '/meetings/:id/package.zip',
      { schema: { tags, summary: 'The same contents as separate files in a ZIP', params, querystring: query } },
      async (req, reply) => {
        const r = await ops.packageZip({ db, viewer: req.viewer, files }, req.params.id, req.query.audience, req.query.lang, req.headers['if-none-match']);
        reply.header('etag', r.etag).header('cache-control', 'private, no-cache');
        if (!r.zip) return reply.status(304).send();
        return reply.type('application/zip').header('content-disposition', `attachment; filename="${r.fileName}"`).send(r.zip);
      },
    );
  };
