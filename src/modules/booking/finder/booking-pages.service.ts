import { sql } from 'kysely';
import type { User } from '../../../platform/auth/roles.ts';
import type { Db, Trx } from '../../../platform/db/database.ts';
import { AppError } from '../../../platform/http/errors.ts';
import { ACTIVE_STATUSES, bDb } from '../booking.table.ts';
import type { Booking, BusySlot, Room } from '../booking.schema.ts';
import { busySlots, getBooking, mayBook, mayManage, mayReadTitle } from '../booking.service.ts';
import { isInvited, listInviteeRecipientsByBookingIds } from '../attendees/attendees.repository.ts';
import type { Invitee } from '../attendees/attendees.service.ts';
import { toBooking } from '../booking.repository.ts';
import { dayRange, toLocal } from '../local-time.ts';
import { groupsOf, listGroupNames, roomsQuery, toRoom } from '../room.repository.ts';
import { weekOf } from '../grid/grid.model.ts';

/** Reads behind the booking pages: my bookings, one booking as its manager sees it, a building's or room's day. */

export const MY_BOOKINGS_PAGE_SIZE = 20;

export interface MyBookingItem {
  booking: Booking;
  roomName: string;
  buildingName: string;
}

export interface MyBookingsPage {
  tab: 'upcoming' | 'past';
  items: MyBookingItem[];
  total: number;
  page: number;
  pageCount: number;
}

/**
 * The user's bookings: `upcoming` — active and not yet ended, soonest first; `past` — ended,
 * cancelled, released or rejected, latest first.
 */
export async function listMyBookings(
  db: Db | Trx,
  user: User,
  tab: 'upcoming' | 'past',
  page: number,
  now: Date,
): Promise<MyBookingsPage> {
  const b = bDb(db);
  const base = () => {
    const q = b.selectFrom('bookings as bk').where('bk.booker_id', '=', user.id);
    return tab === 'upcoming'
      ? q.where('bk.status', 'in', ACTIVE_STATUSES).where('bk.ends_at', '>', now)
      : q.where((eb) => eb.or([eb('bk.status', 'not in', ACTIVE_STATUSES), eb('bk.ends_at', '<=', now)]));
  };
  const { total } = await base()
    .select(sql<number>`count(*)::int`.as('total'))
    .executeTakeFirstOrThrow();
  const pageCount = Math.max(1, Math.ceil(total / MY_BOOKINGS_PAGE_SIZE));
  const current = Math.min(page, pageCount);
  const rows = await base()
    .innerJoin('booking_rooms as r', 'r.id', 'bk.room_id')
    .innerJoin('booking_buildings as bu', 'bu.id', 'r.building_id')
    .selectAll('bk')
    .select(['r.name as room_name', 'bu.name as building_name'])
    .orderBy('bk.starts_at', tab === 'upcoming' ? 'asc' : 'desc')
    .orderBy('bk.id')
    .limit(MY_BOOKINGS_PAGE_SIZE)
    .offset((current - 1) * MY_BOOKINGS_PAGE_SIZE)
    .execute();
  return {
    tab,
    items: rows.map((row) => ({ booking: toBooking(row), roomName: row.room_name, buildingName: row.building_name })),
    total: Number(total),
    page: current,
    pageCount,
  };
}

/** One of the user's bookings today, with its room (check-in needs the room's rules). */
export interface MyDayItem {
  booking: Booking;
  room: Room;
}

/**
 * "My day": the user's active bookings that have not ended and start before today ends, soonest
 * first (at most 20: a day has no more meetings than that).
 */
