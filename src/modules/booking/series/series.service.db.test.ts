import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { testEngines } from '../../../../test/helpers/database.ts';
import type { User } from '../../../platform/auth/roles.ts';
import { createBooking } from '../booking.service.ts';
import { bDb } from '../booking.table.ts';
import { failure, plainDeps, users } from '../booking.test-support.ts';
import { fromLocal, toLocal } from '../local-time.ts';
import {
  bookMissedElsewhere,
  cancelSeries,
  createSeries,
  getSeries,
  missedOffers,
  occurrenceRows,
  type SeriesDeps,
  type SeriesRequest,
} from './series.service.ts';

describe.each(testEngines())('booking series on %s', (engine) => {
  let t: TestApp;
  let deps: SeriesDeps;
  let erik: User;
  let johan: User;
  let admin: User;

  beforeAll(async () => {
    t = await createTestApp({ engine });
    deps = plainDeps(t);
    ({ erik, johan, admin } = await users(t, 'erik', 'johan', 'admin'));
  });
  afterAll(async () => t.close());

  const count = async () => {
    const db = bDb(t.database.db);
    const s = await db
      .selectFrom('booking_series')
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow();
    const b = await db
      .selectFrom('bookings')
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow();
    return { series: s.n, bookings: b.n };
  };

  const request = (overrides: Partial<SeriesRequest> = {}): SeriesRequest => ({
    roomId: 'stadshuset-pildammen',
    date: '2026-12-01',
    startTime: '09:00',
    endTime: '10:00',
    title: 'Veckomöte',
    attendees: 3,
    freq: 'weekly',
    count: 6,
    ...overrides,
  });

  it('a weekly 09:00 series from March to November 2027 is stored at 09:00 local on both sides of both clock changes', async () => {
    await bDb(t.database.db)
      .updateTable('booking_rooms')
      .set({ max_days_ahead: 400 })
      .where('id', '=', 'kirseberg-motesrum')
      .execute();
    const result = await createSeries(
      deps,
      johan,
      request({
        roomId: 'kirseberg-motesrum',
        date: '2027-03-01',
        freq: 'weekly',
        count: undefined,
        until: '2027-11-29',
      }),
    );
    expect(result.collisions).toEqual([]);
    expect(result.booked).toHaveLength(40);
    const rows = await bDb(t.database.db)
      .selectFrom('bookings')
      .select(['starts_at', 'ends_at', 'occurrence_start', 'ical_uid', 'source'])
      .where('series_id', '=', result.series.id)
      .orderBy('starts_at')
      .execute();
    expect(rows).toHaveLength(40);
    for (const row of rows) {
      expect(toLocal(new Date(row.starts_at)).time).toBe('09:00');
      expect(toLocal(new Date(row.ends_at)).time).toBe('10:00');
      expect(new Date(row.occurrence_start!).getTime()).toBe(new Date(row.starts_at).getTime());
      expect(row.ical_uid).toBe(result.series.icalUid);
      expect(row.source).toBe('series');
    }
    const utc = (date: string) => rows.find((r) => toLocal(new Date(r.starts_at)).date === date)!.starts_at;
    expect(new Date(utc('2027-03-22')).toISOString()).toBe('2027-03-22T08:00:00.000Z');
    expect(new Date(utc('2027-03-29')).toISOString()).toBe('2027-03-29T07:00:00.000Z');
    expect(new Date(utc('2027-10-25')).toISOString()).toBe('2027-10-25T07:00:00.000Z');
    expect(new Date(utc('2027-11-01')).toISOString()).toBe('2027-11-01T08:00:00.000Z');
    const view = await getSeries(t.database.db, johan, result.series.id);
    expect(view.series.firstDate).toBe('2027-03-01');
    expect(view.series.localStart).toBe('09:00');
    expect(view.series.rule).toEqual({ freq: 'weekly', until: '2027-11-29' });
  });

  it('books the free occurrences and lists the colliding ones with the reason', async () => {
    const taken = await createBooking(deps, erik, {
      roomId: 'stadshuset-pildammen',
      startsAt: fromLocal('2026-12-15', '09:30'),
      endsAt: fromLocal('2026-12-15', '10:30'),
      title: 'Annat',
      attendees: 2,
    });
    const result = await createSeries(deps, johan, request({ freq: 'weekly', count: 4 }));
    expect(result.booked.map((b) => toLocal(b.startsAt).date)).toEqual(['2026-12-01', '2026-12-08', '2026-12-22']);
    expect(result.collisions.map((c) => [c.date, c.reasons.map((r) => r.code)])).toEqual([['2026-12-15', ['taken']]]);
    expect(
      (
        await bDb(t.database.db)
          .selectFrom('bookings')
          .select('status')
          .where('id', '=', taken.id)
          .executeTakeFirstOrThrow()
      ).status,
    ).toBe('confirmed');
  });

  it('refuses impossible rules and bad times with field errors and stores nothing', async () => {
    const before = await count();
    const fields = async (r: SeriesRequest) =>
      (await failure(createSeries(deps, johan, r))).details.fields?.map((f) => `${f.field}:${f.code}`);
    expect(await fields(request({ freq: 'daily' }))).toEqual(['freq:unknownFrequency']);
    expect(await fields(request({ count: undefined }))).toEqual(['repeatEnd:untilOrCount']);
    expect(await fields(request({ until: '2026-12-31' }))).toEqual(['repeatEnd:untilOrCount']);
    expect(await fields(request({ count: undefined, until: '2026-11-30' }))).toEqual(['until:untilBeforeStart']);
    expect(await fields(request({ count: 0 }))).toEqual(['count:countOutOfRange']);
    expect(await fields(request({ count: 101 }))).toEqual(['count:countOutOfRange']);
    expect(await fields(request({ count: 40 }))).toEqual(['count:seriesTooFarAhead']); // 180 days ahead at most
    expect(await fields(request({ endTime: '08:00' }))).toEqual(['endTime:endBeforeStart']);
    expect(await fields(request({ date: '2026-12-05' }))).toEqual(['startsAt:closedDay']); // a Saturday
    expect(await fields(request({ startTime: '06:00', endTime: '07:00' }))).toEqual(['startsAt:outsideOpeningHours']);
    expect(await fields(request({ date: '2026-02-30' }))).toEqual(['date:invalidDate']);
    expect((await failure(createSeries(deps, johan, request({ roomId: 'rosengard-samtal-1' })))).code).toBe(
      'FORBIDDEN',
    );
    expect(await count()).toEqual(before);
  });

  it('returns the same series for a repeated idempotency key', async () => {
    const key = 'series-key-0001';
    const [a, b] = await Promise.all([
      createSeries(deps, johan, request({ roomId: 'stadshuset-oresund', idempotencyKey: key, count: 3 })),
      createSeries(deps, johan, request({ roomId: 'stadshuset-oresund', idempotencyKey: key, count: 3 })),
    ]);
    expect(b.series.id).toBe(a.series.id);
    const again = await createSeries(
      deps,
      johan,
      request({ roomId: 'stadshuset-oresund', idempotencyKey: key, count: 3 }),
    );
    expect(again.series.id).toBe(a.series.id);
    expect(again.booked).toHaveLength(3);
    expect(
      await bDb(t.database.db).selectFrom('booking_series').select('id').where('idempotency_key', '=', key).execute(),
    ).toHaveLength(1);
  });

  it('cancels one occurrence, this and the following, or all; others may not', async () => {
    const { series, booked } = await createSeries(
      deps,
      erik,
      request({ roomId: 'stadshuset-ribban', date: '2026-12-02', count: 5 }),
    );
    expect((await failure(cancelSeries(deps, johan, series.id, 'all'))).code).toBe('NOT_FOUND');
    expect((await failure(getSeries(t.database.db, johan, series.id))).code).toBe('NOT_FOUND');

    const one = await cancelSeries(deps, erik, series.id, 'one', booked[1]!.id);
    expect(one.cancelled.map((b) => b.id)).toEqual([booked[1]!.id]);
    expect(one.series.sequence).toBe(1);
    // Repeating it changes nothing (double submission).
    expect((await cancelSeries(deps, erik, series.id, 'one', booked[1]!.id)).cancelled).toEqual([]);

    const following = await cancelSeries(deps, erik, series.id, 'following', booked[3]!.id);
    expect(following.cancelled.map((b) => b.id).sort()).toEqual([booked[3]!.id, booked[4]!.id].sort());

    const statuses = async () => (await getSeries(t.database.db, erik, series.id)).bookings.map((b) => b.status);
    expect(await statuses()).toEqual(['confirmed', 'cancelled', 'confirmed', 'cancelled', 'cancelled']);
    // The freed slot can be booked again.
    await createBooking(deps, johan, {
      roomId: 'stadshuset-ribban',
      startsAt: booked[1]!.startsAt,
      endsAt: booked[1]!.endsAt,
      title: 'Ny',
      attendees: 2,
    });

    const all = await cancelSeries(deps, admin, series.id, 'all');
    expect(all.cancelled).toHaveLength(2);
    expect(all.series.cancelledAt).not.toBeNull();
    expect(await statuses()).toEqual(['cancelled', 'cancelled', 'cancelled', 'cancelled', 'cancelled']);
    expect(
      (await failure(cancelSeries(deps, erik, series.id, 'one', '00000000-0000-0000-0000-000000000000'))).code,
    ).toBe('NOT_FOUND');
  });

  it('offers a collided occurrence another room that fits at the same time, and books it once however often clicked', async () => {
    // Erik holds Pildammen on the second Tuesday; Johan's weekly 16:00 series collides there.
    await createBooking(deps, erik, {
      roomId: 'stadshuset-pildammen',
      startsAt: fromLocal('2026-12-08', '16:00'),
      endsAt: fromLocal('2026-12-08', '17:00'),
      title: 'Eriks möte',
      attendees: 2,
    });
    const result = await createSeries(
      deps,
      johan,
      request({ date: '2026-12-01', startTime: '16:00', endTime: '17:00', count: 3, attendees: 5 }),
    );
    expect(result.collisions.map((c) => toLocal(c.startsAt).date)).toEqual(['2026-12-08']);
    const view = await getSeries(t.database.db, johan, result.series.id);
    const rows = occurrenceRows(view);
    const missedAt = fromLocal('2026-12-08', '16:00');
    const offers = await missedOffers(deps, johan, view, rows);
    const offer = offers.get(missedAt.getTime());
    // Same building, same purpose, seats 5, has Pildammen's screen and whiteboard, free then.
    expect(offer).toMatchObject({ kind: 'suggested', room: { id: 'stadshuset-oresund' } });
    expect(offers.size).toBe(1);
    // Only the booker is offered it: the stand-in would carry the booker's title.
    expect((await missedOffers(deps, admin, view, rows)).size).toBe(0);

    const first = await bookMissedElsewhere(deps, johan, result.series.id, missedAt, 'stadshuset-oresund');
    const again = await bookMissedElsewhere(deps, johan, result.series.id, missedAt, 'stadshuset-oresund');
    expect(again.booking.id).toBe(first.booking.id);
    expect(first.booking).toMatchObject({ roomId: 'stadshuset-oresund', title: 'Veckomöte', attendees: 5 });
    expect(first.booking.startsAt.getTime()).toBe(missedAt.getTime());
    const replaced = await missedOffers(deps, johan, view, rows);
    expect(replaced.get(missedAt.getTime())).toMatchObject({ kind: 'replaced', room: { id: 'stadshuset-oresund' } });
  });

  it("refuses a stand-in for an occurrence that was booked, or for someone else's series", async () => {
    const result = await createSeries(
      deps,
      johan,
      request({ date: '2026-12-02', startTime: '16:00', endTime: '17:00', count: 2 }),
    );
    const booked = fromLocal('2026-12-02', '16:00');
    expect((await failure(bookMissedElsewhere(deps, johan, result.series.id, booked, 'stadshuset-oresund'))).code).toBe(
      'CONFLICT',
    );
    expect((await failure(bookMissedElsewhere(deps, erik, result.series.id, booked, 'stadshuset-oresund'))).code).toBe(
      'NOT_FOUND',
    );
  });
});
