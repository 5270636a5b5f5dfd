// The HTTP surface of notes, highlights and shared comments (logged-in users only).
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { mailBaseUrl } from '../config.ts';
import type { RouteDeps } from '../http/deps.ts';
import { createMailer } from '../mail/mailer.ts';
import * as ops from './operations.ts';
import { annotationIdParams, myAnnotationsQuery, putAnnotationBody, readingPositionBody } from './schemas.ts';

const meetingParams = z.object({ id: z.string().min(1).max(100) });
const tags = ['annotations'];

export const annotationRoutes =
  ({ db, config }: RouteDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const mailer = createMailer(config.mail);
    if (mailer) app.addHook('onClose', async () => mailer.close());
    const ctx = (viewer: ops.Ctx['viewer']): ops.Ctx => ({ db, viewer, mailer, baseUrl: mailBaseUrl(config) });

    app.put(
      '/annotations/:id',
      {
        schema: {
          tags,
          summary: 'Create or change a note, highlight or comment (the client makes the id)',
          params: annotationIdParams,
          body: putAnnotationBody,
        },
      },
      async (req, reply) => {
        const r = await ops.putAnnotation(ctx(req.viewer), req.params.id, req.body);
        return reply.status(r.created ? 201 : 200).send(r.annotation);
      },
    );
    app.delete('/annotations/:id', { schema: { tags, summary: 'Delete one of your annotations', params: annotationIdParams } }, async (req, reply) => {
      await ops.deleteAnnotation(ctx(req.viewer), req.params.id);
      return reply.status(204).send();
    });
    app.get('/annotations/:id/revisions', { schema: { tags, summary: 'Earlier texts of an annotation', params: annotationIdParams } }, async (req) =>
      ops.annotationRevisions(ctx(req.viewer), req.params.id),
    );
    app.get(
      '/meetings/:id/annotations',
      { schema: { tags, summary: 'Your notes and the comments shared with you on a meeting', params: meetingParams } },
      async (req) => ops.meetingAnnotations(ctx(req.viewer), req.params.id),
    );
    app.get('/meetings/:id/annotation-audience', { schema: { tags, summary: 'Who a comment can be shared with', params: meetingParams } }, async (req) =>
      ops.audienceOptions(ctx(req.viewer), req.params.id),
    );
    app.get(
      '/my/annotations',
      { schema: { tags, summary: 'Your notes and comments across meetings, newest first', querystring: myAnnotationsQuery } },
      async (req) => ops.myAnnotations(ctx(req.viewer), req.query),
    );
    app.get('/meetings/:id/reading-position', { schema: { tags, summary: 'Where you left off in the package', params: meetingParams } }, async (req) =>
      ops.getReadingPosition(ctx(req.viewer), req.params.id),
    );
    app.put(
      '/meetings/:id/reading-position',
      { schema: { tags, summary: 'Remember where you left off', params: meetingParams, body: readingPositionBody } },
      async (req) => ops.setReadingPosition(ctx(req.viewer), req.params.id, req.body.page),
    );
  };
