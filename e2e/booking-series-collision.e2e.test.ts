import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { findUserByUsername } from '../src/platform/auth/user.repository.ts';
import { createBooking } from '../src/modules/booking/booking.service.ts';
import { bDb } from '../src/modules/booking/booking.table.ts';
import { fromLocal } from '../src/modules/booking/local-time.ts';
import { expectAccessible, sidewaysOverflow, signInAs, startHarness, type Harness } from './harness.ts';

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
  harness.testApp.clock.set('2027-09-15T08:00:00Z');
});

afterAll(async () => {
  await harness?.close();
});

/** axe at desktop width and at 320 px, where nothing may scroll sideways. */
async function checkBothWidths(page: Page, name: string): Promise<void> {
  for (const width of [1280, 320]) {
    await page.setViewportSize({ width, height: 900 });
    await expectAccessible(page, `${name} at ${width} px`);
    expect(await sidewaysOverflow(page), `${name} scrolls sideways at ${width} px`).toBeLessThanOrEqual(0);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

describe('a series with a collision', () => {
  it('a member of staff sees the colliding weeks and a free room at the same time before booking, books one there with the series and the other in one click from the series page; axe-clean at 1280 and 320 px', async () => {
    // Johan already holds Pildammen on the second and third Mondays at 14:00.
    const db = harness.testApp.database.db;
    const johan = (await findUserByUsername(db, 'johan'))!;
    for (const date of ['2027-09-27', '2027-10-04'])
      await createBooking({ db, clock: harness.testApp.clock }, johan, {
        roomId: 'stadshuset-pildammen',
        startsAt: fromLocal(date, '14:00'),
        endsAt: fromLocal(date, '15:00'),
        title: 'Johans möte',
        attendees: 2,
      });

    const page = await harness.newPage();
    await signInAs(
      page,
      'erik',
      '/lokaler/boka/serie?rum=stadshuset-pildammen&datum=2027-09-20&start=14:00&slut=15:00',
    );
    await page.getByLabel('Mötets titel').fill('Arbetsplatsträff');
    await page.getByLabel('Antal deltagare').fill('5');
    await page.getByLabel('Varje vecka').check();
    await page.getByLabel('Antal gånger').fill('4');
    await checkBothWidths(page, 'series form');
    await page.getByRole('button', { name: 'Fortsätt' }).click();

    // Before anything is booked: the colliding weeks, each with a room free at the same time.
    const main = page.locator('main');
    await expect(page.locator('h1').innerText()).resolves.toBe('Kontrollera serien innan du bokar');
    await expect(main.innerText()).resolves.toContain('2 av 4 tillfällen kan bokas');
    const rows = page.locator('table tbody tr');
    await expect(rows.nth(1).innerText()).resolves.toContain('27 september 2027');
    await expect(rows.nth(1).innerText()).resolves.toContain('Krockar');
    await expect(rows.nth(1).innerText()).resolves.toContain('Rummet är redan bokat.');
    await expect(rows.nth(1).innerText()).resolves.toContain('Ledigt samma tid: Öresund, Stadshuset, plats för 12.');
    await expect(rows.nth(0).innerText()).resolves.toContain('Ledigt');
    const first = page.getByLabel('Boka Öresund i stället den 27 september 2027');
    const second = page.getByLabel('Boka Öresund i stället den 4 oktober 2027');
    await expect(first.isChecked()).resolves.toBe(true);
    await expect(second.isChecked()).resolves.toBe(true);
    const arbetsplatstraff = () =>
      bDb(db).selectFrom('bookings').select(['room_id', 'starts_at']).where('title', '=', 'Arbetsplatsträff').execute();
    expect(await arbetsplatstraff()).toEqual([]);
    if (process.env.E2E_SCREENSHOTS) {
      await page.screenshot({ path: `${process.env.E2E_SCREENSHOTS}/series-preview-1280.png`, fullPage: true });
      await page.setViewportSize({ width: 320, height: 900 });
      await page.screenshot({ path: `${process.env.E2E_SCREENSHOTS}/series-preview-320.png`, fullPage: true });
      await page.setViewportSize({ width: 1280, height: 900 });
    }
    await checkBothWidths(page, 'series preview with collisions');

    // The first stand-in is booked with the series; the second is left for the series page.
    await second.uncheck();
    await Promise.all([
      page.waitForURL((url) => /^\/lokaler\/serier\/[0-9a-f-]{36}$/.test(url.pathname)),
      page.getByRole('button', { name: 'Boka serien' }).click(),
    ]);
    const seriesId = new URL(page.url()).pathname.split('/').pop()!;
    await expect(main.innerText()).resolves.toContain('Serien är bokad: 2 av 4 tillfällen.');
    await expect(main.innerText()).resolves.toContain(
      'Serien är bokad: 2 av 4 tillfällen. 1 tillfälle bokades i ett annat rum.',
    );
    const missed = page.locator('section[aria-labelledby="missed-heading"]');
    await expect(missed.locator('h2').innerText()).resolves.toBe('2 tillfällen kunde inte bokas');
    await expect(missed.innerText()).resolves.toContain('Bokat i Öresund, Stadshuset i stället.');
    await expect(missed.innerText()).resolves.toContain('4 oktober 2027, 14:00–15:00');
    await expect(missed.innerText()).resolves.toContain('Ledigt samma tid: Öresund, Stadshuset, plats för 12.');
    if (process.env.E2E_SCREENSHOTS) {
      await page.screenshot({ path: `${process.env.E2E_SCREENSHOTS}/series-missed-1280.png`, fullPage: true });
      await page.setViewportSize({ width: 320, height: 900 });
      await page.screenshot({ path: `${process.env.E2E_SCREENSHOTS}/series-missed-320.png`, fullPage: true });
      await page.setViewportSize({ width: 1280, height: 900 });
    }
    await checkBothWidths(page, 'series page with a collision');

    // One click books the other week in Öresund; the page says so and offers it no more.
    await Promise.all([
      page.waitForURL((url) => url.pathname === `/lokaler/serier/${seriesId}`),
      page.getByRole('button', { name: 'Boka Öresund i stället för 4 oktober 2027' }).click(),
    ]);
    await expect(main.innerText()).resolves.toContain('Öresund, Stadshuset är bokat 4 oktober 2027 i stället.');
    await expect(page.getByRole('button', { name: /i stället/ }).count()).resolves.toBe(0);
    if (process.env.E2E_SCREENSHOTS) {
      await page.setViewportSize({ width: 320, height: 900 });
      await page.screenshot({ path: `${process.env.E2E_SCREENSHOTS}/series-replaced-320.png`, fullPage: true });
      await page.setViewportSize({ width: 1280, height: 900 });
    }
    await checkBothWidths(page, 'series page after booking the other room');

    const stored = await bDb(db)
      .selectFrom('bookings')
      .select(['room_id', 'title', 'starts_at'])
      .where('title', '=', 'Arbetsplatsträff')
      .where('room_id', '=', 'stadshuset-oresund')
      .execute();
    expect(stored.map((b) => new Date(b.starts_at).toISOString()).sort()).toEqual([
      '2027-09-27T12:00:00.000Z',
      '2027-10-04T12:00:00.000Z',
    ]);

    // The stand-in booking opens from the series page.
    await Promise.all([
      page.waitForURL((url) => url.pathname.startsWith('/lokaler/bokningar/')),
      page.getByRole('link', { name: 'Visa bokningen 27 september 2027' }).click(),
    ]);
    await expect(main.innerText()).resolves.toContain('Öresund');
  });

  it('a member of staff searching on a Saturday at 06:00 for 40 people is told why nothing fits and offered the next open days; axe-clean at 1280 and 320 px', async () => {
    const page = await harness.newPage();
    await signInAs(page, 'johan', '/lokaler?date=2027-09-18&start=06:00&duration=60&people=40&building=kirseberg');
    const results = page.locator('section[aria-labelledby="results-heading"]');
    await expect(results.innerText()).resolves.toContain('Ni är 40, men det största rummet som passar tar 8 personer.');
    await expect(results.innerText()).resolves.toContain('Kirsebergs kontor har stängt på lördagar.');
    await checkBothWidths(page, 'finder, nothing fits for 40 on a Saturday');

    await page.goto('/lokaler?date=2027-09-18&start=10:00&duration=60&people=4&building=kirseberg');
    await expect(results.innerText()).resolves.toContain(
      'Måndag 20 september 2027 10:00–11:00: Mötesrummet, Kirsebergs kontor',
    );
    if (process.env.E2E_SCREENSHOTS) {
      await page.screenshot({ path: `${process.env.E2E_SCREENSHOTS}/finder-saturday-1280.png`, fullPage: true });
      await page.setViewportSize({ width: 320, height: 900 });
      await page.screenshot({ path: `${process.env.E2E_SCREENSHOTS}/finder-saturday-320.png`, fullPage: true });
      await page.setViewportSize({ width: 1280, height: 900 });
    }
    await checkBothWidths(page, 'finder, nothing fits on a Saturday');
    await Promise.all([
      page.waitForURL((url) => url.pathname === '/lokaler/boka'),
      page.getByRole('link', { name: /^Måndag 20 september 2027 10:00–11:00/ }).click(),
    ]);
    await expect(page.getByLabel('Starttid').inputValue()).resolves.toBe('10:00');
  });
});
