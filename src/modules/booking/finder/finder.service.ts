import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';
import { hasRole, type User } from '../../../platform/auth/roles.ts';
import type { Db, Trx } from '../../../platform/db/database.ts';
import { AppError, type FieldError } from '../../../platform/http/errors.ts';
import { bDb } from '../booking.table.ts';
import {
  ACCESSIBILITY,
  EQUIPMENT,
  GRID_MINUTES,
  MAX_BOOKING_MINUTES,
  PURPOSES,
  type Accessibility,
  type Equipment,
  type Room,
  type RoomPurpose,
} from '../booking.schema.ts';
import { busySlots, freeStarts, ruleViolations } from '../booking.service.ts';
import {
  addDays,
  daysBetween,
  fromLocal,
  isLocalDate,
  LOCAL_TIME,
  minutesOf,
  toLocal,
  type LocalDate,
  type LocalTime,
} from '../local-time.ts';
import { roomsQuery, toRoom } from '../room.repository.ts';

/**
 * The room finder: what a meeting needs → the rooms the user may book that are free then,
 * best fit first; when none is, the nearest free times of the best-fitting rooms and the rooms
 * that would fit with one constraint relaxed. The free rooms are ONE query whose NOT EXISTS
 * repeats the exclusion constraint's expression and predicate, so its gist index answers it.
 */

const MINUTE = 60_000;

export interface FinderQuery {
  date: LocalDate;
  start: LocalTime;
  durationMinutes: number;
  people: number;
  equipment?: readonly Equipment[];
  accessibility?: readonly Accessibility[];
  buildingId?: string | undefined;
  floor?: number | undefined;
  purpose?: RoomPurpose | undefined;
}

/** A constraint the finder can drop to offer rooms that almost fit. */
export type RelaxedConstraint = 'floor' | 'building' | 'purpose' | 'equipment' | 'accessibility';

export interface FoundRoom {
  room: Room;
  /** In the user's preferred building. */
  preferred: boolean;
}

export interface FinderAlternatives {
  /** The best-fitting rooms (free or not) at their nearest free times, same duration. */
  times: { room: Room; slots: { startsAt: Date; endsAt: Date }[] }[];
  /** Rooms free at the asked time that fit once one constraint is dropped, by constraint. */
  relaxed: { constraint: RelaxedConstraint; rooms: FoundRoom[] }[];
}

export interface FinderResult {
  startsAt: Date;
  endsAt: Date;
  rooms: FoundRoom[];
  /** Only when no room fits. */
  alternatives: FinderAlternatives | null;
}

/** At most this many rooms are listed; the finder is for choosing, not browsing. */
export const FINDER_LIMIT = 25;

/**
 * The query's own errors (a malformed date, a zero or 30-day duration…) as field errors named
 * after the query's keys: `date`, `start`, `duration`, `people`, `floor`.
 */
export function finderQueryErrors(query: FinderQuery, now: Date): FieldError[] {
  const errors: FieldError[] = [];
  if (!isLocalDate(query.date)) errors.push({ field: 'date', code: 'invalidDate' });
  if (!LOCAL_TIME.test(query.start)) errors.push({ field: 'start', code: 'invalidTime' });
  const d = query.durationMinutes;
  if (!Number.isInteger(d) || d <= 0)
    errors.push({ field: 'duration', code: 'durationPositive', params: { minutes: GRID_MINUTES } });
  else if (d > MAX_BOOKING_MINUTES)
    errors.push({ field: 'duration', code: 'tooLong', params: { max: MAX_BOOKING_MINUTES } });
  else if (d % GRID_MINUTES !== 0)
    errors.push({ field: 'duration', code: 'offGrid', params: { minutes: GRID_MINUTES } });
  if (!Number.isInteger(query.people) || query.people < 1 || query.people > 1000)
    errors.push({ field: 'people', code: 'peopleRange' });
  if (query.floor !== undefined && (!Number.isInteger(query.floor) || query.floor < -5 || query.floor > 100))
    errors.push({ field: 'floor', code: 'floorRange' });
  if (errors.some((e) => e.field === 'date' || e.field === 'start')) return errors;
  if (minutesOf(query.start) % GRID_MINUTES !== 0)
    errors.push({ field: 'start', code: 'offGrid', params: { minutes: GRID_MINUTES } });
  const startsAt = fromLocal(query.date, query.start);
  if (startsAt.getTime() < now.getTime() - GRID_MINUTES * MINUTE) errors.push({ field: 'start', code: 'inPast' });
  return errors;
}

