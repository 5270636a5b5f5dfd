// Queries for bodies and their organizations.
import type { Db } from '../db/connection.ts';

export const listBodies = (db: Db) => db.selectFrom('bodies').select(['id', 'name']).where('deleted', 'is', null).orderBy('name').execute();

export const listOrganizations = (db: Db) =>
  db
    .selectFrom('organizations')
    .select(['id', 'bodyId', 'name', 'shortName', 'kind', 'parentId'])
    .where('deleted', 'is', null)
    .orderBy('kind')
    .orderBy('name')
    .execute();
