import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { hasRole, type User } from '../../platform/auth/roles.ts';
import { isPgError, type Db, type Trx } from '../../platform/db/database.ts';
import { AppError, type FieldError } from '../../platform/http/errors.ts';
import { ACTIVE_STATUSES, bDb, type BookingRow, type BookingSource } from './booking.table.ts';
import {
  GRID_MINUTES,
  MAX_BOOKING_MINUTES,
  type Alternatives,
  type Booking,
  type BookingRequest,
  type BusySlot,
  type Room,
} from './booking.schema.ts';
import { addDays, daysBetween, fromLocal, minutesOf, timeOf, toLocal } from './local-time.ts';
import { roomPolicy } from './booking.policies.ts';
import { findBookingByIdempotencyKey, toBooking } from './booking.repository.ts';
import { findRoom, findRoomForUser, groupsOf, roomForUserQuery, roomsQuery, toRoom } from './room.repository.ts';
import { resolveInvitees, teamsUrlOf, type Invitee } from './attendees/attendees.service.ts';
import { replaceInvitees } from './attendees/attendees.repository.ts';

/**
 * Bookings: create, change, cancel, approve. The database's exclusion constraint is the judge of
 * overlaps (see migration 0005): this code checks the room's rules, then simply inserts; the
 * loser of a race gets 23P01, which becomes a 409 with alternatives. Nothing here reads "is it
 * free?" before writing — that check would be a race.
 */

export type BookingChangeKind =
  'created' | 'changed' | 'cancelled' | 'released' | 'approved' | 'rejected' | 'checked-in';

export interface BookingChange {
  kind: BookingChangeKind;
  booking: Booking;
  room: Room;
  /** The booking before a change (`changed`). */
  previous?: Booking;
  actorId: string | null;
  /** An approver's reason for the booker (`rejected`/`approved`; optional, never stored). */
  reason?: string | null;
  /** false: the change is made but nobody is mailed (a release caught up long after the meeting, door/release.job.ts). */
  notify?: boolean;
  /** Invitees the change removed (`changed`): each gets a cancellation. */
  removedInvitees?: Invitee[];
}

export interface BookingDeps {
  db: Db;
  clock: () => Date;
  /**
   * Runs in the transaction of every change, after the write: calendar invites, approvers'
   * and bookers' notifications (booking-notifications.ts). A throw rolls the change back.
   */
  onChange?: (trx: Trx, change: BookingChange) => Promise<void>;
}

const MINUTE = 60_000;

/**
 * Queues the writers of one room's bookings behind each other for the rest of the transaction
 * (other rooms are not held up). Without it, concurrent overlapping inserts each find the
 * other's uncommitted row in the exclusion constraint's check and wait for each other: a
 * deadlock PostgreSQL breaks only after `deadlock_timeout` (1 s), by aborting one. In a storm
 * of 200 they cascade. Queued, each writer sees its predecessor committed (23P01 → 409) or gone.
 * The constraint stays the judge; the lock only orders the writers.
 */
export async function lockRoomForBooking(trx: Trx, roomId: string): Promise<void> {
  await sql`select ${roomLock(roomId)}`.execute(trx);
}

const roomLock = (roomId: string) => sql`pg_advisory_xact_lock(hashtextextended(${`booking-room:${roomId}`}, 0))`;

/**
 * Two concurrent inserts of overlapping intervals each see the other's uncommitted row in the
 * exclusion constraint's check and wait for each other: PostgreSQL breaks that by aborting one
 * with 40P01 (a deadlock, not a conflict — the survivor may still roll back). The victim runs
 * again; by then the survivor has finished, so the rerun books or gets 23P01 like any loser.
 */
export const DEADLOCK_ATTEMPTS = 5;

export async function retryingDeadlocks<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (!isPgError(error, '40P01') || attempt >= DEADLOCK_ATTEMPTS) throw error;
    }
  }
}

