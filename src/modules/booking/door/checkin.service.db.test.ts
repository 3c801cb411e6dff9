import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import pino from 'pino';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { testEngines } from '../../../../test/helpers/database.ts';
import type { User } from '../../../platform/auth/roles.ts';
import { createBookingNotifications } from '../booking-notifications.ts';
import { createBooking, type BookingChange, type BookingDeps } from '../booking.service.ts';
import { bDb } from '../booking.table.ts';
import { MONDAY, failure, users } from '../booking.test-support.ts';
import { checkIn, noShowCount } from './checkin.service.ts';
import { bookNow, doorRoom } from './door.service.ts';
import { fromLocal } from '../local-time.ts';
import { bookingJobs, RELEASE_LOOKBACK_DAYS, releaseUncheckedBookings } from './release.job.ts';

const at = (time: string, date = MONDAY) => fromLocal(date, time);

const codeOf = async (promise: Promise<unknown>) => {
  const error = await failure(promise);
  return error.details.fields?.[0]?.code ?? error.code;
};

describe.each(testEngines())('check-in and auto-release on %s', (engine) => {
  let t: TestApp;
  let deps: BookingDeps;
  let changes: BookingChange[];
  let johan: User;
  let erik: User;
  let admin: User;
  let slot = 0;

  beforeAll(async () => {
    t = await createTestApp({ engine });
    const notifications = createBookingNotifications({
      notifier: t.notifier,
      baseUrl: t.config.BASE_URL,
      mailFrom: t.config.MAIL_FROM,
      clock: t.clock,
    });
    deps = {
      db: t.database.db,
      clock: t.clock,
      onChange: async (trx, change) => {
        changes.push(change);
        await notifications.onChange(trx, change);
      },
    };
    ({ johan, erik, admin } = await users(t, 'johan', 'erik', 'admin'));
  });
  afterAll(async () => t.close());
  beforeEach(() => {
    changes = [];
    t.clock.set('2026-11-28T09:00:00Z');
  });

  /** A confirmed booking of Pildammen on a fresh Monday-morning hour (each test its own). */
  async function book(user = johan, room = 'stadshuset-pildammen') {
    const hour = 8 + (slot++ % 9);
    const date = ['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04'][Math.floor((slot - 1) / 9)]!;
    const time = `${String(hour).padStart(2, '0')}:00`;
    return createBooking(deps, user, {
      roomId: room,
      startsAt: at(time, date),
      endsAt: at(`${String(hour + 1).padStart(2, '0')}:00`, date),
      title: 'Planering',
      attendees: 2,
    });
  }

  it('lets the booker check in from 10 minutes before the start until the window closes, once', async () => {
    const booking = await book();
    changes = [];
    t.clock.set(new Date(booking.startsAt.getTime() - 11 * 60_000).toISOString());
    expect(await codeOf(checkIn(deps, johan, booking.id))).toBe('checkinTooEarly');
    t.clock.set(new Date(booking.startsAt.getTime() - 10 * 60_000).toISOString());
    const checked = await checkIn(deps, johan, booking.id);
    expect(checked.checkedInAt?.toISOString()).toBe(t.clock().toISOString());
    expect(changes.map((c) => c.kind)).toEqual(['checked-in']);
    // Twice (a double tap): the first check-in, no second change.
    t.clock.advance(60_000);
    const again = await checkIn(deps, johan, booking.id);
    expect(again.checkedInAt?.toISOString()).toBe(checked.checkedInAt?.toISOString());
    expect(changes).toHaveLength(1);
  });

  it('refuses after the window, and someone else’s booking is not found (an administrator may)', async () => {
    const booking = await book();
    expect((await failure(checkIn(deps, erik, booking.id))).code).toBe('NOT_FOUND');
    t.clock.set(new Date(booking.startsAt.getTime() + 15 * 60_000 + 1000).toISOString());
    expect(await codeOf(checkIn(deps, johan, booking.id))).toBe('checkinTooLate');
    t.clock.set(new Date(booking.startsAt.getTime() + 15 * 60_000).toISOString());
    expect((await checkIn(deps, admin, booking.id)).checkedInAt).not.toBeNull();
  });

  it('checks in at the door with the room’s key; a wrong key or another room’s key is not found', async () => {
    const booking = await book();
    const keys = await bDb(t.database.db)
      .selectFrom('booking_rooms')
      .select(['id', 'door_key'])
      .where('id', 'in', ['stadshuset-pildammen', 'stadshuset-oresund'])
      .execute();
    const key = (id: string) => keys.find((k) => k.id === id)!.door_key;
    t.clock.set(booking.startsAt.toISOString());
    expect((await failure(checkIn(deps, { doorKey: 'x'.repeat(24) }, booking.id))).code).toBe('NOT_FOUND');
    expect((await failure(checkIn(deps, { doorKey: key('stadshuset-oresund') }, booking.id))).code).toBe('NOT_FOUND');
    const checked = await checkIn(deps, { doorKey: key('stadshuset-pildammen') }, booking.id);
    expect(checked.checkedInAt).not.toBeNull();
    expect(changes.at(-1)).toMatchObject({ kind: 'checked-in', actorId: null });
  });

  it('checks in a booking made at the door as it is made, so auto-release never frees it; a replay is the same booking', async () => {
    const { door_key } = await bDb(t.database.db)
      .selectFrom('booking_rooms')
      .select('door_key')
      .where('id', '=', 'stadshuset-oresund')
      .executeTakeFirstOrThrow();
    const room = await doorRoom(t.database.db, 'stadshuset-oresund', door_key);
    t.clock.set(at('09:02', '2026-12-08').toISOString());
    const booking = await bookNow(deps, johan, room, 30, 'Bokat vid dörren', 'door-checkin-key-1');
    expect(booking.checkedInAt?.toISOString()).toBe(t.clock().toISOString());
    expect(changes.map((c) => c.kind)).toEqual(['created']);
    const replay = await bookNow(deps, johan, room, 30, 'Bokat vid dörren', 'door-checkin-key-1');
    expect(replay.id).toBe(booking.id);
    expect(replay.checkedInAt?.toISOString()).toBe(booking.checkedInAt?.toISOString());
    // Long past the check-in window, the release job leaves it alone.
    t.clock.set(at('09:25', '2026-12-08').toISOString());
    await releaseUncheckedBookings(deps);
    const stored = await bDb(t.database.db)
      .selectFrom('bookings')
      .select(['status', 'checked_in_at'])
      .where('id', '=', booking.id)
      .executeTakeFirstOrThrow();
    expect(stored.status).toBe('confirmed');
    expect(stored.checked_in_at).not.toBeNull();
  });

  it('refuses to check in a booking awaiting approval, at the door and for the booker', async () => {
    const booking = await createBooking(deps, johan, {
      roomId: 'stadshuset-radssalen',
      startsAt: at('10:00', '2026-12-08'),
      endsAt: at('11:00', '2026-12-08'),
      title: 'Utbildning',
      attendees: 30,
    });
    expect(booking.status).toBe('pending');
    const { door_key } = await bDb(t.database.db)
      .selectFrom('booking_rooms')
      .select('door_key')
      .where('id', '=', 'stadshuset-radssalen')
      .executeTakeFirstOrThrow();
    t.clock.set(booking.startsAt.toISOString());
    expect(await codeOf(checkIn(deps, { doorKey: door_key }, booking.id))).toBe('checkinPending');
    expect(await codeOf(checkIn(deps, johan, booking.id))).toBe('checkinPending');
    const stored = await bDb(t.database.db)
      .selectFrom('bookings')
      .select('checked_in_at')
      .where('id', '=', booking.id)
      .executeTakeFirstOrThrow();
    expect(stored.checked_in_at).toBeNull();
  });

  it('needs no check-in in a room without a window, and never releases its bookings', async () => {
    await bDb(t.database.db)
      .updateTable('booking_rooms')
      .set({ checkin_window_minutes: null })
      .where('id', '=', 'stadshuset-ribban')
      .execute();
    try {
      const booking = await book(johan, 'stadshuset-ribban');
      t.clock.set(booking.startsAt.toISOString());
      expect(await codeOf(checkIn(deps, johan, booking.id))).toBe('checkinNotNeeded');
      t.clock.set(new Date(booking.startsAt.getTime() + 3 * 3600_000).toISOString());
      await releaseUncheckedBookings(deps);
      expect(
        (
          await bDb(t.database.db)
            .selectFrom('bookings')
            .select('status')
            .where('id', '=', booking.id)
            .executeTakeFirstOrThrow()
        ).status,
      ).toBe('confirmed');
    } finally {
      await bDb(t.database.db)
        .updateTable('booking_rooms')
        .set({ checkin_window_minutes: 15 })
        .where('id', '=', 'stadshuset-ribban')
        .execute();
    }
  });

  it('releases unchecked bookings once their window has passed, in batches, once; checked-in ones stay; the booker is mailed a CANCEL', async () => {
    // Three bookings of johan's on one morning, one checked in.
    const rooms = ['stadshuset-oresund', 'stadshuset-kungsparken', 'hyllie-arenan'];
    const made = await Promise.all(
      rooms.map((roomId) =>
        createBooking(deps, johan, {
          roomId,
          startsAt: at('08:00', '2026-12-07'),
          endsAt: at('09:00', '2026-12-07'),
          title: 'Stormöte',
          attendees: 3,
        }),
      ),
    );
    t.clock.set(at('08:05', '2026-12-07').toISOString());
    await checkIn(deps, johan, made[0]!.id);
    // Earlier tests' unchecked bookings (days ago, no lower bound) are due as well: released first.
    await releaseUncheckedBookings(deps);
    const before = await noShowCount(t.database.db, johan.id, t.clock());
    changes = [];

    // At the last minute of the window nothing is released.
    t.clock.set(at('08:15', '2026-12-07').toISOString());
    expect((await releaseUncheckedBookings(deps)).released).toBe(0);
    t.clock.set(at('08:16', '2026-12-07').toISOString());
    const result = await releaseUncheckedBookings(deps, { batchSize: 1 });
    expect(result.released).toBeGreaterThanOrEqual(2);
    expect(result.batches).toBe(result.released);
    const statuses = await bDb(t.database.db)
      .selectFrom('bookings')
      .select(['id', 'status', 'ended_at', 'sequence'])
      .where(
        'id',
        'in',
        made.map((b) => b.id),
      )
      .execute();
    const byId = new Map(statuses.map((s) => [s.id, s]));
    expect(byId.get(made[0]!.id)!.status).toBe('confirmed');
    for (const b of made.slice(1)) {
      expect(byId.get(b.id)).toMatchObject({ status: 'released', sequence: 1 });
      expect(new Date(byId.get(b.id)!.ended_at!).toISOString()).toBe(t.clock().toISOString());
    }
    expect(changes.filter((c) => made.some((b) => b.id === c.booking.id)).map((c) => c.kind)).toEqual([
      'released',
      'released',
    ]);
    const mails = await t.database.db
      .selectFrom('outbox_messages')
      .selectAll()
      .where('channel', '=', 'email')
      .execute();
    const invites = mails.flatMap((m) =>
      (m.attachments as { contentBase64: string }[]).map((a) =>
        Buffer.from(a.contentBase64, 'base64').toString('utf8'),
      ),
    );
    const cancels = invites.filter(
      (text) => text.includes('METHOD:CANCEL') && made.slice(1).some((b) => text.includes(b.icalUid)),
    );
    expect(cancels).toHaveLength(2);

    // Idempotent: a second run releases nothing; the room is free again.
    expect((await releaseUncheckedBookings(deps)).released).toBe(0);
    expect(await noShowCount(t.database.db, johan.id, t.clock())).toBe(before + 2);
    t.clock.set(at('08:20', '2026-12-07').toISOString());
    await createBooking(deps, erik, {
      roomId: 'stadshuset-kungsparken',
      startsAt: at('08:20', '2026-12-07'),
      endsAt: at('09:00', '2026-12-07'),
      title: 'Tog rummet',
      attendees: 3,
    });
    // The released booking can no longer be checked in.
    expect(await codeOf(checkIn(deps, johan, made[1]!.id))).toBe('checkinReleased');
    // No-shows older than 90 days are not counted.
    t.clock.set(at('08:20', '2027-03-08').toISOString());
    expect(await noShowCount(t.database.db, johan.id, t.clock())).toBe(0);
  });

  it('after a long outage still releases every booking past its window, but mails only about meetings that ended in the last 24 hours', async () => {
    const weeksAgo = await createBooking(deps, johan, {
      roomId: 'stadshuset-oresund',
      startsAt: at('14:00', '2026-12-01'),
      endsAt: at('15:00', '2026-12-01'),
      title: 'Gammalt möte',
      attendees: 2,
    });
    const yesterday = await createBooking(deps, johan, {
      roomId: 'stadshuset-oresund',
      startsAt: at('17:00', '2026-12-14'),
      endsAt: at('18:00', '2026-12-14'),
      title: 'Igår',
      attendees: 2,
    });
    const today = await createBooking(deps, johan, {
      roomId: 'stadshuset-oresund',
      startsAt: at('14:00', '2026-12-15'),
      endsAt: at('15:00', '2026-12-15'),
      title: 'Idag',
      attendees: 2,
    });
    const ids = [weeksAgo.id, yesterday.id, today.id];
    changes = [];
    // The worker comes back two weeks after the first meeting: 17:30 on 15 December.
    t.clock.set(at('17:30', '2026-12-15').toISOString());
    await releaseUncheckedBookings(deps);
    const rows = await bDb(t.database.db)
      .selectFrom('bookings')
      .select(['id', 'status'])
      .where('id', 'in', ids)
      .execute();
    expect(rows.map((r) => r.status)).toEqual(['released', 'released', 'released']);
    // Every release goes through the hook; only the two meetings that ended less than 24 h ago are mailed.
    const released = changes
      .filter((c) => ids.includes(c.booking.id))
      .sort((a, b) => a.booking.startsAt.getTime() - b.booking.startsAt.getTime());
    expect(released.map((c) => [c.booking.title, c.kind, c.notify])).toEqual([
      ['Gammalt möte', 'released', false],
      ['Igår', 'released', true],
      ['Idag', 'released', true],
    ]);
    const mails = await t.database.db
      .selectFrom('outbox_messages')
      .selectAll()
      .where('channel', '=', 'email')
      .execute();
    const cancels = mails
      .flatMap((m) =>
        (m.attachments as { contentBase64: string }[]).map((a) =>
          Buffer.from(a.contentBase64, 'base64').toString('utf8'),
        ),
      )
      .filter((text) => text.includes('METHOD:CANCEL'));
    expect(cancels.filter((text) => text.includes(weeksAgo.icalUid))).toHaveLength(0);
    expect(cancels.filter((text) => text.includes(yesterday.icalUid))).toHaveLength(1);
    expect(cancels.filter((text) => text.includes(today.icalUid))).toHaveLength(1);
    // The quiet release is a no-show all the same.
    expect(await codeOf(checkIn(deps, johan, weeksAgo.id))).toBe('checkinReleased');
    // Beyond the lookback (RELEASE_LOOKBACK_DAYS) the job no longer looks: its scan stays bounded.
    const tooOld = await createBooking(deps, johan, {
      roomId: 'stadshuset-oresund',
      startsAt: at('14:00', '2026-12-16'),
      endsAt: at('15:00', '2026-12-16'),
      title: 'För gammalt',
      attendees: 2,
    });
    t.clock.set(new Date(tooOld.startsAt.getTime() + (RELEASE_LOOKBACK_DAYS + 1) * 24 * 3_600_000).toISOString());
    await releaseUncheckedBookings(deps);
    expect(
      (
        await bDb(t.database.db)
          .selectFrom('bookings')
          .select('status')
          .where('id', '=', tooOld.id)
          .executeTakeFirstOrThrow()
      ).status,
    ).toBe('confirmed');
  });

  it('the scheduled job releases through the notifications and runs every minute, one run per slot', async () => {
    const booking = await book(erik, 'stadshuset-ribban');
    t.clock.set(new Date(booking.startsAt.getTime() + 20 * 60_000).toISOString());
    const [job] = bookingJobs({ config: t.config, notifier: t.notifier, clock: t.clock });
    await job!.handler(
      {},
      { db: t.database.db, clock: t.clock, log: pino({ level: 'silent' }), jobId: 'test', retryCount: 0 },
    );
    expect(
      (
        await bDb(t.database.db)
          .selectFrom('bookings')
          .select('status')
          .where('id', '=', booking.id)
          .executeTakeFirstOrThrow()
      ).status,
    ).toBe('released');
    const { rows } = await t.database.executeSql(`select cron, options from pgboss.schedule where name = $1`, [
      'booking-release-unchecked',
    ]);
    expect(rows).toEqual([
      {
        cron: '* * * * *',
        options: expect.objectContaining({ singletonKey: 'booking-release-unchecked', singletonSeconds: 60 }),
      },
    ]);
  });
});
