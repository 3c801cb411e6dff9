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
import { ruleViolations } from '../booking.service.ts';
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

/**
 * Why no room fits, from the rules of the rooms that meet the rest of the need (equipment,
 * accessibility, building, floor, purpose, the user's rights). Several may apply.
 */
export type NoFitReason =
  /** More people than any of those rooms seats. */
  | { code: 'overCapacity'; people: number; largest: number }
  /** The duration is outside every room's min/max. */
  | { code: 'duration'; min: number; max: number }
  /** Further ahead than any room may be booked. */
  | { code: 'tooFarAhead'; days: number }
  /** Every room is closed that weekday (ISO 1–7); `building` when they are all in one. */
  | { code: 'closedDay'; weekday: number; building: string | null }
  /** The time is outside every open room's hours: the earliest opening and latest closing. */
  | { code: 'outsideHours'; opens: string; closes: string }
  /** The rules allow it: every room that fits is booked then. */
  | { code: 'taken' }
  /** No room the user may book meets the rest of the need at all. */
  | { code: 'noRoom' };

/** One offer at the asked time of day on a later open day (or the nearest open time of that day). */
export interface DayOffer {
  room: Room;
  startsAt: Date;
  endsAt: Date;
}

export interface FinderAlternatives {
  /** Why nothing fits. */
  reasons: NoFitReason[];
  /** The asked time of day (within opening hours) on the next open days: one room a day, best fit first. */
  nextDays: DayOffer[];
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
    .where('r.active', '=', true);
  // 0: any (the rooms that meet the rest of the need, to say why none fits).
  if (filter.people > 0) q = q.where('r.capacity', '>=', filter.people);
  if (filter.durationMinutes > 0)
    q = q.where('r.min_minutes', '<=', filter.durationMinutes).where('r.max_minutes', '>=', filter.durationMinutes);
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

/** Why nothing fits, the asked time on the next open days, and rooms one relaxed constraint away. */
async function alternativesFor(
  db: Db | Trx,
  user: User,
  filter: RoomFilter,
  at: { startsAt: Date; endsAt: Date },
  now: Date,
): Promise<FinderAlternatives> {
  // The rooms meeting the rest of the need whatever the people, duration and time, and the rooms one need away.
  const [candidateRows, relaxed] = await Promise.all([
    fittingRoomsQuery(db, user, { ...filter, people: 0, durationMinutes: 0 }, null, now, CANDIDATE_LIMIT)!.execute(),
    relaxedRooms(db, user, filter, at, now),
  ]);
  const candidates = (candidateRows as FittingRow[]).map((row) => toRoom(row)).filter(() => user.kind === 'staff');
  const reasons = noFitReasons(candidates, filter, at, now);
  const nextDays = await nextOpenDays(db, user, filter, candidates, at, now);
  return { reasons, nextDays, relaxed };
}

/** Enough to judge the rules of every room a need can match; more are not read. */
const CANDIDATE_LIMIT = 2000;
/** Offers on this many later days, looked for this far ahead. */
const NEXT_DAYS = 3;
const NEXT_DAYS_HORIZON = 21;

/**
 * The reasons that explain why none of `candidates` (the rooms meeting the rest of the need)
 * fits: capacity first, then duration, how far ahead, the weekday, the hours — each judged
 * among the rooms that pass the checks before it, so the reasons given are the ones that bite.
 */
export function noFitReasons(
  candidates: readonly Room[],
  filter: { people: number; durationMinutes: number },
  at: { startsAt: Date; endsAt: Date },
  now: Date,
): NoFitReason[] {
  if (candidates.length === 0) return [{ code: 'noRoom' }];
  const reasons: NoFitReason[] = [];
  // Each check narrows the pool when some room passes it; when none does, it is a reason and the pool stays.
  let pool: readonly Room[] = candidates;
  const check = (passes: (r: Room) => boolean, reason: () => NoFitReason) => {
    const passing = pool.filter(passes);
    if (passing.length > 0) pool = passing;
    else reasons.push(reason());
  };
  check(
    (r) => r.capacity >= filter.people,
    () => ({ code: 'overCapacity', people: filter.people, largest: Math.max(...pool.map((r) => r.capacity)) }),
  );
  check(
    (r) => r.rules.minMinutes <= filter.durationMinutes && filter.durationMinutes <= r.rules.maxMinutes,
    () => ({
      code: 'duration',
      min: Math.min(...pool.map((r) => r.rules.minMinutes)),
      max: Math.max(...pool.map((r) => r.rules.maxMinutes)),
    }),
  );
  const start = toLocal(at.startsAt);
  const ahead = daysBetween(toLocal(now).date, start.date);
  check(
    (r) => r.rules.maxDaysAhead >= ahead,
    () => ({ code: 'tooFarAhead', days: Math.max(...pool.map((r) => r.rules.maxDaysAhead)) }),
  );
  check(
    (r) => r.rules.openWeekdays.includes(start.weekday),
    () => {
      const buildings = new Set(pool.map((r) => r.buildingName));
      return { code: 'closedDay', weekday: start.weekday, building: buildings.size === 1 ? [...buildings][0]! : null };
    },
  );
  if (pool.some((r) => r.rules.openWeekdays.includes(start.weekday))) {
    const end = toLocal(at.endsAt);
    const endMinutes = end.date === start.date ? end.minutes : end.minutes === 0 ? 1440 : Infinity;
    check(
      (r) => minutesOf(r.rules.opensAt) <= start.minutes && endMinutes <= minutesOf(r.rules.closesAt),
      () => ({
        code: 'outsideHours',
        opens: pool.map((r) => r.rules.opensAt).sort()[0]!,
        closes: pool
          .map((r) => r.rules.closesAt)
          .sort()
          .at(-1)!,
      }),
    );
  }
  return reasons.length > 0 ? reasons : [{ code: 'taken' }];
}

/**
 * The asked time of day on the next days a fitting room is free then: the same clock time and
 * duration, moved into the rooms' opening hours when it is outside them (06:00 → the earliest
 * opening), one room a day (the best fit), the asked day itself only when the time moved.
 * One finder query a day, for at most NEXT_DAYS_HORIZON days.
 */
async function nextOpenDays(
  db: Db | Trx,
  user: User,
  filter: RoomFilter,
  candidates: readonly Room[],
  at: { startsAt: Date; endsAt: Date },
  now: Date,
): Promise<DayOffer[]> {
  const fitting = candidates.filter(
    (r) =>
      r.capacity >= filter.people &&
      r.rules.minMinutes <= filter.durationMinutes &&
      filter.durationMinutes <= r.rules.maxMinutes,
  );
  if (fitting.length === 0) return [];
  const asked = toLocal(at.startsAt);
  const earliest = Math.min(...fitting.map((r) => minutesOf(r.rules.opensAt)));
  const latest = Math.max(...fitting.map((r) => minutesOf(r.rules.closesAt))) - filter.durationMinutes;
  if (latest < earliest) return [];
  const minutes = Math.min(Math.max(asked.minutes, earliest), latest);
  const time = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  const maxAhead = Math.max(...fitting.map((r) => r.rules.maxDaysAhead));
  const today = toLocal(now).date;
  const offers: DayOffer[] = [];
  for (let d = minutes === asked.minutes ? 1 : 0; d <= NEXT_DAYS_HORIZON && offers.length < NEXT_DAYS; d++) {
    const date = addDays(asked.date, d);
    if (daysBetween(today, date) > maxAhead) break;
    const weekday = toLocal(fromLocal(date, '12:00')).weekday;
    if (!fitting.some((r) => r.rules.openWeekdays.includes(weekday))) continue;
    const startsAt = fromLocal(date, time);
    const endsAt = new Date(startsAt.getTime() + filter.durationMinutes * MINUTE);
    const q = fittingRoomsQuery(db, user, filter, { startsAt, endsAt }, now, 1);
    if (!q) continue;
    const found = toFound((await q.execute()) as FittingRow[], startsAt, endsAt, user, now, filter.people, true);
    if (found[0]) offers.push({ room: found[0].room, startsAt, endsAt });
  }
  return offers;
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
