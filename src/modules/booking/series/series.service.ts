import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { hasRole, type User } from '../../../platform/auth/roles.ts';
import { isPgError, type Db, type Trx } from '../../../platform/db/database.ts';
import { AppError, type FieldError } from '../../../platform/http/errors.ts';
import type { Booking, Room } from '../booking.schema.ts';
import {
  createOrReplayBooking,
  DEADLOCK_ATTEMPTS,
  loadBookableRoom,
  lockRoomForBooking,
  otherRoomsAt,
  ruleViolations,
  type BookingDeps,
} from '../booking.service.ts';
import { findBookingByIdempotencyKey, toBooking } from '../booking.repository.ts';
import { ACTIVE_STATUSES, bDb, type SeriesRow } from '../booking.table.ts';
import { isLocalDate, LOCAL_TIME, minutesOf, toLocal } from '../local-time.ts';
import {
  checkRule,
  occurrences,
  parseStoredRule,
  type Occurrence,
  type RecurrenceRule,
  type Series,
} from './recurrence.ts';
import { findRoom } from '../room.repository.ts';

/**
 * Recurring series: one booking_series row and one booking per occurrence. Each occurrence is
 * inserted in its own savepoint, so one that collides (the exclusion constraint's 23P01) or
 * breaks a room rule is rolled back alone, listed with its reason, and the rest is booked in the
 * same transaction. Cancelling one occurrence, this and the following ones, or all is one
 * transaction each; the calendar hook (`onSeriesChange`) runs inside it.
 */

export type SeriesChangeKind = 'created' | 'cancelled-occurrences' | 'cancelled';

export interface SeriesChange {
  kind: SeriesChangeKind;
  series: Series;
  room: Room;
  /** Every booking of the series after the change. */
  bookings: Booking[];
  /** The occurrences this change cancelled (`cancelled-occurrences`, `cancelled`). */
  cancelled: Booking[];
  /** `one`: a single occurrence was cancelled (its invite is a CANCEL with RECURRENCE-ID). */
  scope?: CancelScope;
  actorId: string;
}

export interface SeriesDeps extends BookingDeps {
  onSeriesChange?: (trx: Trx, change: SeriesChange) => Promise<void>;
}

export interface SeriesRequest {
  roomId: string;
  /** Local date of the first occurrence. */
  date: string;
  startTime: string;
  endTime: string;
  title: string;
  attendees: number;
  freq: unknown;
  until?: string | undefined;
  count?: number | undefined;
  idempotencyKey?: string | undefined;
}

export interface Collision extends Occurrence {
  /** Why it was not booked: `taken` (another booking) or the room rule it breaks. */
  reasons: FieldError[];
}

export interface SeriesResult {
  series: Series;
  room: Room;
  booked: Booking[];
  collisions: Collision[];
}

const MINUTE = 60_000;

/** `date` columns come back as Date objects whose day depends on the driver's time zone: read them as text. */
const FIRST_DATE = sql<string>`first_date::text`.as('first_date_text');

export function toSeries(row: SeriesRow & { first_date_text: string }): Series {
  return {
    id: row.id,
    roomId: row.room_id,
    bookerId: row.booker_id,
    title: row.title,
    attendees: row.attendees,
    rule: parseStoredRule(row.rule),
    firstDate: row.first_date_text,
    localStart: row.local_start.slice(0, 5),
    durationMinutes: row.duration_minutes,
    icalUid: row.ical_uid,
    sequence: row.sequence,
    createdAt: new Date(row.created_at),
    cancelledAt: row.cancelled_at ? new Date(row.cancelled_at) : null,
  };
}

function validation(fields: FieldError[]): AppError {
  return new AppError('VALIDATION_FAILED', 'The series cannot be booked as asked.', { fields });
}

interface SeriesPlan {
  room: Room;
  rule: RecurrenceRule;
  planned: Occurrence[];
  durationMinutes: number;
  now: Date;
}

/**
 * The form's checks, shared by the preview and the booking: the room, the times, the rule, and
 * the first occurrence's room rules (they stand for the form's date and times). VALIDATION_FAILED.
 */