interface RoomFilter {
  people: number;
  durationMinutes: number;
  equipment: readonly string[];
  accessibility: readonly string[];
  buildingId?: string | undefined;
  floor?: number | undefined;
  purpose?: RoomPurpose | undefined;
}

/**
 * The rooms the user may book that meet the filter, best fit first: smallest capacity that
 * seats everyone, then the user's preferred building, then name. With `at`, only rooms open and
 * free for the whole of it (the room's buffer after it kept); the room's own rules checked.
 * One statement: the user's groups and preferred building are subqueries.
 */
function fittingRoomsQuery(
  db: Db | Trx,
  user: User,
  filter: RoomFilter,
  at: { startsAt: Date; endsAt: Date } | null,
  now: Date,
  limit: number,
  extra?: Expression<SqlBool>,
) {
  const isAdmin = hasRole(user, 'admin');
  let q = roomsQuery(db)
    .select(
      sql<boolean>`r.building_id is not distinct from (select p.building_id from booking_preferences p where p.user_id = ${user.id})`.as(
        'preferred',
      ),
    )
    .where('r.active', '=', true)
    .where('r.capacity', '>=', filter.people)
    .where('r.min_minutes', '<=', filter.durationMinutes)
    .where('r.max_minutes', '>=', filter.durationMinutes);
  if (filter.equipment.length > 0) q = q.where(sql<boolean>`r.equipment @> ${sql.val([...filter.equipment])}::text[]`);
  if (filter.accessibility.length > 0)
    q = q.where(sql<boolean>`r.accessibility @> ${sql.val([...filter.accessibility])}::text[]`);
  if (filter.buildingId !== undefined) q = q.where('r.building_id', '=', filter.buildingId);
  if (filter.floor !== undefined) q = q.where('r.floor', '=', filter.floor);
  if (filter.purpose !== undefined) q = q.where('r.purpose', '=', filter.purpose);
  if (!isAdmin) {
    q = q.where(
      sql<boolean>`(r.allowed_groups = '{}'::text[] or r.allowed_groups && array(select m.group_id from booking_group_members m where m.user_id = ${user.id}))`,
    );
  }
  if (extra) q = q.where(extra);
  if (at) {
    const start = toLocal(at.startsAt);
    const end = toLocal(at.endsAt);
    // An end at local midnight closes the day (24:00); a later end crosses into the next day: no room is open.
    const endMinutes =
      end.date === start.date
        ? end.minutes
        : end.date === addDays(start.date, 1) && end.minutes === 0
          ? 1440
          : Infinity;
    if (!Number.isFinite(endMinutes)) return null;
    const endTime = endMinutes === 1440 ? '24:00' : end.time;
    q = q
      // `@>` and `= '{}'` (not `= any(…)`, `cardinality(…) = 0`) let the planner use the array
      // columns' statistics: it guessed 23 candidate rooms of 1,500 and nest-looped the buildings join.
      .where(sql<boolean>`r.open_weekdays @> array[${start.weekday}]::smallint[]`)
      .where(sql<boolean>`r.opens_at <= ${start.time}::time and r.closes_at >= ${endTime}::time`)
      .where(sql<boolean>`r.max_days_ahead >= ${daysBetween(toLocal(now).date, start.date)}`)
      .where(({ not, exists }) => not(exists(overlapping(at.startsAt, at.endsAt))));
    // Ranked and cut OUTSIDE a fenced (`offset 0`) subquery: with the LIMIT in view the planner
    // walks rooms in capacity order and probes every busy booking of the interval per room
    // (a nested-loop anti join: 170 rooms × 1,700 bookings took 10–28 ms); fenced, it hashes
    // the busy bookings on room_id once (≈1.5 ms). bench/booking.bench.ts measures it.
    return bDb(db)
      .selectFrom(q.offset(0).as('f'))
      .selectAll()
      .orderBy('f.capacity')
      .orderBy('f.preferred', 'desc')
      .orderBy('f.name')
      .orderBy('f.id')
      .limit(limit);
  }
  return q
    .orderBy('r.capacity')
    .orderBy(sql`preferred`, 'desc')
    .orderBy('r.name')
    .orderBy('r.id')
    .limit(limit);
}

