/**
 * Wall-clock time in Europe/Stockholm and the instants it names. Booking rules (opening hours,
 * recurrence) are stated in local time; the database stores instants (timestamptz). Across the
 * clock changes a local time can name no instant (02:30 on the last Sunday of March) or two
 * (02:30 on the last Sunday of October): we follow RFC 5545 §3.3.5 — a time in the gap is read
 * with the offset before the gap (so it moves one hour later), an ambiguous one is the first.
 */

export const TIME_ZONE = 'Europe/Stockholm';

/** `YYYY-MM-DD` */
export type LocalDate = string;
/** `HH:MM` (24-hour) */
export type LocalTime = string;

export const LOCAL_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
export const LOCAL_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

const PARTS = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

export interface LocalDateTime {
  date: LocalDate;
  time: LocalTime;
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** Minutes since local midnight. */
  minutes: number;
}

/** True for a real calendar day (not 2027-02-30). */
export function isLocalDate(value: string): boolean {
  if (!LOCAL_DATE.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

type Fields = { y: number; mo: number; d: number; h: number; mi: number; s: number };

// Intl's formatToParts costs tens of microseconds and the finder asks about the same few instants
// for every candidate room: remember recent answers (bounded; cleared when full).
const FIELDS_CACHE = new Map<number, Fields>();
const FIELDS_CACHE_MAX = 4096;

function fields(instant: Date): Fields {
  const key = instant.getTime();
  const cached = FIELDS_CACHE.get(key);
  if (cached) return cached;
  const out: Record<string, number> = {};
  for (const part of PARTS.formatToParts(instant)) if (part.type !== 'literal') out[part.type] = Number(part.value);
  const result = { y: out.year!, mo: out.month!, d: out.day!, h: out.hour!, mi: out.minute!, s: out.second! };
  if (FIELDS_CACHE.size >= FIELDS_CACHE_MAX) FIELDS_CACHE.clear();
  FIELDS_CACHE.set(key, result);
  return result;
}

/** The UTC offset of Stockholm at an instant, in milliseconds (+1 h in winter, +2 h in summer). */
export function offsetAt(instant: Date): number {
  const f = fields(instant);
  const asUtc = Date.UTC(f.y, f.mo - 1, f.d, f.h, f.mi, f.s);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/** The local date and time of an instant in Stockholm. */
export function toLocal(instant: Date): LocalDateTime {
  const f = fields(instant);
  const date = `${f.y}-${pad(f.mo)}-${pad(f.d)}`;
  return { date, time: `${pad(f.h)}:${pad(f.mi)}`, weekday: isoWeekday(date), minutes: f.h * 60 + f.mi };
}

/** The instant a Stockholm wall-clock time names (see the file comment for gaps and overlaps). */
export function fromLocal(date: LocalDate, time: LocalTime): Date {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const [h, mi] = time.split(':').map(Number) as [number, number];
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  // The offsets in force half a day either side cover any single transition.
  const before = offsetAt(new Date(wall - 12 * 3_600_000));
  const after = offsetAt(new Date(wall + 12 * 3_600_000));
  const candidates = [wall - before, wall - after].filter((t) => {
    const local = toLocal(new Date(t));
    return local.date === date && local.time === time;
  });
  if (candidates.length > 0) return new Date(Math.min(...candidates));
  return new Date(wall - before); // in the spring gap: read with the offset before it
}

/** Adds calendar days to a local date. */
export function addDays(date: LocalDate, days: number): LocalDate {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** ISO weekday of a local date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: LocalDate): number {
  return ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
}

/** Whole days from `a` to `b` (local dates). */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** `HH:MM` → minutes since midnight. */
export function minutesOf(time: LocalTime): number {
  const [h, m] = time.split(':').map(Number) as [number, number];
  return h * 60 + m;
}

/** Minutes since midnight → `HH:MM` (wraps at 24 h). */
export function timeOf(minutes: number): LocalTime {
  const m = ((minutes % 1440) + 1440) % 1440;
  return `${pad(Math.floor(m / 60))}:${pad(m % 60)}`;
}

/** The first instant of a local day and of the next: the day's half-open range. */
export function dayRange(date: LocalDate): { from: Date; to: Date } {
  return { from: fromLocal(date, '00:00'), to: fromLocal(addDays(date, 1), '00:00') };
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