export async function myDay(db: Db | Trx, user: User, now: Date): Promise<MyDayItem[]> {
  const { to } = dayRange(toLocal(now).date);
  const rows = await bDb(db)
    .selectFrom('bookings as bk')
    .selectAll('bk')
    .where('bk.booker_id', '=', user.id)
    .where('bk.status', 'in', ACTIVE_STATUSES)
    .where('bk.ends_at', '>', now)
    .where('bk.starts_at', '<', to)
    .orderBy('bk.starts_at')
    .orderBy('bk.id')
    .limit(20)
    .execute();
  if (rows.length === 0) return [];
  const rooms = new Map(
    (
      await roomsQuery(db)
        .where(
          'r.id',
          'in',
          rows.map((r) => r.room_id),
        )
        .execute()
    ).map((row) => [row.id, toRoom(row)]),
  );
  return rows.map((row) => ({ booking: toBooking(row), room: rooms.get(row.room_id)! }));
}

export interface ManagedBooking {
  /** Its title is empty when the viewer may not read it (mayReadTitle). */
  booking: Booking;
  room: Room;
  bookerName: string;
  /**
   * The viewer may read the title: the booker, an invitee, or anyone the booking is shown to in a
   * room that is not private. In a client-meeting room everyone else, administrators and approvers
   * included, sees "Bokat": the title may name a client.
   */
  mayReadTitle: boolean;
  /** Who is invited (empty when the viewer may not read the title: a guest's address may name a client). */
  invitees: Invitee[];
}

/**
 * A booking for its booker, an administrator or the room's approvers; anyone else gets 404. The
 * title of a private room's booking is removed here, for anyone but its booker, so no page can
 * show it.
 */
export async function getManagedBooking(db: Db | Trx, user: User, id: string): Promise<ManagedBooking> {
  const booking = await getBooking(db, id);
  const row = booking && (await roomsQuery(db).where('r.id', '=', booking.roomId).executeTakeFirst());
  const room = row ? toRoom(row) : undefined;
  if (!booking || !room || !(await mayManage(db, booking, room, user)))
    throw new AppError('NOT_FOUND', 'There is no such booking.');
  const booker = await bDb(db)
    .selectFrom('users')
    .select('display_name')
    .where('id', '=', booking.bookerId)
    .executeTakeFirst();
  const readable = mayReadTitle(
    room,
    booking.bookerId === user.id,
    room.isPrivate && booking.bookerId !== user.id && (await isInvited(db, booking.id, user.id)),
  );
  const invitees = readable ? ((await listInviteeRecipientsByBookingIds(db, [booking.id])).get(booking.id) ?? []) : [];
  return {
    booking: readable ? booking : { ...booking, title: '', teamsUrl: null },
    room,
    bookerName: booker?.display_name ?? '',
    mayReadTitle: readable,
    invitees: invitees.map(({ userId, email, name }) => ({ userId, email, name })),
  };
}

export interface RoomDay {
  room: Room;
  /** May the viewer book it (groups, administrators)? */
  bookable: boolean;
  busy: BusySlot[];
}

/**
 * A room's page: the room with its bookings over the ISO week (Monday first) that holds `date`,
 * for the day column and the week grid, and the names of the booking groups its rules mention.
 */
export async function roomPage(
  db: Db | Trx,
  user: User,
  roomId: string,
  date: string,
): Promise<{ day: RoomDay; week: string[]; groupNames: Record<string, string> }> {
  const row = await roomsQuery(db).where('r.id', '=', roomId).where('r.active', '=', true).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', 'There is no such room.');
  const room = toRoom(row);
  const week = weekOf(date);
  const from = dayRange(week[0]!).from;
  const to = dayRange(week[6]!).to;
  const [busy, groups, groupNames] = await Promise.all([
    busySlots(db, [room], from, to, user),
    groupsOf(db, user.id),
    listGroupNames(db),
  ]);
  return {
    day: { room, bookable: mayBook(room, user, groups), busy: busy.get(room.id)! },
    week,
    groupNames: Object.fromEntries(groupNames.map((g) => [g.id, g.name])),
  };
}

export async function listBuildingsForFinder(db: Db | Trx): Promise<{ id: string; name: string }[]> {
  return bDb(db).selectFrom('booking_buildings').select(['id', 'name']).orderBy('name').orderBy('id').execute();
}
