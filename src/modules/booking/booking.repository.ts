import { sql } from 'kysely';
import type { Db, Trx } from '../../platform/db/database.ts';
import type { Booking, BookingStatus, Room } from './booking.schema.ts';
import { bDb, type BookingRow } from './booking.table.ts';

/** Bookings read from the database, mapped to the domain's Booking (rows never leave here and the services). */

export function toBooking(row: BookingRow): Booking {
  return {
    id: row.id,
    roomId: row.room_id,
    bookerId: row.booker_id,
    seriesId: row.series_id,
    title: row.title,
    attendees: row.attendees,
    status: row.status,
    startsAt: new Date(row.starts_at),
    endsAt: new Date(row.ends_at),
    blockedUntil: new Date(row.blocked_until),
    occurrenceStart: row.occurrence_start ? new Date(row.occurrence_start) : null,
    icalUid: row.ical_uid,
    sequence: row.sequence,
    source: row.source,
    checkedInAt: row.checked_in_at ? new Date(row.checked_in_at) : null,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at ? new Date(row.decided_at) : null,
    cancelledBy: row.cancelled_by,
    endedAt: row.ended_at ? new Date(row.ended_at) : null,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
    teamsUrl: row.teams_url ?? null,
  };
}

/** The bookings of one booker with one idempotency key (at most one: the key is unique per booker). */
function withIdempotencyKey(db: Db | Trx, bookerId: string, key: string) {
  return bDb(db).selectFrom('bookings').where('booker_id', '=', bookerId).where('idempotency_key', '=', key);
}

/** The booking an earlier request with this idempotency key made, if any. */
export async function findBookingByIdempotencyKey(
  db: Db | Trx,
  bookerId: string,
  key: string,
): Promise<Booking | undefined> {
  const row = await withIdempotencyKey(db, bookerId, key).selectAll().executeTakeFirst();
  return row ? toBooking(row) : undefined;
}

export interface BookingListFilter {
  bookerId?: string | undefined;
  roomId?: string | undefined;
  buildingId?: string | undefined;
  status?: BookingStatus | undefined;
  /** Bookings ending after this instant. */
  endsAfter?: Date | undefined;
  /** Bookings starting before this instant. */
  startsBefore?: Date | undefined;
}

/** A booking with what a listing shows of its room. */
export interface ListedBooking {
  booking: Booking;
  room: Pick<Room, 'name' | 'buildingName' | 'isPrivate'>;
}

/** One page of the bookings matching the filter, earliest first, and how many match in all. */
export async function listBookingsPage(
  db: Db | Trx,
  filter: BookingListFilter,
  limit: number,
  offset: number,
): Promise<{ items: ListedBooking[]; total: number }> {
  let query = bDb(db)
    .selectFrom('bookings as bk')
    .innerJoin('booking_rooms as r', 'r.id', 'bk.room_id')
    .innerJoin('booking_buildings as b', 'b.id', 'r.building_id');
  if (filter.bookerId !== undefined) query = query.where('bk.booker_id', '=', filter.bookerId);
  if (filter.roomId) query = query.where('bk.room_id', '=', filter.roomId);
  if (filter.buildingId) query = query.where('r.building_id', '=', filter.buildingId);
  if (filter.status) query = query.where('bk.status', '=', filter.status);
  if (filter.endsAfter) query = query.where('bk.ends_at', '>', filter.endsAfter);
  if (filter.startsBefore) query = query.where('bk.starts_at', '<', filter.startsBefore);
  const total = Number((await query.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
  const rows = await query
    .selectAll('bk')
    .select(['r.name as room_name', 'b.name as building_name', 'r.purpose as room_purpose'])
    .orderBy('bk.starts_at')
    .orderBy('bk.id')
    .limit(limit)
    .offset(offset)
    .execute();
  const items = rows.map((row) => ({
    booking: toBooking(row),
    room: { name: row.room_name, buildingName: row.building_name, isPrivate: row.room_purpose === 'client-meeting' },
  }));
  return { items, total };
}

/** The bookers' display names by booking id (bookings whose booker is gone are left out). */
export async function findBookerNamesByBookingIds(
  db: Db | Trx,
  bookingIds: readonly string[],
): Promise<Map<string, string>> {
  if (bookingIds.length === 0) return new Map();
  const rows = await bDb(db)
    .selectFrom('bookings as bk')
    .innerJoin('users as u', 'u.id', 'bk.booker_id')
    .select(['bk.id', 'u.display_name'])
    .where('bk.id', 'in', bookingIds)
    .execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}
