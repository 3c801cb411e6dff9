import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../../../platform/db/database.ts';
import { bDb } from '../booking.table.ts';

/** For the route harnesses: a calendar feed link of the owner's (only its hash is stored). */
export async function bookingFeedFixture(
  db: Db,
  ownerId: string,
): Promise<{ params: { id: string }; secrets: string[] }> {
  const row = await bDb(db)
    .insertInto('booking_calendar_feeds')
    .values({
      owner_id: ownerId,
      room_id: null,
      token_hash: createHash('sha256').update(randomBytes(32).toString('base64url')).digest('hex'),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { params: { id: row.id }, secrets: [row.id] };
}