async function planSeries(deps: SeriesDeps, user: User, request: SeriesRequest): Promise<SeriesPlan> {
  const { db, clock } = deps;
  const room = await loadBookableRoom(db, request.roomId, user);
  const timeErrors: FieldError[] = [];
  if (!isLocalDate(request.date)) timeErrors.push({ field: 'date', code: 'invalidDate' });
  if (!LOCAL_TIME.test(request.startTime)) timeErrors.push({ field: 'startTime', code: 'invalidTime' });
  if (!LOCAL_TIME.test(request.endTime)) timeErrors.push({ field: 'endTime', code: 'invalidTime' });
  if (timeErrors.length > 0) throw validation(timeErrors);
  const durationMinutes = minutesOf(request.endTime) - minutesOf(request.startTime);
  if (durationMinutes <= 0) throw validation([{ field: 'endTime', code: 'endBeforeStart' }]);

  const now = clock();
  const checked = checkRule(
    request.date,
    request.startTime,
    { freq: request.freq, until: request.until, count: request.count },
    { today: toLocal(now).date, maxDaysAhead: room.rules.maxDaysAhead },
  );
  if ('errors' in checked) throw validation(checked.errors);
  const pattern = { firstDate: request.date, localStart: request.startTime, durationMinutes, rule: checked.rule };
  const planned = occurrences(pattern);
  // The first occurrence stands for the form's date and times: its broken rules are the form's errors.
  const firstErrors = ruleViolations(room, planned[0]!.startsAt, planned[0]!.endsAt, request.attendees, now);
  if (firstErrors.length > 0) throw validation(firstErrors);
  return { room, rule: checked.rule, planned, durationMinutes, now };
}

const allTaken = () =>
  new AppError('CONFLICT', 'No occurrence of the series is free.', {
    fields: [{ field: 'startTime', code: 'seriesAllTaken' }],
  });

export interface PreviewRow {
  occurrence: Occurrence;
  /** Why it would not be booked (`taken`, or the room rules it breaks); absent: it is free. */
  reasons?: FieldError[];
  /** For a taken one: a room that fits and is free at the same time (missedOffers' rule), or null. */
  suggestion?: Room | null;
}

export type SeriesPreview =
  | { kind: 'preview'; room: Room; rule: RecurrenceRule; rows: PreviewRow[] }
  /** The idempotency key already booked a series: that one (a second tab, the back button). */
  | { kind: 'booked'; series: Series };

/**
 * What createSeries would book now, written nowhere: every planned occurrence, free or with why
 * it collides, and for a taken one the room otherRoomsAt suggests at the same time. The same
 * errors as createSeries (VALIDATION_FAILED, CONFLICT when nothing is free). createSeries stays
 * the judge: a booking made between the preview and the click is a collision there.
 */
export async function previewSeries(deps: SeriesDeps, user: User, request: SeriesRequest): Promise<SeriesPreview> {
  const { db } = deps;
  if (request.idempotencyKey) {
    const earlier = await seriesByKey(db, user.id, request.idempotencyKey);
    if (earlier) return { kind: 'booked', series: earlier };
  }
  const { room, rule, planned, now } = await planSeries(deps, user, request);
  const buffer = room.rules.bufferMinutes * MINUTE;
  const from = planned[0]!.startsAt;
  const to = new Date(planned[planned.length - 1]!.endsAt.getTime() + buffer);
  // The exclusion constraint's test: [starts_at, blocked_until) against [start, end + buffer).
  const busy = await bDb(db)
    .selectFrom('bookings')
    .select(['starts_at', 'blocked_until'])
    .where('room_id', '=', room.id)
    .where('status', 'in', ACTIVE_STATUSES)
    .where(sql<boolean>`tstzrange(starts_at, blocked_until, '[)') && tstzrange(${from}, ${to}, '[)')`)
    .execute();
  const taken = (o: Occurrence) =>
    busy.some(
      (b) =>
        new Date(b.starts_at).getTime() < o.endsAt.getTime() + buffer &&
        new Date(b.blocked_until).getTime() > o.startsAt.getTime(),
    );
  const rows: PreviewRow[] = [];
  for (const occurrence of planned) {
    const broken = ruleViolations(room, occurrence.startsAt, occurrence.endsAt, request.attendees, now);
    if (broken.length > 0) rows.push({ occurrence, reasons: broken });
    else if (taken(occurrence)) {
      const [other] = await otherRoomsAt(
        db,
        room,
        occurrence.startsAt,
        occurrence.endsAt,
        request.attendees,
        user,
        1,
        now,
      );
      rows.push({ occurrence, reasons: [{ field: 'startsAt', code: 'taken' }], suggestion: other ?? null });
    } else rows.push({ occurrence });
  }
  if (rows.every((r) => r.reasons)) throw allTaken();
  return { kind: 'preview', room, rule, rows };
}

