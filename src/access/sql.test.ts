// The SQL twins of the read rules (access/sql.ts) say what the rules in model.ts say: every viewer
// against every combination of a resource's facts, asked of the rule in JS and of the database,
// on both databases.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { backendKinds, freshDatabase, type TestDatabase } from '../../test/helpers/backends.ts';
import { meetingStates, type MeetingState } from '../meetings/schemas.ts';
import type { Role } from '../db/schema.ts';
import { canOnFollowUp, canOnMeeting, canOnPlanning, canReadProposal, type Actor, type FollowUpResource, type ProposalResource, type Viewer } from './model.ts';
import { followUpReadable, meetingReadable, planReadable, proposalReadable } from './sql.ts';

const actor = (name: string, roles: [string, Role][], isAdmin = false): Actor => ({
  userId: `u-${name}`,
  personId: `p-${name}`,
  username: name,
  name,
  isAdmin,
  memberships: roles.map(([organizationId, role]) => ({ organizationId, organizationName: organizationId, role })),
});

const viewers: [string, Viewer][] = [
  ['anonymous', null],
  ['an administrator', actor('admin', [], true)],
  ['a member of A', actor('memberA', [['A', 'member']])],
  ['the chair of A', actor('chairA', [['A', 'chair']])],
  ['the secretary of A', actor('secretaryA', [['A', 'secretary']])],
  ['an employee of unit U', actor('employeeU', [['U', 'employee']])],
  ["unit U's secretary", actor('headU', [['U', 'secretary']])],
  [
    'a member of B and employee of U',
    actor('memberB', [
      ['B', 'member'],
      ['U', 'employee'],
    ]),
  ],
  ['someone without a role', actor('personX', [])],
];

const text = (v: string | null) => sql`cast(${v} as text)`;
const bool = (b: boolean) => (b ? sql`1 = 1` : sql`1 = 0`);
const product = <T extends object>(axes: { [K in keyof T]: readonly T[K][] }): T[] =>
  Object.entries(axes).reduce<object[]>((acc, [k, vs]) => acc.flatMap((o) => (vs as unknown[]).map((v) => ({ ...o, [k]: v }))), [{}]) as T[];

const plans = product<{ organizationId: string; status: string }>({ organizationId: ['A', 'B'], status: ['draft', 'approved'] });
const meetings = product<{ organizationId: string; state: MeetingState }>({ organizationId: ['A', 'B'], state: meetingStates });
const proposals = product<ProposalResource>({
  organizationId: ['A', 'B'],
  unitId: [null, 'U'],
  authorUserId: [null, 'u-employeeU', 'u-memberB'],
  caseOfficerPersonId: [null, 'p-employeeU', 'p-personX'],
  sent: [false, true],
  itemPublic: [false, true],
});
const followUps = product<FollowUpResource>({
  organizationId: ['A', 'B'],
  ownerUnitId: [null, 'U'],
  ownerPersonId: [null, 'p-personX', 'p-employeeU'],
  fromClosedItem: [false, true],
});

for (const kind of backendKinds) {
  describe(`the read rules in SQL agree with the policy on ${kind}`, () => {
    let d: TestDatabase;
    before(async () => {
      d = await freshDatabase(kind);
    });
    after(async () => d.drop());

    /** Each condition evaluated by the database, in one statement. */
    const ask = async (conds: RawBuilder<SqlBool>[]): Promise<boolean[]> => {
      const cols = conds.map((c, i) => sql`(case when ${c} then 1 else 0 end) as ${sql.ref(`c${i}`)}`);
      const row = (await sql<Record<string, number>>`select ${sql.join(cols)}`.execute(d.handle.db)).rows[0];
      return conds.map((_, i) => Number(row[`c${i}`]) === 1);
    };

    const agree = async <R>(rule: (v: Viewer, r: R) => boolean, twin: (v: Viewer, r: R) => RawBuilder<SqlBool>, cases: R[]) => {
      for (const [who, viewer] of viewers) {
        const fromSql = await ask(cases.map((c) => twin(viewer, c)));
        cases.forEach((c, i) => assert.equal(fromSql[i], rule(viewer, c), `${who}: ${JSON.stringify(c)}`));
      }
    };

    test('reading a meeting: a published agenda, or the body’s own people (12 meetings × 9 viewers)', async () => {
      await agree(
        (v, m) => canOnMeeting(v, 'read', m),
        (v, m) => meetingReadable(v, { organizationId: text(m.organizationId), state: text(m.state) }),
        meetings,
      );
      assert.ok(meetings.some((m) => !canOnMeeting(null, 'read', m)) && meetings.some((m) => canOnMeeting(null, 'read', m)));
    });

    test('reading a meeting plan or annual wheel: approved, or a draft by the body’s own people (4 × 9)', async () => {
      await agree(
        (v, p) => canOnPlanning(v, 'read', p),
        (v, p) => planReadable(v, { organizationId: text(p.organizationId), status: text(p.status) }),
        plans,
      );
    });

    test('reading a proposal: writers, secretariat, members once sent, everyone once sent and open (144 × 9)', async () => {
      await agree(
        canReadProposal,
        (v, p) =>
          proposalReadable(v, {
            organizationId: text(p.organizationId),
            unitId: text(p.unitId),
            authorUserId: text(p.authorUserId),
            caseOfficerPersonId: text(p.caseOfficerPersonId),
            sent: bool(p.sent),
            itemPublic: bool(p.itemPublic),
          }),
        proposals,
      );
      const employee = viewers[5][1];
      assert.ok(proposals.some((p) => canReadProposal(employee, p)) && proposals.some((p) => !canReadProposal(employee, p)));
    });

    test('reading a follow-up: the secretariat, its owner (a closed item’s: the unit’s responsible), the members (24 × 9)', async () => {
      await agree(
        (v, f) => canOnFollowUp(v, 'read', f),
        (v, f) =>
          followUpReadable(v, {
            organizationId: text(f.organizationId),
            ownerUnitId: text(f.ownerUnitId),
            ownerPersonId: text(f.ownerPersonId),
            fromClosedItem: bool(f.fromClosedItem),
          }),
        followUps,
      );
      const employee = viewers[5][1];
      assert.ok(followUps.some((f) => canOnFollowUp(employee, 'read', f)) && followUps.some((f) => !canOnFollowUp(employee, 'read', f)));
    });
  });
}