/** May this member of staff book the room (roomPolicy)? `groups`: the user's booking groups. */
export function mayBook(room: Room, user: User, groups: readonly string[]): boolean {
  return roomPolicy.can(user, 'book', { room, groups });
}

/** May this user see the titles of the room's bookings that are not theirs? */
export function maySeeTitles(room: Room): boolean {
  return !room.isPrivate;
}

/**
 * May a viewer read one booking's title? In a private client-meeting room only its booker and
 * the people the booking names (its invitees) may: the title may name a client.
 */
export function mayReadTitle(room: Pick<Room, 'isPrivate'>, isBooker: boolean, isInvitee: boolean): boolean {
  return isBooker || isInvitee || !room.isPrivate;
}

/**
 * The room's rules applied to a requested interval: every violated rule as a field error
 * (codes are keys of the booking catalog's `errors` section). Empty when the request may be booked.
 */
export function ruleViolations(room: Room, startsAt: Date, endsAt: Date, attendees: number, now: Date): FieldError[] {
  const errors: FieldError[] = [];
  const minutes = (endsAt.getTime() - startsAt.getTime()) / MINUTE;
  if (Number.isNaN(minutes)) return [{ field: 'startsAt', code: 'invalidTime' }];
  if (minutes <= 0) return [{ field: 'endsAt', code: 'endBeforeStart' }];
  if (startsAt.getTime() % (GRID_MINUTES * MINUTE) !== 0 || endsAt.getTime() % (GRID_MINUTES * MINUTE) !== 0) {
    errors.push({ field: 'startsAt', code: 'offGrid', params: { minutes: GRID_MINUTES } });
  }
  if (minutes > Math.min(room.rules.maxMinutes, MAX_BOOKING_MINUTES))
    errors.push({ field: 'endsAt', code: 'tooLong', params: { max: room.rules.maxMinutes } });
  if (minutes < room.rules.minMinutes)
    errors.push({ field: 'endsAt', code: 'tooShort', params: { min: room.rules.minMinutes } });
  // A booking may start in the current five-minute slot (the door page's "book now").
  if (startsAt.getTime() < now.getTime() - GRID_MINUTES * MINUTE) errors.push({ field: 'startsAt', code: 'inPast' });
  const start = toLocal(startsAt);
  const end = toLocal(endsAt);
  if (daysBetween(toLocal(now).date, start.date) > room.rules.maxDaysAhead) {
    errors.push({ field: 'startsAt', code: 'tooFarAhead', params: { days: room.rules.maxDaysAhead } });
  }
  const opens = minutesOf(room.rules.opensAt);
  const closes = minutesOf(room.rules.closesAt);
  const endMinutes =
    end.date === start.date ? end.minutes : end.date === addDays(start.date, 1) && end.minutes === 0 ? 1440 : Infinity;
  if (!room.rules.openWeekdays.includes(start.weekday)) {
    errors.push({ field: 'startsAt', code: 'closedDay' });
  } else if (start.minutes < opens || endMinutes > closes) {
    errors.push({
      field: 'startsAt',
      code: 'outsideOpeningHours',
      params: { opens: room.rules.opensAt, closes: room.rules.closesAt },
    });
  }
  if (attendees > room.capacity)
    errors.push({ field: 'attendees', code: 'overCapacity', params: { capacity: room.capacity } });
  return errors;
}

export async function getBooking(db: Db | Trx, id: string): Promise<Booking | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  const row = await bDb(db).selectFrom('bookings').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toBooking(row) : undefined;
}

/**
 * The room, if it exists, is active and the user may book it (one statement): undefined when it
 * does not exist or is inactive (a form says so), FORBIDDEN when the user may not book it.
 */
export async function findBookableRoom(db: Db | Trx, roomId: string, user: User): Promise<Room | undefined> {
  const found = await findRoomForUser(db, roomId, user.id);
  if (!found || !found.room.active) return undefined;
  if (!mayBook(found.room, user, found.groups)) throw new AppError('FORBIDDEN', 'You may not book this room.');
  return found.room;
}

