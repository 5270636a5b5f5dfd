// The follow-up filters as they stand in the address (?enhed=…&vis=mine), so a filtered list can be
// bookmarked, reloaded and exported, and their translation into the API's query.
import type { FollowUpStatus } from '../../../src/followups/schemas.ts';
import type { FollowUpQuery } from './api.ts';

export interface Filters {
  organisation: string;
  enhed: string;
  status: string;
  fokus: string;
  fra: string;
  til: string;
  overskredne: string;
  /** '' (all), 'mine' or 'oprettet'. */
  vis: string;
}

export const filterNames: (keyof Filters)[] = ['organisation', 'enhed', 'status', 'fokus', 'fra', 'til', 'overskredne', 'vis'];

export function filtersOf(search: string): Filters {
  const q = new URLSearchParams(search);
  return Object.fromEntries(filterNames.map((n) => [n, q.get(n) ?? ''])) as unknown as Filters;
}

/** The address of the overview with these filters and, optionally, one follow-up opened. */
export function overviewUrl(f: Filters, id?: string): string {
  const q = new URLSearchParams();
  for (const n of filterNames) if (f[n]) q.set(n, f[n]);
  if (id) q.set('id', id);
  return q.size ? `/opfoelgning?${q}` : '/opfoelgning';
}

export function apiQuery(f: Filters): FollowUpQuery {
  return {
    organizationId: f.organisation || undefined,
    unitId: f.enhed || undefined,
    status: (f.status || undefined) as FollowUpStatus | undefined,
    focusArea: f.fokus || undefined,
    dueFrom: f.fra || undefined,
    dueUntil: f.til || undefined,
    overdue: f.overskredne ? '1' : undefined,
    mine: f.vis === 'mine' ? '1' : undefined,
    createdByMe: f.vis === 'oprettet' ? '1' : undefined,
  };
}
