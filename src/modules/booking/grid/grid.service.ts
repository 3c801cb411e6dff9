import type { User } from '../../../platform/auth/roles.ts';
import type { Db, Trx } from '../../../platform/db/database.ts';
import { AppError } from '../../../platform/http/errors.ts';
import type { BusySlot, Room } from '../booking.schema.ts';
import { busySlots, mayBook } from '../booking.service.ts';
import { bDb } from '../booking.table.ts';
import { addDays, fromLocal } from '../local-time.ts';
import { groupsOf, roomsQuery, toRoom } from '../room.repository.ts';

/** What the grid reads: a building's active rooms (with space for `people`) and their bookings over some days. */

export interface GridRoom {
  room: Room;
  /** May the viewer book it (groups, administrators)? */
  bookable: boolean;
  /** Its bookings over the days asked for, as the viewer may see them (private titles only for their bookers). */
  busy: BusySlot[];
}

export interface BuildingGrid {
  building: { id: string; name: string };
  rooms: GridRoom[];
  /** Rooms in the building at all, before the people filter (to tell "no rooms" from "none that big"). */
  roomCount: number;
}

/**
 * A building's rooms, floor by floor, and their bookings from `firstDate` for `days` local days.
 * Two reads besides the building: the rooms with the viewer's groups, and the bookings of those
 * rooms in the range (the busy index serves it).
 */
export async function buildingGrid(
  db: Db | Trx,
  user: User,
  buildingId: string,
  firstDate: string,
  days: number,
  people: number | undefined,
): Promise<BuildingGrid> {
  const building = await bDb(db)
    .selectFrom('booking_buildings')
    .select(['id', 'name'])
    .where('id', '=', buildingId)
    .executeTakeFirst();
  if (!building) throw new AppError('NOT_FOUND', 'There is no such building.');
  const all = (
    await roomsQuery(db)
      .where('r.building_id', '=', buildingId)
      .where('r.active', '=', true)
      .orderBy('r.floor')
      .orderBy('r.name')
      .orderBy('r.id')
      .execute()
  ).map(toRoom);
  const rooms = people === undefined ? all : all.filter((r) => r.capacity >= people);
  const from = fromLocal(firstDate, '00:00');
  const to = fromLocal(addDays(firstDate, days), '00:00');
  const [busy, groups] = await Promise.all([busySlots(db, rooms, from, to, user), groupsOf(db, user.id)]);
  return {
    building,
    rooms: rooms.map((room) => ({ room, bookable: mayBook(room, user, groups), busy: busy.get(room.id)! })),
    roomCount: all.length,
  };
}
