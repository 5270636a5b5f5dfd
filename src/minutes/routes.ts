// The HTTP surface of minutes: attendance, votes and the minutes document.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { RouteDeps } from '../http/deps.ts';
import * as digital from './digital-approval.ts';
import { minutesData, minutesDocx, minutesPdf } from './document.ts';
import * as ops from './operations.ts';
import { approveMinutesBody, attendanceBody, correctionBody, voteEventBody } from './schemas.ts';
import * as approval from './approval.ts';

const meetingParams = z.object({ id: z.string().max(100) });
const langQuery = z.object({ lang: z.enum(['da', 'en']).default('da') });
const tags = ['minutes'];

export const minutesRoutes =
  ({ db }: RouteDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/meetings/:id/minutes.pdf',
      { schema: { tags, summary: 'The minutes as a tagged PDF, as the reader may see them', params: meetingParams, querystring: langQuery } },
      async (req, reply) => {
        const { pdf, filename } = await minutesPdf({ db, viewer: req.viewer }, req.params.id, req.query.lang);
        return reply.type('application/pdf').header('content-disposition', `inline; filename="${filename}"`).send(pdf);
      },
    );
    app.get(
      '/meetings/:id/minutes',
      { schema: { tags, summary: 'The minutes as data (the web page shows them), as the reader may see them', params: meetingParams, querystring: langQuery } },
      async (req) => minutesData({ db, viewer: req.viewer }, req.params.id, req.query.lang),
    );
    app.get(
      '/meetings/:id/minutes.docx',
      { schema: { tags, summary: 'The minutes as DOCX, in the same form as the PDF', params: meetingParams, querystring: langQuery } },
      async (req, reply) => {
        const { docx, filename } = await minutesDocx({ db, viewer: req.viewer }, req.params.id, req.query.lang);
        return reply
          .type('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
          .header('content-disposition', `attachment; filename="${filename}"`)
          .send(docx);
      },
    );
    app.get(
      '/meetings/:id/minutes/item-approvals',
      { schema: { tags, summary: 'Digital approval of the minutes, item by item: who has approved what', params: meetingParams } },
      async (req) => digital.itemApprovals({ db, viewer: req.viewer }, req.params.id),
    );
    app.post(
      '/meetings/:id/items/:itemId/minutes-approval',
      {
        schema: {
          tags,
          summary: 'A member approves one item of the minutes (the last needed approval locks them)',
          params: meetingParams.extend({ itemId: z.string().max(100) }),
        },
      },
      async (req) => digital.approveItem({ db, viewer: req.viewer }, req.params.id, req.params.itemId),
    );
    app.post(
      '/meetings/:id/minutes/approval-item',
      { schema: { tags, summary: 'Put "Godkendelse af referat" for the previous minutes on this agenda', params: meetingParams } },
      async (req, reply) => reply.status(201).send(await approval.addApprovalItem({ db, viewer: req.viewer }, req.params.id)),
    );
    app.post(
      '/meetings/:id/minutes/approve',
      {
        schema: {
          tags,
          summary: 'Approve and lock the minutes of a held meeting (where members approve digitally: only with `overrideReason`)',
          params: meetingParams,
          body: approveMinutesBody.nullish(),
        },
      },
      async (req) => approval.approveMinutes({ db, viewer: req.viewer }, req.params.id, req.body ?? {}),
    );
    app.post(
      '/meetings/:id/minutes/corrections',
      { schema: { tags, summary: 'Correct approved minutes: a new version with a reason', params: meetingParams, body: correctionBody } },
      async (req, reply) => reply.status(201).send(await approval.correctMinutes({ db, viewer: req.viewer }, req.params.id, req.body)),
    );
    app.get(
      '/meetings/:id/minutes/corrections',
      { schema: { tags, summary: 'The corrections made to approved minutes', params: meetingParams } },
      async (req) => approval.corrections({ db, viewer: req.viewer }, req.params.id),
    );
    app.get('/meetings/:id/attendance', { schema: { tags, summary: "The organization's members and their attendance", params: meetingParams } }, async (req) =>
      ops.attendance({ db, viewer: req.viewer }, req.params.id),
    );
    app.put(
      '/meetings/:id/attendance/:personId',
      {
        schema: {
          tags,
          summary: 'Record a member present or absent (or leaving after an item)',
          params: meetingParams.extend({ personId: z.string().max(100) }),
          body: attendanceBody,
        },
      },
      async (req) => ops.setAttendance({ db, viewer: req.viewer }, req.params.id, req.params.personId, req.body),
    );
    app.get(
      '/meetings/:id/votes',
      { schema: { tags, summary: 'Votes taken at the meeting (Popolo VoteEvent / Count / Vote)', params: meetingParams } },
      async (req) => ops.voteEvents({ db, viewer: req.viewer }, req.params.id),
    );
    app.delete(
      '/meetings/:id/votes/:voteId',
      { schema: { tags, summary: 'Withdraw a vote recorded by mistake', params: meetingParams.extend({ voteId: z.string().max(100) }) } },
      async (req, reply) => {
        await ops.deleteVote({ db, viewer: req.viewer }, req.params.id, req.params.voteId);
        return reply.status(204).send();
      },
    );
    app.post(
      '/meetings/:id/items/:itemId/votes',
      { schema: { tags, summary: 'Record a vote on an item', params: meetingParams.extend({ itemId: z.string().max(100) }), body: voteEventBody } },
      async (req, reply) => reply.status(201).send(await ops.recordVote({ db, viewer: req.viewer }, req.params.id, req.params.itemId, req.body)),
    );
  };