/**
 * Active bookings of room `r` holding any of [startsAt, endsAt + r's buffer). The inner
 * subquery (kept apart by `offset 0`) reads the interval's busy bookings ONCE, with the widest
 * buffer a room can have (240 minutes, migration 0005's check), through the held-interval index
 * (migration 0006); the planner then hashes them on room_id against the candidate rooms and
 * checks each room's own buffer exactly. Probing the exclusion constraint's (room_id, range)
 * index per room instead cost ~0.15 ms a room: 190 ms for 1,500 rooms (bench/booking.bench.ts).
 */
function overlapping(startsAt: Date, endsAt: Date): Expression<SqlBool> {
  return sql<SqlBool>`(select 1 from (select bk.room_id, tstzrange(bk.starts_at, bk.blocked_until, '[)') as held from bookings bk
      where bk.status in ('pending', 'confirmed')
        and tstzrange(bk.starts_at, bk.blocked_until, '[)') && tstzrange(${startsAt}::timestamptz, ${endsAt}::timestamptz + interval '240 minutes', '[)')
      offset 0) busy
    where busy.room_id = r.id
      and busy.held && tstzrange(${startsAt}::timestamptz, ${endsAt}::timestamptz + make_interval(mins => r.buffer_minutes), '[)'))`;
}

type FittingRow = Parameters<typeof toRoom>[0] & { preferred: boolean };

function toFound(
  rows: readonly FittingRow[],
  startsAt: Date,
  endsAt: Date,
  user: User,
  now: Date,
  people: number,
  checkRules: boolean,
): FoundRoom[] {
  return rows
    .map((row) => ({ room: toRoom(row), preferred: row.preferred === true }))
    .filter((f) => !checkRules || ruleViolations(f.room, startsAt, endsAt, people, now).length === 0)
    .filter(() => user.kind === 'staff');
}

function normalise(query: FinderQuery): RoomFilter {
  return {
    people: query.people,
    durationMinutes: query.durationMinutes,
    equipment: [...new Set(query.equipment ?? [])].filter((e) => (EQUIPMENT as readonly string[]).includes(e)).sort(),
    accessibility: [...new Set(query.accessibility ?? [])]
      .filter((a) => (ACCESSIBILITY as readonly string[]).includes(a))
      .sort(),
    buildingId: query.buildingId,
    floor: query.floor,
    purpose: query.purpose && (PURPOSES as readonly string[]).includes(query.purpose) ? query.purpose : undefined,
  };
}

/** The free-rooms statement findRooms runs, for EXPLAIN in benchmarks and tests (null: the interval crosses midnight). */
export function freeRoomsQuery(db: Db | Trx, user: User, query: FinderQuery, now: Date) {
  const startsAt = fromLocal(query.date, query.start);
  const endsAt = new Date(startsAt.getTime() + query.durationMinutes * MINUTE);
  return fittingRoomsQuery(db, user, normalise(query), { startsAt, endsAt }, now, FINDER_LIMIT);
}

