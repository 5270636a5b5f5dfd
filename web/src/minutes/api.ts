// The minutes endpoints of the JSON API: attendance and votes, typed by the shared contract.
import type { z } from 'zod';
import type { AttendanceView, attendanceBody, VoteEventView, voteEventBody } from '../../../src/minutes/schemas.ts';
import type { MeetingDetail } from '../../../src/meetings/schemas.ts';
import { ApiError, api } from '../api.ts';
import type { T } from '../i18n/index.tsx';
import { serverText } from '../shared/serverFieldError.ts';

const meetingPath = (id: string) => `/api/meetings/${encodeURIComponent(id)}`;

export type AttendanceBody = z.input<typeof attendanceBody>;
export type VoteEventBody = z.input<typeof voteEventBody>;

export const minutesApi = {
  attendance: (meetingId: string) => api<AttendanceView[]>('GET', `${meetingPath(meetingId)}/attendance`),
  setAttendance: (meetingId: string, personId: string, body: AttendanceBody) =>
    api<AttendanceView[]>('PUT', `${meetingPath(meetingId)}/attendance/${encodeURIComponent(personId)}`, body),
  votes: (meetingId: string) => api<VoteEventView[]>('GET', `${meetingPath(meetingId)}/votes`),
  /** Approves held minutes; where members approve digitally, only with the secretariat's reason. */
  approve: (meetingId: string, overrideReason?: string) =>
    api<MeetingDetail>('POST', `${meetingPath(meetingId)}/minutes/approve`, overrideReason ? { overrideReason } : {}),
  recordVote: (meetingId: string, itemId: string, body: VoteEventBody) =>
    api<VoteEventView>('POST', `${meetingPath(meetingId)}/items/${encodeURIComponent(itemId)}/votes`, body),
};

/** A failed save as the user should read it; a locked meeting says why it is locked. */
export function minutesErrorText(err: unknown, t: T): string {
  if (err instanceof ApiError && err.code === 'meeting_locked') return t('minutes.locked');
  return serverText(err, t);
}
