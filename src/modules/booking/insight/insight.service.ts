import { sql } from 'kysely';
import { hasRole, type User } from '../../../platform/auth/roles.ts';
import type { Db, Trx } from '../../../platform/db/database.ts';
import { AppError, type FieldError } from '../../../platform/http/errors.ts';
import { bDb } from '../booking.table.ts';
import {
  addDays,
  daysBetween,
  fromLocal,
  isLocalDate,
  isoWeekday,
  minutesOf,
  offsetAt,
  toLocal,
} from '../local-time.ts';
import { groupsOf } from '../room.repository.ts';

/**
 * Facility insight: utilisation per room and building over a period of local days — booked
 * hours (confirmed and released bookings: the room was held), checked-in hours, no-show share
 * (released ÷ (released + checked in): of the meetings whose check-in was decided, how many
 * never came) and the busiest hours (booked minutes by local weekday × hour). Utilisation in per
 * cent is booked hours ÷ open hours (each room's opening hours on its open weekdays in the period;
 * public holidays are not known and count as open); the checked-in share is checked-in hours ÷
 * booked hours. The same figures per week (Monday to Sunday) make the charts over weeks. For
 * administrators and the facilities group (lokalservice).
 */

export const INSIGHT_GROUP = 'lokalservice';
export const MAX_INSIGHT_DAYS = 366;

export async function mayViewInsight(db: Db | Trx, user: User): Promise<boolean> {
  return hasRole(user, 'admin') || (await groupsOf(db, user.id)).includes(INSIGHT_GROUP);
}

export interface UtilisationFigures {
  /** The rooms' opening hours in the period, in minutes. */
  openMinutes: number;
  bookings: number;
  bookedMinutes: number;
  checkedInMinutes: number;
  checkedIn: number;
  noShows: number;
}

export interface RoomUtilisation extends UtilisationFigures {
  roomId: string;
  roomName: string;
  buildingId: string;
  buildingName: string;
}

export interface Insight {
  from: string;
  to: string;
  buildingId: string | null;
  rooms: RoomUtilisation[];
  buildings: (UtilisationFigures & { buildingId: string; buildingName: string; rooms: number })[];
  total: UtilisationFigures;
  /** Booked minutes: [weekday 0 = Monday … 6][hour 0–23], local time. */
  heat: number[][];
  /** The period's weeks (the first and last may be partial), all rooms shown together. */
  weeks: WeekFigures[];
}

export interface WeekFigures extends UtilisationFigures {
  /** The week's Monday (local date), possibly before the period starts. */
  monday: string;
  /** ISO 8601 week number. */
  week: number;
}

/** A share in [0, 1], or null when there is nothing to divide by. */
const share = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

/** Booked hours ÷ open hours. */
export const utilisationShare = (f: Pick<UtilisationFigures, 'bookedMinutes' | 'openMinutes'>) =>
  share(f.bookedMinutes, f.openMinutes);

/** Checked-in hours ÷ booked hours. */
export const checkedInShare = (f: Pick<UtilisationFigures, 'bookedMinutes' | 'checkedInMinutes'>) =>
  share(f.checkedInMinutes, f.bookedMinutes);

/** The ISO 8601 week number of a local date. */
export function isoWeek(date: string): number {
  const thursday = addDays(date, 4 - isoWeekday(date));
  const jan1 = `${thursday.slice(0, 4)}-01-01`;
  return Math.floor(daysBetween(jan1, thursday) / 7) + 1;
}

/** The Monday of a local date's week. */
export const mondayOf = (date: string) => addDays(date, 1 - isoWeekday(date));

interface OpeningRules {
  opens_at: string;
  closes_at: string;
  open_weekdays: number[];
}

/** A room's open minutes on a local date (0 on a closed weekday). */
export function openMinutesOn(rules: OpeningRules, date: string): number {
  return rules.open_weekdays.includes(isoWeekday(date)) ? minutesOf(rules.closes_at) - minutesOf(rules.opens_at) : 0;
}

