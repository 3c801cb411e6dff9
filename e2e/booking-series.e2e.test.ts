import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bDb } from '../src/modules/booking/booking.table.ts';
import { toLocal } from '../src/modules/booking/local-time.ts';
import { expectAccessible, sidewaysOverflow, signInAs, startHarness, type Harness } from './harness.ts';

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
  // Mid-September 2027: a weekly series from 18 October runs across the clock change on 31 October.
  harness.testApp.clock.set('2027-09-15T08:00:00Z');
});

afterAll(async () => {
  await harness?.close();
});

describe('recurring series', () => {
  it('a social worker books a weekly 09:00 series across the October clock change, sees every occurrence at 09:00, and cancels one; every page axe-clean', async () => {
    const page = await harness.newPage();
    const single = '/lokaler/boka?rum=kirseberg-motesrum&datum=2027-10-18&start=09:00&slut=10:00';
    await signInAs(page, 'erik', single);
    await expectAccessible(page, 'single booking form');

    // From the single booking form to the series form, pre-filled.
    await Promise.all([
      page.waitForURL((url) => url.pathname === '/lokaler/boka/serie'),
      page.getByRole('link', { name: 'Upprepa bokningen…' }).click(),
    ]);
    await expect(page.getByLabel('Datum för första tillfället').inputValue()).resolves.toBe('2027-10-18');
    await expect(page.getByLabel('Starttid').inputValue()).resolves.toBe('09:00');
    await expectAccessible(page, 'series form');

    // Forgetting how the series ends: an error summary linking to the question.
    await page.getByLabel('Mötets titel').fill('Handledning');
    await page.getByLabel('Antal deltagare').fill('3');
    await page.getByLabel('Varje vecka').check();
    await page.getByRole('button', { name: 'Fortsätt' }).click();
    await expect(page.locator('.govuk-error-summary').innerText()).resolves.toContain(
      'Ange antingen ett slutdatum eller ett antal gånger',
    );
    expect(await page.title()).toMatch(/^Fel:/);
    await expectAccessible(page, 'series form with errors');

    // "Continue" shows every occurrence first; nothing is booked yet.
    await page.getByLabel('Antal gånger').fill('4');
    await page.getByRole('button', { name: 'Fortsätt' }).click();
    await expect(page.locator('h1').innerText()).resolves.toBe('Kontrollera serien innan du bokar');
    const preview = await page.locator('main').innerText();
    expect(preview).toContain('4 av 4 tillfällen kan bokas');
    expect(await page.locator('table tbody tr').allInnerTexts()).toHaveLength(4);
    await expect(page.locator('table tbody tr').nth(2).innerText()).resolves.toContain('1 november 2027');
    for (const width of [1280, 320]) {
      await page.setViewportSize({ width, height: 900 });
      await expectAccessible(page, `series preview at ${width} px`);
      expect(await sidewaysOverflow(page), `series preview scrolls sideways at ${width} px`).toBeLessThanOrEqual(0);
    }
    await page.setViewportSize({ width: 1280, height: 900 });
    const seriesCount = async () =>
      (await bDb(harness.testApp.database.db).selectFrom('booking_series').select('id').execute()).length;
    expect(await seriesCount()).toBe(0);

    // "Change the details" goes back to the form with everything kept, then on to the preview again.
    await page.getByRole('button', { name: 'Ändra uppgifterna' }).click();
    await expect(page.getByLabel('Antal gånger').inputValue()).resolves.toBe('4');
    await expect(page.getByLabel('Mötets titel').inputValue()).resolves.toBe('Handledning');
    await page.getByRole('button', { name: 'Fortsätt' }).click();
    await Promise.all([
      page.waitForURL((url) => /^\/lokaler\/serier\/[0-9a-f-]{36}$/.test(url.pathname)),
      page.getByRole('button', { name: 'Boka serien' }).click(),
    ]);
    expect(await seriesCount()).toBe(1);
    const body = await page.locator('main').innerText();
    expect(body).toContain('Serien är bokad: 4 av 4 tillfällen.');
    expect(body).toContain('Varje vecka på måndag');
    const rows = await page.locator('table tbody tr').allInnerTexts();
    expect(rows).toHaveLength(4);
    for (const row of rows) expect(row).toContain('09:00–10:00');
    expect(rows[1]).toContain('25 oktober 2027');
    expect(rows[2]).toContain('1 november 2027');
    await expectAccessible(page, 'series page');

    // In the database: 07:00 UTC before the change, 08:00 UTC after, 09:00 local throughout.
    const seriesId = new URL(page.url()).pathname.split('/').pop()!;
    const stored = await bDb(harness.testApp.database.db)
      .selectFrom('bookings')
      .select(['starts_at', 'status'])
      .where('series_id', '=', seriesId)
      .orderBy('starts_at')
      .execute();
    expect(stored.map((b) => new Date(b.starts_at).toISOString())).toEqual([
      '2027-10-18T07:00:00.000Z',
      '2027-10-25T07:00:00.000Z',
      '2027-11-01T08:00:00.000Z',
      '2027-11-08T08:00:00.000Z',
    ]);
    expect(stored.every((b) => toLocal(new Date(b.starts_at)).time === '09:00')).toBe(true);

    // Cancel the first occurrence after the clock change, and only it: the page asks first.
    await Promise.all([
      page.waitForURL((url) => url.pathname === `/lokaler/serier/${seriesId}/avboka`),
      page.getByRole('link', { name: 'Avboka tillfället 1 november 2027' }).click(),
    ]);
    await expect(page.locator('h1').innerText()).resolves.toBe('Avboka tillfället 1 november 2027?');
    await expect(page.locator('main li').allInnerTexts()).resolves.toEqual(['1 november 2027, 09:00–10:00']);
    await expectAccessible(page, 'confirming the cancellation of one occurrence');
    await Promise.all([
      page.waitForURL((url) => url.pathname === `/lokaler/serier/${seriesId}`),
      page.getByRole('button', { name: 'Ja, avboka' }).click(),
    ]);
    await expect(page.locator('main').innerText()).resolves.toContain('Tillfället 1 november 2027 är avbokat.');
    const after = await page.locator('table tbody tr').allInnerTexts();
    expect(after[2]).toContain('Avbokad');
    for (const i of [0, 1, 3]) expect(after[i]).toContain('Bokad');
    await expectAccessible(page, 'series page after cancelling one occurrence');
    const statuses = await bDb(harness.testApp.database.db)
      .selectFrom('bookings')
      .select('status')
      .where('series_id', '=', seriesId)
      .orderBy('starts_at')
      .execute();
    expect(statuses.map((s) => s.status)).toEqual(['confirmed', 'confirmed', 'cancelled', 'confirmed']);

    // The booker got the series invite and a CANCEL for that one occurrence.
    const mail = await harness.testApp.database.db
      .selectFrom('outbox_messages')
      .select(['subject', 'attachments'])
      .where('recipient', '=', 'erik.lind@malmo.example')
      .execute();
    const types = mail.flatMap((m) => (m.attachments as { contentType: string }[]).map((a) => a.contentType));
    expect(types).toContain('text/calendar; method=REQUEST; charset=UTF-8');
    expect(types).toContain('text/calendar; method=CANCEL; charset=UTF-8');
  });

  it('the booker creates a calendar feed link, which serves the series, and removes it; pages axe-clean', async () => {
    const page = await harness.newPage();
    await signInAs(page, 'erik', '/lokaler/kalender');
    await expectAccessible(page, 'calendar links, none yet');
    await page.getByLabel('Vilka bokningar?').selectOption('mine');
    await page.getByRole('button', { name: 'Skapa kalenderlänk' }).click();
    const url = await page.getByRole('textbox', { name: 'Kalenderlänk' }).inputValue();
    expect(url).toMatch(/\/kalender\/[A-Za-z0-9_-]{43}\.ics$/);
    await expectAccessible(page, 'calendar link just created');
    const feed = await page.request.get(url);
    expect(feed.status()).toBe(200);
    const text = await feed.text();
    expect(text).toContain('SUMMARY:Handledning');
    expect(text).toContain('DTSTART;TZID=Europe/Stockholm:20271018T090000');
    expect(text).toContain('EXDATE;TZID=Europe/Stockholm:20271101T090000');

    await page.goto('/lokaler/kalender');
    await page.getByRole('button', { name: 'Ta bort Mina bokningar' }).click();
    await expect(page.locator('main').innerText()).resolves.toContain('Du har inga kalenderlänkar.');
    await expectAccessible(page, 'calendar links after removing one');
    expect((await page.request.get(url)).status()).toBe(404);
  });
});
