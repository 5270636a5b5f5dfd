// The proposal endpoints of the JSON API, typed by the shared contract.
import type { CreateProposalBody, ProposalSummary, ProposalView, proposalEvents, UpdateProposalBody } from '../../../src/proposals/schemas.ts';
import { api, getPage } from '../api.ts';
import { allPages } from '../shared/paged.tsx';

export type ProposalEvent = (typeof proposalEvents)[number];
export type ProposalQuery = { meetingId?: string; organizationId?: string; mine?: boolean; desk?: boolean };

const path = (id: string) => `/api/proposals/${encodeURIComponent(id)}`;

function queryString(q: ProposalQuery, cursor?: string | null): string {
  const params = new URLSearchParams();
  if (q.meetingId) params.set('meetingId', q.meetingId);
  if (q.organizationId) params.set('organizationId', q.organizationId);
  if (q.mine) params.set('mine', 'true');
  if (q.desk) params.set('desk', 'true');
  if (cursor) params.set('cursor', cursor);
  return params.size ? `?${params}` : '';
}

export const proposalsApi = {
  /** A page of the list (latest changed first); `next` is the following page's cursor. */
  list: (q: ProposalQuery, cursor?: string | null) => getPage<ProposalSummary>(`/api/proposals${queryString(q, cursor)}`),
  /** Every page: a meeting's proposals. */
  all: (q: ProposalQuery) => allPages((cursor) => proposalsApi.list(q, cursor)),
  /** The latest version, or an earlier one as it was. */
  get: (id: string, version?: number) => api<ProposalView>('GET', version ? `${path(id)}/versions/${version}` : path(id)),
  create: (body: CreateProposalBody) => api<ProposalView>('POST', '/api/proposals', body),
  update: (id: string, body: UpdateProposalBody) => api<ProposalView>('PUT', path(id), body),
  transition: (
    id: string,
    body: { event: ProposalEvent; acceptLate?: boolean; version?: number; item?: { public: boolean; publicTitle?: string; legalBasis?: string } },
  ) => api<ProposalView>('POST', `${path(id)}/transitions`, body),
};