/**
 * Finds free rooms for a meeting. Throws VALIDATION_FAILED (422) with field errors named after
 * the query's keys for a malformed query. Stable signature: the booking bench calls it.
 */
export async function findRooms(db: Db | Trx, user: User, query: FinderQuery, now: Date): Promise<FinderResult> {
  const errors = finderQueryErrors(query, now);
  if (errors.length > 0) throw new AppError('VALIDATION_FAILED', 'The search is not valid.', { fields: errors });
  const startsAt = fromLocal(query.date, query.start);
  const endsAt = new Date(startsAt.getTime() + query.durationMinutes * MINUTE);
  const filter = normalise(query);
  const at = { startsAt, endsAt };
  const q = fittingRoomsQuery(db, user, filter, at, now, FINDER_LIMIT);
  const rows = q ? ((await q.execute()) as FittingRow[]) : [];
  const rooms = toFound(rows, startsAt, endsAt, user, now, filter.people, true);
  if (rooms.length > 0) return { startsAt, endsAt, rooms, alternatives: null };
  return { startsAt, endsAt, rooms, alternatives: await alternativesFor(db, user, filter, at, now) };
}

/** The constraints the query set, in the order they are offered for relaxing. */
function relaxable(filter: RoomFilter): RelaxedConstraint[] {
  const out: RelaxedConstraint[] = [];
  if (filter.floor !== undefined) out.push('floor');
  if (filter.buildingId !== undefined) out.push('building');
  if (filter.purpose !== undefined) out.push('purpose');
  if (filter.equipment.length > 0) out.push('equipment');
  if (filter.accessibility.length > 0) out.push('accessibility');
  return out;
}

/** Nearest free times (up to a week on) of the three best-fitting rooms, and rooms one relaxed constraint away. */
async function alternativesFor(
  db: Db | Trx,
  user: User,
  filter: RoomFilter,
  at: { startsAt: Date; endsAt: Date },
  now: Date,
): Promise<FinderAlternatives> {
  // The best-fitting rooms whatever their bookings, and the rooms one need away: independent, so at once.
  const [bestRows, relaxed] = await Promise.all([
    fittingRoomsQuery(db, user, filter, null, now, 3)!.execute(),
    relaxedRooms(db, user, filter, at, now),
  ]);
  const best = (bestRows as FittingRow[]).map((row) => toRoom(row));
  const times: FinderAlternatives['times'] = [];
  if (best.length > 0) {
    const day = toLocal(at.startsAt).date;
    const today = toLocal(now).date;
    const busy = await busySlots(
      db,
      best,
      fromLocal(addDays(day, -1), '00:00'),
      fromLocal(addDays(day, 8), '00:00'),
      user,
    );
    for (const room of best) {
      const starts: Date[] = [];
      const distance = (d: Date) => Math.abs(d.getTime() - at.startsAt.getTime());
      for (let d = 0; d <= 7 && daysBetween(today, addDays(day, d)) <= room.rules.maxDaysAhead; d++) {
        // Later days only get farther: stop once three starts are nearer than the next day's opening.
        if (
          starts.length >= 3 &&
          fromLocal(addDays(day, d), room.rules.opensAt).getTime() - at.startsAt.getTime() >
            distance(starts.sort((a, b) => distance(a) - distance(b))[2]!)
        )
          break;
        starts.push(...freeStarts(room, busy.get(room.id)!, addDays(day, d), filter.durationMinutes, now));
      }
      const slots = starts
        .sort((a, b) => distance(a) - distance(b))
        .slice(0, 3)
        .sort((a, b) => a.getTime() - b.getTime())
        .map((s) => ({ startsAt: s, endsAt: new Date(s.getTime() + filter.durationMinutes * MINUTE) }));
      if (slots.length > 0) times.push({ room, slots });
    }
  }
  return { times, relaxed };
}

