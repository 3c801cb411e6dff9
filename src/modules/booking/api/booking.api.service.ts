import { hasRole, type User } from '../../../platform/auth/roles.ts';
import type { Db } from '../../../platform/db/database.ts';
import { AppError } from '../../../platform/http/errors.ts';
import { listBookingsPage, type ListedBooking } from '../booking.repository.ts';
import type { Accessibility, BookingRequest, BookingStatus, Equipment, Room, RoomPurpose } from '../booking.schema.ts';
import { createOrReplayBooking, mayBook, type BookingDeps, type BookingWithRoom } from '../booking.service.ts';
import { findRooms, type FinderQuery, type FinderResult } from '../finder/finder.service.ts';
import { dayRange, type LocalDate } from '../local-time.ts';
import { buildingExists, groupsOf, listActiveRoomsPage } from '../room.repository.ts';

/**
 * What the rooms and bookings API reads and does beyond the pages' services: paged listings of
 * rooms and bookings, the finder with an unknown building refused, and booking with an
 * idempotency key that tells a replay from a new booking.
 */

export const API_PAGE_SIZE = 50;

export interface ApiPage<T> {
  items: T[];
  page: number;
  pageCount: number;
  total: number;
}

function pageOf<T>(items: T[], page: number, total: number): ApiPage<T> {
  return { items, page, pageCount: Math.max(1, Math.ceil(total / API_PAGE_SIZE)), total };
}

export interface ApiRoomsQuery {
  buildingId?: string | undefined;
  floor?: number | undefined;
  purpose?: RoomPurpose | undefined;
  people?: number | undefined;
  equipment: readonly Equipment[];
  accessibility: readonly Accessibility[];
  /** Only rooms the caller may book. */
  onlyBookable: boolean;
  page: number;
}

/** Active rooms matching the query, 50 a page, each with whether the caller may book it. */
export async function listRoomsForApi(
  db: Db,
  user: User,
  query: ApiRoomsQuery,
): Promise<ApiPage<{ room: Room; bookable: boolean }>> {
  const groups = await groupsOf(db, user.id);
  const { rooms, total } = await listActiveRoomsPage(
    db,
    {
      buildingId: query.buildingId,
      floor: query.floor,
      purpose: query.purpose,
      minCapacity: query.people,
      equipment: query.equipment,
      accessibility: query.accessibility,
      // Administrators may book every room.
      openToGroups: query.onlyBookable && !hasRole(user, 'admin') ? groups : undefined,
    },
    API_PAGE_SIZE,
    (query.page - 1) * API_PAGE_SIZE,
  );
  const items = rooms.map((room) => ({ room, bookable: mayBook(room, user, groups) }));
  return pageOf(items, query.page, total);
}

export interface ApiBookingsQuery {
  /** `me`, `all` (administrators) or a user id (administrators, or the caller's own). */
  booker: string;
  roomId?: string | undefined;
  buildingId?: string | undefined;
  status?: BookingStatus | undefined;
  /** Local date: bookings ending on or after its start. */
  from?: LocalDate | undefined;
  /** Local date: bookings starting before its end. */
  to?: LocalDate | undefined;
  page: number;
}

/** The caller's bookings (administrators: anyone's), earliest first, 50 a page. */
export async function listBookingsForApi(db: Db, user: User, query: ApiBookingsQuery): Promise<ApiPage<ListedBooking>> {
  if (query.booker !== 'me' && query.booker !== user.id && !hasRole(user, 'admin'))
    throw new AppError('FORBIDDEN', 'Only administrators may list other people’s bookings.');
  const { items, total } = await listBookingsPage(
    db,
    {
      bookerId: query.booker === 'me' ? user.id : query.booker === 'all' ? undefined : query.booker,
      roomId: query.roomId,
      buildingId: query.buildingId,
      status: query.status,
      endsAfter: query.from ? dayRange(query.from).from : undefined,
      startsBefore: query.to ? dayRange(query.to).to : undefined,
    },
    API_PAGE_SIZE,
    (query.page - 1) * API_PAGE_SIZE,
  );
  return pageOf(items, query.page, total);
}

/** The finder; a building that does not exist is a field error rather than no rooms. */
export async function findRoomsForApi(db: Db, user: User, query: FinderQuery, now: Date): Promise<FinderResult> {
  if (query.buildingId && !(await buildingExists(db, query.buildingId)))
    throw new AppError('VALIDATION_FAILED', 'There is no such building.', {
      fields: [{ field: 'building', code: 'unknownBuilding' }],
    });
  return findRooms(db, user, query, now);
}

/**
 * Books a room for an API call. `replayed`: the idempotency key was used before (also by a request
 * racing this one), so the answer is the booking that request made, and nothing was booked.
 */
export async function createBookingForApi(
  deps: BookingDeps,
  user: User,
  request: BookingRequest & { idempotencyKey: string },
): Promise<{ booking: BookingWithRoom; replayed: boolean }> {
  return createOrReplayBooking(deps, user, request, 'api');
}
