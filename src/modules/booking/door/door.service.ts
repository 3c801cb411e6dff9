import { renderSVG } from 'uqr';
import type { User } from '../../../platform/auth/roles.ts';
import type { Db, Trx } from '../../../platform/db/database.ts';
import { AppError } from '../../../platform/http/errors.ts';
import { GRID_MINUTES, type Booking, type BusySlot, type Room } from '../booking.schema.ts';
import { busySlots, createBooking, mayBook, type BookingDeps } from '../booking.service.ts';
import { CHECKIN_EARLY_MINUTES } from './checkin.service.ts';
import { addDays, fromLocal, minutesOf, toLocal } from '../local-time.ts';
import { findRoomByDoorKey, groupsOf } from '../room.repository.ts';
import { findBookerNamesByBookingIds } from '../booking.repository.ts';

/**
 * The door page's view of a room (now, next, free until, what may be checked in, what may be
 * booked now) and its "book the free slot now". The door key is the capability: a wrong key is
 * "not found". Titles and bookers of private rooms' bookings are never part of the view: the page
 * is public to anyone holding the key.
 */

export const DOOR_DURATIONS = [15, 30, 60] as const;
const MINUTE = 60_000;

/** A booking as the door shows it: no title and no booker in a private room. */
export interface DoorSlot {
  bookingId: string;
  startsAt: Date;
  endsAt: Date;
  /** null: a private room's booking ("Booked"). */
  title: string | null;
  /** Who booked it; null whenever the title is private (and for all but the current booking). */
  bookerName: string | null;
  status: 'pending' | 'confirmed';
  checkedIn: boolean;
}

export interface DoorView {
  room: Room;
  now: Date;
  /** Is the room open right now (weekday and hours)? */
  open: boolean;
  current: DoorSlot | null;
  next: DoorSlot | null;
  /** The room is free from now (the five-minute slot now) until then; null when it is not free now. */
  freeUntil: Date | null;
  /** Open and held: when it comes free (see busyUntilOf); null when it is free or closed. */
  busyUntil: Date | null;
  /** The booking that may be checked in now at the door, if any. */
  checkIn: DoorSlot | null;
  /** The start a "book now" gets: now, down to the five-minute grid. */
  bookStart: Date;
  /** Minutes that may be booked now (within the free time, the opening hours and the room's rules). */
  durations: number[];
}

function toDoorSlot(slot: BusySlot, room: Room, bookerName: string | null = null): DoorSlot {
  const title = room.isPrivate ? null : slot.title;
  return {
    bookingId: slot.bookingId,
    startsAt: slot.startsAt,
    endsAt: slot.endsAt,
    title,
    // The booker is as private as the title: a client-meeting room's door names nobody.
    bookerName: title === null ? null : bookerName,
    status: slot.status,
    checkedIn: slot.checkedIn,
  };
}

/** The door URL (what the QR code encodes). */
export function doorUrl(baseUrl: string, roomId: string, doorKey: string): string {
  return `${baseUrl}/lokaler/dorr/${encodeURIComponent(roomId)}?nyckel=${encodeURIComponent(doorKey)}`;
}

/** The door URL as a QR code (SVG markup, black on white). */
export function doorQrSvg(baseUrl: string, roomId: string, doorKey: string): string {
  return renderSVG(doorUrl(baseUrl, roomId, doorKey), { border: 2, pixelSize: 8 });
}

export async function doorRoom(db: Db | Trx, roomId: string, doorKey: string | undefined): Promise<Room> {
  const room = doorKey && doorKey.length >= 24 ? await findRoomByDoorKey(db, roomId, doorKey) : undefined;
  if (!room) throw new AppError('NOT_FOUND', 'There is no such door page.');
  return room;
}

/**
 * When a held room comes free: the end of the meeting holding it, or of the last of back-to-back
 * meetings (one starting within the previous one's buffer chains on, as the room never comes free
 * between them). While only a buffer holds it, the first five-minute slot a booking can take.
 */
export function busyUntilOf(slots: readonly BusySlot[], now: Date): Date {
  const t = now.getTime();
  let blocked = t;
  let meetingEnd = t;
  for (const s of slots) {
    if (s.startsAt.getTime() > blocked) break; // slots are in start order
    if (s.blockedUntil.getTime() <= t) continue;
    blocked = Math.max(blocked, s.blockedUntil.getTime());
    meetingEnd = Math.max(meetingEnd, s.endsAt.getTime());
  }
  if (meetingEnd > t) return new Date(meetingEnd);
  const grid = GRID_MINUTES * MINUTE;
  return new Date(Math.ceil(blocked / grid) * grid);
}