/** Books a series. A repeated idempotency key returns the first request's series instead of a second one. */
export async function createSeries(deps: SeriesDeps, user: User, request: SeriesRequest): Promise<SeriesResult> {
  const { db } = deps;
  if (request.idempotencyKey) {
    const earlier = await seriesByKey(db, user.id, request.idempotencyKey);
    if (earlier) return replay(db, earlier);
  }
  const { room, rule, planned, durationMinutes, now } = await planSeries(deps, user, request);

  const trx = await db.startTransaction().execute();
  try {
    await lockRoomForBooking(trx, room.id);
    const b = bDb(trx);
    const seriesRow = await b
      .insertInto('booking_series')
      .values({
        room_id: room.id,
        booker_id: user.id,
        title: request.title,
        attendees: request.attendees,
        rule: JSON.stringify(rule),
        first_date: request.date,
        local_start: request.startTime,
        duration_minutes: durationMinutes,
        ical_uid: `${randomUUID()}@smorgasbord`,
        idempotency_key: request.idempotencyKey ?? null,
        created_at: now,
      })
      .returningAll()
      .returning(FIRST_DATE)
      .executeTakeFirstOrThrow();
    const series = toSeries(seriesRow);
    const status = room.rules.approvalRequired && !hasRole(user, 'admin') ? 'pending' : 'confirmed';
    const booked: Booking[] = [];
    const collisions: Collision[] = [];
    for (const occurrence of planned) {
      const broken = ruleViolations(room, occurrence.startsAt, occurrence.endsAt, request.attendees, now);
      if (broken.length > 0) {
        collisions.push({ ...occurrence, reasons: broken });
        continue;
      }
      // A deadlock with a concurrent overlapping insert (see retryingDeadlocks) aborts only this
      // occurrence's savepoint: try it again, then it books or collides like any other.
      for (let attempt = 1; ; attempt++) {
        const savepoint = await trx.savepoint('occurrence').execute();
        try {
          const row = await b
            .insertInto('bookings')
            .values({
              room_id: room.id,
              booker_id: user.id,
              series_id: series.id,
              title: request.title,
              attendees: request.attendees,
              status,
              starts_at: occurrence.startsAt,
              ends_at: occurrence.endsAt,
              blocked_until: new Date(occurrence.endsAt.getTime() + room.rules.bufferMinutes * MINUTE),
              occurrence_start: occurrence.startsAt,
              ical_uid: series.icalUid,
              source: 'series',
              created_at: now,
              updated_at: now,
            })
            .returningAll()
            .executeTakeFirstOrThrow();
          await savepoint.releaseSavepoint('occurrence').execute();
          booked.push(toBooking(row));
          break;
        } catch (error) {
          const deadlock = isPgError(error, '40P01') && attempt < DEADLOCK_ATTEMPTS;
          if (!isPgError(error, '23P01') && !deadlock) throw error;
          await savepoint.rollbackToSavepoint('occurrence').execute();
          if (deadlock) continue;
          collisions.push({ ...occurrence, reasons: [{ field: 'startsAt', code: 'taken' }] });
          break;
        }
      }
    }
    if (booked.length === 0) throw allTaken();
    await deps.onSeriesChange?.(trx, {
      kind: 'created',
      series,
      room,
      bookings: booked,
      cancelled: [],
      actorId: user.id,
    });
    await trx.commit().execute();
    return { series, room, booked, collisions };
  } catch (error) {
    await trx.rollback().execute();
    if (isPgError(error, '23505') && request.idempotencyKey) {
      const earlier = await seriesByKey(db, user.id, request.idempotencyKey);
      if (earlier) return replay(db, earlier);
    }
    throw error;
  }
}

