// What an attachment belongs to decides who may see and change it: one pair of checks per kind of
// owner. Items follow the meeting policy (the secretariat edits the agenda; closed items and
// non-public attachments only for those who see closed items); proposals follow the proposals feature.
import { canOnMeeting, type Viewer } from '../access/model.ts';
import { lockRow, type Db, type Tx } from '../db/connection.ts';
import { AppError, notFound, why } from '../http/errors.ts';
import { agendaChanged, meetingForChange } from '../meetings/operations.ts';
import { agendaFrozen, isLocked } from '../meetings/model.ts';
import type { MeetingState } from '../meetings/schemas.ts';
import { proposalAccess } from '../proposals/operations.ts';
import type { AttachmentOwner } from './schemas.ts';
import * as store from './store.ts';

export interface OwnerFacts {
  organizationId: string;
  /** The meeting whose agenda (and package) shows the attachments, if any. */
  meetingId: string | null;
  /** A new attachment's public flag when the upload does not say. */
  defaultPublic: boolean;
}

export interface OwnerReading extends OwnerFacts {
  /** Sees every attachment, public or not. */
  seesAll: boolean;
  /** Sees the public attachments (false e.g. for the public on a closed item). */
  seesPublic: boolean;
  mayEdit: boolean;
}

interface OwnerPolicy {
  /**
   * For a change: throws not_found / unauthenticated / forbidden / meeting_locked, and agenda_frozen
   * for a change to the files of a held meeting's item ('content'; its publication may still change).
   */
  forChange(tx: Db | Tx, viewer: Viewer, id: string, change?: 'content' | 'publication'): Promise<OwnerFacts>;
  /** For reading: throws not_found when the viewer may not see the owner at all. */
  forRead(db: Db, viewer: Viewer, id: string): Promise<OwnerReading>;
  /** Marks the owner (and its meeting's agenda) changed, in the change's transaction. */
  touch(tx: Tx, id: string, facts: OwnerFacts, now: string): Promise<void>;
}

const item: OwnerPolicy = {
  async forChange(tx, viewer, id, change = 'content') {
    const row = await store.findItemOwner(tx, id);
    if (!row) throw notFound('agenda item');
    // Locks the meeting: two uploads to its items at once get two numbers.
    const meeting = await meetingForChange(tx as Tx, viewer, row.meetingId, 'editAgenda');
    if (change === 'content' && agendaFrozen(meeting.state as MeetingState)) throw new AppError('agenda_frozen', why('file.agenda_frozen'), 'file');
    return { organizationId: row.organizationId, meetingId: row.meetingId, defaultPublic: row.isPublic === 1 };
  },
  async forRead(db, viewer, id) {
    const row = await store.findItemOwner(db, id);
    const meeting = row && { organizationId: row.organizationId, state: row.state as MeetingState };
    if (!row || !meeting || !canOnMeeting(viewer, 'read', meeting)) throw notFound('agenda item');
    const seesAll = canOnMeeting(viewer, 'readClosed', meeting);
    return {
      organizationId: row.organizationId,
      meetingId: row.meetingId,
      defaultPublic: row.isPublic === 1,
      seesAll,
      seesPublic: seesAll || row.isPublic === 1,
      mayEdit: canOnMeeting(viewer, 'editAgenda', meeting) && !isLocked(meeting.state),
    };
  },
  async touch(tx, id, facts, now) {
    await store.touchItem(tx, id, now);
    await agendaChanged(tx, facts.meetingId!, now);
  },
};

const proposal: OwnerPolicy = {
  async forChange(tx, viewer, id) {
    const p = await proposalAccess(tx, viewer, id, 'edit');
    // Locked as every agenda change locks, meeting first, so that two uploads at once get two numbers.
    if (p.meetingId) await lockRow(tx, 'meetings', p.meetingId);
    await lockRow(tx, 'proposals', id);
    return { organizationId: p.organizationId, meetingId: p.meetingId, defaultPublic: true };
  },
  async forRead(db, viewer, id) {
    const p = await proposalAccess(db, viewer, id, 'read');
    const mayEdit = await proposalAccess(db, viewer, id, 'edit').then(
      () => true,
      () => false,
    );
    // Non-public attachments: for those who write the proposal and for the deciding body's own people.
    const seesAll = p.writes || canOnMeeting(viewer, 'readClosed', { organizationId: p.organizationId, state: 'planned' });
    return { organizationId: p.organizationId, meetingId: p.meetingId, defaultPublic: true, seesAll, seesPublic: true, mayEdit };
  },
  async touch(tx, id, facts, now) {
    await store.touchProposal(tx, id, now);
    // A proposal on an agenda goes into the meeting package with its attachments.
    if (facts.meetingId) await agendaChanged(tx, facts.meetingId, now);
  },
};

export const policyFor = (owner: AttachmentOwner): OwnerPolicy => (owner.kind === 'item' ? item : proposal);

/** Whether a reader of the owner sees this attachment. */
export const mayRead = (reading: OwnerReading, a: { isPublic: number }) => reading.seesAll || (reading.seesPublic && a.isPublic === 1);
