// Keeping the search index current. One mechanism: every change to content writes an audit entry
// in its transaction (the project's rule), and `writeAudit` hands the audited object here, so the
// index changes in that same transaction (src/audit/audit.ts). The index is rebuilt at start when
// it was built by another version of the indexing (or never), and after the demo is loaded.
// Who may find each text is kept on its row too (audience.ts): whatever an audited change touches
// (a meeting published or deleted, an item closed or moved, a file made public) is brought up to
// date for every text hanging on it, in the same transaction.
import type { Db, Tx } from '../db/connection.ts';
import { inTransaction } from '../db/connection.ts';
import { audienceOf } from './audience.ts';
import { itemDocs, meetingDocs, proposalText, type SearchDoc } from './model.ts';
import * as store from './store.ts';

type Q = Db | Tx;

/** Bump when what is indexed, or how, changes: the index is rebuilt at the next start. */
export const INDEX_VERSION = '4';

const day = (iso: string | null | undefined) => (iso ?? '').slice(0, 10);

/** Who may find the texts of a scope, worked out anew from their live rows; only rows that changed are written. */
async function refreshAudience(db: Q, scope: store.Scope): Promise<void> {
  const changed = new Map<string, { audience: ReturnType<typeof audienceOf>; ids: number[] }>();
  for (const row of await store.ownerRows(db, scope)) {
    const audience = audienceOf(row.owners);
    const key = JSON.stringify(audience);
    if (key === JSON.stringify(row.audience)) continue;
    const group = changed.get(key) ?? { audience, ids: [] };
    group.ids.push(row.id);
    changed.set(key, group);
  }
  for (const { audience, ids } of changed.values()) await store.setAudience(db, ids, audience);
}

async function indexMeeting(db: Q, id: string, fresh = false): Promise<void> {
  await store.removeDocuments(db, { kind: 'meeting', sourceId: id });
  const m = await store.meetingSource(db, id);
  if (!m || m.deleted) return refreshAudience(db, { meetingId: id });
  await store.insertDocuments(db, meetingDocs({ ...m, start: day(m.start) }));
  // Its items, their files and follow-ups carry its body and day (filters, ranking).
  await store.moveDocuments(db, { meetingId: id }, { organizationId: m.organizationId, date: day(m.start) });
  if (!fresh) await refreshAudience(db, { meetingId: id });
}

async function indexItems(db: Q, where: { id?: string; meetingId?: string }, fresh = false): Promise<void> {
  const items = await store.itemSources(db, where);
  const votes = await store.voteTexts(
    db,
    items.map((i) => i.id),
  );
  for (const i of items) {
    await store.removeDocuments(db, { kind: 'item', sourceId: i.id });
    await store.removeDocuments(db, { kind: 'minutes', sourceId: i.id });
    if (i.deleted) continue;
    await store.insertDocuments(
      db,
      itemDocs(
        { ...i, start: day(i.start) },
        votes.filter((v) => v.agendaItemId === i.id),
      ),
    );
    // Moved to another meeting (at the end of a meeting): its files move with it.
    await store.moveDocuments(db, { agendaItemId: i.id }, { meetingId: i.meetingId, organizationId: i.organizationId, date: day(i.start) });
  }
  if (!fresh) for (const i of items) await refreshAudience(db, { agendaItemId: i.id });
}

async function indexProposal(db: Q, id: string, fresh = false): Promise<void> {
  await store.removeDocuments(db, { kind: 'proposal', sourceId: id });
  const p = await store.proposalSource(db, id);
  if (!p || p.deleted) return refreshAudience(db, { proposalId: id });
  const date = day(p.meetingStart ?? p.proposalDate ?? p.created);
  const doc: SearchDoc = {
    kind: 'proposal',
    part: 'full',
    sourceId: p.id,
    meetingId: p.meetingId,
    agendaItemId: p.agendaItemId,
    proposalId: p.id,
    followUpId: null,
    attachmentId: null,
    organizationId: p.organizationId,
    date,
    title: p.title,
    body: [p.caseNumber, p.caseOfficerName, proposalText(p.content)].filter(Boolean).join('\n'),
  };
  await store.insertDocuments(db, [doc]);
  // Scheduled on an agenda: its files are found with the meeting and its item (who may find them is the item's).
  await store.moveDocuments(db, { proposalId: id }, { meetingId: p.meetingId, agendaItemId: p.agendaItemId, organizationId: p.organizationId, date });
  if (!fresh) await refreshAudience(db, { proposalId: id });
}

