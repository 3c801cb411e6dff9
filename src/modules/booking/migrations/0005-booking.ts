import { sql, type Kysely } from 'kysely';

// Frozen migration: Kysely<any>, never imports application code.
//
// Meeting-room booking: buildings, rooms with their rules, the staff groups that may book
// restricted rooms, bookings and recurring series, calendar feed tokens.
//
// The invariant that matters most lives here: no two active bookings of a room overlap. Active
// means pending (awaiting approval: it holds the slot) or confirmed. Intervals are half-open
// [starts_at, blocked_until), where blocked_until = ends_at + the room's buffer at booking time,
// so back-to-back meetings do not collide and buffers are kept. The exclusion constraint makes a
// double booking impossible whatever the application does; the loser of a race gets 23P01.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('booking_buildings')
    .addColumn('id', 'text', (c) => c.primaryKey().check(sql`id ~ '^[a-z0-9][a-z0-9-]{0,62}$'`))
    .addColumn('name', 'text', (c) => c.notNull().check(sql`length(name) between 1 and 200`))
    .addColumn('address', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // Staff groups that may book restricted rooms (e.g. social workers for client-meeting rooms).
  await db.schema
    .createTable('booking_groups')
    .addColumn('id', 'text', (c) => c.primaryKey().check(sql`id ~ '^[a-z0-9][a-z0-9-]{0,62}$'`))
    .addColumn('name', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('booking_group_members')
    .addColumn('group_id', 'text', (c) => c.notNull().references('booking_groups.id').onDelete('cascade'))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('booking_group_members_pk', ['group_id', 'user_id'])
    .execute();
  await db.schema.createIndex('booking_group_members_user_idx').on('booking_group_members').column('user_id').execute();

  await db.schema
    .createTable('booking_rooms')
    .addColumn('id', 'text', (c) => c.primaryKey().check(sql`id ~ '^[a-z0-9][a-z0-9-]{0,62}$'`))
    .addColumn('building_id', 'text', (c) => c.notNull().references('booking_buildings.id'))
    .addColumn('floor', 'integer', (c) => c.notNull().check(sql`floor between -5 and 100`))
    .addColumn('name', 'text', (c) => c.notNull().check(sql`length(name) between 1 and 200`))
    .addColumn('capacity', 'integer', (c) => c.notNull().check(sql`capacity between 1 and 1000`))
    .addColumn('equipment', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('accessibility', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('purpose', 'text', (c) =>
      c.notNull().check(sql`purpose in ('meeting', 'client-meeting', 'training', 'quiet')`),
    )
    // Who may book: empty = all staff; otherwise members of one of these groups.
    .addColumn('allowed_groups', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    // Opening hours in Europe/Stockholm local time, on ISO weekdays (1 = Monday … 7 = Sunday).
    .addColumn('opens_at', 'time', (c) => c.notNull().defaultTo('07:00'))
    .addColumn('closes_at', 'time', (c) => c.notNull().defaultTo('18:00'))
    .addColumn('open_weekdays', sql`smallint[]`, (c) => c.notNull().defaultTo(sql`'{1,2,3,4,5}'`))
    .addColumn('min_minutes', 'integer', (c) => c.notNull().defaultTo(15))
    .addColumn('max_minutes', 'integer', (c) => c.notNull().defaultTo(480))
    .addColumn('max_days_ahead', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(180)
        .check(sql`max_days_ahead between 0 and 730`),
    )
    .addColumn('approval_required', 'boolean', (c) => c.notNull().defaultTo(false))
    // Members of this group approve bookings of the room; null = administrators.
    .addColumn('approver_group', 'text', (c) => c.references('booking_groups.id').onDelete('set null'))
    .addColumn('buffer_minutes', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`buffer_minutes between 0 and 240`),
    )
    // Minutes after the start within which the booker must check in; null = no check-in needed.
    .addColumn('checkin_window_minutes', 'integer', (c) =>
      c.defaultTo(15).check(sql`checkin_window_minutes between 1 and 240`),
    )
    // The door page's capability: the tablet by the door (or the QR code on it) carries this key,
    // so the page works without a sign-in; an administrator can rotate it.
    .addColumn('door_key', 'text', (c) =>
      c
        .notNull()
        .unique()
        .check(sql`length(door_key) >= 24`),
    )
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('booking_rooms_hours', sql`opens_at < closes_at`)
    .addCheckConstraint(
      'booking_rooms_durations',
      sql`min_minutes between 5 and 1440 and max_minutes between min_minutes and 1440`,
    )
    .execute();
  await db.schema
    .createIndex('booking_rooms_building_idx')
    .on('booking_rooms')
    .columns(['building_id', 'floor'])
    .execute();
  await db.schema
    .createIndex('booking_rooms_capacity_idx')
    .on('booking_rooms')
    .columns(['capacity'])
    .where(sql.ref('active'), '=', true)
    .execute();

  // A recurring series: the rule (RFC 5545 subset) and the local wall-clock time it keeps.
  await db.schema
    .createTable('booking_series')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('room_id', 'text', (c) => c.notNull().references('booking_rooms.id'))
    .addColumn('booker_id', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('attendees', 'integer', (c) => c.notNull().check(sql`attendees between 1 and 1000`))
    // { freq: 'weekly' | 'biweekly' | 'monthly-weekday', until?: 'YYYY-MM-DD', count?: n }
    .addColumn('rule', 'jsonb', (c) => c.notNull())
    .addColumn('first_date', 'date', (c) => c.notNull())
    .addColumn('local_start', 'time', (c) => c.notNull())
    .addColumn('duration_minutes', 'integer', (c) => c.notNull().check(sql`duration_minutes between 5 and 1440`))
    .addColumn('ical_uid', 'text', (c) => c.notNull().unique())
    .addColumn('sequence', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('idempotency_key', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('cancelled_at', 'timestamptz')
    .addUniqueConstraint('booking_series_idempotency', ['booker_id', 'idempotency_key'])
    .execute();

  await db.schema
    .createTable('bookings')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('room_id', 'text', (c) => c.notNull().references('booking_rooms.id'))
    .addColumn('booker_id', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('series_id', 'uuid', (c) => c.references('booking_series.id'))
    .addColumn('title', 'text', (c) => c.notNull().check(sql`length(title) between 1 and 200`))
    .addColumn('attendees', 'integer', (c) => c.notNull().check(sql`attendees between 1 and 1000`))
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('pending', 'confirmed', 'cancelled', 'released', 'rejected')`),
    )
    .addColumn('starts_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ends_at', 'timestamptz', (c) => c.notNull())
    // ends_at + the room's buffer when booked: the end of the interval the room is held.
    .addColumn('blocked_until', 'timestamptz', (c) => c.notNull())
    // For an occurrence of a series: the start the rule gave it (iCalendar RECURRENCE-ID).
    .addColumn('occurrence_start', 'timestamptz')
    .addColumn('ical_uid', 'text', (c) => c.notNull())
    // iCalendar SEQUENCE: raised by every change the attendee's calendar must apply.
    .addColumn('sequence', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('web', 'api', 'door', 'series', 'import')`))
    .addColumn('idempotency_key', 'text')
    .addColumn('checked_in_at', 'timestamptz')
    .addColumn('decided_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('decided_at', 'timestamptz')
    .addColumn('cancelled_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('ended_at', 'timestamptz') // cancelled, released or rejected at
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('bookings_interval', sql`ends_at > starts_at and blocked_until >= ends_at`)
    .addUniqueConstraint('bookings_idempotency', ['booker_id', 'idempotency_key'])
    .execute();
  await sql`alter table bookings add constraint bookings_no_overlap
    exclude using gist (room_id with =, tstzrange(starts_at, blocked_until, '[)') with &&)
    where (status in ('pending', 'confirmed'))`.execute(db);
  await db.schema.createIndex('bookings_booker_idx').on('bookings').columns(['booker_id', 'starts_at']).execute();
  await db.schema.createIndex('bookings_series_idx').on('bookings').columns(['series_id', 'starts_at']).execute();
  await db.schema.createIndex('bookings_room_start_idx').on('bookings').columns(['room_id', 'starts_at']).execute();
  // The auto-release job's scan: confirmed bookings not checked in.
  await sql`create index bookings_awaiting_checkin_idx on bookings (starts_at) where status = 'confirmed' and checked_in_at is null`.execute(
    db,
  );

  // Private, revocable iCalendar feed URLs (per user or per room); only the token's hash is kept.
  await db.schema
    .createTable('booking_calendar_feeds')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('owner_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('room_id', 'text', (c) => c.references('booking_rooms.id').onDelete('cascade'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('revoked_at', 'timestamptz')
    .execute();

  // A member of staff's preferred building ranks the finder's results.
  await db.schema
    .createTable('booking_preferences')
    .addColumn('user_id', 'uuid', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('building_id', 'text', (c) => c.references('booking_buildings.id').onDelete('set null'))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'booking_preferences',
    'booking_calendar_feeds',
    'bookings',
    'booking_series',
    'booking_rooms',
    'booking_group_members',
    'booking_groups',
    'booking_buildings',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
