import { sql } from 'kysely';
import { z } from 'zod';
import { defineJob, type JobDefinition } from '../../../platform/jobs/job-definition.ts';
import type { Notifier } from '../../../platform/mail/notifier.service.ts';
import { createBookingNotifications } from '../booking-notifications.ts';
import { bDb } from '../booking.table.ts';
import type { Room } from '../booking.schema.ts';
import { type BookingDeps } from '../booking.service.ts';
import { toBooking } from '../booking.repository.ts';
import { findRoom } from '../room.repository.ts';

/**
 * Auto-release: confirmed bookings nobody checked in within the room's window (minutes after the
 * start) are released — status `released`, `ended_at` now — so the room is free again, and the
 * booker is told (BookingDeps.onChange, kind `released`: e-mail with an iCalendar CANCEL).
 *
 * The scan walks `bookings_awaiting_checkin_idx` (confirmed, not checked in, by start) from
 * RELEASE_LOOKBACK_DAYS back up to a minute ago (the shortest window): after a worker outage of up
 * to a month every booking whose window has passed is still released, so no-show counts and
 * insight stay right. Batches of RELEASE_BATCH rows, each in its own transaction with the onChange hook; rows
 * are claimed with FOR UPDATE SKIP LOCKED, and the update re-checks the state, so two workers or
 * a check-in at the same moment never double-release. Idempotent: a second run finds nothing.
 */

export const RELEASE_BATCH = 100;
/**
 * The booker is mailed about a release only when the meeting ended less than this long ago. A
 * release caught up after an outage (a meeting days or weeks ago) is recorded quietly: its
 * calendar entry is in the past anyway, and a "your booking was released" mail about it is noise.
 * Meetings still running or just over are mailed: the CANCEL frees the slot in their calendar.
 */
export const NOTIFY_WITHIN_HOURS = 24;
/**
 * How far back the job looks: a worker outage up to this long is caught up. Bounded because
 * confirmed bookings of rooms without a check-in window stay in the awaiting-check-in index
 * for ever; an unbounded scan would read all of them every minute.
 */
export const RELEASE_LOOKBACK_DAYS = 30;
const MINUTE = 60_000;

export interface ReleaseResult {
  released: number;
  batches: number;
}

export async function releaseUncheckedBookings(
  deps: BookingDeps,
  options: { batchSize?: number } = {},
): Promise<ReleaseResult> {
  const { db, clock } = deps;
  const batchSize = options.batchSize ?? RELEASE_BATCH;
  const rooms = new Map<string, Room | undefined>();
  let released = 0;
  let batches = 0;
  for (;;) {
    const now = clock();
    const count = await db.transaction().execute(async (trx) => {
      const b = bDb(trx);
      const due = await b
        .selectFrom('bookings as bk')
        .innerJoin('booking_rooms as r', 'r.id', 'bk.room_id')
        .select('bk.id')
        .where('bk.status', '=', 'confirmed')
        .where('bk.checked_in_at', 'is', null)
        .where('bk.starts_at', '<', new Date(now.getTime() - MINUTE))
        .where('bk.starts_at', '>', new Date(now.getTime() - RELEASE_LOOKBACK_DAYS * 24 * 60 * MINUTE))
        .where('r.checkin_window_minutes', 'is not', null)
        .where(sql<boolean>`bk.starts_at + make_interval(mins => r.checkin_window_minutes) < ${now}`)
        .orderBy('bk.starts_at')
        .limit(batchSize)
        .forUpdate(['bk'])
        .skipLocked()
        .execute();
      // Two statements, not `where id in (subquery)`: a semi-join may run a SKIP LOCKED
      // subquery more than once, and the batch would not be bounded by its LIMIT.
      if (due.length === 0) return 0;
      const rows = await b
        .updateTable('bookings')
        .set({ status: 'released', ended_at: now, updated_at: now, sequence: sql<number>`sequence + 1` })
        .where(
          'id',
          'in',
          due.map((d) => d.id),
        )
        .where('status', '=', 'confirmed')
        .where('checked_in_at', 'is', null)
        .returningAll()
        .execute();
      for (const row of rows) {
        const booking = toBooking(row);
        if (!rooms.has(booking.roomId)) rooms.set(booking.roomId, await findRoom(trx, booking.roomId));
        const room = rooms.get(booking.roomId)!;
        const notify = booking.endsAt.getTime() > now.getTime() - NOTIFY_WITHIN_HOURS * 60 * MINUTE;
        await deps.onChange?.(trx, {
          kind: 'released',
          booking,
          previous: { ...booking, status: 'confirmed', endedAt: null, sequence: booking.sequence - 1 },
          room,
          actorId: null,
          notify,
        });
      }
      return rows.length;
    });
    if (count > 0) batches++;
    released += count;
    if (count < batchSize) return { released, batches };
  }
}

/** The scheduled job: every minute (one run per minute-slot however many workers run). */
export function createReleaseJob(deps: { onChange?: BookingDeps['onChange'] }): JobDefinition {
  return defineJob({
    name: 'booking-release-unchecked',
    payload: z.object({}),
    retry: { retryLimit: 2, retryDelay: 30, retryBackoff: false },
    expireInSeconds: 300,
    schedule: { cron: '* * * * *', slotSeconds: 60 },
    async handler(_payload, { db, clock, log }) {
      const result = await releaseUncheckedBookings({ db, clock, onChange: deps.onChange });
      if (result.released > 0) log.info({ ...result }, 'unchecked bookings released');
    },
  });
}

/**
 * The booking module's jobs for this installation, with the notifications wired as in the web
 * routes (booking.routes.ts): main.ts registers them (a ROLE=worker process has no routes), and
 * so does the test app.
 */
export function bookingJobs(options: {
  config: { BASE_URL: string; MAIL_FROM: string };
  notifier: Notifier;
  clock: () => Date;
}): JobDefinition[] {
  const notifications = createBookingNotifications({
    notifier: options.notifier,
    baseUrl: options.config.BASE_URL,
    mailFrom: options.config.MAIL_FROM,
    clock: options.clock,
  });
  return [createReleaseJob({ onChange: notifications.onChange })];
}
