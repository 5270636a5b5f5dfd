// The meeting plan endpoints of the JSON API, typed by the shared contract.
import type { z } from 'zod';
import type { ApprovalResult, approvePlanBody, createPlanBody, PlanChangeView, PlanSummary, PlanView, updatePlanBody } from '../../../src/planning/schemas.ts';
import { api, getPage } from '../api.ts';

export type { ApprovalResult, PlanSummary };

/** One meeting the approval must ask about (the details of a 409 plan_conflicts). */
export type PlanConflict = PlanChangeView['conflicts'][number];

export type CreatePlanBody = z.input<typeof createPlanBody>;
export type UpdatePlanBody = z.input<typeof updatePlanBody>;
export type Decisions = z.input<typeof approvePlanBody>['decisions'];

const planPath = (id: string) => `/api/plans/${encodeURIComponent(id)}`;

export const planningApi = {
  /** A page of the plans, latest year first, then by body and title; `next` is the following page's cursor. */
  list: (organizationId?: string, cursor?: string | null) => {
    const q = new URLSearchParams();
    if (organizationId) q.set('organizationId', organizationId);
    if (cursor) q.set('cursor', cursor);
    return getPage<PlanSummary>(`/api/plans${q.size ? `?${q}` : ''}`);
  },
  get: (id: string) => api<PlanView>('GET', planPath(id)),
  create: (body: CreatePlanBody) => api<PlanView>('POST', '/api/plans', body),
  update: (id: string, body: UpdatePlanBody) => api<PlanView>('PATCH', planPath(id), body),
  revise: (id: string) => api<PlanView>('POST', `${planPath(id)}/revise`),
  approve: (id: string, decisions: Decisions) => api<ApprovalResult>('POST', `${planPath(id)}/approve`, { decisions }),
};
