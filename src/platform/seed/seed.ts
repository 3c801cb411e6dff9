import type { Db } from '../db/database.ts';
import { DEMO_USERS } from './demo-users.ts';

/** Seeds the demo municipality and the test users; safe to run at every start. */
export async function seedDemo(db: Db, municipality: { code: string; name: string }): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('municipalities')
      .values(municipality)
      .onConflict((oc) => oc.column('code').doUpdateSet({ name: municipality.name }))
      .execute();
    for (const u of DEMO_USERS) {
      await trx
        .insertInto('users')
        .values({
          username: u.username,
          subject: `dev:${u.username}`,
          display_name: u.displayName,
          kind: u.kind,
          roles: u.roles,
          email: u.email,
          personal_number: u.personalNumber,
        })
        .onConflict((oc) => oc.column('username').doNothing())
        .execute();
    }
  });
}
