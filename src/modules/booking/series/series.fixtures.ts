import { randomBytes, randomUUID } from 'node:crypto';
import type { Db } from '../../../platform/db/database.ts';
import { bDb } from '../booking.table.ts';
import { addDays, fromLocal } from '../local-time.ts';

let next = 0;

/**
 * For the route harnesses (test/harness/fixtures.ts): a weekly series of two occurrences in
 * a demo room, written directly (the owner the harness uses is a resident, who could not book).
 * Each call takes its own far-future week, so fixtures never collide with each other.
 */
export async function bookingSeriesFixture(
  db: Db,
  ownerId: string,
): Promise<{ params: { id: string }; body: Record<string, unknown>; secrets: string[] }> {
  const marker = `harness-series-${randomBytes(6).toString('hex')}`;
  const firstDate = addDays('2030-01-07', 14 * next++);
  const uid = `${randomUUID()}@smorgasbord`;
  const b = bDb(db);
  const series = await b
    .insertInto('booking_series')
    .values({
      room_id: 'stadshuset-oresund',
      booker_id: ownerId,
      title: marker,
      attendees: 2,
      rule: JSON.stringify({ freq: 'weekly', count: 2 }),
      first_date: firstDate,
      local_start: '10:00',
      duration_minutes: 60,
      ical_uid: uid,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const ids: string[] = [];
  for (const date of [firstDate, addDays(firstDate, 7)]) {
    const startsAt = fromLocal(date, '10:00');
    const endsAt = fromLocal(date, '11:00');
    const row = await b
      .insertInto('bookings')
      .values({
        room_id: 'stadshuset-oresund',
        booker_id: ownerId,
        series_id: series.id,
        title: marker,
        attendees: 2,
        status: 'confirmed',
        starts_at: startsAt,
        ends_at: endsAt,
        blocked_until: endsAt,
        occurrence_start: startsAt,
        ical_uid: uid,
        source: 'series',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.push(row.id);
  }
  return { params: { id: series.id }, body: { omfattning: 'one', tillfalle: ids[0] }, secrets: [marker, series.id] };
}
