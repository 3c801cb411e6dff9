import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { testEngines } from '../../../../test/helpers/database.ts';
import { sessionCookieFor } from '../../../../test/helpers/sessions.ts';
import { CSRF_COOKIE, csrfTokenFor } from '../../../platform/http/csrf.ts';
import type { User } from '../../../platform/auth/roles.ts';
import { findUserByUsername } from '../../../platform/auth/user.repository.ts';
import { createBooking, type BookingDeps } from '../booking.service.ts';
import { bDb } from '../booking.table.ts';
import { doorQrSvg, doorUrl } from './door.service.ts';
import { fromLocal } from '../local-time.ts';

const MONDAY = '2026-11-30';
const at = (time: string) => fromLocal(MONDAY, time);

describe.each(testEngines())('door page and check-in routes on %s', (engine) => {
  let t: TestApp;
  let deps: BookingDeps;
  let erik: User;
  let johan: User;
  const keys = new Map<string, string>();
  const get = (url: string, cookies: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, cookies });
  /** A form post as a browser sends it: the CSRF cookie and the token the pages derive from it. */
  async function post(url: string, cookies: Record<string, string>, fields: Record<string, string>) {
    const secret = 'door-test-csrf-secret-0123456789abcdef';
    const body = new URLSearchParams({ _csrf: csrfTokenFor(secret, t.config.SESSION_SECRET), ...fields });
    return t.app.inject({
      method: 'POST',
      url,
      cookies: { ...cookies, [CSRF_COOKIE]: secret },
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: body.toString(),
    });
  }
  const door = (room: string) => `/lokaler/dorr/${room}?nyckel=${encodeURIComponent(keys.get(room)!)}`;
  const status = async (id: string) =>
    bDb(t.database.db).selectFrom('bookings').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  beforeAll(async () => {
    t = await createTestApp({ engine });
    deps = { db: t.database.db, clock: t.clock };
    erik = (await findUserByUsername(t.database.db, 'erik'))!;
    johan = (await findUserByUsername(t.database.db, 'johan'))!;
    for (const row of await bDb(t.database.db).selectFrom('booking_rooms').select(['id', 'door_key']).execute())
      keys.set(row.id, row.door_key);
  });
  afterAll(async () => t.close());
  beforeEach(() => t.clock.set('2026-11-28T09:00:00Z'));

  it('shows now, next and free-until without private titles or bookers; a wrong or missing key is 404', async () => {
    await createBooking(deps, erik, {
      roomId: 'rosengard-samtal-3',
      startsAt: at('09:00'),
      endsAt: at('10:00'),
      title: 'Klient Lindqvist',
      attendees: 2,
    });
    await createBooking(deps, erik, {
      roomId: 'rosengard-samtal-3',
      startsAt: at('11:00'),
      endsAt: at('12:00'),
      title: 'Klient Nyström',
      attendees: 2,
    });
    t.clock.set(at('09:20').toISOString());
    const page = await get(door('rosengard-samtal-3'));
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.headers.refresh).toBe(`60; url=${door('rosengard-samtal-3')}`);
    expect(page.body).not.toContain('Klient');
    // Held until the meeting ends (the next one is after the buffer); a private room names nobody.
    expect(page.body).toContain('Upptaget till 10:00');
    expect(page.body).toContain('smb-door-panel--busy');
    expect(page.body).not.toContain('Erik Lind');
    expect(page.body).not.toContain('Bokat av');
    expect(page.body).toContain('09:00–10:00: Bokat');
    expect(page.body).toContain('11:00–12:00: Bokat');
    expect(page.body).not.toContain('smb-nav'); // kiosk: no navigation

    // In the 10-minute buffer after it: held until a booking can start.
    t.clock.set(at('10:03').toISOString());
    expect((await get(door('rosengard-samtal-3'))).body).toContain('Upptaget till 10:10');

    // After the meeting and its 10-minute buffer: free until the next one, in the green panel.
    t.clock.set(at('10:12').toISOString());
    const free = await get(door('rosengard-samtal-3'));
    expect(free.body).toContain('Ledigt till 11:00');
    expect(free.body).toContain('govuk-panel--confirmation');
    expect(free.body).not.toContain('smb-door-panel--busy');
    expect(free.body).toContain('Logga in för att boka rummet nu');
    expect(free.body).toContain(encodeURIComponent(door('rosengard-samtal-3')));

    expect((await get('/lokaler/dorr/rosengard-samtal-3?nyckel=AAAAAAAAAAAAAAAAAAAAAAAAAAAA')).statusCode).toBe(404);
    expect((await get('/lokaler/dorr/rosengard-samtal-3')).statusCode).toBe(404);
    expect(
      (await get(`/lokaler/dorr/rosengard-samtal-2?nyckel=${encodeURIComponent(keys.get('rosengard-samtal-3')!)}`))
        .statusCode,
    ).toBe(404);
  });

  it('shows titles of ordinary rooms, and checks in at the door without a sign-in', async () => {
    const booking = await createBooking(deps, johan, {
      roomId: 'stadshuset-ribban',
      startsAt: at('13:00'),
      endsAt: at('14:00'),
      title: 'Budgetmöte',
      attendees: 2,
    });
    t.clock.set(at('12:45').toISOString());
    expect((await get(door('stadshuset-ribban'))).body).not.toContain('Checka in mötet');
    t.clock.set(at('12:52').toISOString());
    const page = await get(door('stadshuset-ribban'));
    expect(page.body).toContain('13:00–14:00: Budgetmöte');
    expect(page.body).toContain('Checka in mötet 13:00');
    const done = await post(
      '/lokaler/dorr/stadshuset-ribban/checka-in',
      {},
      { nyckel: keys.get('stadshuset-ribban')!, bokning: booking.id },
    );
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toContain('klart=incheckad');
    expect((await status(booking.id)).checked_in_at).not.toBeNull();
    const after = await get(done.headers.location as string);
    expect(after.body).toContain('Mötet är incheckat.');
    expect(after.body).not.toContain('Checka in mötet');
    // Another room's key does not check in this room's booking.
    const wrong = await post(
      '/lokaler/dorr/stadshuset-oresund/checka-in',
      {},
      { nyckel: keys.get('stadshuset-oresund')!, bokning: booking.id },
    );
    expect(wrong.statusCode).toBe(404);
  });

  it('says until when a room is held, through back-to-back meetings, and who booked it in an ordinary room', async () => {
    await createBooking(deps, johan, {
      roomId: 'stadshuset-oresund',
      startsAt: at('13:00'),
      endsAt: at('14:00'),
      title: 'Styrgrupp',
      attendees: 4,
    });
    await createBooking(deps, erik, {
      roomId: 'stadshuset-oresund',
      startsAt: at('14:00'),
      endsAt: at('14:30'),
      title: 'Avstämning',
      attendees: 2,
    });
    t.clock.set(at('13:20').toISOString());
    const page = await get(door('stadshuset-oresund'));
    expect(page.body).toContain('<h2 class="govuk-panel__title">Upptaget till 14:30</h2>');
    expect(page.body).toContain('smb-door-panel--busy');
    expect(page.body).not.toContain('govuk-panel--confirmation');
    expect(page.body).toContain('13:00–14:00: Styrgrupp');
    expect(page.body).toContain('Bokat av Johan Berg');
    // In English too.
    expect((await get(`${door('stadshuset-oresund')}&lang=en`)).body).toContain('In use until 14:30');
  });

  it('offers no check-in for a booking awaiting approval, and refuses a check-in post with the reason', async () => {
    const booking = await createBooking(deps, johan, {
      roomId: 'stadshuset-radssalen',
      startsAt: at('10:00'),
      endsAt: at('11:00'),
      title: 'Utbildning',
      attendees: 30,
    });
    expect(booking.status).toBe('pending');
    t.clock.set(at('10:02').toISOString());
    const page = await get(door('stadshuset-radssalen'));
    expect(page.body).toContain('Väntar på godkännande');
    expect(page.body).not.toContain('/checka-in');
    const refused = await post(
      '/lokaler/dorr/stadshuset-radssalen/checka-in',
      {},
      { nyckel: keys.get('stadshuset-radssalen')!, bokning: booking.id },
    );
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('Bokningen väntar på godkännande och kan inte checkas in än');
    expect((await status(booking.id)).checked_in_at).toBeNull();
  });

  it('refuses a door check-in after the window with the reason, and nothing changes', async () => {
    const booking = await createBooking(deps, johan, {
      roomId: 'stadshuset-ribban',
      startsAt: at('15:00'),
      endsAt: at('16:00'),
      title: 'Sent möte',
      attendees: 2,
    });
    t.clock.set(at('15:16').toISOString());
    const late = await post(
      '/lokaler/dorr/stadshuset-ribban/checka-in',
      {},
      { nyckel: keys.get('stadshuset-ribban')!, bokning: booking.id },
    );
    expect(late.statusCode).toBe(409);
    expect(late.body).toContain('Tiden för incheckning har gått ut');
    expect((await status(booking.id)).checked_in_at).toBeNull();
  });

  it('books the free slot now for a signed-in member of staff (source door), checked in; the key must match', async () => {
    t.clock.set(at('08:07').toISOString());
    const johanCookies = await sessionCookieFor(t, 'johan');
    const page = await get(door('stadshuset-pildammen'), johanCookies);
    expect(page.body).toContain('Boka rummet nu');
    expect(page.body).toContain('Från 08:05');
    expect(page.headers.refresh).toBeUndefined(); // no reload under a person's form
    const idempotens = /name="idempotens" value="([^"]+)"/.exec(page.body)![1]!;
    const booked = await post('/lokaler/dorr/stadshuset-pildammen/boka', johanCookies, {
      nyckel: keys.get('stadshuset-pildammen')!,
      minuter: '30',
      idempotens,
    });
    expect(booked.statusCode).toBe(303);
    // A double submission books nothing more.
    expect(
      (
        await post('/lokaler/dorr/stadshuset-pildammen/boka', johanCookies, {
          nyckel: keys.get('stadshuset-pildammen')!,
          minuter: '30',
          idempotens,
        })
      ).statusCode,
    ).toBe(303);
    const rows = await bDb(t.database.db)
      .selectFrom('bookings')
      .selectAll()
      .where('room_id', '=', 'stadshuset-pildammen')
      .where('source', '=', 'door')
      .execute();
    expect(rows).toHaveLength(1);
    expect(new Date(rows[0]!.starts_at).toISOString()).toBe(at('08:05').toISOString());
    expect(new Date(rows[0]!.ends_at).toISOString()).toBe(at('08:35').toISOString());
    // The person is in the room: checked in as it is booked, so the page offers no check-in.
    expect(new Date(rows[0]!.checked_in_at!).toISOString()).toBe(at('08:07').toISOString());
    const after = (await get(booked.headers.location as string, johanCookies)).body;
    expect(after).toContain('Upptaget');
    expect(after).not.toContain('Checka in mötet');
    // A duration that is not offered, a wrong key: nothing stored.
    t.clock.set(at('09:00').toISOString());
    expect(
      (
        await post('/lokaler/dorr/stadshuset-pildammen/boka', johanCookies, {
          nyckel: keys.get('stadshuset-pildammen')!,
          minuter: '45',
          idempotens: 'other-key-123',
        })
      ).statusCode,
    ).toBe(422);
    expect(
      (
        await post('/lokaler/dorr/stadshuset-pildammen/boka', johanCookies, {
          nyckel: keys.get('stadshuset-oresund')!,
          minuter: '15',
          idempotens: 'other-key-456',
        })
      ).statusCode,
    ).toBe(404);
    expect(
      await bDb(t.database.db).selectFrom('bookings').select('id').where('source', '=', 'door').execute(),
    ).toHaveLength(1);
    // Without a sign-in, "book now" is not possible.
    const anonymous = await post(
      '/lokaler/dorr/stadshuset-pildammen/boka',
      {},
      { nyckel: keys.get('stadshuset-pildammen')!, minuter: '15' },
    );
    expect([302, 303, 401, 403]).toContain(anonymous.statusCode);
  });

  it('a private room tells someone outside the group that they cannot book it', async () => {
    t.clock.set(at('08:00').toISOString());
    const page = await get(door('hyllie-samtal'), await sessionCookieFor(t, 'johan'));
    expect(page.body).toContain('Boka rummet nu');
    expect(page.body).toContain('Du kan inte boka det här rummet.');
  });

  it('the booking page has a check-in button in the window, checks in, and shows the no-show count to the booker', async () => {
    t.clock.set(at('08:00').toISOString());
    let cookies = await sessionCookieFor(t, 'erik');
    const booking = await createBooking(deps, erik, {
      roomId: 'stadshuset-kungsparken',
      startsAt: at('10:00'),
      endsAt: at('11:00'),
      title: 'Ledningsgrupp',
      attendees: 5,
    });
    const before = await get(`/lokaler/bokningar/${booking.id}`, cookies);
    expect(before.body).toContain('Inte incheckad. Du kan checka in från');
    expect(before.body).not.toContain(`/lokaler/bokningar/${booking.id}/checka-in`);
    expect(before.body).toContain('Inga bokningar har släppts de senaste 90 dagarna.');
    t.clock.set(at('10:03').toISOString());
    cookies = await sessionCookieFor(t, 'erik');
    const page = await get(`/lokaler/bokningar/${booking.id}`, cookies);
    expect(page.body).toContain(`/lokaler/bokningar/${booking.id}/checka-in`);
    const done = await post(`/lokaler/bokningar/${booking.id}/checka-in`, cookies, {});
    expect(done.statusCode).toBe(303);
    expect((await status(booking.id)).checked_in_at).not.toBeNull();
    expect((await get(`/lokaler/bokningar/${booking.id}`, cookies)).body).toContain('Incheckad 10:03');
    // Someone else cannot check in erik's booking.
    expect(
      (await post(`/lokaler/bokningar/${booking.id}/checka-in`, await sessionCookieFor(t, 'johan'), {})).statusCode,
    ).toBe(404);
    // My bookings states the no-show count.
    expect((await get('/lokaler/bokningar', cookies)).body).toContain(
      'Inga bokningar har släppts de senaste 90 dagarna.',
    );
  });

  it('encodes the door URL in the QR code', () => {
    const url = doorUrl('https://boka.example', 'stadshuset-ribban', 'key_with-chars');
    expect(url).toBe('https://boka.example/lokaler/dorr/stadshuset-ribban?nyckel=key_with-chars');
    const svg = doorQrSvg('https://boka.example', 'stadshuset-ribban', 'key_with-chars');
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('<path');
  });
});
