import type { Kysely } from 'kysely';
import { sql } from 'kysely';

// Frozen migration: Kysely<any>, never imports application code.
//
// When and how the applicant received (fick del av) a decision: the three weeks to appeal run
// from that day (förvaltningslagen 44 §), not from the day it was made. Null until received.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('decisions')
    .addColumn('received_at', 'timestamptz')
    .addColumn('received_via', 'text', (c) =>
      c.check(sql`received_via in ('my-pages', 'digital-mailbox', 'post', 'appeal')`),
    )
    .execute();
  await sql`alter table decisions add constraint decisions_received_check
    check ((received_at is null) = (received_via is null))`.execute(db);
}