/** No-show share in [0, 1], or null when no check-in was decided. */
export function noShowShare(f: Pick<UtilisationFigures, 'noShows' | 'checkedIn'>): number | null {
  const decided = f.noShows + f.checkedIn;
  return decided === 0 ? null : f.noShows / decided;
}

export interface InsightQuery {
  from: string;
  to: string;
  buildingId?: string | undefined;
}

/** The period's field errors (fran/till): real dates, in order, at most a year. */
export function periodErrors(q: InsightQuery): FieldError[] {
  const errors: FieldError[] = [];
  if (!isLocalDate(q.from)) errors.push({ field: 'fran', code: 'invalidDate' });
  if (!isLocalDate(q.to)) errors.push({ field: 'till', code: 'invalidDate' });
  if (errors.length === 0 && daysBetween(q.from, q.to) < 0) errors.push({ field: 'till', code: 'periodOrder' });
  if (errors.length === 0 && daysBetween(q.from, q.to) >= MAX_INSIGHT_DAYS)
    errors.push({ field: 'till', code: 'periodTooLong', params: { days: MAX_INSIGHT_DAYS } });
  return errors;
}

const zero = (): UtilisationFigures => ({
  openMinutes: 0,
  bookings: 0,
  bookedMinutes: 0,
  checkedInMinutes: 0,
  checkedIn: 0,
  noShows: 0,
});
function add(into: UtilisationFigures, f: UtilisationFigures): void {
  into.openMinutes += f.openMinutes;
  into.bookings += f.bookings;
  into.bookedMinutes += f.bookedMinutes;
  into.checkedInMinutes += f.checkedInMinutes;
  into.checkedIn += f.checkedIn;
  into.noShows += f.noShows;
}

const HOUR = 3_600_000;

/** Adds [start, end) to the weekday × hour grid in Stockholm time (offsets cached per UTC hour). */
export function addToHeat(heat: number[][], startsAt: Date, endsAt: Date, offsets = new Map<number, number>()): void {
  const offset = (t: number) => {
    const hour = Math.floor(t / HOUR);
    let o = offsets.get(hour);
    if (o === undefined) {
      o = offsetAt(new Date(hour * HOUR));
      offsets.set(hour, o);
    }
    return o;
  };
  let t = startsAt.getTime();
  const end = endsAt.getTime();
  while (t < end) {
    const local = new Date(t + offset(t));
    const next = Math.min(end, (Math.floor(t / HOUR) + 1) * HOUR);
    const weekday = (local.getUTCDay() + 6) % 7;
    heat[weekday]![local.getUTCHours()]! += (next - t) / 60_000;
    t = next;
  }
}