/** The room, if it exists, is active and the user may book it (one statement); else 404 or 403. */
export async function loadBookableRoom(db: Db | Trx, roomId: string, user: User): Promise<Room> {
  const room = await findBookableRoom(db, roomId, user);
  if (!room)
    throw new AppError('NOT_FOUND', 'There is no such room.', { fields: [{ field: 'roomId', code: 'unknownRoom' }] });
  return room;
}

function rejectViolations(errors: FieldError[]): void {
  if (errors.length > 0)
    throw new AppError('VALIDATION_FAILED', 'The booking breaks the room’s rules.', { fields: errors });
}

/** The 409 for a taken slot, with alternatives computed outside the failed transaction. */
async function conflict(
  deps: BookingDeps,
  room: Room,
  startsAt: Date,
  endsAt: Date,
  attendees: number,
  user: User,
  ignoreBookingId?: string,
): Promise<AppError> {
  const alternatives = await findAlternatives(deps, room, startsAt, endsAt, attendees, user, ignoreBookingId);
  return new AppError('CONFLICT', 'The room is already booked at that time.', {
    fields: [{ field: 'startsAt', code: 'taken' }],
    alternatives,
    problem: { alternatives: serialiseAlternatives(alternatives) },
  });
}

export function serialiseAlternatives(a: Alternatives) {
  return {
    sameRoom: a.sameRoom.map((s) => ({ startsAt: s.startsAt.toISOString(), endsAt: s.endsAt.toISOString() })),
    otherRooms: a.otherRooms,
  };
}

/** A booking with its room as the change read it: what pages and the API show after the change. */
export interface BookingWithRoom extends Booking {
  room: Room;
}

/** How a booking is created beyond its request. */
export interface CreateBookingOptions {
  /**
   * Checked in from the start, in the insert itself (booked at the door: the person is in the
   * room, so auto-release must never free it). A booking awaiting approval is not checked in.
   */
  checkedIn?: boolean;
}

/**
 * Books a room. With an idempotency key, a repeated request (a double click, a retried API call)
 * returns the booking the first one made instead of a second booking or a 409.
 */
export async function createBooking(
  deps: BookingDeps,
  user: User,
  request: BookingRequest,
  source: BookingSource = 'web',
  options: CreateBookingOptions = {},
): Promise<BookingWithRoom> {
  return (await createOrReplayBooking(deps, user, request, source, options)).booking;
}

/**
 * createBooking, saying whether the answer is a replay: the booking an earlier request with the
 * same idempotency key made. The database decides, not the look-up before the insert: two racing
 * requests both find no earlier booking, and the unique key (booker, idempotency key) makes the
 * later insert wait for the earlier one's commit and fail, so the later one replays it.
 */
