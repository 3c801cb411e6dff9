import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBooking } from '../src/modules/booking/booking.service.ts';
import { fromLocal } from '../src/modules/booking/local-time.ts';
import { findUserByUsername } from '../src/platform/auth/user.repository.ts';
import {
  errorsOf,
  expectAccessible,
  sidewaysOverflow,
  signInAs,
  startHarness,
  tabTo,
  type Harness,
} from './harness.ts';

let harness: Harness;
let planningId: string;
// The harness's fake clock: Saturday 2026-11-28 10:00 in Stockholm. The meeting is on Monday.
const MONDAY = '2026-11-30';

beforeAll(async () => {
  harness = await startHarness();
  // Something already booked in Kirseberg on Monday, so the day view shows a private booking.
  const deps = { db: harness.testApp.database.db, clock: harness.testApp.clock };
  const sara = (await findUserByUsername(deps.db, 'sara'))!;
  const erik = (await findUserByUsername(deps.db, 'erik'))!;
  await createBooking(deps, sara, {
    roomId: 'kirseberg-samtal',
    startsAt: fromLocal(MONDAY, '13:00'),
    endsAt: fromLocal(MONDAY, '14:00'),
    title: 'Klient Svensson',
    attendees: 2,
  });
  planningId = (
    await createBooking(deps, erik, {
      roomId: 'kirseberg-motesrum',
      startsAt: fromLocal(MONDAY, '15:00'),
      endsAt: fromLocal(MONDAY, '16:00'),
      title: 'Planering',
      attendees: 4,
    })
  ).id;
});

afterAll(async () => {
  await harness?.close();
});

/**
 * Replaces a field's value by keyboard: Tab to it, select all, type. A native date or time input
 * is reached by Tab too; its value is then set whole, as its segments and their order follow the
 * browser's locale (typing into them is the browser's concern, not the page's).
 */
async function typeInto(page: Page, selector: string, value: string, limit = 60): Promise<void> {
  await tabTo(page, selector, limit);
  const type = await page.locator(selector).getAttribute('type');
  if (type === 'date' || type === 'time') {
    await page.locator(selector).fill(value);
    return;
  }
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(value);
}

/** Presses Enter on the focused element and waits for the next page. */
async function enter(page: Page, until: (url: URL) => boolean): Promise<void> {
  await Promise.all([page.waitForURL(until), page.keyboard.press('Enter')]);
}