export async function insight(db: Db | Trx, q: InsightQuery): Promise<Insight> {
  const errors = periodErrors(q);
  if (errors.length > 0) throw new AppError('VALIDATION_FAILED', 'The period is not valid.', { fields: errors });
  const b = bDb(db);
  if (
    q.buildingId &&
    !(await b.selectFrom('booking_buildings').select('id').where('id', '=', q.buildingId).executeTakeFirst())
  ) {
    throw new AppError('VALIDATION_FAILED', 'There is no such building.', {
      fields: [{ field: 'hus', code: 'unknownBuilding' }],
    });
  }
  const from = fromLocal(q.from, '00:00');
  const to = fromLocal(addDays(q.to, 1), '00:00');
  let rooms = b
    .selectFrom('booking_rooms as r')
    .innerJoin('booking_buildings as bu', 'bu.id', 'r.building_id')
    .leftJoin('bookings as bk', (join) =>
      join
        .onRef('bk.room_id', '=', 'r.id')
        .on('bk.status', 'in', ['confirmed', 'released'])
        .on('bk.starts_at', '>=', from)
        .on('bk.starts_at', '<', to),
    )
    .select([
      'r.id as roomId',
      'r.name as roomName',
      'bu.id as buildingId',
      'bu.name as buildingName',
      'r.opens_at',
      'r.closes_at',
      'r.open_weekdays',
      sql<number>`count(bk.id)::int`.as('bookings'),
      sql<number>`coalesce(sum(extract(epoch from (bk.ends_at - bk.starts_at)) / 60), 0)::float8`.as('bookedMinutes'),
      sql<number>`coalesce(sum(extract(epoch from (bk.ends_at - bk.starts_at)) / 60) filter (where bk.checked_in_at is not null), 0)::float8`.as(
        'checkedInMinutes',
      ),
      sql<number>`(count(bk.id) filter (where bk.checked_in_at is not null))::int`.as('checkedIn'),
      sql<number>`(count(bk.id) filter (where bk.status = 'released'))::int`.as('noShows'),
    ])
    .groupBy(['r.id', 'r.name', 'bu.id', 'bu.name', 'r.opens_at', 'r.closes_at', 'r.open_weekdays'])
    .orderBy('bu.name')
    .orderBy('r.name')
    .orderBy('r.id');
  if (q.buildingId) rooms = rooms.where('r.building_id', '=', q.buildingId);
  const days = Array.from({ length: daysBetween(q.from, q.to) + 1 }, (_, k) => addDays(q.from, k));
  const roomRows = await rooms.execute();
  const rows = roomRows.map(({ opens_at, closes_at, open_weekdays, ...r }) => ({
    ...r,
    openMinutes: days.reduce((sum, day) => sum + openMinutesOn({ opens_at, closes_at, open_weekdays }, day), 0),
    bookings: Number(r.bookings),
    bookedMinutes: Math.round(Number(r.bookedMinutes)),
    checkedInMinutes: Math.round(Number(r.checkedInMinutes)),
    checkedIn: Number(r.checkedIn),
    noShows: Number(r.noShows),
  }));

  const buildings = new Map<string, Insight['buildings'][number]>();
  const total = zero();
  for (const r of rows) {
    const building = buildings.get(r.buildingId) ?? {
      ...zero(),
      buildingId: r.buildingId,
      buildingName: r.buildingName,
      rooms: 0,
    };
    add(building, r);
    building.rooms++;
    buildings.set(r.buildingId, building);
    add(total, r);
  }

  const heat = Array.from({ length: 7 }, () => Array.from({ length: 24 }, () => 0));
  let intervals = b
    .selectFrom('bookings as bk')
    .select(['bk.starts_at', 'bk.ends_at', 'bk.status', 'bk.checked_in_at'])
    .where('bk.status', 'in', ['confirmed', 'released'])
    .where('bk.starts_at', '>=', from)
    .where('bk.starts_at', '<', to);
  if (q.buildingId)
    intervals = intervals
      .innerJoin('booking_rooms as r', 'r.id', 'bk.room_id')
      .where('r.building_id', '=', q.buildingId);
  const weeks = new Map<string, WeekFigures>();
  const weekOf = (date: string) => {
    const monday = mondayOf(date);
    let week = weeks.get(monday);
    if (!week) weeks.set(monday, (week = { ...zero(), monday, week: isoWeek(monday) }));
    return week;
  };
  for (const day of days) {
    const week = weekOf(day);
    for (const r of roomRows) week.openMinutes += openMinutesOn(r, day);
  }
  const offsets = new Map<number, number>();
  for (const row of await intervals.execute()) {
    const startsAt = new Date(row.starts_at);
    const endsAt = new Date(row.ends_at);
    addToHeat(heat, startsAt, endsAt, offsets);
    const week = weekOf(toLocal(startsAt).date);
    const minutes = (endsAt.getTime() - startsAt.getTime()) / 60_000;
    week.bookings++;
    week.bookedMinutes += minutes;
    if (row.checked_in_at !== null) {
      week.checkedIn++;
      week.checkedInMinutes += minutes;
    }
    if (row.status === 'released') week.noShows++;
  }
  for (const day of heat) for (let h = 0; h < 24; h++) day[h] = Math.round(day[h]!);
  for (const week of weeks.values()) {
    week.bookedMinutes = Math.round(week.bookedMinutes);
    week.checkedInMinutes = Math.round(week.checkedInMinutes);
  }

  return {
    from: q.from,
    to: q.to,
    buildingId: q.buildingId ?? null,
    rooms: rows,
    buildings: [...buildings.values()],
    total,
    heat,
    weeks: [...weeks.values()].sort((x, y) => x.monday.localeCompare(y.monday)),
  };
}
