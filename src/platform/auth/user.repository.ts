import type { Db } from '../db/database.ts';
import type { UserRow } from '../db/types.ts';
import { ROLES, type Role, type User } from './roles.ts';

export function userRowToUser(row: UserRow): User {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    kind: row.kind,
    roles: row.roles.filter((r): r is Role => (ROLES as readonly string[]).includes(r)),
    email: row.email,
    personalNumber: row.personal_number,
  };
}

export async function findUserById(db: Db, id: string): Promise<User | undefined> {
  const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  return row && userRowToUser(row);
}

export async function findUserByUsername(db: Db, username: string): Promise<User | undefined> {
  const row = await db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
  return row && userRowToUser(row);
}

export async function findUserBySubject(db: Db, subject: string): Promise<User | undefined> {
  const row = await db.selectFrom('users').selectAll().where('subject', '=', subject).executeTakeFirst();
  return row && userRowToUser(row);
}

export async function findUserByPersonalNumber(db: Db, personalNumber: string): Promise<User | undefined> {
  const row = await db.selectFrom('users').selectAll().where('personal_number', '=', personalNumber).executeTakeFirst();
  return row && userRowToUser(row);
}

/** The user with this username and the IdP subject their account is linked to (null when none yet). */
export async function findUserLinkByUsername(
  db: Db,
  username: string,
): Promise<{ user: User; subject: string | null } | undefined> {
  const row = await db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
  return row && { user: userRowToUser(row), subject: row.subject };
}

export interface UpsertUserInput {
  username: string;
  subject: string;
  displayName: string;
  kind: 'staff' | 'resident';
  roles: Role[];
  email: string | null;
  personalNumber: string | null;
}

/** Creates or refreshes a user from an identity provider's claims, keyed by username. */
export async function upsertUser(db: Db, input: UpsertUserInput): Promise<User> {
  const row = await db
    .insertInto('users')
    .values({
      username: input.username,
      subject: input.subject,
      display_name: input.displayName,
      kind: input.kind,
      roles: input.roles,
      email: input.email,
      personal_number: input.personalNumber,
    })
    .onConflict((oc) =>
      oc.column('username').doUpdateSet({
        subject: input.subject,
        display_name: input.displayName,
        kind: input.kind,
        roles: input.roles,
        email: input.email,
        personal_number: input.personalNumber,
      }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
  return userRowToUser(row);
}
