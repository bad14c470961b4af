import type { Kysely } from 'kysely';
import type { Database, NewAccount } from '../../db/tables.js';
import type { AgencyScope } from '../../platform/policy.js';
import type { NewAgency } from './schema.js';

export function listAgencies(db: Kysely<Database>) {
  return db.selectFrom('agency').selectAll().orderBy('name').execute();
}

export function findAgency(db: Kysely<Database>, scope: AgencyScope, id: string) {
  let query = db.selectFrom('agency').selectAll().where('id', '=', id);
  if ('agencyId' in scope) query = query.where('id', '=', scope.agencyId);
  return query.executeTakeFirst();
}

export function findAgencyBySlug(db: Kysely<Database>, slug: string) {
  return db.selectFrom('agency').selectAll().where('slug', '=', slug).executeTakeFirst();
}

export function insertAgency(db: Kysely<Database>, agency: NewAgency) {
  return db.insertInto('agency').values(agency).returningAll().executeTakeFirstOrThrow();
}

export function listAccounts(db: Kysely<Database>, scope: AgencyScope, agencyId?: string) {
  let query = db.selectFrom('account').selectAll().orderBy('email');
  if ('agencyId' in scope) query = query.where('agencyId', '=', scope.agencyId);
  if (agencyId) query = query.where('agencyId', '=', agencyId);
  return query.execute();
}

export function findAccount(db: Kysely<Database>, scope: AgencyScope, id: string) {
  let query = db.selectFrom('account').selectAll().where('id', '=', id);
  if ('agencyId' in scope) query = query.where('agencyId', '=', scope.agencyId);
  return query.executeTakeFirst();
}

export function findAccountByEmail(db: Kysely<Database>, email: string) {
  return db.selectFrom('account').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst();
}

export function insertAccount(db: Kysely<Database>, account: NewAccount) {
  return db.insertInto('account').values(account).returningAll().executeTakeFirstOrThrow();
}

export function updateAccount(db: Kysely<Database>, id: string, changes: { disabledAt?: Date | null; passwordHash?: string }) {
  return db
    .updateTable('account')
    .set({ ...changes, updatedAt: new Date() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}
