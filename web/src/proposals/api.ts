// The proposal endpoints of the JSON API, typed by the shared contract.
import type { CreateProposalBody, ProposalSummary, ProposalView, proposalEvents, UpdateProposalBody } from '../../../src/proposals/schemas.ts';
import { api } from '../api.ts';

export type ProposalEvent = (typeof proposalEvents)[number];
export type ProposalQuery = { meetingId?: string; organizationId?: string; mine?: boolean };

const path = (id: string) => `/api/proposals/${encodeURIComponent(id)}`;

function queryString(q: ProposalQuery): string {
  const params = new URLSearchParams();
  if (q.meetingId) params.set('meetingId', q.meetingId);
  if (q.organizationId) params.set('organizationId', q.organizationId);
  if (q.mine) params.set('mine', 'true');
  return params.size ? `?${params}` : '';
}

export const proposalsApi = {
  list: (q: ProposalQuery) => api<ProposalSummary[]>('GET', `/api/proposals${queryString(q)}`),
  /** The latest version, or an earlier one as it was. */
  get: (id: string, version?: number) => api<ProposalView>('GET', version ? `${path(id)}/versions/${version}` : path(id)),
  create: (body: CreateProposalBody) => api<ProposalView>('POST', '/api/proposals', body),
  update: (id: string, body: UpdateProposalBody) => api<ProposalView>('PUT', path(id), body),
  transition: (
    id: string,
    body: { event: ProposalEvent; acceptLate?: boolean; version?: number; item?: { public: boolean; publicTitle?: string; legalBasis?: string } },
  ) => api<ProposalView>('POST', `${path(id)}/transitions`, body),
};
