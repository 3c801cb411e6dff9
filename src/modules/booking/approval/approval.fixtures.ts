import { randomBytes, randomUUID } from 'node:crypto';
import type { User } from '../../../platform/auth/roles.ts';
import type { Db } from '../../../platform/db/database.ts';
import { bDb } from '../booking.table.ts';

/**
 * Test fixture (the harnesses' `booking.pending`): a pending booking of the demo room that needs
 * approval (stadshuset-radssalen, approved by lokalservice: the demo admin) with `owner` as
 * booker, written directly. Every call takes the next free two-hour slot.
 */
let next = 0;

export async function pendingBookingFixture(
  db: Db,
  owner: User,
): Promise<{ params: Record<string, string>; secrets: string[] }> {
  const marker = `harness-pending-${randomBytes(6).toString('hex')}`;
  const b = bDb(db);
  for (;;) {
    const startsAt = new Date(Date.UTC(2027, 1, 1, 8) + next++ * 24 * 3600_000);
    const endsAt = new Date(startsAt.getTime() + 60 * 60_000);
    const blockedUntil = new Date(endsAt.getTime() + 30 * 60_000);
    const taken = await b
      .selectFrom('bookings')
      .select('id')
      .where('room_id', '=', 'stadshuset-radssalen')
      .where('starts_at', '<', blockedUntil)
      .where('blocked_until', '>', startsAt)
      .executeTakeFirst();
    if (taken) continue;
    const row = await b
      .insertInto('bookings')
      .values({
        room_id: 'stadshuset-radssalen',
        booker_id: owner.id,
        title: marker,
        attendees: 10,
        status: 'pending',
        starts_at: startsAt,
        ends_at: endsAt,
        blocked_until: blockedUntil,
        ical_uid: `${randomUUID()}@smorgasbord`,
        source: 'web',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { params: { id: row.id }, secrets: [marker] };
  }
}