describe('booking a client-meeting room', () => {
  it('keyboard only: erik signs in, finds a room for 3 with wheelchair access, books it and sees it under My bookings; every page axe-clean', async () => {
    const page = await harness.newPage();
    await page.goto('/');
    await tabTo(page, 'a[href^="/auth/sign-in"]');
    await enter(page, (url) => url.pathname === '/auth/sign-in');
    await tabTo(page, 'a[href^="/auth/oidc/staff/start"]');
    await Promise.all([
      page.waitForURL((url) => url.pathname.startsWith('/dev/idp/interaction/')),
      page.keyboard.press('Space'),
    ]);
    await tabTo(page, 'button[name="username"][value="erik"]');
    await Promise.all([page.waitForURL((url) => url.pathname === '/'), page.keyboard.press('Space')]);

    // The nav entry.
    await tabTo(page, 'a[href="/lokaler"]');
    await enter(page, (url) => url.pathname === '/lokaler');
    await expectAccessible(page, 'finder');

    await typeInto(page, '#date', MONDAY);
    await typeInto(page, '#start', '10:00');
    await typeInto(page, '#people', '3');
    // Kind of room: a closed select changes with the arrow keys.
    await tabTo(page, '#purpose');
    for (let i = 0; i < 5 && (await page.locator('#purpose').inputValue()) !== 'client-meeting'; i++)
      await page.keyboard.press('ArrowDown');
    expect(await page.locator('#purpose').inputValue()).toBe('client-meeting');
    await tabTo(page, 'input[name="accessibility"][value="wheelchair"]');
    await page.keyboard.press('Space');
    expect(await page.locator('input[name="accessibility"][value="wheelchair"]').isChecked()).toBe(true);
    await tabTo(page, 'form[method="get"] button.govuk-button');
    await enter(page, (url) => url.pathname === '/lokaler' && url.searchParams.get('date') === MONDAY);
    await expectAccessible(page, 'finder results');
    const results = await page.locator('#results-heading').innerText();
    expect(results).toMatch(/\d+ lediga rum/);
    // Best fit first: the 3-seat client room in Kirseberg.
    const firstBook = page.locator('a[href^="/lokaler/boka?"]').first();
    expect(await firstBook.getAttribute('href')).toContain('rum=kirseberg-samtal');

    await tabTo(page, 'a[href^="/lokaler/boka?rum=kirseberg-samtal"]', 120);
    await enter(page, (url) => url.pathname === '/lokaler/boka');
    await expectAccessible(page, 'booking form');
    expect(await page.locator('#start').inputValue()).toBe('10:00');
    await typeInto(page, '#titel', 'Samtal, uppföljning');
    await typeInto(page, '#deltagare', '3');
    await tabTo(page, 'form[action="/lokaler/boka"] button.govuk-button');
    await enter(page, (url) => /^\/lokaler\/bokningar\/[0-9a-f-]{36}$/.test(url.pathname));
    await expectAccessible(page, 'booking page');
    expect(await page.locator('.govuk-notification-banner').innerText()).toContain('Rummet är bokat: Samtalsrummet');
    const bookingPath = new URL(page.url()).pathname;

    await tabTo(page, 'main a[href="/lokaler/bokningar"]', 80);
    await enter(page, (url) => url.pathname === '/lokaler/bokningar');
    await expectAccessible(page, 'my bookings');
    expect(await page.locator('main table').innerText()).toContain('Samtal, uppföljning');
    // Once in the table (the list for phones renders the same rows and is hidden at this width).
    expect(await page.locator(`main table a[href="${bookingPath}"]`).count()).toBe(1);
    expect(errorsOf(page)).toEqual([]);
  });

  /** The grid's free-slot link for a room at a time on MONDAY. */
  const slot = (room: string, start: string) =>
    `table.smb-grid a[href^="/lokaler/boka?rum=${room}&datum=${MONDAY}&start=${start.replace(':', '%3A')}"]`;

  it('grid, mouse: two clicks after the page loads book a client room (desktop and 320 px), axe-clean', async () => {
    for (const [width, start, end] of [
      [1280, '08:00', '09:00'],
      [320, '16:30', '17:30'],
    ] as const) {
      const page = await harness.newPage({ viewport: { width, height: 900 } });
      await signInAs(page, 'erik', `/lokaler/hus/kirseberg?datum=${MONDAY}&personer=2`);
      await expectAccessible(page, `grid at ${width} px`);
      expect(await sidewaysOverflow(page), `grid at ${width} px`).toBe(0);
      // Sara's client meeting: "Bokat" at its own times, never its title.
      const grid = await page.locator('table.smb-grid').innerText();
      expect(grid).toContain('13:00–14:00');
      expect(grid).not.toContain('Svensson');
      // Click 1: the free half hour. The form is filled in: room, day, times, people.
      await page.locator(slot('kirseberg-samtal', start)).scrollIntoViewIfNeeded();
      await Promise.all([
        page.waitForURL((url) => url.pathname === '/lokaler/boka'),
        page.locator(slot('kirseberg-samtal', start)).click(),
      ]);
      await expectAccessible(page, `booking form at ${width} px`);
      expect(await sidewaysOverflow(page)).toBe(0);
      expect(await page.locator('#start').inputValue()).toBe(start);
      expect(await page.locator('#slut').inputValue()).toBe(end);
      expect(await page.locator('#deltagare').inputValue()).toBe('2');
      // Click 2: confirm.
      await Promise.all([
        page.waitForURL((url) => /^\/lokaler\/bokningar\/[0-9a-f-]{36}$/.test(url.pathname)),
        page.locator('form[action="/lokaler/boka"] button.govuk-button').click(),
      ]);
      expect(await page.locator('.govuk-notification-banner').innerText()).toContain('Rummet är bokat: Samtalsrummet');
      expect(await page.locator('main').innerText()).toContain(`${start}–${end}`);
      await expectAccessible(page, `booking page at ${width} px`);
      // Back in the grid the half hour is the person's own booking.
      await page.goto(`/lokaler/hus/kirseberg?datum=${MONDAY}`);
      expect(await page.locator('table.smb-grid').innerText()).toContain(`${start}–${end}`);
      expect(await page.locator(slot('kirseberg-samtal', start)).count()).toBe(0);
      expect(errorsOf(page)).toEqual([]);
    }
  });

  it('grid, keyboard only: Tab enters the grid once, the arrow keys move between slots, Enter books', async () => {
    const page = await harness.newPage();
    await signInAs(page, 'erik', `/lokaler/hus/kirseberg?datum=${MONDAY}`);
    expect(await page.locator('[data-grid-hint]').isVisible()).toBe(true);
    await tabTo(page, 'table.smb-grid [data-grid-slot]', 80);
    // One tab stop: the next Tab leaves the grid.
    const first = await page.evaluate(() => document.activeElement?.getAttribute('href'));
    expect(first).toContain('rum=kirseberg-motesrum');
    await page.keyboard.press('ArrowDown');
    const below = await page.evaluate(() => document.activeElement?.getAttribute('href') ?? '');
    expect(below).toContain('rum=kirseberg-samtal');
    for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowRight');
    const chosen = await page.evaluate(() => document.activeElement?.getAttribute('href') ?? '');
    expect(chosen).not.toBe(below);
    const start = new URL(chosen, 'http://x').searchParams.get('start')!;
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowRight');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('href'))).toBe(chosen);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.closest('table.smb-grid') === null)).toBe(true);
    await page.keyboard.press('Shift+Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('href'))).toBe(chosen);
    await enter(page, (url) => url.pathname === '/lokaler/boka');
    expect(await page.locator('#start').inputValue()).toBe(start);
    await tabTo(page, 'form[action="/lokaler/boka"] button.govuk-button');
    await enter(page, (url) => /^\/lokaler\/bokningar\/[0-9a-f-]{36}$/.test(url.pathname));
    expect(await page.locator('.govuk-notification-banner').innerText()).toContain('Rummet är bokat: Samtalsrummet');
    await expectAccessible(page, 'booked by keyboard');
    expect(errorsOf(page)).toEqual([]);
  });

  it('grid without JavaScript: the same table of links books in two clicks; the week links to its days', async () => {
    // Without JavaScript: the app's script is never delivered (axe still runs in the page).
    const page = await harness.newPage();
    await signInAs(page, 'johan');
    await page.route(/\/assets\/app\.[^/]*js/, (route) => route.abort());
    await page.goto(`/lokaler/hus/kirseberg?datum=${MONDAY}`);
    expect(await page.evaluate(() => document.body.classList.contains('js-enabled'))).toBe(false);
    await expectAccessible(page, 'grid without JavaScript');
    const text = await page.locator('table.smb-grid').innerText();
    expect(text).toContain('Bokat');
    expect(text).toContain('15:00–16:00');
    expect(await page.locator('table.smb-grid td.smb-grid__cell--free a').count()).toBeGreaterThan(5);
    await Promise.all([
      page.waitForURL((url) => url.pathname === '/lokaler/boka'),
      page.locator(slot('kirseberg-motesrum', '11:00')).click(),
    ]);
    await page.locator('#titel').fill('Arbetsplatsträff');
    await Promise.all([
      page.waitForURL((url) => /^\/lokaler\/bokningar\/[0-9a-f-]{36}$/.test(url.pathname)),
      page.locator('form[action="/lokaler/boka"] button.govuk-button').click(),
    ]);
    expect(await page.locator('main').innerText()).toContain('11:00–12:00');
    // The week: a day's cell leads to that day's grid.
    await page.goto(`/lokaler/hus/kirseberg?datum=${MONDAY}&vy=vecka`);
    await expectAccessible(page, 'week without JavaScript');
    await Promise.all([
      page.waitForURL((url) => url.searchParams.get('datum') === '2026-12-01' && !url.searchParams.has('vy')),
      page.locator('a[href="/lokaler/hus/kirseberg?datum=2026-12-01#rum-kirseberg-motesrum"]').click(),
    ]);
    await Promise.all([
      page.waitForURL((url) => url.searchParams.get('datum') === '2026-12-02'),
      page.locator('a[rel="next"]').click(),
    ]);
    await expectAccessible(page, 'next day without JavaScript');
  });

  it('the other booking pages are axe-clean too: room page, cancel confirmation, a refused search, a taken slot with alternatives, an empty list', async () => {
    const page = await harness.newPage();
    await signInAs(page, 'erik', '/lokaler');
    const visit = async (url: string, name: string, status: number) => {
      const response = await page.goto(url);
      expect(response?.status(), name).toBe(status);
      await expectAccessible(page, name);
    };
    await visit(`/lokaler/rum/kirseberg-samtal?datum=${MONDAY}`, 'room page', 200);
    await visit(`/lokaler/bokningar/${planningId}/avboka`, 'cancel confirmation', 200);
    await visit('/lokaler?date=2026-02-30&start=25:00&duration=0&people=3', 'finder with field errors', 422);
    await visit('/lokaler/hus/kirseberg?datum=igår', 'day view with a date error', 422);
    await visit('/lokaler/bokningar?visa=tidigare', 'my past bookings, empty', 200);
    expect(await page.locator('#empty-state').count()).toBe(1);
    // A taken slot: erik's own Planering 15:00–16:00 in Mötesrummet.
    await page.goto(`/lokaler/boka?rum=kirseberg-motesrum&datum=${MONDAY}&start=15:30&slut=16:30`);
    await page.fill('#titel', 'Workshop');
    await page.fill('#deltagare', '4');
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      page.locator('form[action="/lokaler/boka"] button.govuk-button').click(),
    ]);
    expect(response.status()).toBe(409);
    await page.waitForSelector('#alternatives-heading');
    await expectAccessible(page, 'booking form after a conflict, with alternatives');
    expect(await page.locator('.govuk-error-summary').innerText()).toContain('Rummet är redan bokat den tiden');
    // Chromium logs every 4xx page it is shown as a console error; nothing else may be there.
    expect(errorsOf(page).filter((e) => !/status of (409|422)/.test(e))).toEqual([]);
  });
});