export async function doorView(db: Db | Trx, room: Room, now: Date): Promise<DoorView> {
  const local = toLocal(now);
  const from = new Date(now.getTime() - 24 * 60 * MINUTE);
  const to = fromLocal(addDays(local.date, 2), '00:00');
  // Viewer null: nobody's booking is "mine", private titles come back null.
  const slots = (await busySlots(db, [room], from, to, null)).get(room.id)!;
  const bookStart = new Date(Math.floor(now.getTime() / (GRID_MINUTES * MINUTE)) * GRID_MINUTES * MINUTE);
  const current = slots.find((s) => s.startsAt <= now && now < s.endsAt) ?? null;
  const next = slots.find((s) => s.startsAt > now) ?? null;
  const opens = minutesOf(room.rules.opensAt);
  const closes = minutesOf(room.rules.closesAt);
  const open = room.rules.openWeekdays.includes(local.weekday) && local.minutes >= opens && local.minutes < closes;
  const closing = fromLocal(local.date, room.rules.closesAt);
  // Free now: nothing holds the room (buffers included) at the start a booking now would get.
  const holding = slots.some(
    (s) => s.startsAt.getTime() <= now.getTime() && s.blockedUntil.getTime() > bookStart.getTime(),
  );
  const freeUntil =
    open && !holding ? new Date(Math.min(closing.getTime(), next ? next.startsAt.getTime() : Infinity)) : null;
  const durations = freeUntil
    ? DOOR_DURATIONS.filter((minutes) => {
        const end = bookStart.getTime() + minutes * MINUTE;
        return (
          minutes >= room.rules.minMinutes &&
          minutes <= room.rules.maxMinutes &&
          end <= closing.getTime() &&
          (!next || end + room.rules.bufferMinutes * MINUTE <= next.startsAt.getTime())
        );
      })
    : [];
  const busyUntil = open && holding ? busyUntilOf(slots, now) : null;
  const bookerNames =
    current && !room.isPrivate ? await findBookerNamesByBookingIds(db, [current.bookingId]) : new Map<string, string>();
  const window = room.rules.checkinWindowMinutes;
  const checkIn =
    window === null
      ? null
      : (slots.find(
          (s) =>
            s.status === 'confirmed' &&
            !s.checkedIn &&
            now.getTime() >= s.startsAt.getTime() - CHECKIN_EARLY_MINUTES * MINUTE &&
            now.getTime() <= s.startsAt.getTime() + window * MINUTE,
        ) ?? null);
  return {
    room,
    now,
    open,
    current: current && toDoorSlot(current, room, bookerNames.get(current.bookingId) ?? null),
    next: next && toDoorSlot(next, room),
    freeUntil,
    busyUntil,
    checkIn: checkIn && toDoorSlot(checkIn, room),
    bookStart,
    durations,
  };
}

/** May the signed-in user book this room at all (groups)? */
export async function mayBookAtDoor(db: Db | Trx, room: Room, user: User | null): Promise<boolean> {
  return user !== null && user.kind === 'staff' && mayBook(room, user, await groupsOf(db, user.id));
}

/** "Book the free slot now": from now (five-minute grid) for `minutes`, source `door`, checked in. */
export async function bookNow(
  deps: BookingDeps,
  user: User,
  room: Room,
  minutes: number,
  title: string,
  idempotencyKey: string | undefined,
): Promise<Booking> {
  if (!(DOOR_DURATIONS as readonly number[]).includes(minutes)) {
    throw new AppError('VALIDATION_FAILED', 'Choose a duration.', {
      fields: [{ field: 'minuter', code: 'doorDuration' }],
    });
  }
  const startsAt = new Date(Math.floor(deps.clock().getTime() / (GRID_MINUTES * MINUTE)) * GRID_MINUTES * MINUTE);
  return createBooking(
    deps,
    user,
    {
      roomId: room.id,
      startsAt,
      endsAt: new Date(startsAt.getTime() + minutes * MINUTE),
      title,
      attendees: 1,
      ...(idempotencyKey && idempotencyKey.length >= 8 ? { idempotencyKey } : {}),
    },
    'door',
    // Booked by someone standing at the room: checked in at once, so auto-release never frees it.
    { checkedIn: true },
  );
}
