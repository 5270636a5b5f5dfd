// The audit trail: one entry per change, written in the same transaction as the change.
import type { Db, Tx } from '../db/connection.ts';
import { nowIso } from '../lib/time.ts';
import { indexAudited } from '../search/indexer.ts';

export interface AuditInput {
  actorUserId: string | null;
  action: string;
  objectType: string;
  objectId: string;
  before?: unknown;
  after?: unknown;
}

export async function writeAudit(tx: Tx, entry: AuditInput): Promise<void> {
  await tx
    .insertInto('auditEntries')
    .values({
      at: nowIso(),
      actorUserId: entry.actorUserId,
      action: entry.action,
      objectType: entry.objectType,
      objectId: entry.objectId,
      before: entry.before === undefined ? null : JSON.stringify(entry.before),
      after: entry.after === undefined ? null : JSON.stringify(entry.after),
    })
    .execute();
  // Every change to content is audited here, in its transaction: the search index follows in it.
  await indexAudited(tx, entry.objectType, entry.objectId);
}

export async function auditTrail(db: Db, objectType: string, objectId: string) {
  return db.selectFrom('auditEntries').selectAll().where('objectType', '=', objectType).where('objectId', '=', objectId).orderBy('id').execute();
}
