import { sql } from 'kysely';
import type { User } from '../../../platform/auth/roles.ts';
import type { Db, Trx } from '../../../platform/db/database.ts';
import { AppError } from '../../../platform/http/errors.ts';
import { bDb } from '../booking.table.ts';
import type { Booking, Room } from '../booking.schema.ts';
import { getBooking, mayManage, type BookingDeps } from '../booking.service.ts';
import { toBooking } from '../booking.repository.ts';
import { findRoom } from '../room.repository.ts';

/**
 * Check-in: the booker (or someone who manages the booking) says the meeting is happening, on
 * the booking page, or anyone at the door does so on the door page (the door key is the proof of
 * being there). Allowed from CHECKIN_EARLY_MINUTES before the start until the room's check-in
 * window after it; a room without a window needs no check-in. Idempotent: checking in twice is
 * the first check-in.
 */

export const CHECKIN_EARLY_MINUTES = 10;
/** No-shows are counted over this many days back. */
export const NO_SHOW_DAYS = 90;
const MINUTE = 60_000;

/** A signed-in member of staff, or the room's door (its key). */
export type CheckInActor = User | { doorKey: string };

function isDoor(actor: CheckInActor): actor is { doorKey: string } {
  return 'doorKey' in actor;
}

export interface CheckInWindow {
  opens: Date;
  closes: Date;
}

/** When the booking may be checked in; null when the room needs no check-in. */
export function checkInWindow(booking: Pick<Booking, 'startsAt'>, room: Room): CheckInWindow | null {
  const window = room.rules.checkinWindowMinutes;
  if (window === null) return null;
  return {
    opens: new Date(booking.startsAt.getTime() - CHECKIN_EARLY_MINUTES * MINUTE),
    closes: new Date(booking.startsAt.getTime() + window * MINUTE),
  };
}

/** May the booking be checked in now (confirmed, not yet checked in, within the window)? */
export function canCheckIn(booking: Booking, room: Room, now: Date): boolean {
  const window = checkInWindow(booking, room);
  return (
    booking.status === 'confirmed' &&
    booking.checkedInAt === null &&
    window !== null &&
    now >= window.opens &&
    now <= window.closes
  );
}

function refuse(code: string, message: string, params?: Record<string, string | number>): never {
  throw new AppError('CONFLICT', message, { fields: [{ field: 'checkIn', code, ...(params ? { params } : {}) }] });
}

export async function checkIn(deps: BookingDeps, actor: CheckInActor, bookingId: string): Promise<Booking> {
  const { db, clock } = deps;
  const booking = await getBooking(db, bookingId);
  const room = booking && (await findRoom(db, booking.roomId));
  // A booking the caller may not act on is "not found": ids are no way to probe.
  if (!booking || !room) throw new AppError('NOT_FOUND', 'There is no such booking.');
  if (isDoor(actor)) {
    const key = await bDb(db)
      .selectFrom('booking_rooms')
      .select('door_key')
      .where('id', '=', room.id)
      .where('active', '=', true)
      .executeTakeFirst();
    if (!key || key.door_key !== actor.doorKey) throw new AppError('NOT_FOUND', 'There is no such booking.');
  } else if (!(await mayManage(db, booking, room, actor))) {
    throw new AppError('NOT_FOUND', 'There is no such booking.');
  }
  if (booking.checkedInAt !== null) return booking;
  if (booking.status === 'released') refuse('checkinReleased', 'The booking was released: nobody checked in in time.');
  if (booking.status === 'pending') refuse('checkinPending', 'The booking awaits approval.');
  if (booking.status !== 'confirmed') refuse('notActive', 'The booking is no longer active.');
  const window = checkInWindow(booking, room);
  if (window === null) refuse('checkinNotNeeded', 'The room needs no check-in.');
  const now = clock();
  if (now < window.opens) refuse('checkinTooEarly', 'Too early to check in.', { minutes: CHECKIN_EARLY_MINUTES });
  if (now > window.closes)
    refuse('checkinTooLate', 'The check-in window has passed.', { minutes: room.rules.checkinWindowMinutes! });

  return db.transaction().execute(async (trx) => {
    const row = await bDb(trx)
      .updateTable('bookings')
      .set({ checked_in_at: now, updated_at: now })
      .where('id', '=', booking.id)
      .where('status', '=', 'confirmed')
      .where('checked_in_at', 'is', null)
      .returningAll()
      .executeTakeFirst();
    if (!row) {
      // Checked in (a double tap) or released meanwhile.
      const current = (await getBooking(trx, booking.id))!;
      if (current.checkedInAt !== null) return current;
      refuse(current.status === 'released' ? 'checkinReleased' : 'notActive', 'The booking is no longer active.');
    }
    const checkedIn = toBooking(row);
    await deps.onChange?.(trx, {
      kind: 'checked-in',
      booking: checkedIn,
      previous: booking,
      room,
      actorId: isDoor(actor) ? null : actor.id,
    });
    return checkedIn;
  });
}

/** The user's no-shows: their bookings released for want of a check-in, starting in the last NO_SHOW_DAYS days. */
export async function noShowCount(db: Db | Trx, userId: string, now: Date): Promise<number> {
  const row = await bDb(db)
    .selectFrom('bookings')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('booker_id', '=', userId)
    .where('starts_at', '>=', new Date(now.getTime() - NO_SHOW_DAYS * 24 * 60 * MINUTE))
    .where('starts_at', '<=', now)
    .where('status', '=', 'released')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
