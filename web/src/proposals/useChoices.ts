// What a writer may choose from: the bodies a proposal can be addressed to, the units it can come
// from, and the upcoming meetings of the chosen body. The server decides in the end; these lists
// only keep the choices to those it would accept.
import { useEffect, useState } from 'react';
import type { MeetingSummary } from '../../../src/meetings/schemas.ts';
import type { OrganizationView } from '../../../src/organizations/schemas.ts';
import { useSession } from '../access/session.tsx';
import { meetingsApi } from '../meetings/api.ts';
import { organizationsApi } from '../organizations/api.ts';

export interface Choices {
  /** null while loading. */
  organizations: OrganizationView[] | null;
  units: OrganizationView[];
  meetings: MeetingSummary[];
}

export function useChoices(organizationId: string): Choices {
  const { user } = useSession();
  const [all, setAll] = useState<OrganizationView[] | null>(null);
  // The bodies whose secretariat the viewer is (the ones they may create meetings in).
  const [secretariatOf, setSecretariatOf] = useState<string[]>([]);
  const [meetings, setMeetings] = useState<MeetingSummary[]>([]);

  useEffect(() => {
    Promise.all([organizationsApi.bodies(), meetingsApi.list('upcoming')])
      .then(([bodies, list]) => {
        setSecretariatOf(list.canCreateIn.map((o) => o.id));
        setAll(bodies.flatMap((b) => b.organizations));
      })
      .catch(() => setAll([]));
  }, []);

  useEffect(() => {
    if (!organizationId) {
      setMeetings([]);
      return;
    }
    let current = true;
    meetingsApi
      .all('upcoming', organizationId)
      .then((list) => current && setMeetings(list.filter((m) => m.state !== 'cancelled')))
      .catch(() => current && setMeetings([]));
    return () => {
      current = false;
    };
  }, [organizationId]);

  const mine = new Set(user?.memberships.map((m) => m.organizationId) ?? []);
  const allUnits = (all ?? []).filter((o) => o.kind === 'unit');
  const myUnits = allUnits.filter((o) => mine.has(o.id));
  // Anyone in a unit writes to any body (for their unit); a secretariat writes to its own bodies.
  const organizations = all && all.filter((o) => o.kind !== 'unit' && (myUnits.length > 0 || user?.isAdmin || secretariatOf.includes(o.id)));
  const units = user?.isAdmin || secretariatOf.includes(organizationId) ? allUnits : myUnits;
  return { organizations, units, meetings };
}
