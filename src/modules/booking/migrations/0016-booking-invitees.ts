import { sql, type Kysely } from 'kysely';

// Frozen migration: Kysely<any>, never imports application code.
//
// Colleagues (and outside guests by e-mail) invited to a booking: each gets the booking's
// iCalendar invite, its updates and its cancellation. A colleague is kept by user id (the name
// and address are read when mailing); a guest by address. `display_name` is what the booking
// page shows. "attendees" on bookings stays the number of people (the room's capacity rule).
// A Teams meeting link is optional per booking; only https links are stored (checked here too).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('bookings')
    .addColumn('teams_url', 'text', (c) => c.check(sql`teams_url like 'https://%' and length(teams_url) <= 2000`))
    .execute();
  await db.schema
    .createTable('booking_invitees')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('booking_id', 'uuid', (c) => c.notNull().references('bookings.id').onDelete('cascade'))
    .addColumn('user_id', 'uuid', (c) => c.references('users.id').onDelete('cascade'))
    .addColumn('email', 'text', (c) => c.check(sql`email = lower(email) and length(email) <= 254`))
    .addColumn('display_name', 'text', (c) => c.notNull().check(sql`length(display_name) between 1 and 200`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    // A colleague by id, or a guest by address: exactly one of them.
    .addCheckConstraint('booking_invitees_who', sql`(user_id is null) <> (email is null)`)
    .execute();
  await sql`create unique index booking_invitees_user on booking_invitees (booking_id, user_id) where user_id is not null`.execute(
    db,
  );
  await sql`create unique index booking_invitees_email on booking_invitees (booking_id, email) where email is not null`.execute(
    db,
  );
  // "Bookings I am invited to": the title permission in private rooms asks it per viewer.
  await db.schema.createIndex('booking_invitees_user_idx').on('booking_invitees').column('user_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('booking_invitees').execute();
  await db.schema.alterTable('bookings').dropColumn('teams_url').execute();
}
