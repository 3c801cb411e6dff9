import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBooking } from '../src/modules/booking/booking.service.ts';
import { fromLocal } from '../src/modules/booking/local-time.ts';
import { findUserByUsername } from '../src/platform/auth/user.repository.ts';
import { errorsOf, expectAccessible, signInAs, startHarness, tabTo, type Harness } from './harness.ts';

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

/** Replaces a text field's value by keyboard: Tab to it, select all, type. */
async function typeInto(page: Page, selector: string, value: string, limit = 60): Promise<void> {
  await tabTo(page, selector, limit);
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

  it('the day view works without JavaScript: an accessible table, booked cells in text, free cells link to the booking form', async () => {
    // Without JavaScript: the app's script is never delivered (axe still runs in the page).
    const page = await harness.newPage();
    await signInAs(page, 'johan');
    await page.route(/\/assets\/app\.js/, (route) => route.abort());
    await page.goto(`/lokaler/hus/kirseberg?datum=${MONDAY}`);
    expect(await page.evaluate(() => document.body.classList.contains('js-enabled'))).toBe(false);
    await expectAccessible(page, 'day view without JavaScript');
    const table = page.locator('table.smb-day__table');
    expect(await table.isVisible()).toBe(true);
    expect(await page.locator('.smb-timeline').count()).toBe(0);
    const text = await table.innerText();
    expect(text).toContain('Bokat');
    expect(text).not.toContain('Svensson');
    expect(
      await page.locator('td[data-state="free"] a[href^="/lokaler/boka?rum=kirseberg-motesrum"]').count(),
    ).toBeGreaterThan(5);
    // Previous/next day.
    await Promise.all([
      page.waitForURL((url) => url.searchParams.get('datum') === '2026-12-01'),
      page.locator('a[rel="next"]').click(),
    ]);
    await expectAccessible(page, 'next day without JavaScript');
  });

  it('with JavaScript the day view is a timeline: the same states in text, free slots reachable by Tab and the arrow keys, a button back to the table', async () => {
    const page = await harness.newPage();
    await signInAs(page, 'erik', `/lokaler/hus/kirseberg?datum=${MONDAY}`);
    await page.waitForSelector('.smb-timeline');
    await expectAccessible(page, 'day view timeline');
    expect(await page.locator('.smb-day__scroll').isHidden()).toBe(true);
    const timeline = await page.locator('.smb-timeline').innerText();
    expect(timeline).toContain('Din bokning: Planering');
    expect(timeline).toContain('Bokat'); // sara's private booking: no title
    expect(timeline).not.toContain('Svensson');
    await tabTo(page, '.smb-timeline__track a', 80);
    const first = await page.evaluate(() => document.activeElement?.getAttribute('href'));
    await page.keyboard.press('ArrowRight');
    const second = await page.evaluate(() => document.activeElement?.getAttribute('href'));
    expect(second).not.toBe(first);
    expect(second).toMatch(/^\/lokaler\/boka\?/);
    // The switch is a real button before the timeline: Enter works on it.
    await page.locator('button.smb-day__toggle').focus();
    await page.keyboard.press('Enter');
    expect(await page.locator('.smb-day__scroll').isVisible()).toBe(true);
    expect(await page.locator('.smb-timeline').isHidden()).toBe(true);
    await expectAccessible(page, 'day view table after switching');
    expect(errorsOf(page)).toEqual([]);
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
