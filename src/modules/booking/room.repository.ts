import { sql } from 'kysely';
import type { Db, Trx } from '../../platform/db/database.ts';
import { bDb, type RoomRow } from './booking.table.ts';
import type { Accessibility, Equipment, Room, RoomPurpose } from './booking.schema.ts';

/** Rooms, buildings and the staff groups that may book restricted rooms. */

const hhmm = (time: string) => time.slice(0, 5);

export function toRoom(row: RoomRow & { building_name: string }): Room {
  return {
    id: row.id,
    buildingId: row.building_id,
    buildingName: row.building_name,
    floor: row.floor,
    name: row.name,
    capacity: row.capacity,
    equipment: row.equipment as Equipment[],
    accessibility: row.accessibility as Accessibility[],
    purpose: row.purpose,
    isPrivate: row.purpose === 'client-meeting',
    allowedGroups: row.allowed_groups,
    rules: {
      opensAt: hhmm(row.opens_at),
      closesAt: hhmm(row.closes_at),
      openWeekdays: row.open_weekdays.map(Number),
      minMinutes: row.min_minutes,
      maxMinutes: row.max_minutes,
      maxDaysAhead: row.max_days_ahead,
      approvalRequired: row.approval_required,
      approverGroup: row.approver_group,
      bufferMinutes: row.buffer_minutes,
      checkinWindowMinutes: row.checkin_window_minutes,
    },
    active: row.active,
  };
}

export function roomsQuery(db: Db | Trx) {
  return bDb(db)
    .selectFrom('booking_rooms as r')
    .innerJoin('booking_buildings as b', 'b.id', 'r.building_id')
    .selectAll('r')
    .select('b.name as building_name');
}

export async function findRoom(db: Db | Trx, id: string): Promise<Room | undefined> {
  const row = await roomsQuery(db).where('r.id', '=', id).executeTakeFirst();
  return row ? toRoom(row) : undefined;
}

/**
 * The room `id` with the booking groups of `userId` (for mayBook) as `user_groups`, in one
 * statement: creating a booking reads both on every request (and selects more beside them).
 */
export function roomForUserQuery(db: Db | Trx, id: string, userId: string) {
  return roomsQuery(db).select(groupsOfUser(userId).as('user_groups')).where('r.id', '=', id);
}

/** A room with the booking groups of `userId` (for mayBook), in one statement. */
export async function findRoomForUser(
  db: Db | Trx,
  id: string,
  userId: string,
): Promise<{ room: Room; groups: string[] } | undefined> {
  const row = await roomForUserQuery(db, id, userId).executeTakeFirst();
  return row ? { room: toRoom(row), groups: row.user_groups } : undefined;
}

/** The door key is a capability: compared in the query, never listed with the room. */
export async function findRoomByDoorKey(db: Db | Trx, id: string, doorKey: string): Promise<Room | undefined> {
  const row = await roomsQuery(db)
    .where('r.id', '=', id)
    .where('r.door_key', '=', doorKey)
    .where('r.active', '=', true)
    .executeTakeFirst();
  return row ? toRoom(row) : undefined;
}

export interface RoomListFilter {
  buildingId?: string | undefined;
  floor?: number | undefined;
  purpose?: RoomPurpose | undefined;
  /** Seats needed: capacity at least. */
  minCapacity?: number | undefined;
  equipment: readonly Equipment[];
  accessibility: readonly Accessibility[];
  /** Only rooms open to all staff or to one of these groups. */
  openToGroups?: readonly string[] | undefined;
}

/** One page of the active rooms matching the filter, by building, floor and name, and how many match in all. */
export async function listActiveRoomsPage(
  db: Db | Trx,
  filter: RoomListFilter,
  limit: number,
  offset: number,
): Promise<{ rooms: Room[]; total: number }> {
  let query = roomsQuery(db).where('r.active', '=', true);
  if (filter.buildingId) query = query.where('r.building_id', '=', filter.buildingId);
  if (filter.floor !== undefined) query = query.where('r.floor', '=', filter.floor);
  if (filter.purpose) query = query.where('r.purpose', '=', filter.purpose);
  if (filter.minCapacity !== undefined) query = query.where('r.capacity', '>=', filter.minCapacity);
  if (filter.equipment.length > 0)
    query = query.where(sql<boolean>`r.equipment @> ${sql.val([...new Set(filter.equipment)])}::text[]`);
  if (filter.accessibility.length > 0)
    query = query.where(sql<boolean>`r.accessibility @> ${sql.val([...new Set(filter.accessibility)])}::text[]`);
  if (filter.openToGroups) {
    query = query.where(
      sql<boolean>`(r.allowed_groups = '{}'::text[] or r.allowed_groups && ${sql.val(filter.openToGroups)}::text[])`,
    );
  }
  const total = Number(
    (
      await query
        .clearSelect()
        .select(sql<number>`count(*)`.as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
  const rows = await query
    .orderBy('b.name')
    .orderBy('r.floor')
    .orderBy('r.name')
    .orderBy('r.id')
    .limit(limit)
    .offset(offset)
    .execute();
  return { rooms: rows.map(toRoom), total };
}

/** The active rooms, by building name and room name. */
export async function listActiveRooms(db: Db | Trx): Promise<Room[]> {
  return (await roomsQuery(db).where('r.active', '=', true).orderBy('b.name').orderBy('r.name').execute()).map(toRoom);
}

/** Is there a building with this id? */
export async function buildingExists(db: Db | Trx, id: string): Promise<boolean> {
  const row = await bDb(db).selectFrom('booking_buildings').select('id').where('id', '=', id).executeTakeFirst();
  return row !== undefined;
}

export async function listBuildings(db: Db | Trx): Promise<{ id: string; name: string; address: string }[]> {
  return bDb(db).selectFrom('booking_buildings').select(['id', 'name', 'address']).orderBy('name').execute();
}

/** Every booking group's id and name. */
export async function listGroupNames(db: Db | Trx): Promise<{ id: string; name: string }[]> {
  return bDb(db).selectFrom('booking_groups').select(['id', 'name']).execute();
}

/** The booking groups of a user, as an array-valued expression to select beside other things. */
function groupsOfUser(userId: string) {
  return sql<string[]>`array(select m.group_id from booking_group_members m where m.user_id = ${userId})`;
}

/** The booking groups a user belongs to. */
export async function groupsOf(db: Db | Trx, userId: string): Promise<string[]> {
  const rows = await bDb(db)
    .selectFrom('booking_group_members')
    .select('group_id')
    .where('user_id', '=', userId)
    .execute();
  return rows.map((r) => r.group_id);
}

/** The user's preferred building (ranks the finder), if any. */
export async function preferredBuildingOf(db: Db | Trx, userId: string): Promise<string | null> {
  const row = await bDb(db)
    .selectFrom('booking_preferences')
    .select('building_id')
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row?.building_id ?? null;
}
