import type { Kysely } from 'kysely';

// Frozen migration: Kysely<any>, never imports application code.
//
// The calendar-feed form (POST /lokaler/kalender) carries an idempotency key made when the form
// is rendered: a reload or a double click sends the same key again, and that must not leave a
// second feed link behind (the token is shown once, so the user would hold only one of them).
// Nullable: feeds made before this migration, and forms rendered before it, have none.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('booking_calendar_feeds').addColumn('idempotency_key', 'text').execute();
  await db.schema
    .alterTable('booking_calendar_feeds')
    .addUniqueConstraint('booking_calendar_feeds_idempotency', ['owner_id', 'idempotency_key'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('booking_calendar_feeds').dropConstraint('booking_calendar_feeds_idempotency').execute();
  await db.schema.alterTable('booking_calendar_feeds').dropColumn('idempotency_key').execute();
}