export async function createOrReplayBooking(
  deps: BookingDeps,
  user: User,
  request: BookingRequest,
  source: BookingSource = 'web',
  options: CreateBookingOptions = {},
): Promise<{ booking: BookingWithRoom; replayed: boolean }> {
  const { db, clock } = deps;
  const context = await creationContext(db, request.roomId, user, request.idempotencyKey);
  if (context?.earlierBookingId) {
    const earlier = await getBooking(db, context.earlierBookingId);
    if (earlier) return { booking: { ...sameRequestOrRefuse(earlier, request), room: context.room }, replayed: true };
  }
  if (!context || !context.room.active)
    throw new AppError('NOT_FOUND', 'There is no such room.', { fields: [{ field: 'roomId', code: 'unknownRoom' }] });
  const { room } = context;
  if (!mayBook(room, user, context.groups)) throw new AppError('FORBIDDEN', 'You may not book this room.');
  const invited = await resolveInvitees(db, request.invitees ?? [], user.id);
  const teams = teamsUrlOf(request.teamsUrl);
  rejectViolations([
    ...ruleViolations(room, request.startsAt, request.endsAt, request.attendees, clock()),
    ...invited.errors,
    ...teams.errors,
  ]);
  const insert = (executor: Db | Trx) => {
    const now = clock();
    const status = room.rules.approvalRequired && !hasRole(user, 'admin') ? 'pending' : 'confirmed';
    return insertBookingLocked(executor, {
      roomId: room.id,
      bookerId: user.id,
      title: request.title,
      attendees: request.attendees,
      status,
      checkedInAt: options.checkedIn && status === 'confirmed' ? now : null,
      startsAt: request.startsAt,
      endsAt: request.endsAt,
      blockedUntil: new Date(request.endsAt.getTime() + room.rules.bufferMinutes * MINUTE),
      source,
      idempotencyKey: request.idempotencyKey ?? null,
      teamsUrl: teams.teamsUrl ?? null,
      now,
    });
  };
  const { onChange } = deps;
  try {
    // Without a change hook or invitees the insert is its own transaction: one round trip.
    const booking =
      !onChange && invited.invitees.length === 0
        ? await retryingDeadlocks(async () => toBooking(await insert(db)))
        : await retryingDeadlocks(() =>
            db.transaction().execute(async (trx) => {
              const created = toBooking(await insert(trx));
              await replaceInvitees(trx, created.id, invited.invitees);
              await onChange?.(trx, { kind: 'created', booking: created, room, actorId: user.id });
              return created;
            }),
          );
    return { booking: { ...booking, room }, replayed: false };
  } catch (error) {
    // A racing request with the same key committed first. Looked for on a taken slot too: which
    // constraint PostgreSQL checks first is not ours to rely on, and the earlier booking of the
    // same request holds the very slot asked for.
    if ((isPgError(error, '23505') || isPgError(error, '23P01')) && request.idempotencyKey) {
      const earlier = await findBookingByIdempotencyKey(db, user.id, request.idempotencyKey);
      if (earlier) return { booking: { ...sameRequestOrRefuse(earlier, request), room }, replayed: true };
    }
    if (isPgError(error, '23P01'))
      throw await conflict(deps, room, request.startsAt, request.endsAt, request.attendees, user);
    throw error;
  }
}

/**
 * What creating a booking reads first, in one statement (it runs for every booking): the room,
 * the user's booking groups, and the booking an earlier request with this idempotency key made.
 * undefined: no such room (an earlier booking of a since-removed room is not looked for).
 */
async function creationContext(db: Db, roomId: string, user: User, idempotencyKey: string | undefined) {
  const row = await roomForUserQuery(db, roomId, user.id)
    .select(
      idempotencyKey
        ? sql<
            string | null
          >`(select bk.id from bookings bk where bk.booker_id = ${user.id} and bk.idempotency_key = ${idempotencyKey})`.as(
            'earlier_booking_id',
          )
        : sql<string | null>`null::uuid`.as('earlier_booking_id'),
    )
    .executeTakeFirst();
  return row && { room: toRoom(row), groups: row.user_groups, earlierBookingId: row.earlier_booking_id };
}

interface NewBooking {
  roomId: string;
  bookerId: string;
  title: string;
  attendees: number;
  status: 'pending' | 'confirmed';
  checkedInAt: Date | null;
  startsAt: Date;
  endsAt: Date;
  blockedUntil: Date;
  source: BookingSource;
  idempotencyKey: string | null;
  teamsUrl: string | null;
  now: Date;
}

/**
 * Inserts a booking after taking its room's writers' lock (lockRoomForBooking), in ONE statement:
 * the CTE's lock is taken before the row exists, so before the exclusion constraint checks it.
 * Outside a transaction the lock is held until the statement commits.
 */
