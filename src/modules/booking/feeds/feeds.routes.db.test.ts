import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { testEngines } from '../../../../test/helpers/database.ts';
import { sessionCookieFor } from '../../../../test/helpers/sessions.ts';
import type { User } from '../../../platform/auth/roles.ts';
import { createBooking, type BookingDeps } from '../booking.service.ts';
import { bDb } from '../booking.table.ts';
import { parseCalendar as parse, plainDeps, postForm, text, users } from '../booking.test-support.ts';
import { createFeed, tokenHash } from './feeds.service.ts';
import { fromLocal } from '../local-time.ts';
import { createSeries } from '../series/series.service.ts';

describe.each(testEngines())('calendar feeds on %s', (engine) => {
  let t: TestApp;
  let deps: BookingDeps;
  let erik: User;
  let erikCookies: Record<string, string>;
  let johanCookies: Record<string, string>;
  const get = (url: string, cookies: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, cookies });
  const post = (url: string, cookies: Record<string, string>, fields: Record<string, string>) =>
    postForm(t, url, cookies, '/lokaler/kalender', fields);
  const createdUrl = (html: string) => /value="(http[^"]+\/kalender\/([A-Za-z0-9_-]{43})\.ics)"/.exec(html);

  beforeAll(async () => {
    t = await createTestApp({ engine });
    deps = plainDeps(t);
    ({ erik } = await users(t, 'erik'));
    erikCookies = await sessionCookieFor(t, 'erik');
    johanCookies = await sessionCookieFor(t, 'johan');
    await createBooking(deps, erik, {
      roomId: 'rosengard-samtal-1',
      startsAt: fromLocal('2026-12-01', '09:00'),
      endsAt: fromLocal('2026-12-01', '10:00'),
      title: 'Klient Andersson',
      attendees: 2,
    });
    await createSeries(deps, erik, {
      roomId: 'rosengard-samtal-1',
      date: '2026-12-02',
      startTime: '13:00',
      endTime: '14:00',
      title: 'Klient Berg',
      attendees: 2,
      freq: 'weekly',
      count: 3,
    });
  });
  afterAll(async () => t.close());

  it('creates a personal feed whose URL is shown once and whose token is stored only as a hash', async () => {
    const page = await get('/lokaler/kalender', erikCookies);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Du har inga kalenderlänkar.');
    const created = await post('/lokaler/kalender', erikCookies, { visa: 'mine' });
    expect(created.statusCode).toBe(200);
    expect(created.headers['cache-control']).toBe('no-store');
    const match = createdUrl(created.body)!;
    expect(match).not.toBeNull();
    const token = match[2]!;
    // The URL in a read-only field (selectable without JS), a copy button the script shows, a
    // live region for "Kopierad", a webcal:// link for Outlook, and how often Outlook refreshes.
    expect(created.body).toMatch(/<input[^>]*id="feed-url"[^>]*readonly/);
    expect(created.body).toMatch(
      /<button[^>]*type="button"[^>]*class="[^"]*smb-copy-button[^"]*"[^>]*data-copy-target="feed-url"[^>]*data-copy-status="feed-url-status"[^>]*data-copied="Kopierad"/,
    );
    expect(created.body).toContain(
      '<p class="govuk-body govuk-!-margin-bottom-0" id="feed-url-status" role="status"></p>',
    );
    expect(created.body).toContain(`href="webcal://${match[1]!.replace(/^https?:\/\//, '')}"`);
    expect(text(created.body)).toContain('var 15:e minut');
    const rows = await bDb(t.database.db)
      .selectFrom('booking_calendar_feeds')
      .selectAll()
      .where('owner_id', '=', erik.id)
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.token_hash).toBe(tokenHash(token));
    expect(JSON.stringify(rows)).not.toContain(token);
    // Shown once: the list page no longer has it.
    expect((await get('/lokaler/kalender', erikCookies)).body).not.toContain(token);

    const feed = await get(`/kalender/${token}.ics`);
    expect(feed.statusCode).toBe(200);
    expect(feed.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(feed.headers['cache-control']).toBe('private, no-store');
    const calendar = parse(feed.body);
    expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH');
    expect(String(calendar.getFirstPropertyValue('refresh-interval'))).toBe('PT15M');
    expect(calendar.getFirstPropertyValue('x-published-ttl')).toBe('PT15M');
    const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    const single = events.find((e) => e.summary === 'Klient Andersson')!;
    expect(single.startDate.toJSDate().toISOString()).toBe(fromLocal('2026-12-01', '09:00').toISOString());
    const series = events.find((e) => e.summary === 'Klient Berg')!;
    expect(series.isRecurring()).toBe(true);
    const it = series.iterator();
    const starts: string[] = [];
    for (let next = it.next(); next; next = it.next()) starts.push(next.toString());
    expect(starts).toEqual(['2026-12-02T13:00:00', '2026-12-09T13:00:00', '2026-12-16T13:00:00']);
  });

  it('a room feed shows every booking of a private room as "Bokat", never a title', async () => {
    const created = await post('/lokaler/kalender', johanCookies, { visa: 'rosengard-samtal-1' });
    expect(created.statusCode).toBe(200);
    const token = createdUrl(created.body)![2]!;
    const feed = await get(`/kalender/${token}.ics`);
    expect(feed.statusCode).toBe(200);
    expect(feed.body).not.toContain('Klient');
    const summaries = parse(feed.body)
      .getAllSubcomponents('vevent')
      .map((v) => v.getFirstPropertyValue('summary'));
    expect(summaries).toEqual(['Bokat', 'Bokat']);
  });

  it('a repeated form (reload, double click) makes no second feed: the first gets a new URL and only the newest works', async () => {
    const saraCookies = await sessionCookieFor(t, 'sara');
    const { sara } = await users(t, 'sara');
    const feedsOf = () =>
      bDb(t.database.db)
        .selectFrom('booking_calendar_feeds')
        .select(['id', 'token_hash', 'room_id'])
        .where('owner_id', '=', sara.id)
        .execute();
    const form = await get('/lokaler/kalender', saraCookies);
    const key = /name="nyckel" value="([^"]+)"/.exec(form.body)![1]!;
    expect(key.length).toBeGreaterThanOrEqual(8);

    const first = createdUrl((await post('/lokaler/kalender', saraCookies, { visa: 'mine', nyckel: key })).body)!;
    const second = await post('/lokaler/kalender', saraCookies, { visa: 'mine', nyckel: key });
    expect(second.statusCode).toBe(200);
    const secondUrl = createdUrl(second.body)!;
    expect(secondUrl[2]).not.toBe(first[2]);
    const rows = await feedsOf();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.token_hash).toBe(tokenHash(secondUrl[2]!));
    expect((await get(`/kalender/${first[2]}.ics`)).statusCode).toBe(404);
    const calendar = await get(`/kalender/${secondUrl[2]}.ics`);
    expect(calendar.statusCode).toBe(200);
    expect(parse(calendar.body).getFirstPropertyValue('method')).toBe('PUBLISH');
    // The page after a link is made carries a new key: a second link from it is a second feed.
    expect(/name="nyckel" value="([^"]+)"/.exec(second.body)![1]).not.toBe(key);

    // The same key for another choice (back, change the select, send): a field error, nothing made or changed.
    const other = await post('/lokaler/kalender', saraCookies, { visa: 'stadshuset-oresund', nyckel: key });
    expect(other.statusCode).toBe(409);
    expect(other.body).toContain('href="#visa"');
    expect(other.body).toContain('Formuläret skickades redan med ett annat val');
    expect(createdUrl(other.body)).toBeNull();
    expect(await feedsOf()).toEqual(rows);
    expect((await get(`/kalender/${secondUrl[2]}.ics`)).statusCode).toBe(200);
    // …and the form comes back with a fresh key, so sending it again makes that link.
    const freshKey = /name="nyckel" value="([^"]+)"/.exec(other.body)![1]!;
    expect(freshKey).not.toBe(key);
    expect(
      (await post('/lokaler/kalender', saraCookies, { visa: 'stadshuset-oresund', nyckel: freshKey })).statusCode,
    ).toBe(200);
    expect(await feedsOf()).toHaveLength(2);

    // Removed, then the old page sent again: the user asked for this link, so it works again (new URL).
    expect((await post(`/lokaler/kalender/${rows[0]!.id}/ta-bort`, saraCookies, {})).statusCode).toBe(303);
    const revived = createdUrl((await post('/lokaler/kalender', saraCookies, { visa: 'mine', nyckel: key })).body)!;
    expect((await get(`/kalender/${secondUrl[2]}.ics`)).statusCode).toBe(404);
    expect((await get(`/kalender/${revived[2]}.ics`)).statusCode).toBe(200);
    expect(await feedsOf()).toHaveLength(2);
  });

  it('submissions of one form at once end with one feed (the losers of the insert rotate it), answering to one URL', async () => {
    const { admin } = await users(t, 'admin');
    const adminCookies = await sessionCookieFor(t, 'admin');
    const feedsOf = () =>
      bDb(t.database.db)
        .selectFrom('booking_calendar_feeds')
        .select('token_hash')
        .where('owner_id', '=', admin.id)
        .execute();
    // Through the service, so the calls interleave between its look-up and its insert.
    const made = await Promise.all(
      [0, 1, 2].map(() => createFeed(t.database.db, admin, 'stadshuset-oresund', t.clock(), 'concurrent-feed-key-1')),
    );
    expect(new Set(made.map((m) => m.feed.id)).size).toBe(1);
    expect(await feedsOf()).toHaveLength(1);
    const working = await Promise.all(made.map((m) => get(`/kalender/${m.token}.ics`).then((r) => r.statusCode)));
    expect(working.filter((s) => s === 200)).toHaveLength(1);
    // And as a browser's double click sends them.
    const responses = await Promise.all(
      [0, 1].map(() => post('/lokaler/kalender', adminCookies, { visa: 'mine', nyckel: 'concurrent-feed-key-2' })),
    );
    expect(responses.map((r) => r.statusCode)).toEqual([200, 200]);
    expect(await feedsOf()).toHaveLength(2);
    const shown = await Promise.all(
      responses.map((r) => get(`/kalender/${createdUrl(r.body)![2]}.ics`).then((f) => f.statusCode)),
    );
    expect(shown.filter((s) => s === 200)).toHaveLength(1);
  });

  it('refuses bad input and unknown tokens, and a removed feed stops working (only its owner may remove it)', async () => {
    expect((await post('/lokaler/kalender', erikCookies, { visa: '' })).statusCode).toBe(422);
    const unknown = await post('/lokaler/kalender', erikCookies, { visa: 'no-such-room' });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.body).toContain('href="#visa"');
    expect(unknown.body).toContain('Rummet finns inte');
    expect(
      await bDb(t.database.db)
        .selectFrom('booking_calendar_feeds')
        .select('id')
        .where('owner_id', '=', erik.id)
        .execute(),
    ).toHaveLength(1);
    expect((await get('/kalender/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.ics')).statusCode).toBe(404);
    expect((await get('/kalender/short.ics')).statusCode).toBe(404);

    const created = await post('/lokaler/kalender', erikCookies, { visa: 'mine' });
    const token = createdUrl(created.body)![2]!;
    const feedId = (
      await bDb(t.database.db)
        .selectFrom('booking_calendar_feeds')
        .select('id')
        .where('token_hash', '=', tokenHash(token))
        .executeTakeFirstOrThrow()
    ).id;
    expect((await post(`/lokaler/kalender/${feedId}/ta-bort`, johanCookies, {})).statusCode).toBe(404);
    expect((await get(`/kalender/${token}.ics`)).statusCode).toBe(200);
    const removed = await post(`/lokaler/kalender/${feedId}/ta-bort`, erikCookies, {});
    expect(removed.statusCode).toBe(303);
    expect((await get(`/kalender/${token}.ics`)).statusCode).toBe(404);
    // Removing twice is harmless.
    expect((await post(`/lokaler/kalender/${feedId}/ta-bort`, erikCookies, {})).statusCode).toBe(303);
  });
});
