import { sql } from 'kysely';
import { hasRole, type User } from '../../../platform/auth/roles.ts';
import type { Db, Trx } from '../../../platform/db/database.ts';
import { AppError, type FieldError } from '../../../platform/http/errors.ts';
import { bDb } from '../booking.table.ts';
import { addDays, daysBetween, fromLocal, isLocalDate, offsetAt } from '../local-time.ts';
import { groupsOf } from '../room.repository.ts';

/**
 * Facility insight: utilisation per room and building over a period of local days — booked
 * hours (confirmed and released bookings: the room was held), checked-in hours, no-show share
 * (released ÷ (released + checked in): of the meetings whose check-in was decided, how many
 * never came) and the busiest hours (booked minutes by local weekday × hour). For
 * administrators and the facilities group (lokalservice).
 */

export const INSIGHT_GROUP = 'lokalservice';
export const MAX_INSIGHT_DAYS = 366;

export async function mayViewInsight(db: Db | Trx, user: User): Promise<boolean> {
  return hasRole(user, 'admin') || (await groupsOf(db, user.id)).includes(INSIGHT_GROUP);
}

export interface UtilisationFigures {
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
  bookings: 0,
  bookedMinutes: 0,
  checkedInMinutes: 0,
  checkedIn: 0,
  noShows: 0,
});
function add(into: UtilisationFigures, f: UtilisationFigures): void {
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
      sql<number>`count(bk.id)::int`.as('bookings'),
      sql<number>`coalesce(sum(extract(epoch from (bk.ends_at - bk.starts_at)) / 60), 0)::float8`.as('bookedMinutes'),
      sql<number>`coalesce(sum(extract(epoch from (bk.ends_at - bk.starts_at)) / 60) filter (where bk.checked_in_at is not null), 0)::float8`.as(
        'checkedInMinutes',
      ),
      sql<number>`(count(bk.id) filter (where bk.checked_in_at is not null))::int`.as('checkedIn'),
      sql<number>`(count(bk.id) filter (where bk.status = 'released'))::int`.as('noShows'),
    ])
    .groupBy(['r.id', 'r.name', 'bu.id', 'bu.name'])
    .orderBy('bu.name')
    .orderBy('r.name')
    .orderBy('r.id');
  if (q.buildingId) rooms = rooms.where('r.building_id', '=', q.buildingId);
  const rows = (await rooms.execute()).map((r) => ({
    ...r,
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
    .select(['bk.starts_at', 'bk.ends_at'])
    .where('bk.status', 'in', ['confirmed', 'released'])
    .where('bk.starts_at', '>=', from)
    .where('bk.starts_at', '<', to);
  if (q.buildingId)
    intervals = intervals
      .innerJoin('booking_rooms as r', 'r.id', 'bk.room_id')
      .where('r.building_id', '=', q.buildingId);
  const offsets = new Map<number, number>();
  for (const row of await intervals.execute()) addToHeat(heat, new Date(row.starts_at), new Date(row.ends_at), offsets);
  for (const day of heat) for (let h = 0; h < 24; h++) day[h] = Math.round(day[h]!);

  return {
    from: q.from,
    to: q.to,
    buildingId: q.buildingId ?? null,
    rooms: rows,
    buildings: [...buildings.values()],
    total,
    heat,
  };
}

/** A CSV cell: quoted when needed; a leading =, +, - or @ is neutralised (spreadsheet formulas). */
export function csvCell(value: string | number): string {
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",;\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