async function insertBookingLocked(db: Db | Trx, b: NewBooking): Promise<BookingRow> {
  const result = await sql<BookingRow>`with room_lock as (select ${roomLock(b.roomId)})
    insert into bookings (room_id, booker_id, title, attendees, status, checked_in_at, starts_at, ends_at, blocked_until, ical_uid, source, idempotency_key, teams_url, created_at, updated_at)
    select ${b.roomId}::text, ${b.bookerId}::uuid, ${b.title}::text, ${b.attendees}::int, ${b.status}::text, ${b.checkedInAt}::timestamptz, ${b.startsAt}::timestamptz, ${b.endsAt}::timestamptz,
      ${b.blockedUntil}::timestamptz, ${`${randomUUID()}@smorgasbord`}::text, ${b.source}::text, ${b.idempotencyKey}::text, ${b.teamsUrl}::text, ${b.now}::timestamptz, ${b.now}::timestamptz
    from room_lock
    returning *`.execute(db);
  return result.rows[0]!;
}

function sameRequestOrRefuse(earlier: Booking, request: BookingRequest): Booking {
  const same =
    earlier.roomId === request.roomId &&
    earlier.startsAt.getTime() === request.startsAt.getTime() &&
    earlier.endsAt.getTime() === request.endsAt.getTime();
  if (!same)
    throw new AppError('CONFLICT', 'This idempotency key was used for a different booking.', {
      fields: [{ field: 'idempotencyKey', code: 'keyReused' }],
    });
  return earlier;
}

/** The booker, an administrator, or (for a room needing approval) one of its approvers. */
export async function mayManage(db: Db | Trx, booking: Booking, room: Room, user: User): Promise<boolean> {
  if (booking.bookerId === user.id || hasRole(user, 'admin')) return true;
  return room.rules.approverGroup !== null && (await groupsOf(db, user.id)).includes(room.rules.approverGroup);
}

/** The booking and its room if `user` may manage it (booker, administrator, the room's approver); else 404. */
export async function loadManagedBooking(
  db: Db | Trx,
  bookingId: string,
  user: User,
): Promise<{ booking: Booking; room: Room }> {
  const booking = await getBooking(db, bookingId);
  const room = booking && (await findRoom(db, booking.roomId));
  // Someone else's booking is "not found", not "forbidden": ids are not a way to probe.
  if (!booking || !room || !(await mayManage(db, booking, room, user)))
    throw new AppError('NOT_FOUND', 'There is no such booking.');
  return { booking, room };
}

export interface BookingChangeRequest {
  startsAt: Date;
  endsAt: Date;
  /** The new title; absent: unchanged (someone who may not read a private booking's title changes the rest). */
  title?: string;
  attendees: number;
  /** The `sequence` the form was rendered with: a stale form (changed meanwhile) is refused. */
  expectedSequence?: number;
  /** Colleagues and guests as typed (resolveInvitees); absent: unchanged. */
  invitees?: readonly string[];
  /** The Teams link; '' or null removes it; absent: unchanged. */
  teamsUrl?: string | null;
}