async function indexAttachment(db: Q, id: string, fresh = false): Promise<void> {
  await store.removeDocuments(db, { kind: 'attachment', sourceId: id });
  const a = await store.attachmentSource(db, id);
  if (!a || a.deleted) return;
  await store.insertDocuments(db, [
    {
      kind: 'attachment',
      part: 'full',
      sourceId: a.id,
      meetingId: a.meetingId,
      agendaItemId: a.agendaItemId ?? a.proposalItemId,
      proposalId: a.proposalId,
      followUpId: null,
      attachmentId: a.id,
      organizationId: a.meetingOrganizationId ?? a.proposalOrganizationId,
      date: day(a.meetingStart ?? a.created),
      title: a.title,
      body: a.extractedText ?? '',
    },
  ]);
  if (!fresh) await refreshAudience(db, { kind: 'attachment', sourceId: id });
}

async function indexFollowUp(db: Q, id: string, fresh = false): Promise<void> {
  await store.removeDocuments(db, { kind: 'followup', sourceId: id });
  const f = await store.followUpSource(db, id);
  if (!f || f.deleted) return;
  const notes = await store.followUpNotes(db, id);
  await store.insertDocuments(db, [
    {
      kind: 'followup',
      part: 'full',
      sourceId: f.id,
      meetingId: f.meetingId,
      agendaItemId: f.agendaItemId,
      proposalId: null,
      followUpId: f.id,
      attachmentId: null,
      organizationId: f.organizationId,
      date: day(f.meetingStart ?? f.created),
      title: f.text,
      body: notes.map((n) => n.text).join('\n'),
    },
  ]);
  if (!fresh) await refreshAudience(db, { followUpId: id });
}

/**
 * The audited object's texts, indexed anew in the change's transaction. Called by `writeAudit`
 * for every entry; objects that hold no searchable text are ignored.
 */
export async function indexAudited(tx: Q, objectType: string, objectId: string): Promise<void> {
  switch (objectType) {
    case 'meeting':
      return indexMeeting(tx, objectId);
    case 'agendaItem':
      return indexItems(tx, { id: objectId });
    case 'proposal':
      return indexProposal(tx, objectId);
    case 'attachment':
      return indexAttachment(tx, objectId);
    case 'followUp':
      return indexFollowUp(tx, objectId);
  }
}

/** Everything indexed anew (in the caller's transaction, or one of its own). */
export async function rebuildIndex(db: Db | Tx): Promise<void> {
  await inTransaction(db as Db, async (tx) => {
    await store.clearIndex(tx);
    const ids = await store.allIds(tx);
    for (const id of ids.meetings) {
      await indexMeeting(tx, id, true);
      await indexItems(tx, { meetingId: id }, true);
    }
    for (const id of ids.proposals) await indexProposal(tx, id, true);
    for (const id of ids.attachments) await indexAttachment(tx, id, true);
    for (const id of ids.followUps) await indexFollowUp(tx, id, true);
    await refreshAudience(tx, 'all');
    await store.setIndexVersion(tx, INDEX_VERSION);
  });
  if (!db.isTransaction) await store.vacuumIndex(db as Db);
}

/** At start: builds the index when it was never built, or built by another version of the indexing. */
export async function ensureIndex(db: Db): Promise<boolean> {
  if ((await store.indexVersion(db)) === INDEX_VERSION) return false;
  await rebuildIndex(db);
  return true;
}
