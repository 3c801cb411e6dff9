import type { BusySlot, Room } from '../booking.schema.ts';
import { addDays, daysBetween, isoWeekday, minutesOf, toLocal, type LocalDateTime } from '../local-time.ts';

/**
 * The booking grid as data: for one room on one local day, the row of cells a grid draws —
 * 30-minute slots on an hour axis, free slots one cell each (each bookable on its own), the
 * rest merged into runs (a booking and its buffer, closed hours, past time, a room the viewer
 * may not book). Bookings keep their true minutes inside their run, so a 09:55–10:55 meeting
 * is drawn from 09:55, not from 09:30. Pure: the views draw it, the tests read it.
 */

export const SLOT_MINUTES = 30;

/** Minutes of a local day, [from, to), on the slot grid. */
export interface DayWindow {
  from: number;
  to: number;
}

/** A booking (or its buffer) as the grid draws it: local minutes, clipped to the day. */
export interface GridItem {
  slot: BusySlot;
  /** Local minutes of the day: the meeting [from, to) and its buffer [to, heldUntil). */
  from: number;
  to: number;
  heldUntil: number;
}

export type GridCell =
  | { kind: 'free'; from: number; to: number; book: { start: number; end: number } }
  | { kind: 'busy'; from: number; to: number; items: GridItem[] }
  | { kind: 'closed' | 'past' | 'restricted' | 'ahead'; from: number; to: number };

/** A local day's minute of a local time: 0 before the day, 1440 after it (23 or 25 h days keep their clock). */
function clamp(local: { date: string; minutes: number }, date: string): number {
  if (local.date < date) return 0;
  if (local.date > date) return 1440;
  return local.minutes;
}

/**
 * A booking's three instants in local time, worked out once per booking: a week grid asks for
 * each of them on seven days (toLocal was a fifth of the week page's time).
 */
const localOf = new WeakMap<BusySlot, { start: LocalDateTime; end: LocalDateTime; held: LocalDateTime }>();
function localTimes(slot: BusySlot) {
  let local = localOf.get(slot);
  if (!local) {
    local = { start: toLocal(slot.startsAt), end: toLocal(slot.endsAt), held: toLocal(slot.blockedUntil) };
    localOf.set(slot, local);
  }
  return local;
}

/** The day's window: the earliest opening to the latest closing of the rooms, on the slot grid. */
export function dayWindow(rooms: readonly Room[]): DayWindow {
  if (rooms.length === 0) return { from: 8 * 60, to: 17 * 60 };
  const from = Math.min(...rooms.map((r) => minutesOf(r.rules.opensAt)));
  const to = Math.max(...rooms.map((r) => (r.rules.closesAt === '00:00' ? 1440 : minutesOf(r.rules.closesAt))));
  return {
    from: Math.floor(from / SLOT_MINUTES) * SLOT_MINUTES,
    to: Math.min(1440, Math.ceil(to / SLOT_MINUTES) * SLOT_MINUTES),
  };
}

/** The room's bookings on the day, in local minutes, earliest first. */
export function itemsOf(busy: readonly BusySlot[], date: string): GridItem[] {
  return busy
    .map((slot) => {
      const local = localTimes(slot);
      return { slot, from: clamp(local.start, date), to: clamp(local.end, date), heldUntil: clamp(local.held, date) };
    })
    .filter((item) => item.heldUntil > item.from || item.to > item.from)
    .sort((a, b) => a.from - b.from);
}

const closesAt = (room: Room) => (room.rules.closesAt === '00:00' ? 1440 : minutesOf(room.rules.closesAt));

/**
 * One room's row on a local day, for a viewer at `now`. A free slot books an hour (or the room's
 * minimum, within its maximum), ending early at the next booking or at closing; a slot already
 * under way books from the next five minutes.
 */
export function gridRow(
  room: Room,
  bookable: boolean,
  busy: readonly BusySlot[],
  date: string,
  window: DayWindow,
  now: Date,
): GridCell[] {
  const items = itemsOf(busy, date);
  const rules = room.rules;
  const openDay = rules.openWeekdays.includes(isoWeekday(date));
  const opens = minutesOf(rules.opensAt);
  const closes = closesAt(room);
  const local = toLocal(now);
  const today = local.date;
  const nowMinute = date < today ? 1440 : date > today ? -1 : local.minutes;
  const tooFar = daysBetween(today, date) > rules.maxDaysAhead;
  const cells: GridCell[] = [];
  const push = (cell: GridCell) => {
    const last = cells[cells.length - 1];
    if (last && last.kind === cell.kind && cell.kind !== 'free' && last.to === cell.from) {
      last.to = cell.to;
      if (last.kind === 'busy' && cell.kind === 'busy')
        for (const item of cell.items) if (!last.items.includes(item)) last.items.push(item);
      return;
    }
    cells.push(cell);
  };
  for (let m = window.from; m < window.to; m += SLOT_MINUTES) {
    const end = m + SLOT_MINUTES;
    const touching = items.filter((i) => i.from < end && Math.max(i.to, i.heldUntil) > m);
    if (touching.length > 0) push({ kind: 'busy', from: m, to: end, items: touching });
    else if (!openDay || m < opens || end > closes) push({ kind: 'closed', from: m, to: end });
    else if (end <= nowMinute) push({ kind: 'past', from: m, to: end });
    else if (!bookable) push({ kind: 'restricted', from: m, to: end });
    else if (tooFar) push({ kind: 'ahead', from: m, to: end });
    else {
      const start = m > nowMinute ? m : Math.ceil((nowMinute + 1) / 5) * 5;
      const next = items.find((i) => i.from >= end)?.from;
      const wanted = Math.min(rules.maxMinutes, Math.max(60, rules.minMinutes));
      // The new booking's own buffer must end before the next booking starts (not before closing).
      const until = Math.min(start + wanted, next === undefined ? closes : next - rules.bufferMinutes, closes);
      push({ kind: 'free', from: m, to: end, book: { start, end: Math.max(until, start + rules.minMinutes) } });
    }
  }
  return cells;
}

/** Free time of a row in minutes: what the week grid says of a day. */
export function freeMinutes(cells: readonly GridCell[]): number {
  return cells.reduce((sum, c) => sum + (c.kind === 'free' ? c.to - Math.max(c.from, c.book.start) : 0), 0);
}

/** The local dates of the ISO week (Monday first) that holds `date`. */
export function weekOf(date: string): string[] {
  const monday = addDays(date, 1 - isoWeekday(date));
  return Array.from({ length: 7 }, (_, i) => addDays(monday, i));
}

/** The ISO week number of a local date (for "vecka 49"). */
export function isoWeekNumber(date: string): number {
  const thursday = addDays(date, 4 - isoWeekday(date));
  const yearStart = `${thursday.slice(0, 4)}-01-01`;
  return Math.floor(daysBetween(yearStart, thursday) / 7) + 1;
}
