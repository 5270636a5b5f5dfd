// Who may find a text, pure: the access policy (src/access/model.ts) as facts kept on the text's
// index row, so the search's WHERE clause reads the row alone and ranks and cuts inside the index.
import { PUBLISHED_STATES } from '../access/model.ts';

/** The live rows a text hangs on, as the indexer reads them (null: no such row). */
export interface OwnerRows {
  kind: string;
  part: string;
  meeting: { deleted: string | null; state: string; organizationId: string } | null;
  item: { deleted: string | null; isPublic: number; decision: string | null; publicDecision: string | null } | null;
  proposal: { deleted: string | null; organizationId: string; authorUserId: string | null; unitId: string | null; caseOfficerEmail: string | null } | null;
  /** `onItem`: hangs on an agenda item (else on a proposal). */
  attachment: { deleted: string | null; isPublic: number; onItem: boolean } | null;
  followUp: { deleted: string | null; organizationId: string; ownerPersonId: string | null; ownerUnitId: string | null } | null;
}

/**
 * Who may find a text, kept on its index row so the search's WHERE clause reads the row alone.
 * A viewer finds it when any holds: `everyone` (and they do not sit in `hiddenFromOrg`: those see
 * the closed item itself, not its public part); they sit (chair, member, secretary) in
 * `sittersOrg`; they are a secretary of `secretariesOrg`; they wrote it (`writerUserId`, or the case
 * officer named by `officerEmail` working in `writerUnitId`); they own the follow-up (the person,
 * or the unit: for a closed item only its leaders). The access policy (src/access/model.ts), as facts.
 */
export interface Audience {
  everyone: number;
  sittersOrg: string | null;
  secretariesOrg: string | null;
  hiddenFromOrg: string | null;
  writerUserId: string | null;
  writerUnitId: string | null;
  officerEmail: string | null;
  ownerPersonId: string | null;
  ownerUnitId: string | null;
  ownerUnitLeads: number;
  /** The item's decision is written (1/0; null: not an item's text). The "decided" filter. */
  decided: number | null;
}

export const NOBODY: Audience = {
  everyone: 0,
  sittersOrg: null,
  secretariesOrg: null,
  hiddenFromOrg: null,
  writerUserId: null,
  writerUnitId: null,
  officerEmail: null,
  ownerPersonId: null,
  ownerUnitId: null,
  ownerUnitLeads: 0,
  decided: null,
};

export function audienceOf(r: OwnerRows): Audience {
  const out: Audience = { ...NOBODY };
  const { meeting: m, item: i, proposal: p, attachment: a, followUp: f } = r;
  if (i) out.decided = (i.decision ?? i.publicDecision ?? '') !== '' ? 1 : 0;
  const meetingLive = !!m && !m.deleted;
  const published = meetingLive && (PUBLISHED_STATES as readonly string[]).includes(m.state);
  const itemLive = !!i && !i.deleted;
  const open = itemLive && i.isPublic === 1;
  const proposalLive = !!p && !p.deleted;
  const sent = itemLive && published;
  const proposal = (fileIsPublic: boolean) => {
    if (!proposalLive) return;
    out.everyone = sent && open && fileIsPublic ? 1 : 0;
    out.sittersOrg = sent ? p.organizationId : null;
    out.secretariesOrg = p.organizationId;
    out.writerUserId = p.authorUserId;
    out.writerUnitId = p.unitId;
    out.officerEmail = p.caseOfficerEmail?.toLowerCase() ?? null;
  };
  switch (r.kind) {
    case 'meeting':
      out.everyone = published ? 1 : 0;
      out.sittersOrg = meetingLive ? m.organizationId : null;
      break;
    case 'item':
    case 'minutes':
      if (!meetingLive || !itemLive) break;
      if (r.part === 'public') {
        out.everyone = published && !open ? 1 : 0;
        out.hiddenFromOrg = m.organizationId;
      } else {
        out.everyone = published && open ? 1 : 0;
        out.sittersOrg = m.organizationId;
      }
      break;
    case 'proposal':
      proposal(true);
      break;
    case 'attachment':
      if (!a || a.deleted) break;
      if (a.onItem) {
        if (!meetingLive || !itemLive) break;
        out.everyone = published && open && a.isPublic === 1 ? 1 : 0;
        out.sittersOrg = m.organizationId;
      } else proposal(a.isPublic === 1);
      break;
    case 'followup':
      if (!f || f.deleted) break;
      out.sittersOrg = f.organizationId;
      out.ownerPersonId = f.ownerPersonId;
      out.ownerUnitId = f.ownerUnitId;
      out.ownerUnitLeads = i && i.isPublic === 0 ? 1 : 0;
      break;
  }
  return out;
}
