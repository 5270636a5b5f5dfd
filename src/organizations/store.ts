// Queries for bodies and their organizations.
import type { Db } from '../db/connection.ts';

export const listBodies = (db: Db) => db.selectFrom('bodies').select(['id', 'name']).where('deleted', 'is', null).orderBy('name').execute();

// Council first, units last: the order the municipality itself lists them in.
const kindOrder = ['council', 'executive', 'committee', 'alderman', 'unit'];

export async function listOrganizations(db: Db) {
  const rows = await db
    .selectFrom('organizations')
    .select(['id', 'bodyId', 'name', 'shortName', 'kind', 'parentId'])
    .where('deleted', 'is', null)
    .orderBy('name')
    .execute();
  return rows.sort((a, b) => kindOrder.indexOf(a.kind) - kindOrder.indexOf(b.kind));
}

/** The name of the municipality (body) an organization belongs to: the header of every document. */
export async function municipalityOf(db: Db, organizationId: string): Promise<string> {
  const body = await db
    .selectFrom('organizations')
    .innerJoin('bodies', 'bodies.id', 'organizations.bodyId')
    .select('bodies.name')
    .where('organizations.id', '=', organizationId)
    .executeTakeFirst();
  return body?.name ?? '';
}

/** The sender's column of an organization's documents (the agenda's letterhead); null when none is set. */
export async function senderOf(
  db: Db,
  organizationId: string,
): Promise<{ department: string | null; unit: string | null; address: string | null; phone: string | null; email: string | null } | null> {
  const row = await db
    .selectFrom('organizations')
    .select(['senderDepartment', 'senderUnit', 'senderAddress', 'senderPhone', 'senderEmail'])
    .where('id', '=', organizationId)
    .executeTakeFirst();
  if (!row || Object.values(row).every((v) => v === null)) return null;
  return { department: row.senderDepartment, unit: row.senderUnit, address: row.senderAddress, phone: row.senderPhone, email: row.senderEmail };
}
