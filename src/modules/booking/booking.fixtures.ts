import { randomBytes, randomUUID } from 'node:crypto';
import type { User } from '../../platform/auth/roles.ts';
import type { Db } from '../../platform/db/database.ts';
import { bDb } from './booking.table.ts';

/**
 * Test fixture (the harnesses' `booking.booking`): a confirmed booking of a demo room with the
 * given user as booker, written directly (the owner may be anyone, even someone who could not
 * book). Every call takes the next free 20-minute slot, so fixtures never collide. The room is a
 * client-meeting (private) room, the strictest case: its title is for the booker alone, so the
 * permission matrix checks that nobody else who may open the booking (administrators) sees it.
 */
let next = 0;
const PRIVATE_ROOM = 'rosengard-samtal-1';

export async function bookingFixture(
  db: Db,
  owner: User,
): Promise<{ params: Record<string, string>; secrets: string[]; ownerOnly: string[] }> {
  const marker = `harness-booking-${randomBytes(6).toString('hex')}`;
  const b = bDb(db);
  for (;;) {
    const startsAt = new Date(Date.UTC(2027, 0, 4) + next++ * 20 * 60_000);
    const endsAt = new Date(startsAt.getTime() + 15 * 60_000);
    const taken = await b
      .selectFrom('bookings')
      .select('id')
      .where('room_id', '=', PRIVATE_ROOM)
      .where('starts_at', '<', new Date(endsAt.getTime() + 5 * 60_000))
      .where('blocked_until', '>', startsAt)
      .executeTakeFirst();
    if (taken) continue;
    const row = await b
      .insertInto('bookings')
      .values({
        room_id: PRIVATE_ROOM,
        booker_id: owner.id,
        title: marker,
        attendees: 2,
        status: 'confirmed',
        starts_at: startsAt,
        ends_at: endsAt,
        blocked_until: endsAt,
        ical_uid: `${randomUUID()}@smorgasbord`,
        source: 'web',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { params: { id: row.id }, secrets: [marker], ownerOnly: [marker] };
  }
}