/** Moves or edits an active booking in place (same room); the calendar gets an update (SEQUENCE + 1). */
export async function changeBooking(
  deps: BookingDeps,
  user: User,
  bookingId: string,
  change: BookingChangeRequest,
): Promise<Booking> {
  const { db, clock } = deps;
  const { booking, room } = await loadManagedBooking(db, bookingId, user);
  if (booking.status !== 'pending' && booking.status !== 'confirmed')
    throw new AppError('CONFLICT', 'The booking is no longer active.', {
      fields: [{ field: 'status', code: 'notActive' }],
    });
  if (change.expectedSequence !== undefined && change.expectedSequence !== booking.sequence) {
    throw new AppError('CONFLICT', 'The booking was changed meanwhile.', {
      fields: [{ field: 'sequence', code: 'stale' }],
    });
  }
  const invited = change.invitees && (await resolveInvitees(db, change.invitees, booking.bookerId));
  const teams = teamsUrlOf(change.teamsUrl);
  rejectViolations([
    ...ruleViolations(room, change.startsAt, change.endsAt, change.attendees, clock()),
    ...(invited?.errors ?? []),
    ...teams.errors,
  ]);
  const moved =
    change.startsAt.getTime() !== booking.startsAt.getTime() || change.endsAt.getTime() !== booking.endsAt.getTime();
  try {
    return await retryingDeadlocks(() =>
      db.transaction().execute(async (trx) => {
        await lockRoomForBooking(trx, room.id);
        const row = await bDb(trx)
          .updateTable('bookings')
          .set({
            starts_at: change.startsAt,
            ends_at: change.endsAt,
            blocked_until: new Date(change.endsAt.getTime() + room.rules.bufferMinutes * MINUTE),
            title: change.title ?? booking.title,
            attendees: change.attendees,
            // A moved booking must be checked in again; one needing approval is approved again.
            checked_in_at: moved ? null : booking.checkedInAt,
            status: moved && room.rules.approvalRequired && !hasRole(user, 'admin') ? 'pending' : booking.status,
            sequence: sql<number>`sequence + 1`,
            updated_at: clock(),
            ...(teams.teamsUrl !== undefined ? { teams_url: teams.teamsUrl } : {}),
          })
          .where('id', '=', booking.id)
          .where('sequence', '=', booking.sequence) // optimistic: a concurrent change wins, this one retries
          .where('status', 'in', ACTIVE_STATUSES)
          .returningAll()
          .executeTakeFirst();
        if (!row)
          throw new AppError('CONFLICT', 'The booking was changed meanwhile.', {
            fields: [{ field: 'sequence', code: 'stale' }],
          });
        const updated = toBooking(row);
        const { removed } = invited ? await replaceInvitees(trx, booking.id, invited.invitees) : { removed: [] };
        await deps.onChange?.(trx, {
          kind: 'changed',
          booking: updated,
          previous: booking,
          room,
          actorId: user.id,
          ...(removed.length > 0 ? { removedInvitees: removed } : {}),
        });
        return updated;
      }),
    );
  } catch (error) {
    if (isPgError(error, '23P01'))
      throw await conflict(deps, room, change.startsAt, change.endsAt, change.attendees, user, booking.id);
    throw error;
  }
}

/** Cancels an active booking. Cancelling a cancelled booking again is a no-op (double submission). */
export async function cancelBooking(deps: BookingDeps, user: User, bookingId: string): Promise<BookingWithRoom> {
  const { db, clock } = deps;
  const { booking, room } = await loadManagedBooking(db, bookingId, user);
  if (booking.status === 'cancelled') return { ...booking, room };
  if (booking.status !== 'pending' && booking.status !== 'confirmed')
    throw new AppError('CONFLICT', 'The booking is no longer active.', {
      fields: [{ field: 'status', code: 'notActive' }],
    });
  const cancelled = await db.transaction().execute(async (trx) => {
    const now = clock();
    const row = await bDb(trx)
      .updateTable('bookings')
      .set({
        status: 'cancelled',
        cancelled_by: user.id,
        ended_at: now,
        updated_at: now,
        sequence: sql<number>`sequence + 1`,
      })
      .where('id', '=', booking.id)
      .where('status', 'in', ACTIVE_STATUSES)
      .returningAll()
      .executeTakeFirst();
    if (!row) return (await getBooking(trx, booking.id))!; // cancelled or released meanwhile
    const cancelled = toBooking(row);
    await deps.onChange?.(trx, { kind: 'cancelled', booking: cancelled, previous: booking, room, actorId: user.id });
    return cancelled;
  });
  return { ...cancelled, room };
}

/**
 * Active bookings of rooms overlapping [from, to), as a viewer may see them: titles of private
 * rooms' bookings only for their bookers and the people they invite (mayReadTitle).
 */
