// Pure rules of votes (after Popolo's VoteEvent/Count/Vote): counts and the result.
import type { Counts, VoteOptionName } from './schemas.ts';
import type { Problem } from '../shared/reasons.ts';

export function countVotes(votes: readonly { option: VoteOptionName; weight: number }[]): Counts {
  const counts: Counts = { for: 0, against: 0, blank: 0, absent: 0 };
  for (const v of votes) counts[v.option] += v.weight;
  return counts;
}

/** A motion is adopted with more votes for than against; blank and absent votes count for neither. */
export function result(c: Counts): 'adopted' | 'rejected' | 'tied' {
  return c.for > c.against ? 'adopted' : c.for < c.against ? 'rejected' : 'tied';
}

/** A member votes once, and a vote names a member or a party group, not both. Returns the problem, if any. */
export function voteProblem(votes: readonly { personId?: string; group?: string }[]): (Problem & { index: number }) | null {
  const seen = new Set<string>();
  const byMember = votes.some((v) => v.personId);
  // One vote counts members one by one or groups as wholes, never both: a member would count twice.
  const mixed = votes.findIndex((v) => !!v.personId !== byMember);
  if (mixed >= 0 && votes.every((v) => !!v.personId !== !!v.group)) return { index: mixed, reason: 'vote.member_and_group' };
  for (const [index, v] of votes.entries()) {
    if (!v.personId === !v.group) return { index, reason: 'vote.member_or_group' };
    const key = v.personId ? `p:${v.personId}` : `g:${v.group}`;
    if (seen.has(key)) return { index, reason: 'vote.twice' };
    seen.add(key);
  }
  return null;
}

/**
 * Digital approval, item by item: an item is approved when more than half of the body's members
 * (chair included) have approved it; the minutes are approved when every item is.
 */
export function approvalTally(itemIds: readonly string[], memberCount: number, approvals: readonly { agendaItemId: string; personId: string }[]) {
  const needed = Math.floor(memberCount / 2) + 1;
  const items = itemIds.map((id) => {
    const by = approvals.filter((a) => a.agendaItemId === id).map((a) => a.personId);
    return { itemId: id, approvedBy: by, approved: memberCount > 0 && by.length >= needed };
  });
  return { needed, items, complete: items.length > 0 && items.every((i) => i.approved) };
}

/**
 * The first item number a member is not at: 1 when recorded absent, N + 1 after leaving after
 * item N; null when present throughout or not recorded. A member not at an item is not in its vote.
 */
export function absentFrom(a: { present: boolean | null; leftAfterNumber: number | null }): number | null {
  if (a.present === false) return 1;
  if (a.present && a.leftAfterNumber !== null) return a.leftAfterNumber + 1;
  return null;
}

export const isAwayFor = (itemNumber: number, from: number | null): boolean => from !== null && itemNumber >= from;
