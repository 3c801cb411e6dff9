import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { testEngines } from '../../../../test/helpers/database.ts';
import { sessionCookieFor } from '../../../../test/helpers/sessions.ts';
import type { User } from '../../../platform/auth/roles.ts';
import { createBooking, type BookingDeps } from '../booking.service.ts';
import { bDb } from '../booking.table.ts';
import { MONDAY, TUESDAY, plainDeps, postForm, text, users } from '../booking.test-support.ts';
import { fromLocal } from '../local-time.ts';

describe.each(testEngines())('finder, booking and day pages on %s', (engine) => {
  let t: TestApp;
  let deps: BookingDeps;
  let erik: User;
  let erikCookies: Record<string, string>;
  let johanCookies: Record<string, string>;
  let adminCookies: Record<string, string>;
  const get = (url: string, cookies: Record<string, string>) => t.app.inject({ method: 'GET', url, cookies });
  const post = (
    url: string,
    cookies: Record<string, string>,
    pageUrl: string,
    fields: Record<string, string | string[]>,
  ) => postForm(t, url, cookies, pageUrl, fields);
  const bookingCount = async () =>
    Number(
      (
        await bDb(t.database.db)
          .selectFrom('bookings')
          .select(sql<number>`count(*)`.as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    t = await createTestApp({ engine });
    deps = plainDeps(t);
    ({ erik } = await users(t, 'erik'));
    erikCookies = await sessionCookieFor(t, 'erik');
    johanCookies = await sessionCookieFor(t, 'johan');
    adminCookies = await sessionCookieFor(t, 'admin');
  });
  afterAll(async () => t.close());

  it('shows the finder form with a nav entry, then fitting rooms ranked, client rooms only for their groups', async () => {
    const blank = await get('/lokaler', erikCookies);
    expect(blank.statusCode).toBe(200);
    expect(blank.body).toContain('href="/lokaler"');
    expect(text(blank.body)).toContain('Boka rum');
    expect(blank.body).not.toContain('id="results-heading"');

    const query = `/lokaler?date=${MONDAY}&start=10:00&duration=60&people=3&purpose=client-meeting&accessibility=wheelchair`;
    const found = await get(query, erikCookies);
    expect(found.statusCode).toBe(200);
    const page = text(found.body);
    expect(page).toContain('9 lediga rum');
    expect(
      found.body.indexOf('/lokaler/boka?rum=kirseberg-samtal&amp;datum=2026-11-30&amp;start=10%3A00&amp;slut=11%3A00'),
    ).toBeGreaterThan(-1);
    expect(found.body.indexOf('rum=kirseberg-samtal')).toBeLessThan(found.body.indexOf('rum=fosie-samtal-1'));

    const johans = await get(query, johanCookies);
    expect(johans.statusCode).toBe(200);
    expect(text(johans.body)).toContain('Inget ledigt rum passar');
    expect(johans.body).not.toMatch(/rum=[a-z-]*(samtal|familjerummet)/);
    expect(text(johans.body)).toContain('Ett annat slags rum');
    const english = await get(`${query}&lang=en`, erikCookies);
    expect(text(english.body)).toContain('9 free rooms');
  });

  it('saves the preferred building and ranks it first among rooms of the same size', async () => {
    const saved = await post('/lokaler/mitt-hus', erikCookies, '/lokaler', { building: 'rosengard' });
    expect(saved.statusCode).toBe(303);
    const found = await get(
      `/lokaler?date=${MONDAY}&start=10:00&duration=60&people=3&purpose=client-meeting&accessibility=wheelchair`,
      erikCookies,
    );
    expect(found.body.indexOf('rum=rosengard-samtal-1')).toBeLessThan(found.body.indexOf('rum=fosie-samtal-1'));
    expect(text(found.body)).toContain('Ditt hus');
    expect((await post('/lokaler/mitt-hus', erikCookies, '/lokaler', { building: 'nowhere' })).statusCode).toBe(400);
    await post('/lokaler/mitt-hus', erikCookies, '/lokaler', { building: '' });
  });

  it('answers a malformed search with 422 and field errors in Swedish and English', async () => {
    const cases: [string, string, string][] = [
      ['date=2026-02-30&start=10:00&duration=60&people=2', 'Ange ett giltigt datum', 'Enter a valid date'],
      ['date=30.11.2026&start=10:00&duration=60&people=2', 'Ange ett giltigt datum', 'Enter a valid date'],
      ['date=2026-11-30&start=9&duration=60&people=2', 'Ange en giltig tid', 'Enter a valid time'],
      [
        'date=2026-11-30&start=10:00&duration=0&people=2',
        'Ange en längd på minst 5 minuter',
        'Enter a duration of at least 5 minutes',
      ],
      ['date=2026-11-30&start=10:00&duration=43200&people=2', 'högst 1440 minuter', 'at most 1440 minutes'],
      ['date=2026-11-30&start=10:00&duration=60&people=noll', 'mellan 1 och 1000', 'between 1 and 1000'],
    ];
    for (const [q, sv, en] of cases) {
      const svPage = await get(`/lokaler?${q}`, erikCookies);
      expect(svPage.statusCode, q).toBe(422);
      expect(text(svPage.body)).toContain(sv);
      expect(svPage.body).toContain('govuk-error-summary');
      const enPage = await get(`/lokaler?${q}&lang=en`, erikCookies);
      expect(enPage.statusCode).toBe(422);
      expect(text(enPage.body)).toContain(en);
    }
  });

  it('books from the pre-filled form, shows the booking with a flash, and refuses a double submission', async () => {
    const formUrl = `/lokaler/boka?rum=rosengard-samtal-1&datum=${MONDAY}&start=13:00&slut=14:00`;
    const form = await get(formUrl, erikCookies);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('value="13:00"');
    const key = /name="nyckel" value="([^"]+)"/.exec(form.body)![1]!;
    const fields = {
      rum: 'rosengard-samtal-1',
      datum: MONDAY,
      start: '13:00',
      slut: '14:00',
      titel: 'Samtal med familj',
      deltagare: '3',
      nyckel: key,
    };
    const before = await bookingCount();
    const created = await post('/lokaler/boka', erikCookies, formUrl, fields);
    expect(created.statusCode).toBe(303);
    const location = created.headers.location as string;
    expect(location).toMatch(/^\/lokaler\/bokningar\/[0-9a-f-]{36}$/);
    const again = await post('/lokaler/boka', erikCookies, formUrl, fields);
    expect(again.headers.location).toBe(location);
    expect(await bookingCount()).toBe(before + 1);

    const page = await get(location, erikCookies);
    expect(page.statusCode).toBe(200);
    expect(text(page.body)).toContain('Rummet är bokat: Samtalsrum 1');
    expect(text(page.body)).toContain('Samtal med familj');
    const mine = await get('/lokaler/bokningar', erikCookies);
    expect(text(mine.body)).toContain('Samtal med familj');
    expect(mine.body).toContain(`href="${location}"`);
    // Not erik's: johan gets 404, the administrator sees it.
    expect((await get(location, johanCookies)).statusCode).toBe(404);
    expect((await get(location, adminCookies)).statusCode).toBe(200);
  });

  it('books a private room in two clicks: from the grid’s link, the form is complete without a title', async () => {
    const grid = await get(`/lokaler/hus/rosengard?datum=${MONDAY}&personer=2`, erikCookies);
    const href = /href="(\/lokaler\/boka\?rum=rosengard-samtal-2&amp;datum=2026-11-30&amp;start=15%3A00[^"]*)"/
      .exec(grid.body)![1]!
      .replaceAll('&amp;', '&');
    const form = await get(href, erikCookies);
    expect(text(form.body)).toContain('Mötets titel (frivilligt)');
    expect(form.body).toContain('type="date"');
    expect(form.body).toContain('type="time"');
    // What the browser sends when the person only presses "Bekräfta bokning".
    const field = (name: string) => new RegExp(`name="${name}"[^>]*value="([^"]*)"`).exec(form.body)?.[1] ?? '';
    const fields = {
      rum: field('rum'),
      datum: field('datum'),
      start: field('start'),
      slut: field('slut'),
      titel: '',
      deltagare: field('deltagare'),
      nyckel: field('nyckel'),
    };
    expect(fields).toMatchObject({ datum: MONDAY, start: '15:00', slut: '16:00', deltagare: '2' });
    const created = await post('/lokaler/boka', erikCookies, href, fields);
    expect(created.statusCode).toBe(303);
    const page = text((await get(created.headers.location as string, erikCookies)).body);
    expect(page).toContain('Möte i Samtalsrum 2');
    // A room others see into needs a title.
    const open = await post('/lokaler/boka', erikCookies, href, {
      ...fields,
      rum: 'rosengard-motet',
      nyckel: 'k-no-title-0001',
    });
    expect(open.statusCode).toBe(422);
    expect(text(open.body)).toContain('Det finns ett problem');
    expect(open.body).toContain('href="#titel"');
  });

  it('refuses bad bookings with 422 and field errors, storing nothing', async () => {
    const formUrl = `/lokaler/boka?rum=stadshuset-ribban&datum=${MONDAY}&start=10:00&slut=11:00`;
    const base = {
      rum: 'stadshuset-ribban',
      datum: MONDAY,
      start: '10:00',
      slut: '11:00',
      titel: 'Planering',
      deltagare: '2',
      nyckel: 'k-bad-input-0001',
    };
    const cases: [Record<string, string>, string, string][] = [
      [{ datum: '2026-13-01' }, 'Ange ett giltigt datum', 'Enter a valid date'],
      [
        { start: '11:00', slut: '10:00' },
        'Sluttiden måste vara efter starttiden',
        'The end time must be after the start time',
      ],
      [
        { start: '10:00', slut: '10:00' },
        'Sluttiden måste vara efter starttiden',
        'The end time must be after the start time',
      ],
      [{ start: '05:00', slut: '06:00' }, 'Rummet är öppet 07:00–18:00', 'The room is open 07:00–18:00'],
      [{ slut: '25:00' }, 'Ange en giltig tid', 'Enter a valid time'],
      [{ titel: '' }, 'Fyll i', 'Enter'],
      [{ deltagare: '40' }, 'Högst 4 deltagare får plats i rummet', 'The room’s capacity is 4'],
    ];
    const before = await bookingCount();
    for (const [change, sv, en] of cases) {
      const svAnswer = await post('/lokaler/boka', johanCookies, formUrl, { ...base, ...change });
      expect(svAnswer.statusCode, JSON.stringify(change)).toBe(422);
      expect(text(svAnswer.body)).toContain(sv);
      const enAnswer = await post('/lokaler/boka?lang=en', johanCookies, `${formUrl}&lang=en`, { ...base, ...change });
      expect(enAnswer.statusCode).toBe(422);
      expect(text(enAnswer.body)).toContain(en);
    }
    // A 30-day booking (the end a month later cannot be written as a time of the same day): the service refuses it too.
    const unknown = await post('/lokaler/boka', johanCookies, formUrl, { ...base, rum: 'no-such-room' });
    expect(unknown.statusCode).toBe(422);
    expect(text(unknown.body)).toContain('Rummet finns inte');
    expect(await bookingCount()).toBe(before);
    expect((await get('/lokaler/boka?rum=no-such-room', johanCookies)).statusCode).toBe(404);
    expect((await get('/lokaler/boka?rum=rosengard-samtal-2', johanCookies)).statusCode).toBe(403);
  });

  it('answers a taken slot with 409, the error and bookable alternatives', async () => {
    await createBooking(deps, erik, {
      roomId: 'stadshuset-pildammen',
      startsAt: fromLocal(TUESDAY, '09:00'),
      endsAt: fromLocal(TUESDAY, '10:00'),
      title: 'Ledningsgrupp',
      attendees: 4,
    });
    const formUrl = `/lokaler/boka?rum=stadshuset-pildammen&datum=${TUESDAY}&start=09:30&slut=10:30`;
    const answer = await post('/lokaler/boka', johanCookies, formUrl, {
      rum: 'stadshuset-pildammen',
      datum: TUESDAY,
      start: '09:30',
      slut: '10:30',
      titel: 'Planering',
      deltagare: '2',
      nyckel: 'k-conflict-0001',
    });
    expect(answer.statusCode).toBe(409);
    const page = text(answer.body);
    expect(page).toContain('Rummet är redan bokat den tiden');
    expect(page).toContain('Lediga alternativ');
    expect(answer.body).toContain('/lokaler/boka?rum=stadshuset-pildammen&amp;datum=2026-12-01');
    expect(answer.body).toMatch(
      /\/lokaler\/boka\?rum=(?!stadshuset-pildammen)[a-z-]+&amp;datum=2026-12-01&amp;start=09%3A30&amp;slut=10%3A30/,
    );
  });

  it('changes a booking (stale forms refused) and cancels it after a confirmation step', async () => {
    const booking = await createBooking(deps, erik, {
      roomId: 'fosie-samtal-3',
      startsAt: fromLocal(TUESDAY, '14:00'),
      endsAt: fromLocal(TUESDAY, '15:00'),
      title: 'Uppföljning',
      attendees: 2,
    });
    const url = `/lokaler/bokningar/${booking.id}`;
    const change = {
      datum: TUESDAY,
      start: '15:00',
      slut: '16:30',
      titel: 'Uppföljning',
      deltagare: '3',
      sekvens: '0',
    };
    const changed = await post(`${url}/andra`, erikCookies, url, change);
    expect(changed.statusCode).toBe(303);
    const page = await get(url, erikCookies);
    expect(text(page.body)).toContain('Bokningen är ändrad');
    expect(text(page.body)).toContain('15:00–16:30');
    const stale = await post(`${url}/andra`, erikCookies, url, { ...change, start: '16:00', slut: '17:00' });
    expect(stale.statusCode).toBe(409);
    expect(text(stale.body)).toContain('Bokningen har ändrats under tiden');
    // A move onto another booking: 409 with the room's free times, each a one-click move.
    await createBooking(deps, erik, {
      roomId: 'fosie-samtal-3',
      startsAt: fromLocal(TUESDAY, '09:00'),
      endsAt: fromLocal(TUESDAY, '10:00'),
      title: 'Annat samtal',
      attendees: 2,
    });
    const onto = await post(`${url}/andra`, erikCookies, url, {
      ...change,
      sekvens: '1',
      start: '09:00',
      slut: '10:30',
    });
    expect(onto.statusCode).toBe(409);
    expect(text(onto.body)).toContain('Rummet är redan bokat den tiden');
    expect(text(onto.body)).toContain('Lediga tider i samma rum');
    const move =
      /<input type="hidden" name="datum" value="([^"]+)"\/><input type="hidden" name="start" value="([^"]+)"\/><input type="hidden" name="slut" value="([^"]+)"\/>/.exec(
        onto.body,
      );
    expect(move).not.toBeNull();
    const moved = await post(`${url}/andra`, erikCookies, url, {
      ...change,
      sekvens: '1',
      datum: move![1]!,
      start: move![2]!,
      slut: move![3]!,
    });
    expect(moved.statusCode).toBe(303);
    change.sekvens = '2';
    const bad = await post(`${url}/andra`, erikCookies, url, { ...change, slut: '14:00', start: '15:00' });
    expect(bad.statusCode).toBe(422);
    expect(text(bad.body)).toContain('Sluttiden måste vara efter starttiden');
    // Someone else's booking: 404 for johan, on the change form too.
    expect((await post(`${url}/andra`, johanCookies, '/lokaler', { ...change })).statusCode).toBe(404);

    const confirm = await get(`${url}/avboka`, erikCookies);
    expect(confirm.statusCode).toBe(200);
    expect(text(confirm.body)).toContain('Vill du avboka Samtalsrum 3?');
    const cancelled = await post(`${url}/avboka`, erikCookies, `${url}/avboka`, {});
    expect(cancelled.statusCode).toBe(303);
    expect(text((await get(url, erikCookies)).body)).toContain('Avbokad');
    expect((await post(`${url}/avboka`, erikCookies, url, {})).statusCode).toBe(303); // twice: no error
    const past = await get('/lokaler/bokningar?visa=tidigare', erikCookies);
    expect(text(past.body)).toContain('Uppföljning');
  });

  it('shows a private room’s booking to an administrator as "Bokat": page, change form and cancel page; a change keeps the title', async () => {
    const booking = await createBooking(deps, erik, {
      roomId: 'fosie-samtal-2',
      startsAt: fromLocal(TUESDAY, '08:00'),
      endsAt: fromLocal(TUESDAY, '09:00'),
      title: 'Samtal med klienten Bergström',
      attendees: 2,
    });
    const url = `/lokaler/bokningar/${booking.id}`;
    const secret = 'Bergström';
    for (const page of [url, `${url}/avboka`]) {
      const response = await get(page, adminCookies);
      expect(response.statusCode, page).toBe(200);
      expect(response.body, page).not.toContain(secret);
      expect(text(response.body), page).toContain('Bokat');
    }
    // No title field for the administrator: the form cannot show it, nor blank it.
    expect((await get(url, adminCookies)).body).not.toContain('name="titel"');
    const moved = await post(`${url}/andra`, adminCookies, url, {
      datum: TUESDAY,
      start: '09:00',
      slut: '10:00',
      deltagare: '2',
      sekvens: '0',
    });
    expect(moved.statusCode).toBe(303);
    const stored = await bDb(t.database.db)
      .selectFrom('bookings')
      .select(['title', 'starts_at'])
      .where('id', '=', booking.id)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ title: 'Samtal med klienten Bergström', starts_at: fromLocal(TUESDAY, '09:00') });
    // The booker sees the title and must keep one.
    const own = await get(url, erikCookies);
    expect(own.body).toContain(secret);
    const blank = await post(`${url}/andra`, erikCookies, url, {
      datum: TUESDAY,
      start: '09:00',
      slut: '10:00',
      titel: '',
      deltagare: '2',
      sekvens: '1',
    });
    expect(blank.statusCode).toBe(422);
  });

  it('lists no bookings with an empty state and paginates many', async () => {
    const empty = await get('/lokaler/bokningar', adminCookies);
    expect(empty.statusCode).toBe(200);
    expect(empty.body).toContain('id="empty-state"');
    // Approvers (the administrator approves the council hall) find their queue from here; others do not see the link.
    expect(empty.body).toContain('href="/lokaler/godkannanden"');
    expect((await get('/lokaler/bokningar', erikCookies)).body).not.toContain('href="/lokaler/godkannanden"');
    const { sara } = await users(t, 'sara');
    for (let i = 0; i < 22; i++) {
      const day = `2026-12-${String(2 + Math.floor(i / 8)).padStart(2, '0')}`;
      const start = 8 + (i % 8);
      await createBooking(deps, sara, {
        roomId: 'hyllie-samtal',
        startsAt: fromLocal(day, `${String(start).padStart(2, '0')}:00`),
        endsAt: fromLocal(day, `${String(start).padStart(2, '0')}:45`),
        title: `Möte ${i}`,
        attendees: 1,
      });
    }
    const saraCookies = await sessionCookieFor(t, 'sara');
    const first = await get('/lokaler/bokningar', saraCookies);
    expect(text(first.body)).toContain('22 bokningar');
    expect(first.body).toContain('sida=2');
    const second = await get('/lokaler/bokningar?visa=kommande&sida=2', saraCookies);
    expect(text(second.body)).toContain('Möte 21');
    expect(text(second.body)).not.toContain('Möte 0 ');
  });

  it('shows "My day" on the landing page: today’s meetings, check-in while it is open, back to the page after', async () => {
    const before = t.clock();
    try {
      t.clock.set(fromLocal(MONDAY, '08:00').toISOString());
      const nine = await createBooking(deps, erik, {
        roomId: 'stadshuset-oresund',
        startsAt: fromLocal(MONDAY, '09:00'),
        endsAt: fromLocal(MONDAY, '10:00'),
        title: 'Morgonmöte',
        attendees: 4,
      });
      await createBooking(deps, erik, {
        roomId: 'stadshuset-oresund',
        startsAt: fromLocal(MONDAY, '14:00'),
        endsAt: fromLocal(MONDAY, '15:00'),
        title: 'Eftermiddagsmöte',
        attendees: 4,
      });
      await createBooking(deps, erik, {
        roomId: 'stadshuset-oresund',
        startsAt: fromLocal(TUESDAY, '09:00'),
        endsAt: fromLocal(TUESDAY, '10:00'),
        title: 'Tisdagsmöte',
        attendees: 4,
      });
      t.clock.set(fromLocal(MONDAY, '09:02').toISOString());
      // Sessions last an hour of the (moved) clock: sign in again.
      const erikNow = await sessionCookieFor(t, 'erik');
      const landing = await get('/lokaler', erikNow);
      const page = text(landing.body);
      expect(page).toContain('Min dag');
      expect(page).toContain('09:00–10:00 Morgonmöte');
      expect(page).toContain('14:00–15:00 Eftermiddagsmöte');
      expect(page).not.toContain('Tisdagsmöte');
      expect(page).toContain('Checka in mötet 09:00');
      expect(page).toContain('Checka in från 13:50');
      // The building grids, the preferred building first.
      expect(landing.body).toContain(`href="/lokaler/hus/stadshuset?datum=${MONDAY}"`);
      const checkedIn = await post(`/lokaler/bokningar/${nine.id}/checka-in`, erikNow, '/lokaler', {
        tillbaka: 'lokaler',
      });
      expect(checkedIn.statusCode).toBe(303);
      expect(checkedIn.headers.location).toBe('/lokaler');
      const after = text((await get('/lokaler', erikNow)).body);
      expect(after).toContain('Incheckad 09:02');
      expect(after).not.toContain('Checka in mötet 09:00');
      // Someone with nothing today is told so.
      const johanNow = await sessionCookieFor(t, 'johan');
      expect(text((await get('/lokaler', johanNow)).body)).toContain('Du har inga fler bokningar i dag.');
    } finally {
      t.clock.set(before.toISOString());
    }
  });

  it('a search answers with the best room first, the people count carried into the booking form', async () => {
    const found = await get(`/lokaler?date=${MONDAY}&start=10:00&duration=60&people=5`, erikCookies);
    const page = text(found.body);
    expect(page).toMatch(/^\s*\d+ lediga rum – Boka rum/);
    expect(page).toContain('Bäst passande:');
    expect(found.body).toContain('action="/lokaler#results-heading"');
    expect(found.body).toMatch(
      /class="govuk-button[^"]*" href="\/lokaler\/boka\?rum=[a-z0-9-]+&amp;datum=2026-11-30&amp;start=10%3A00&amp;slut=11%3A00&amp;personer=5"/,
    );
    expect(found.body).toContain('type="date"');
  });

  it('shows a building’s day as a grid: bookings in text at their times, private titles hidden from others, free half hours book an hour', async () => {
    await createBooking(deps, erik, {
      roomId: 'rosengard-samtal-2',
      startsAt: fromLocal(TUESDAY, '10:00'),
      endsAt: fromLocal(TUESDAY, '11:00'),
      title: 'Klient Andersson',
      attendees: 2,
    });
    await createBooking(deps, erik, {
      roomId: 'rosengard-motet',
      startsAt: fromLocal(TUESDAY, '09:55'),
      endsAt: fromLocal(TUESDAY, '10:55'),
      title: 'Veckomöte',
      attendees: 6,
    });
    const johans = await get(`/lokaler/hus/rosengard?datum=${TUESDAY}`, johanCookies);
    expect(johans.statusCode).toBe(200);
    expect(johans.headers['cache-control']).toBe('no-store');
    const page = text(johans.body);
    expect(page).toContain('09:55–10:55 Bokat: Veckomöte');
    expect(page).toContain('10:00–11:00 Bokat');
    expect(page).not.toContain('Andersson');
    expect(page).toContain('Bara för behöriga grupper');
    // Mötet's buffer runs to 11:05, so its next free half hour is 11:30, booking an hour with people carried.
    expect(johans.body).toContain(
      'href="/lokaler/boka?rum=rosengard-motet&amp;datum=2026-12-01&amp;start=11%3A30&amp;slut=12%3A30"',
    );
    expect(page).toContain('Ledigt 11:30–12:00, boka Mötet');
    expect(johans.body).not.toContain('href="/lokaler/boka?rum=rosengard-samtal-2');
    expect(johans.body).toContain(`href="/lokaler/hus/rosengard?datum=2026-11-30"`);
    expect(johans.body).toContain(`href="/lokaler/hus/rosengard?datum=2026-12-02"`);
    const eriks = await get(`/lokaler/hus/rosengard?datum=${TUESDAY}&personer=3`, erikCookies);
    expect(text(eriks.body)).toContain('10:00–11:00 Din bokning: Klient Andersson');
    expect(eriks.body).toContain(
      'href="/lokaler/boka?rum=rosengard-samtal-2&amp;datum=2026-12-01&amp;start=11%3A30&amp;slut=12%3A30&amp;personer=3"',
    );
    // Rooms for 8: only the larger ones.
    const big = text((await get(`/lokaler/hus/rosengard?datum=${TUESDAY}&personer=8`, erikCookies)).body);
    expect(big).toContain('Mötet');
    expect(big).not.toContain('Samtalsrum 2');
    expect(text((await get(`/lokaler/hus/rosengard?personer=500`, erikCookies)).body)).toContain(
      'Inget rum i huset har plats för 500 personer.',
    );

    const bad = await get('/lokaler/hus/rosengard?datum=2026-02-31', johanCookies);
    expect(bad.statusCode).toBe(422);
    expect(text(bad.body)).toContain('Ange ett giltigt datum');
    expect((await get('/lokaler/hus/rosengard?datum=nonsense&lang=en', johanCookies)).body).toContain(
      'Enter a valid date',
    );
    const badPeople = await get('/lokaler/hus/rosengard?personer=tre', johanCookies);
    expect(badPeople.statusCode).toBe(422);
    expect(text(badPeople.body)).toContain('Ange antal personer som en siffra');
    expect((await get('/lokaler/hus/nowhere', johanCookies)).statusCode).toBe(404);
  });

  it('shows a building’s week: each room’s free hours per day, linked to that day', async () => {
    await createBooking(deps, erik, {
      roomId: 'rosengard-motet',
      startsAt: fromLocal('2026-12-02', '08:00'),
      endsAt: fromLocal('2026-12-02', '12:00'),
      title: 'Halvdagsplanering',
      attendees: 6,
    });
    const week = await get(`/lokaler/hus/rosengard?datum=${TUESDAY}&vy=vecka`, johanCookies);
    expect(week.statusCode).toBe(200);
    const page = text(week.body);
    expect(page).toContain('Rosengårds förvaltningshus: vecka 49');
    // Open 07:00–18:00, booked 08:00–12:00 (no buffer in a meeting room): 7 hours free.
    expect(page).toContain('Mötet, onsdag 2 december 2026: 7 h ledigt');
    expect(page).toContain('Stängt'); // the weekend
    expect(week.body).toContain('href="/lokaler/hus/rosengard?datum=2026-12-02#rum-rosengard-motet"');
    expect(week.body).toContain('href="/lokaler/hus/rosengard?datum=2026-12-08&amp;vy=vecka" rel="next"');
    // Unknown views fall back to the day.
    expect((await get(`/lokaler/hus/rosengard?datum=${TUESDAY}&vy=år`, johanCookies)).statusCode).toBe(200);
  });

  it('shows a room’s facts, rules and the day’s bookings', async () => {
    const room = await get(`/lokaler/rum/rosengard-samtal-2?datum=${TUESDAY}`, johanCookies);
    expect(room.statusCode).toBe(200);
    const page = text(room.body);
    expect(page).toContain('Samtalsrum 2');
    expect(page).toContain('Medlemmar i Socialsekreterare');
    expect(page).toContain('10 minuter');
    expect(page).toContain('10:00–11:00 Bokat');
    expect(page).not.toContain('Andersson');
    expect(page).toContain('Du får inte boka det här rummet');
    expect(page).toContain('Bara för behöriga grupper');
    // The room's week: a row a day, each head a link to that day; Tuesday's booking in its row.
    expect(page).toContain('Samtalsrum 2 vecka 49');
    expect(room.body).toContain('href="/lokaler/rum/rosengard-samtal-2?datum=2026-11-30"');
    expect(room.body).toContain('href="/lokaler/rum/rosengard-samtal-2?datum=2026-12-06"');
    expect(room.body).toContain('aria-current="date"');
    // A past day's "Book the room" leads to a search from today, never to a 422.
    const past = await get('/lokaler/rum/rosengard-samtal-2?datum=2026-11-02', erikCookies);
    expect(past.body).toContain('href="/lokaler?building=rosengard&amp;date=2026-11-28"');
    expect((await get('/lokaler/rum/no-such-room', johanCookies)).statusCode).toBe(404);
    expect((await get('/lokaler/rum/stadshuset-oresund?datum=2026-1-1', johanCookies)).statusCode).toBe(422);
  });

  it('keeps residents and anonymous visitors out', async () => {
    const amina = await sessionCookieFor(t, 'amina');
    expect((await get('/lokaler', amina)).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/lokaler' })).statusCode).toBe(302);
  });

  it('says why nothing fits on a Saturday at 06:00 for 40 people, and offers the next open days as booking links', async () => {
    const page = await get(
      '/lokaler?date=2026-12-05&start=06:00&duration=60&people=40&building=kirseberg',
      johanCookies,
    );
    expect(page.statusCode).toBe(200);
    const body = text(page.body);
    expect(body).toContain('Därför passar inget rum');
    expect(body).toContain('Ni är 40, men det största rummet som passar tar 8 personer.');
    expect(body).toContain('Kirsebergs kontor har stängt på lördagar.');
    const saturday = await get(
      '/lokaler?date=2026-12-05&start=10:00&duration=60&people=3&building=kirseberg',
      johanCookies,
    );
    const sat = text(saturday.body);
    expect(sat).toContain('Kirsebergs kontor har stängt på lördagar.');
    expect(sat).toContain('Samma tid de närmaste dagarna');
    expect(sat).toContain('Måndag 7 december 2026 10:00–11:00: Mötesrummet, Kirsebergs kontor');
    expect(saturday.body).toContain(
      'href="/lokaler/boka?rum=kirseberg-motesrum&amp;datum=2026-12-07&amp;start=10%3A00&amp;slut=11%3A00&amp;personer=3"',
    );
    const early = text(
      (await get('/lokaler?date=2026-12-07&start=06:00&duration=60&people=3&building=kirseberg&lang=en', johanCookies))
        .body,
    );
    expect(early).toContain('The rooms that fit are open 07:00–18:00.');
    expect(early).toContain('The time is moved to 07:00, within opening hours.');
    expect(early).toContain('Monday 7 December 2026 07:00–08:00: Mötesrummet, Kirsebergs kontor');
  });
});