export async function busySlots(
  db: Db | Trx,
  rooms: readonly Room[],
  from: Date,
  to: Date,
  viewer: User | null,
): Promise<Map<string, BusySlot[]>> {
  const byRoom = new Map<string, BusySlot[]>(rooms.map((r) => [r.id, []]));
  if (rooms.length === 0) return byRoom;
  const privateRooms = new Set(rooms.filter((r) => !maySeeTitles(r)).map((r) => r.id));
  const rows = await bDb(db)
    .selectFrom('bookings')
    .select(['id', 'room_id', 'booker_id', 'title', 'status', 'starts_at', 'ends_at', 'blocked_until', 'checked_in_at'])
    .select(
      viewer && privateRooms.size > 0
        ? sql<boolean>`exists (select 1 from booking_invitees i where i.booking_id = bookings.id and i.user_id = ${viewer.id})`.as(
            'invited',
          )
        : sql<boolean>`false`.as('invited'),
    )
    .where(
      'room_id',
      'in',
      rooms.map((r) => r.id),
    )
    .where('status', 'in', ACTIVE_STATUSES)
    .where(sql<boolean>`tstzrange(starts_at, blocked_until, '[)') && tstzrange(${from}, ${to}, '[)')`)
    .orderBy('starts_at')
    .execute();
  for (const row of rows) {
    const mine = viewer !== null && row.booker_id === viewer.id;
    byRoom.get(row.room_id)!.push({
      bookingId: row.id,
      startsAt: new Date(row.starts_at),
      endsAt: new Date(row.ends_at),
      blockedUntil: new Date(row.blocked_until),
      status: row.status as 'pending' | 'confirmed',
      title: mayReadTitle({ isPrivate: privateRooms.has(row.room_id) }, mine, row.invited === true) ? row.title : null,
      mine,
      checkedIn: row.checked_in_at !== null,
    });
  }
  return byRoom;
}

/**
 * Free starts in a room for a meeting of `minutes`, on the room's open days and hours, on a
 * quarter-hour grid: the busy intervals (buffers included) and the new booking's own buffer kept.
 */
export function freeStarts(
  room: Room,
  busy: readonly { startsAt: Date; blockedUntil: Date }[],
  date: string,
  minutes: number,
  now: Date,
): Date[] {
  const local = toLocal(fromLocal(date, '12:00'));
  if (!room.rules.openWeekdays.includes(local.weekday)) return [];
  const starts: Date[] = [];
  const opens = minutesOf(room.rules.opensAt);
  const closes = minutesOf(room.rules.closesAt);
  for (let m = Math.ceil(opens / 15) * 15; m + minutes <= closes; m += 15) {
    const start = fromLocal(date, timeOf(m));
    if (start.getTime() < now.getTime()) continue;
    const held = start.getTime() + (minutes + room.rules.bufferMinutes) * MINUTE;
    if (busy.every((b) => b.blockedUntil.getTime() <= start.getTime() || b.startsAt.getTime() >= held))
      starts.push(start);
  }
  return starts;
}

/**
 * The `count` starts nearest `asked`, no two closer than the meeting's length (at least an hour):
 * three offers a quarter-hour apart are one offer, not three.
 */
export function spreadNearest(starts: readonly Date[], asked: Date, minutes: number, count: number): Date[] {
  const gap = Math.max(minutes, 60) * MINUTE;
  const chosen: Date[] = [];
  const byDistance = [...starts].sort(
    (a, b) => Math.abs(a.getTime() - asked.getTime()) - Math.abs(b.getTime() - asked.getTime()),
  );
  for (const start of byDistance) {
    if (chosen.length >= count) break;
    if (chosen.every((c) => Math.abs(c.getTime() - start.getTime()) >= gap)) chosen.push(start);
  }
  return chosen.sort((a, b) => a.getTime() - b.getTime());
}