async function seriesByKey(db: Db, bookerId: string, key: string): Promise<Series | undefined> {
  const row = await bDb(db)
    .selectFrom('booking_series')
    .selectAll()
    .select(FIRST_DATE)
    .where('booker_id', '=', bookerId)
    .where('idempotency_key', '=', key)
    .executeTakeFirst();
  return row ? toSeries(row) : undefined;
}

async function bookingsOf(db: Db | Trx, seriesId: string): Promise<Booking[]> {
  const rows = await bDb(db)
    .selectFrom('bookings')
    .selectAll()
    .where('series_id', '=', seriesId)
    .orderBy('occurrence_start')
    .execute();
  return rows.map(toBooking);
}

/** The result of an earlier request with the same key: its bookings, and the occurrences it could not book. */
async function replay(db: Db, series: Series): Promise<SeriesResult> {
  const room = (await findRoom(db, series.roomId))!;
  const booked = await bookingsOf(db, series.id);
  const have = new Set(booked.map((b) => b.occurrenceStart?.getTime()));
  const collisions = occurrences(series)
    .filter((o) => !have.has(o.startsAt.getTime()))
    .map((o) => {
      const broken = ruleViolations(room, o.startsAt, o.endsAt, series.attendees, series.createdAt);
      return { ...o, reasons: broken.length > 0 ? broken : [{ field: 'startsAt', code: 'taken' }] };
    });
  return { series, room, booked, collisions };
}

export interface SeriesView {
  series: Series;
  room: Room;
  bookings: Booking[];
}

/** A series for its booker or an administrator; anyone else gets "not found" (ids are no way to probe). */
export async function getSeries(db: Db, user: User, seriesId: string): Promise<SeriesView> {
  const row = /^[0-9a-f-]{36}$/i.test(seriesId)
    ? await bDb(db)
        .selectFrom('booking_series')
        .selectAll()
        .select(FIRST_DATE)
        .where('id', '=', seriesId)
        .executeTakeFirst()
    : undefined;
  const room = row && (await findRoom(db, row.room_id));
  if (!row || !room || (row.booker_id !== user.id && !hasRole(user, 'admin')))
    throw new AppError('NOT_FOUND', 'There is no such series.');
  return { series: toSeries(row), room, bookings: await bookingsOf(db, row.id) };
}

export type CancelScope = 'one' | 'following' | 'all';

/** The occurrence a cancellation of one or the following starts from; NOT_FOUND when it is not in the series. */
function cancellationTarget(bookings: readonly Booking[], scope: CancelScope, bookingId: string | undefined) {
  const target = bookingId ? bookings.find((b) => b.id === bookingId) : undefined;
  if (scope !== 'all' && !target)
    throw new AppError('NOT_FOUND', 'There is no such occurrence.', {
      fields: [{ field: 'bookingId', code: 'unknownOccurrence' }],
    });
  return target;
}

/**
 * What cancelSeries would cancel now, for the page that asks first: the series' active bookings
 * of one occurrence, of it and the later ones, or all, in date order. The same rule as
 * cancelSeries' update, which stays the judge; NOT_FOUND as cancelSeries.
 */
