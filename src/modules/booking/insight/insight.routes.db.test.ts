import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { testEngines } from '../../../../test/helpers/database.ts';
import { sessionCookieFor } from '../../../../test/helpers/sessions.ts';
import type { User } from '../../../platform/auth/roles.ts';
import { findUserByUsername } from '../../../platform/auth/user.repository.ts';
import { createBooking, type BookingDeps } from '../booking.service.ts';
import { bDb } from '../booking.table.ts';
import { checkIn } from '../door/checkin.service.ts';
import { insightTranslator } from './insight.i18n.ts';
import { addToHeat, insight, isoWeek, mondayOf } from './insight.service.ts';
import { fromLocal } from '../local-time.ts';
import { releaseUncheckedBookings } from '../door/release.job.ts';

describe.each(testEngines())('facility insight on %s', (engine) => {
  let t: TestApp;
  let deps: BookingDeps;
  let johan: User;

  beforeAll(async () => {
    t = await createTestApp({ engine });
    deps = { db: t.database.db, clock: t.clock };
    johan = (await findUserByUsername(t.database.db, 'johan'))!;
    // Monday 30 Nov: Öresund 09:00–11:00 checked in, 13:00–14:00 released; Ribban 09:30–10:00 checked in.
    const a = await createBooking(deps, johan, {
      roomId: 'stadshuset-oresund',
      startsAt: fromLocal('2026-11-30', '09:00'),
      endsAt: fromLocal('2026-11-30', '11:00'),
      title: 'A',
      attendees: 2,
    });
    const b = await createBooking(deps, johan, {
      roomId: 'stadshuset-oresund',
      startsAt: fromLocal('2026-11-30', '13:00'),
      endsAt: fromLocal('2026-11-30', '14:00'),
      title: 'B',
      attendees: 2,
    });
    const c = await createBooking(deps, johan, {
      roomId: 'stadshuset-ribban',
      startsAt: fromLocal('2026-11-30', '09:30'),
      endsAt: fromLocal('2026-11-30', '10:00'),
      title: 'C',
      attendees: 2,
    });
    t.clock.set(fromLocal('2026-11-30', '09:05').toISOString());
    await checkIn(deps, johan, a.id);
    t.clock.set(fromLocal('2026-11-30', '09:25').toISOString());
    await checkIn(deps, johan, c.id);
    t.clock.set(fromLocal('2026-11-30', '13:20').toISOString());
    await releaseUncheckedBookings(deps);
    void b;
    t.clock.set(fromLocal('2026-12-01', '12:00').toISOString());
  });
  afterAll(async () => t.close());

  it('adds up booked, checked-in hours and no-shows per room and building, and the busiest hours in local time', async () => {
    const result = await insight(t.database.db, { from: '2026-11-30', to: '2026-11-30', buildingId: 'stadshuset' });
    const oresund = result.rooms.find((r) => r.roomId === 'stadshuset-oresund')!;
    expect(oresund).toMatchObject({ bookings: 2, bookedMinutes: 180, checkedInMinutes: 120, checkedIn: 1, noShows: 1 });
    expect(result.buildings).toEqual([
      expect.objectContaining({
        buildingId: 'stadshuset',
        bookings: 3,
        bookedMinutes: 210,
        checkedInMinutes: 150,
        checkedIn: 2,
        noShows: 1,
      }),
    ]);
    expect(result.rooms.every((r) => r.buildingId === 'stadshuset')).toBe(true);
    // Six rooms open 07:00–18:00 on Mondays: 6 × 660 open minutes.
    expect(oresund.openMinutes).toBe(660);
    expect(result.total.openMinutes).toBe(3960);
    expect(result.weeks).toEqual([
      expect.objectContaining({ monday: '2026-11-30', week: 49, openMinutes: 3960, bookedMinutes: 210, noShows: 1 }),
    ]);
    // Monday (row 0): 09 = 60 + 30, 10 = 60, 13 = 60.
    expect(result.heat[0]![9]).toBe(90);
    expect(result.heat[0]![10]).toBe(60);
    expect(result.heat[0]![13]).toBe(60);
    expect(result.heat[0]![8]).toBe(0);
  });

  it('numbers weeks as ISO 8601 does, across the turn of the year', () => {
    expect(isoWeek('2026-11-30')).toBe(49);
    expect(isoWeek('2027-01-01')).toBe(53);
    expect(isoWeek('2021-01-03')).toBe(53);
    expect(isoWeek('2027-01-04')).toBe(1);
    expect(mondayOf('2027-01-03')).toBe('2026-12-28');
  });

  it('says "1 bokning" and "2 bokningar"', () => {
    const params = { utilisation: '1 %', booked: '1', open: '11', checked: '–', share: '–' };
    expect(insightTranslator('sv').t('insight.totals', { ...params, count: 1 })).toContain('i 1 bokning.');
    expect(insightTranslator('sv').t('insight.totals', { ...params, count: 2 })).toContain('i 2 bokningar.');
  });

  it('puts hours in Stockholm time across the clock change', () => {
    const heat = Array.from({ length: 7 }, () => Array.from({ length: 24 }, () => 0));
    addToHeat(heat, fromLocal('2027-03-29', '09:00'), fromLocal('2027-03-29', '09:30')); // summer time, Monday
    addToHeat(heat, fromLocal('2027-03-26', '09:00'), fromLocal('2027-03-26', '10:15')); // winter time, Friday
    expect(heat[0]![9]).toBe(30);
    expect(heat[4]![9]).toBe(60);
    expect(heat[4]![10]).toBe(15);
  });

  it('shows the page with charts and tables to administrators, 403 to other staff; bad periods are field errors', async () => {
    const admin = await sessionCookieFor(t, 'admin');
    const page = await t.app.inject({
      method: 'GET',
      url: '/lokaler/insikt?fran=2026-11-30&till=2026-11-30&hus=stadshuset',
      cookies: admin,
    });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<svg class="smb-chart" id="chart-buildings"');
    expect(page.body).toContain('id="chart-heat"');
    expect(page.body).toContain('id="chart-weeks"');
    expect(page.body).toContain('id="chart-weeks-missed"');
    // 210 of 6 × 660 open minutes = 5 %; 150 of 210 booked minutes checked in = 71 %; 1 of 3 decided missed.
    expect(page.body).toContain(
      'Beläggning 5\u00a0%: 3,5 av 66 öppettimmar bokade, i 3 bokningar. Incheckat av den bokade tiden: 71\u00a0%. Andel uteblivna: 33\u00a0%.',
    );
    expect(page.body).toContain('Vecka 49 (från');
    expect(page.body).toContain('Högst beläggning vecka 49: 5\u00a0%');
    const johanCookies = await sessionCookieFor(t, 'johan');
    expect((await t.app.inject({ method: 'GET', url: '/lokaler/insikt', cookies: johanCookies })).statusCode).toBe(403);
    // A member of the facilities group who is no administrator may.
    await bDb(t.database.db)
      .insertInto('booking_group_members')
      .values({ group_id: 'lokalservice', user_id: johan.id })
      .execute();
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: '/lokaler/insikt?lang=en&fran=2026-11-30&till=2026-11-30&hus=stadshuset',
          cookies: johanCookies,
        })
      ).body,
    ).toContain('Utilisation 5\u00a0%: 3.5 of 66 opening hours booked, in 3 bookings.');
    await bDb(t.database.db)
      .deleteFrom('booking_group_members')
      .where('group_id', '=', 'lokalservice')
      .where('user_id', '=', johan.id)
      .execute();
    const bad = await t.app.inject({
      method: 'GET',
      url: '/lokaler/insikt?fran=2026-12-01&till=2026-11-01',
      cookies: admin,
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Slutdatumet måste vara samma dag som startdatumet eller senare');
    expect(
      (await t.app.inject({ method: 'GET', url: '/lokaler/insikt?fran=2026-02-30', cookies: admin })).statusCode,
    ).toBe(422);
    expect((await t.app.inject({ method: 'GET', url: '/lokaler/insikt?hus=nowhere', cookies: admin })).statusCode).toBe(
      422,
    );
  });

  it('links the finder to insight for lokalservice members who are no administrators (and administrators), not for other staff', async () => {
    const finder = async (username: string) =>
      (await t.app.inject({ method: 'GET', url: '/lokaler', cookies: await sessionCookieFor(t, username) })).body;
    const link = 'href="/lokaler/insikt"';
    expect(johan.roles).not.toContain('admin');
    expect(await finder('johan')).not.toContain(link);
    await bDb(t.database.db)
      .insertInto('booking_group_members')
      .values({ group_id: 'lokalservice', user_id: johan.id })
      .execute();
    try {
      const page = await finder('johan');
      expect(page).toContain(link);
      expect(page).toContain('Beläggning: hur rummen används');
    } finally {
      await bDb(t.database.db)
        .deleteFrom('booking_group_members')
        .where('group_id', '=', 'lokalservice')
        .where('user_id', '=', johan.id)
        .execute();
    }
    expect(await finder('johan')).not.toContain(link);
    expect(await finder('admin')).toContain(link);
  });

  it('exports the rooms as CSV', async () => {
    const admin = await sessionCookieFor(t, 'admin');
    const csv = await t.app.inject({
      method: 'GET',
      url: '/lokaler/insikt.csv?fran=2026-11-30&till=2026-11-30&hus=stadshuset&lang=en',
      cookies: admin,
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe(
      'Building;Room;Bookings;Booked hours;Opening hours;Utilisation (%);Checked-in hours;Checked in of booked time (%);Missed;Share missed (%)',
    );
    // Swedish Excel: semicolons and decimal commas whatever the page's language. 180 of 660 minutes = 27,3 %.
    expect(lines).toContain('Stadshuset;Öresund;2;3;11;27,3;2;66,7;1;50');
    const swedish = await t.app.inject({
      method: 'GET',
      url: '/lokaler/insikt.csv?fran=2026-11-30&till=2026-11-30&hus=stadshuset',
      cookies: admin,
    });
    expect(swedish.body.startsWith('\uFEFFHus;Rum;Bokningar;Bokade timmar;Öppettimmar;Beläggning (%);')).toBe(true);
    expect(swedish.headers['content-disposition']).toBe('attachment; filename="belaggning-2026-11-30-2026-11-30.csv"');
  });
});
