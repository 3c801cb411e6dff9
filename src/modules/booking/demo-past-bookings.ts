import type { Db } from '../../platform/db/database.ts';
import { bDb } from './booking.table.ts';
import { DEMO_ROOMS } from './demo-rooms.ts';
import { addDays, fromLocal, isoWeekday, minutesOf, timeOf, toLocal } from './local-time.ts';

/**
 * Past bookings for the demo (`npm start`), so facility insight shows something other than zeros:
 * the demo rooms' open weekdays of the last `weeks` weeks, office hours, meetings of 30 minutes to
 * 2 hours. In rooms with check-in most are checked in and some released (nobody came); in rooms
 * without, they are plain confirmed bookings.
 *
 * Deterministic: each room-day draws from a random generator seeded by its room and date, so a
 * second start writes the same rows, and their idempotency keys (and the no-overlap constraint)
 * make the insert skip them: ON CONFLICT DO NOTHING. A few statements in all (rows in chunks).
 */

const TITLES = ['Avdelningsmöte', 'Planering', 'Veckoavstämning', 'Handledning', 'Projektmöte', 'Introduktion'];
const CLIENT_TITLES = ['Klientsamtal', 'Uppföljningssamtal', 'Nätverksmöte'];
const QUIET_TITLES = ['Fokustid', 'Skrivarbete'];
const STAFF = ['johan', 'erik', 'sara', 'admin'];
const SOCIAL = ['erik', 'sara'];
const CHUNK = 500;

/** mulberry32: a small seeded generator in [0, 1). */
export function seededRandom(seedText: string): () => number {
  let seed = 2166136261;
  for (let i = 0; i < seedText.length; i++) seed = Math.imul(seed ^ seedText.charCodeAt(i), 16777619);
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function seedDemoPastBookings(db: Db, now: Date, weeks = 8): Promise<number> {
  const b = bDb(db);
  const users = await b
    .selectFrom('users')
    .select(['id', 'username'])
    .where('username', 'in', [...STAFF])
    .execute();
  const idOf = new Map(users.map((u) => [u.username, u.id]));
  const demoIds = DEMO_ROOMS.map((r) => r.id);
  const rooms = await b
    .selectFrom('booking_rooms')
    .select(['id', 'capacity', 'purpose', 'opens_at', 'closes_at', 'open_weekdays', 'buffer_minutes'])
    .select(['checkin_window_minutes', 'min_minutes', 'max_minutes'])
    .where('id', 'in', demoIds)
    .where('active', '=', true)
    .execute();
  if (rooms.length === 0 || idOf.size === 0) return 0;
  const today = toLocal(now).date;
  const rows = [];
  for (let d = weeks * 7; d >= 1; d--) {
    const date = addDays(today, -d);
    for (const room of rooms) {
      if (!room.open_weekdays.includes(isoWeekday(date))) continue;
      const random = seededRandom(`${room.id}/${date}`);
      const opens = Math.max(minutesOf(room.opens_at), 8 * 60);
      const closes = Math.min(minutesOf(room.closes_at), 17 * 60);
      const bookers = room.purpose === 'client-meeting' ? SOCIAL : STAFF;
      const titles =
        room.purpose === 'client-meeting' ? CLIENT_TITLES : room.purpose === 'quiet' ? QUIET_TITLES : TITLES;
      const busy = 0.25 + random() * 0.35; // some days are quieter than others
      let k = 0;
      for (let t = opens; t < closes;) {
        const length = Math.min(
          room.max_minutes,
          Math.max(room.min_minutes, [30, 60, 60, 90, 120][Math.floor(random() * 5)]!),
        );
        if (random() > busy || t + length > closes) {
          t += 30;
          continue;
        }
        const booker = idOf.get(bookers[Math.floor(random() * bookers.length)]!);
        const startsAt = fromLocal(date, timeOf(t));
        const endsAt = fromLocal(date, timeOf(t + length));
        const fate = random();
        const needsCheckIn = room.checkin_window_minutes !== null;
        const released = needsCheckIn && fate < 0.15;
        t += length + room.buffer_minutes;
        k++;
        if (!booker) continue;
        rows.push({
          room_id: room.id,
          booker_id: booker,
          title: titles[Math.floor(random() * titles.length)]!,
          attendees: Math.max(1, Math.min(room.capacity, 1 + Math.floor(random() * room.capacity))),
          status: released ? ('released' as const) : ('confirmed' as const),
          starts_at: startsAt,
          ends_at: endsAt,
          blocked_until: new Date(endsAt.getTime() + room.buffer_minutes * 60_000),
          ical_uid: `demo-${room.id}-${date}-${k}@smorgasbord.demo`,
          source: 'web' as const,
          idempotency_key: `demo-past/${room.id}/${date}/${k}`,
          checked_in_at:
            needsCheckIn && !released ? new Date(startsAt.getTime() + Math.floor(random() * 5) * 60_000) : null,
          ended_at: released ? new Date(startsAt.getTime() + (room.checkin_window_minutes ?? 15) * 60_000) : null,
          created_at: new Date(startsAt.getTime() - 3 * 86_400_000),
          updated_at: new Date(startsAt.getTime() - 3 * 86_400_000),
        });
      }
    }
  }
  // The usual second start: the newest row is there already, so are the others (nothing to insert).
  const newest = rows.at(-1);
  if (
    !newest ||
    (await b
      .selectFrom('bookings')
      .select('id')
      .where('booker_id', '=', newest.booker_id)
      .where('idempotency_key', '=', newest.idempotency_key)
      .executeTakeFirst())
  )
    return 0;
  let inserted = 0;
  for (let i = 0; i < rows.length; i += CHUNK) {
    const result = await b
      .insertInto('bookings')
      .values(rows.slice(i, i + CHUNK))
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    inserted += Number(result.numInsertedOrUpdatedRows ?? 0);
  }
  return inserted;
}