export async function seriesCancellation(
  db: Db,
  user: User,
  seriesId: string,
  scope: CancelScope,
  bookingId?: string,
): Promise<{ series: Series; bookings: Booking[] }> {
  const view = await getSeries(db, user, seriesId);
  const target = cancellationTarget(view.bookings, scope, bookingId);
  const from = target && (target.occurrenceStart ?? target.startsAt).getTime();
  const bookings = view.bookings
    .filter((b) => (ACTIVE_STATUSES as readonly string[]).includes(b.status))
    .filter((b) =>
      scope === 'one'
        ? b.id === target!.id
        : scope === 'following'
          ? from !== undefined && b.occurrenceStart !== null && b.occurrenceStart.getTime() >= from
          : true,
    )
    .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  return { series: view.series, bookings };
}

/**
 * Cancels one occurrence, it and every later one, or the whole series, in one transaction.
 * Occurrences already ended are left as they are; repeating a cancellation changes nothing.
 */
export async function cancelSeries(
  deps: SeriesDeps,
  user: User,
  seriesId: string,
  scope: CancelScope,
  bookingId?: string,
): Promise<{ series: Series; cancelled: Booking[] }> {
  const { db, clock } = deps;
  const view = await getSeries(db, user, seriesId);
  const target = cancellationTarget(view.bookings, scope, bookingId);
  return db.transaction().execute(async (trx) => {
    const now = clock();
    const b = bDb(trx);
    let query = b
      .updateTable('bookings')
      .set({
        status: 'cancelled',
        cancelled_by: user.id,
        ended_at: now,
        updated_at: now,
        sequence: sql<number>`sequence + 1`,
      })
      .where('series_id', '=', view.series.id)
      .where('status', 'in', ACTIVE_STATUSES);
    if (scope === 'one') query = query.where('id', '=', target!.id);
    if (scope === 'following')
      query = query.where('occurrence_start', '>=', target!.occurrenceStart ?? target!.startsAt);
    const cancelled = (await query.returningAll().execute()).map(toBooking);
    const endsSeries = scope === 'all' && view.series.cancelledAt === null;
    if (cancelled.length === 0 && !endsSeries) return { series: view.series, cancelled };
    const seriesRow = await b
      .updateTable('booking_series')
      .set({ sequence: sql<number>`sequence + 1`, ...(endsSeries ? { cancelled_at: now } : {}) })
      .where('id', '=', view.series.id)
      .returningAll()
      .returning(FIRST_DATE)
      .executeTakeFirstOrThrow();
    const series = toSeries(seriesRow);
    await deps.onSeriesChange?.(trx, {
      kind: scope === 'all' ? 'cancelled' : 'cancelled-occurrences',
      series,
      room: view.room,
      bookings: await bookingsOf(trx, series.id),
      cancelled,
      scope,
      actorId: user.id,
    });
    return { series, cancelled };
  });
}

export interface OccurrenceRow {
  /** The occurrence as the rule gives it. */
  planned: Occurrence;
  /** Its booking (possibly moved, cancelled or released), if it was booked. */
  booking?: Booking;
  /** Why it was not booked: `taken`, or the room rules it broke when the series was booked. */
  missed?: FieldError[];
}

/** Every occurrence of the rule with its booking, or the reason it has none. */
export function occurrenceRows(view: SeriesView): OccurrenceRow[] {
  const byStart = new Map(view.bookings.filter((b) => b.occurrenceStart).map((b) => [b.occurrenceStart!.getTime(), b]));
  return occurrences(view.series).map((planned) => {
    const booking = byStart.get(planned.startsAt.getTime());
    if (booking) return { planned, booking };
    const broken = ruleViolations(
      view.room,
      planned.startsAt,
      planned.endsAt,
      view.series.attendees,
      view.series.createdAt,
    );
    return { planned, missed: broken.length > 0 ? broken : [{ field: 'startsAt', code: 'taken' }] };
  });
}

/** Series by id with all their bookings (for calendar feeds; no access check — the caller has one). */
export async function getSeriesRows(
  db: Db,
  ids: readonly string[],
): Promise<{ series: Series; bookings: Booking[] }[]> {
  if (ids.length === 0) return [];
  const rows = await bDb(db)
    .selectFrom('booking_series')
    .selectAll()
    .select(FIRST_DATE)
    .where('id', 'in', ids)
    .execute();
  const bookings = await bDb(db)
    .selectFrom('bookings')
    .selectAll()
    .where('series_id', 'in', ids)
    .orderBy('occurrence_start')
    .execute();
  return rows.map((row) => ({
    series: toSeries(row),
    bookings: bookings.filter((b) => b.series_id === row.id).map(toBooking),
  }));
}