/**
 * When a slot is taken: the same room at the nearest free times within a week (same duration),
 * and other rooms the user may book that fit the need at the same time — same purpose, enough
 * seats, the equipment and accessibility of the room asked for — best fit first.
 */
export async function findAlternatives(
  deps: Pick<BookingDeps, 'db' | 'clock'>,
  room: Room,
  startsAt: Date,
  endsAt: Date,
  attendees: number,
  user: User,
  ignoreBookingId?: string,
): Promise<Alternatives> {
  const { db, clock } = deps;
  const now = clock();
  const minutes = Math.round((endsAt.getTime() - startsAt.getTime()) / MINUTE);
  const day = toLocal(startsAt).date;
  const windowFrom = fromLocal(addDays(day, -1), '00:00');
  const windowTo = fromLocal(addDays(day, 8), '00:00');
  const busy = (await busySlots(db, [room], windowFrom, windowTo, user))
    .get(room.id)!
    .filter((b) => b.bookingId !== ignoreBookingId);
  const candidates: Date[] = [];
  for (let d = 0; d <= 7 && daysBetween(toLocal(now).date, addDays(day, d)) <= room.rules.maxDaysAhead; d++) {
    candidates.push(...freeStarts(room, busy, addDays(day, d), minutes, now));
  }
  const sameRoom = spreadNearest(candidates, startsAt, minutes, 3).map((s) => ({
    startsAt: s,
    endsAt: new Date(s.getTime() + minutes * MINUTE),
  }));

  const otherRooms = (await otherRoomsAt(db, room, startsAt, endsAt, attendees, user, 5, now)).map((r) => ({
    roomId: r.id,
    name: r.name,
    buildingName: r.buildingName,
    capacity: r.capacity,
  }));
  return { sameRoom, otherRooms };
}

/**
 * Other rooms the user may book that fit the need at [startsAt, endsAt) and are free then: same
 * purpose, enough seats, the equipment and accessibility of `room`, open that day and time;
 * the same building first, then the smallest that seats everyone.
 */
export async function otherRoomsAt(
  db: Db | Trx,
  room: Room,
  startsAt: Date,
  endsAt: Date,
  attendees: number,
  user: User,
  limit: number,
  now: Date,
): Promise<Room[]> {
  const minutes = Math.round((endsAt.getTime() - startsAt.getTime()) / MINUTE);
  const groups = await groupsOf(db, user.id);
  const local = toLocal(startsAt);
  const others = await roomsQuery(db)
    .where('r.active', '=', true)
    .where('r.id', '!=', room.id)
    .where('r.purpose', '=', room.purpose)
    .where('r.capacity', '>=', attendees)
    .where(sql<boolean>`r.equipment @> ${sql.val(room.equipment)}::text[]`)
    .where(sql<boolean>`r.accessibility @> ${sql.val(room.accessibility)}::text[]`)
    .where(sql<boolean>`r.open_weekdays @> array[${local.weekday}]::smallint[]`)
    .where(sql<boolean>`r.opens_at <= ${local.time}::time and r.closes_at >= ${timeOf(local.minutes + minutes)}::time`)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('bookings as b')
            .select(sql`1`.as('one'))
            .whereRef('b.room_id', '=', 'r.id')
            .where('b.status', 'in', ACTIVE_STATUSES)
            .where(
              sql<boolean>`tstzrange(b.starts_at, b.blocked_until, '[)') && tstzrange(${startsAt}, ${endsAt}::timestamptz + make_interval(mins => r.buffer_minutes), '[)')`,
            ),
        ),
      ),
    )
    .orderBy(sql`r.building_id = ${room.buildingId}`, 'desc')
    .orderBy('r.capacity')
    .orderBy('r.name')
    .limit(20)
    .execute();
  return others
    .map(toRoom)
    .filter((r) => mayBook(r, user, groups))
    .filter((r) => ruleViolations(r, startsAt, endsAt, attendees, now).length === 0)
    .slice(0, limit);
}
