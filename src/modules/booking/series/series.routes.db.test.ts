import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { testEngines } from '../../../../test/helpers/database.ts';
import { sessionCookieFor } from '../../../../test/helpers/sessions.ts';
import { bDb } from '../booking.table.ts';
import { postForm, text } from '../booking.test-support.ts';

describe.each(testEngines())('series pages on %s', (engine) => {
  let t: TestApp;
  let erikCookies: Record<string, string>;
  let johanCookies: Record<string, string>;
  let adminCookies: Record<string, string>;
  const get = (url: string, cookies: Record<string, string>) => t.app.inject({ method: 'GET', url, cookies });
  const post = (url: string, cookies: Record<string, string>, pageUrl: string, fields: Record<string, string>) =>
    postForm(t, url, cookies, pageUrl, fields);
  const counts = async () => {
    const db = bDb(t.database.db);
    return {
      series: (
        await db
          .selectFrom('booking_series')
          .select(sql<number>`count(*)::int`.as('n'))
          .executeTakeFirstOrThrow()
      ).n,
      bookings: (
        await db
          .selectFrom('bookings')
          .select(sql<number>`count(*)::int`.as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    };
  };

  beforeAll(async () => {
    t = await createTestApp({ engine });
    erikCookies = await sessionCookieFor(t, 'erik');
    johanCookies = await sessionCookieFor(t, 'johan');
    adminCookies = await sessionCookieFor(t, 'admin');
  });
  afterAll(async () => t.close());

  const FORM = '/lokaler/boka/serie?rum=rosengard-samtal-1&datum=2026-12-01&start=09:00&slut=10:00';
  const fields = (extra: Record<string, string> = {}) => ({
    rum: 'rosengard-samtal-1',
    datum: '2026-12-01',
    start: '09:00',
    slut: '10:00',
    titel: 'Klient A',
    deltagare: '2',
    upprepa: 'weekly',
    antal: '4',
    steg: 'boka',
    ...extra,
  });

  it('shows the form pre-filled from the query', async () => {
    const page = await get(FORM, erikCookies);
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.body).toContain('name="datum" type="date" value="2026-12-01"');
    expect(page.body).toMatch(/name="nyckel" value="[0-9a-f-]{36}"/);
    expect(text(page.body)).toContain('Varannan vecka');
    // Client rooms are for their groups only.
    expect((await get(FORM, johanCookies)).statusCode).toBe(403);
  });

  it('the single booking form links to the series form with what it holds', async () => {
    const single = await get(
      '/lokaler/boka?rum=stadshuset-oresund&datum=2026-12-01&start=09:00&slut=10:00',
      erikCookies,
    );
    expect(single.statusCode).toBe(200);
    expect(single.body).toContain(
      'href="/lokaler/boka/serie?rum=stadshuset-oresund&amp;datum=2026-12-01&amp;start=09%3A00&amp;slut=10%3A00&amp;personer=2"',
    );
    expect(text(single.body)).toContain('Upprepa bokningen…');
  });

  it('refuses impossible rules with field errors in the GOV.UK pattern, storing nothing', async () => {
    const before = await counts();
    const cases: [Record<string, string>, string, string][] = [
      [{ antal: '' }, '#till', 'Ange antingen ett slutdatum eller ett antal gånger'],
      [{ till: '2026-12-29' }, '#till', 'Ange antingen ett slutdatum eller ett antal gånger'],
      [{ antal: '0' }, '#antal', 'Antal gånger måste vara mellan 1 och 100'],
      [{ antal: '101' }, '#antal', 'Antal gånger måste vara mellan 1 och 100'],
      [{ antal: 'många' }, '#antal', 'Antal gånger måste vara mellan 1 och 100'],
      [
        { antal: '', till: '2026-11-20' },
        '#till',
        'Slutdatumet måste vara samma dag som det första tillfället eller senare',
      ],
      [{ upprepa: 'daily' }, '#upprepa', 'Välj hur ofta bokningen ska upprepas'],
      [{ slut: '08:00' }, '#slut', 'Sluttiden måste vara efter starttiden'],
      [{ datum: '2026-12-05' }, '#datum', 'Rummet är stängt den dagen'],
      [{ datum: '2026-13-01' }, '#datum', 'Ange ett giltigt datum'],
      [{ antal: '40' }, '#antal', 'Rummet kan bokas högst 180 dagar framåt'],
    ];
    // The same errors on the form from "Continue" (the preview) as from "Book the series".
    for (const steg of ['granska', 'boka'])
      for (const [extra, href, message] of cases) {
        const response = await post('/lokaler/boka/serie', erikCookies, FORM, fields({ ...extra, steg }));
        expect(response.statusCode, JSON.stringify({ ...extra, steg })).toBe(422);
        expect(response.body).toContain(`href="${href}"`);
        expect(text(response.body)).toContain(message);
        expect(response.body).toMatch(/<title>Fel:/);
        expect(response.body).toContain('value="granska" name="steg"');
      }
    expect(await counts()).toEqual(before);
  });

  it('books a series, lists booked and colliding occurrences, and cancels one, the following, then all', async () => {
    // Someone else holds the third Tuesday.
    await post(
      '/lokaler/boka',
      erikCookies,
      '/lokaler/boka?rum=rosengard-samtal-1&datum=2026-12-15&start=09:00&slut=10:00',
      {
        rum: 'rosengard-samtal-1',
        datum: '2026-12-15',
        start: '09:30',
        slut: '10:30',
        titel: 'Annat möte',
        deltagare: '2',
        nyckel: 'single-booking-0001',
      },
    );
    const created = await post('/lokaler/boka/serie', erikCookies, FORM, fields({ nyckel: 'series-form-0001' }));
    expect(created.statusCode).toBe(303);
    const url = created.headers.location as string;
    expect(url).toMatch(/^\/lokaler\/serier\/[0-9a-f-]{36}$/);
    // A double submission with the same key lands on the same series.
    const again = await post('/lokaler/boka/serie', erikCookies, FORM, fields({ nyckel: 'series-form-0001' }));
    expect(again.headers.location).toBe(url);

    const page = await get(url, {
      ...erikCookies,
      ...Object.fromEntries(created.cookies.map((c) => [c.name, c.value])),
    });
    expect(page.statusCode).toBe(200);
    const body = text(page.body);
    expect(body).toContain('Serien är bokad: 3 av 4 tillfällen.');
    expect(body).toContain('Serie: Klient A');
    expect(body).toContain('Varje vecka på tisdag');
    expect(body).toContain('3 bokade, 1 kunde inte bokas, 0 avbokade.');
    expect(body).toContain('Inte bokat: rummet var redan bokat');
    // Others do not find it; an administrator does, but sees a private room's title as "Bokat".
    expect((await get(url, johanCookies)).statusCode).toBe(404);
    const asAdmin = await get(url, adminCookies);
    expect(asAdmin.statusCode).toBe(200);
    expect(text(asAdmin.body)).toContain('Serie: Bokat');
    expect(asAdmin.body).not.toContain('Klient A');

    // Cancelling asks first: the rows link to a confirmation page, no red button on every row.
    expect(page.body).not.toContain('govuk-button--warning');
    const ids = [...page.body.matchAll(/avboka\?omfattning=(?:one|following)&amp;tillfalle=([0-9a-f-]{36})/g)].map(
      (m) => m[1]!,
    );
    const unique = [...new Set(ids)];
    expect(unique).toHaveLength(3);
    const asked = await get(`${url}/avboka?omfattning=following&tillfalle=${unique[1]!}`, erikCookies);
    expect(asked.statusCode).toBe(200);
    expect(text(asked.body)).toContain('Avboka 2 tillfällen från 8 december 2026?');
    expect(text(asked.body)).toContain('8 december 2026, 09:00–10:00');
    expect(asked.body).toContain(`action="${url}/avboka"`);
    expect(asked.body).toContain('name="omfattning" value="following"');
    expect(asked.body).toContain('govuk-button--warning');
    expect(text((await get(`${url}/avboka?omfattning=one&tillfalle=${unique[2]!}`, erikCookies)).body)).toContain(
      'Avboka tillfället 22 december 2026?',
    );
    // Asking changed nothing; an occurrence of another series, someone else's series: not found.
    expect(text((await get(url, erikCookies)).body)).toContain('3 bokade, 1 kunde inte bokas, 0 avbokade.');
    expect((await get(`${url}/avboka?omfattning=one&tillfalle=${randomUUID()}`, erikCookies)).statusCode).toBe(404);
    expect((await get(`${url}/avboka?omfattning=all`, johanCookies)).statusCode).toBe(404);
    expect((await get(`${url}/avboka?omfattning=some`, erikCookies)).statusCode).toBe(422);
    // Each occurrence's booking page links back to its series.
    const occurrence = await get(`/lokaler/bokningar/${unique[2]!}`, erikCookies);
    expect(occurrence.statusCode).toBe(200);
    expect(occurrence.body).toContain(`href="${url}"`);
    const one = await post(`${url}/avboka`, erikCookies, url, { omfattning: 'one', tillfalle: unique[0]! });
    expect(one.statusCode).toBe(303);
    const afterOne = text(
      (await get(url, { ...erikCookies, ...Object.fromEntries(one.cookies.map((c) => [c.name, c.value])) })).body,
    );
    expect(afterOne).toContain('Tillfället 1 december 2026 är avbokat.');
    expect(afterOne).toContain('2 bokade, 1 kunde inte bokas, 1 avbokade.');

    const following = await post(`${url}/avboka`, erikCookies, url, { omfattning: 'following', tillfalle: unique[1]! });
    expect(following.statusCode).toBe(303);
    expect(text((await get(url, erikCookies)).body)).toContain('0 bokade, 1 kunde inte bokas, 3 avbokade.');
    const all = await post(`${url}/avboka`, erikCookies, url, { omfattning: 'all' });
    expect(all.statusCode).toBe(303);
    expect(text((await get(url, erikCookies)).body)).toContain('Hela serien är avbokad.');
    expect(text((await get(`${url}/avboka?omfattning=all`, erikCookies)).body)).toContain(
      'Det finns inget kvar att avboka i serien.',
    );
    // Johan may not cancel it.
    const johans = await post(`${url}/avboka`, johanCookies, '/lokaler/boka/serie?rum=stadshuset-oresund', {
      omfattning: 'all',
    });
    expect(johans.statusCode).toBe(404);
  });

  it('lists a collided occurrence with a free room at the same time and books it there in one click, once', async () => {
    // Erik holds Pildammen on the second Thursday; Johan's weekly 14:00 series collides there.
    await post('/lokaler/boka', erikCookies, '/lokaler/boka?rum=stadshuset-pildammen', {
      rum: 'stadshuset-pildammen',
      datum: '2026-12-10',
      start: '14:00',
      slut: '15:00',
      titel: 'Eriks möte',
      deltagare: '2',
      nyckel: 'single-booking-elsewhere-1',
    });
    const form = '/lokaler/boka/serie?rum=stadshuset-pildammen';
    const created = await post('/lokaler/boka/serie', johanCookies, form, {
      rum: 'stadshuset-pildammen',
      datum: '2026-12-03',
      start: '14:00',
      slut: '15:00',
      titel: 'Planering',
      deltagare: '4',
      upprepa: 'weekly',
      antal: '3',
      nyckel: 'series-elsewhere-0001',
      steg: 'boka',
    });
    expect(created.statusCode).toBe(303);
    const url = created.headers.location as string;
    const page = await get(url, johanCookies);
    const body = text(page.body);
    expect(body).toContain('1 tillfälle kunde inte bokas');
    expect(body).toContain('10 december 2026, 14:00–15:00');
    expect(body).toContain('Ledigt samma tid: Öresund, Stadshuset, plats för 12.');
    expect(body).toContain('Boka Öresund i stället för 10 december 2026');
    expect(page.body).toContain(`action="${url}/ersatt"`);
    const occurrence = /name="start" value="([^"]+)"/.exec(page.body)![1]!;
    expect(new Date(occurrence).toISOString()).toBe('2026-12-10T13:00:00.000Z');
    // An administrator sees the series but is offered nothing: the booking would carry Johan's title.
    expect((await get(url, adminCookies)).body).not.toContain('/ersatt');

    const before = await counts();
    const click = () => post(`${url}/ersatt`, johanCookies, url, { start: occurrence, rum: 'stadshuset-oresund' });
    const booked = await click();
    expect(booked.statusCode).toBe(303);
    expect(booked.headers.location).toBe(url);
    const again = await click();
    expect(again.statusCode).toBe(303);
    expect((await counts()).bookings).toBe(before.bookings + 1);
    const after = await get(url, {
      ...johanCookies,
      ...Object.fromEntries(booked.cookies.map((c) => [c.name, c.value])),
    });
    const afterText = text(after.body);
    expect(afterText).toContain('Öresund, Stadshuset är bokat 10 december 2026 i stället.');
    expect(afterText).toContain('Bokat i Öresund, Stadshuset i stället.');
    expect(after.body).not.toContain(`action="${url}/ersatt"`);

    // Someone else's series: not found; an occurrence that was booked: said on the page, nothing stored.
    expect(
      (await post(`${url}/ersatt`, erikCookies, '/lokaler', { start: occurrence, rum: 'stadshuset-oresund' }))
        .statusCode,
    ).toBe(404);
    const notMissed = await post(`${url}/ersatt`, johanCookies, url, {
      start: '2026-12-03T13:00:00.000Z',
      rum: 'stadshuset-oresund',
    });
    expect(notMissed.statusCode).toBe(303);
    expect((await counts()).bookings).toBe(before.bookings + 1);
    expect(
      (await post(`${url}/ersatt`, johanCookies, url, { start: 'i morgon', rum: 'stadshuset-oresund' })).statusCode,
    ).toBe(422);
  });

  describe('the preview between the form and the booking', () => {
    const form = '/lokaler/boka/serie?rum=stadshuset-pildammen';
    const previewFields = (extra: Record<string, string | string[]> = {}) => ({
      rum: 'stadshuset-pildammen',
      datum: '2026-12-02',
      start: '15:00',
      slut: '16:00',
      titel: 'Ledningsgrupp',
      deltagare: '5',
      upprepa: 'weekly',
      antal: '4',
      nyckel: 'series-preview-0001',
      steg: 'granska',
      ...extra,
    });
    const STAND_IN = '2026-12-16T14:00:00.000Z~stadshuset-oresund';

    beforeAll(async () => {
      // Erik holds Pildammen on the third Wednesday at 15:30.
      const single = await post('/lokaler/boka', erikCookies, '/lokaler/boka?rum=stadshuset-pildammen', {
        rum: 'stadshuset-pildammen',
        datum: '2026-12-16',
        start: '15:30',
        slut: '16:30',
        titel: 'Eriks möte',
        deltagare: '2',
        nyckel: 'single-booking-preview-1',
      });
      expect(single.statusCode).toBe(303);
    });

    it('"Continue" lists every occurrence, the collision and a room free then, and writes nothing', async () => {
      const form0 = await get(form, johanCookies);
      expect(form0.body).toContain('value="granska" name="steg"');
      expect(text(form0.body)).toContain('Fortsätt');
      const before = await counts();
      const preview = await post('/lokaler/boka/serie', johanCookies, form, previewFields());
      expect(preview.statusCode).toBe(200);
      expect(preview.headers['cache-control']).toBe('no-store');
      const body = text(preview.body);
      expect(body).toContain('Kontrollera serien innan du bokar');
      expect(body).toContain('3 av 4 tillfällen kan bokas');
      expect(body).toContain('Varje vecka på onsdag');
      expect(body).toContain('Ledningsgrupp, 5 deltagare');
      for (const date of ['2 december 2026', '9 december 2026', '23 december 2026'])
        expect(body).toContain(`${date} 15:00–16:00 Ledigt `);
      expect(body).toContain(
        '16 december 2026 15:00–16:00 Krockar Rummet är redan bokat. Ledigt samma tid: Öresund, Stadshuset, plats för 12.',
      );
      // The stand-in is offered ticked; the form carries every field and the same key on.
      expect(preview.body).toMatch(new RegExp(`name="ersatt" type="checkbox" value="${STAND_IN}" checked`));
      expect(body).toContain('Boka Öresund i stället den 16 december 2026');
      expect(preview.body).toContain('name="nyckel" value="series-preview-0001"');
      expect(preview.body).toContain('name="titel" value="Ledningsgrupp"');
      expect(preview.body).toContain('value="boka" name="steg"');
      expect(preview.body).toContain('value="andra" name="steg"');
      // Without a step the preview too: nothing is booked unseen.
      const bare = await post('/lokaler/boka/serie', johanCookies, form, previewFields({ steg: [] }));
      expect(bare.statusCode).toBe(200);
      expect(text(bare.body)).toContain('3 av 4 tillfällen kan bokas');
      expect(await counts()).toEqual(before);
    });

    it('"Change the details" shows the form again with the values and key kept', async () => {
      const before = await counts();
      const back = await post('/lokaler/boka/serie', johanCookies, form, previewFields({ steg: 'andra' }));
      expect(back.statusCode).toBe(200);
      expect(back.body).toContain('name="titel" type="text" value="Ledningsgrupp"');
      expect(back.body).toContain('name="antal" type="text" value="4"');
      expect(back.body).toContain('name="nyckel" value="series-preview-0001"');
      expect(back.body).not.toMatch(/<title>Fel:/);
      expect(await counts()).toEqual(before);
    });

    it('says on the form when no occurrence is free, writing nothing', async () => {
      const before = await counts();
      const none = await post(
        '/lokaler/boka/serie',
        johanCookies,
        form,
        previewFields({ datum: '2026-12-16', antal: '1', nyckel: 'series-preview-none' }),
      );
      expect(none.statusCode).toBe(409);
      expect(none.body).toMatch(/<title>Fel:/);
      expect(await counts()).toEqual(before);
    });

    it('"Book the series" books it and the ticked stand-in together, once on a double submission', async () => {
      const before = await counts();
      const book = () =>
        post('/lokaler/boka/serie', johanCookies, form, previewFields({ steg: 'boka', ersatt: STAND_IN }));
      const booked = await book();
      expect(booked.statusCode).toBe(303);
      const url = booked.headers.location as string;
      expect(url).toMatch(/^\/lokaler\/serier\/[0-9a-f-]{36}$/);
      const again = await book();
      expect(again.headers.location).toBe(url);
      // Three occurrences in Pildammen and the third Wednesday in Öresund, once.
      expect(await counts()).toEqual({ series: before.series + 1, bookings: before.bookings + 4 });
      const page = text(
        (await get(url, { ...johanCookies, ...Object.fromEntries(booked.cookies.map((c) => [c.name, c.value])) })).body,
      );
      expect(page).toContain('Serien är bokad: 3 av 4 tillfällen.');
      expect(page).toContain('Serien är bokad: 3 av 4 tillfällen. 1 tillfälle bokades i ett annat rum.');
      expect(page).toContain('Bokat i Öresund, Stadshuset i stället.');
      // The preview with a key that has booked goes to that series, not to a second one.
      const late = await post('/lokaler/boka/serie', johanCookies, form, previewFields());
      expect(late.statusCode).toBe(303);
      expect(late.headers.location).toBe(url);
      // A stand-in that is not a collided occurrence is ignored; a forged value is refused.
      const forged = await post(
        '/lokaler/boka/serie',
        johanCookies,
        form,
        previewFields({ steg: 'boka', nyckel: 'series-preview-0002', ersatt: 'i morgon' }),
      );
      expect(forged.statusCode).toBe(422);
      expect((await counts()).series).toBe(before.series + 1);
    });

    it('books the series even when a ticked stand-in was taken meanwhile, and says so', async () => {
      await post('/lokaler/boka', erikCookies, '/lokaler/boka?rum=stadshuset-ribban', {
        rum: 'stadshuset-ribban',
        datum: '2026-12-16',
        start: '15:00',
        slut: '16:00',
        titel: 'Eriks andra möte',
        deltagare: '2',
        nyckel: 'single-booking-preview-2',
      });
      const before = await counts();
      // Öresund at that hour went to the stand-in of the test above after this preview was shown.
      const booked = await post(
        '/lokaler/boka/serie',
        johanCookies,
        '/lokaler/boka/serie?rum=stadshuset-ribban',
        previewFields({
          rum: 'stadshuset-ribban',
          datum: '2026-12-09',
          deltagare: '3',
          antal: '2',
          nyckel: 'series-preview-0005',
          steg: 'boka',
          ersatt: STAND_IN,
        }),
      );
      expect(booked.statusCode).toBe(303);
      expect(await counts()).toEqual({ series: before.series + 1, bookings: before.bookings + 1 });
      const page = text(
        (
          await get(booked.headers.location as string, {
            ...johanCookies,
            ...Object.fromEntries(booked.cookies.map((c) => [c.name, c.value])),
          })
        ).body,
      );
      expect(page).toContain('Serien är bokad: 1 av 2 tillfällen.');
      expect(page).toContain('1 tillfälle kunde inte bokas i det andra rummet. Se förslagen nedan.');
    });
  });
});