/**
 * The idempotency key of the booking that stands in for a missed occurrence in another room:
 * one per series and occurrence, so a second click (or a second tab) replays the first booking.
 */
export function replacementKey(seriesId: string, occurrenceStart: Date): string {
  return `series-${seriesId}-${occurrenceStart.getTime()}`;
}

/** What the series page offers for an occurrence that collided. */
export type MissedOffer =
  /** Booked in another room instead (by the booker, through the suggestion). */
  | { kind: 'replaced'; booking: Booking; room: Room }
  /** A room that fits and is free at the same time, bookable in one click. */
  | { kind: 'suggested'; room: Room }
  /** No other room fits then. */
  | { kind: 'none' };

/**
 * For the booker: each future occurrence that collided (`taken`), keyed by its start (ms), with
 * the other room it was booked in instead, or one room that fits and is free at the same time.
 * Empty for anyone else (the stand-in booking would carry the booker's title).
 */
export async function missedOffers(
  deps: Pick<BookingDeps, 'db' | 'clock'>,
  user: User,
  view: SeriesView,
  rows: readonly OccurrenceRow[],
): Promise<Map<number, MissedOffer>> {
  const { db, clock } = deps;
  const offers = new Map<number, MissedOffer>();
  if (view.series.bookerId !== user.id || view.series.cancelledAt) return offers;
  const now = clock();
  for (const row of rows) {
    if (!row.missed?.some((e) => e.code === 'taken') || row.planned.startsAt.getTime() <= now.getTime()) continue;
    const start = row.planned.startsAt.getTime();
    const replaced = await findBookingByIdempotencyKey(
      db,
      user.id,
      replacementKey(view.series.id, row.planned.startsAt),
    );
    if (replaced && (replaced.status === 'pending' || replaced.status === 'confirmed')) {
      const room = await findRoom(db, replaced.roomId);
      if (room) {
        offers.set(start, { kind: 'replaced', booking: replaced, room });
        continue;
      }
    }
    const [room] = await otherRoomsAt(
      db,
      view.room,
      row.planned.startsAt,
      row.planned.endsAt,
      view.series.attendees,
      user,
      1,
      now,
    );
    offers.set(start, room ? { kind: 'suggested', room } : { kind: 'none' });
  }
  return offers;
}

/**
 * Books a missed occurrence of the booker's series in another room at the same time, as a single
 * booking with the series' title and attendees (the series stays in its own room). Idempotent:
 * the key is the series and occurrence's (replacementKey). CONFLICT when the occurrence was not
 * missed or the caller is not the booker; the room's rules and the exclusion constraint judge
 * the booking itself (VALIDATION_FAILED, or CONFLICT with alternatives).
 */
export async function bookMissedElsewhere(
  deps: BookingDeps,
  user: User,
  seriesId: string,
  occurrenceStart: Date,
  roomId: string,
): Promise<{ booking: Booking; room: Room }> {
  const view = await getSeries(deps.db, user, seriesId);
  const notMissed = () =>
    new AppError('CONFLICT', 'That occurrence is not a missed one of your series.', {
      fields: [{ field: 'occurrence', code: 'notMissed' }],
    });
  if (view.series.bookerId !== user.id || view.series.cancelledAt) throw notMissed();
  const row = occurrenceRows(view).find((r) => r.planned.startsAt.getTime() === occurrenceStart.getTime());
  if (!row?.missed) throw notMissed();
  const { booking } = await createOrReplayBooking(deps, user, {
    roomId,
    startsAt: row.planned.startsAt,
    endsAt: row.planned.endsAt,
    title: view.series.title,
    attendees: view.series.attendees,
    idempotencyKey: replacementKey(view.series.id, row.planned.startsAt),
  });
  return { booking, room: booking.room };
}