/** Does the room meet the filter's constraint? */
function meets(room: Room, filter: RoomFilter, constraint: RelaxedConstraint): boolean {
  switch (constraint) {
    case 'floor':
      return room.floor === filter.floor;
    case 'building':
      return room.buildingId === filter.buildingId;
    case 'purpose':
      return room.purpose === filter.purpose;
    case 'equipment':
      return filter.equipment.every((e) => (room.equipment as string[]).includes(e));
    case 'accessibility':
      return filter.accessibility.every((a) => (room.accessibility as string[]).includes(a));
  }
}

/** The constraints a room must still meet when `relaxed` is dropped (another building: any floor). */
function keptWith(constraints: readonly RelaxedConstraint[], relaxed: RelaxedConstraint): RelaxedConstraint[] {
  return constraints.filter((c) => c !== relaxed && !(relaxed === 'building' && c === 'floor'));
}

/**
 * Free rooms that fit once ONE of the query's constraints is dropped, grouped by that constraint.
 * One statement for all of them: the free rooms meeting every fixed need (people, duration,
 * rules, rights) and all but one of the droppable ones, ranked; grouped here, three per group.
 */
async function relaxedRooms(
  db: Db | Trx,
  user: User,
  filter: RoomFilter,
  at: { startsAt: Date; endsAt: Date },
  now: Date,
): Promise<FinderAlternatives['relaxed']> {
  const constraints = relaxable(filter);
  if (constraints.length === 0) return [];
  const ok: Record<RelaxedConstraint, RawBuilder<SqlBool>> = {
    floor: sql<SqlBool>`r.floor = ${filter.floor ?? null}`,
    building: sql<SqlBool>`r.building_id = ${filter.buildingId ?? null}`,
    purpose: sql<SqlBool>`r.purpose = ${filter.purpose ?? null}`,
    equipment: sql<SqlBool>`r.equipment @> ${sql.val([...filter.equipment])}::text[]`,
    accessibility: sql<SqlBool>`r.accessibility @> ${sql.val([...filter.accessibility])}::text[]`,
  };
  const oneAway = sql<SqlBool>`(${sql.join(
    constraints.map(
      (relaxed) =>
        sql`(${sql.join([...keptWith(constraints, relaxed).map((c) => ok[c]), sql`not (${ok[relaxed]})`], sql` and `)})`,
    ),
    sql` or `,
  )})`;
  const loose: RoomFilter = {
    ...filter,
    buildingId: undefined,
    floor: undefined,
    purpose: undefined,
    equipment: [],
    accessibility: [],
  };
  const q = fittingRoomsQuery(db, user, loose, at, now, 100, oneAway);
  if (!q) return [];
  const found = toFound((await q.execute()) as FittingRow[], at.startsAt, at.endsAt, user, now, filter.people, true);
  const relaxed: FinderAlternatives['relaxed'] = [];
  for (const constraint of constraints) {
    const rooms = found
      .filter(
        (f) =>
          !meets(f.room, filter, constraint) &&
          keptWith(constraints, constraint).every((c) => meets(f.room, filter, c)),
      )
      .slice(0, 3);
    if (rooms.length > 0) relaxed.push({ constraint, rooms });
  }
  return relaxed;
}

/** The user's preferred building (ranks the finder); null clears it. Unknown buildings are refused. */
export async function setPreferredBuilding(db: Db, user: User, buildingId: string | null): Promise<void> {
  const b = bDb(db);
  if (buildingId !== null) {
    const exists = await b.selectFrom('booking_buildings').select('id').where('id', '=', buildingId).executeTakeFirst();
    if (!exists)
      throw new AppError('VALIDATION_FAILED', 'There is no such building.', {
        fields: [{ field: 'building', code: 'unknownBuilding' }],
      });
  }
  await b
    .insertInto('booking_preferences')
    .values({ user_id: user.id, building_id: buildingId })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ building_id: buildingId }))
    .execute();
}
