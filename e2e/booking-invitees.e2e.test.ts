import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorsOf, expectAccessible, sidewaysOverflow, signInAs, startHarness, type Harness } from './harness.ts';

let harness: Harness;
// The harness's fake clock: Saturday 2026-11-28 10:00 in Stockholm. The meeting is on Monday.
const MONDAY = '2026-11-30';
/** Where a run may leave screenshots to look at (unset: none are taken). */
const SHOTS = process.env.SCREENSHOT_DIR;

beforeAll(async () => {
  harness = await startHarness();
});

afterAll(async () => {
  await harness?.close();
});

describe('inviting colleagues to a booking', () => {
  it('a name nobody has and a link that is not Teams are errors at their fields; fixed, the booking page lists the invited and links the meeting; axe-clean, no sideways scroll at 320 px', async () => {
    const page = await harness.newPage({ viewport: { width: 320, height: 900 } });
    await signInAs(page, 'sara', `/lokaler/boka?rum=stadshuset-oresund&datum=${MONDAY}&start=13:00&slut=14:00`);
    await expectAccessible(page, 'booking form with invitees');
    expect(await sidewaysOverflow(page)).toBe(0);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/book-320.png`, fullPage: true });
    await page.locator('#titel').fill('Planering');
    await page.locator('#deltagare').fill('3');
    await page.locator('#inbjudna').fill('Erik Lind\nOkänd Person, gast@example.org');
    await page.locator('#teams').fill('https://zoom.us/j/123');
    await Promise.all([page.waitForLoadState('load'), page.locator('form[action="/lokaler/boka"] button').click()]);
    expect(await page.title()).toMatch(/^Fel: /);
    await expectAccessible(page, 'booking form with errors');
    expect(await sidewaysOverflow(page)).toBe(0);
    const summary = page.locator('.govuk-error-summary');
    expect(await summary.innerText()).toContain('Ingen medarbetare heter ”Okänd Person”');
    expect(await summary.innerText()).toContain('Ange en Teams-länk');
    expect(await page.locator('#inbjudna-error').innerText()).toContain('Okänd Person');
    expect(await page.locator('#inbjudna').inputValue()).toBe('Erik Lind\nOkänd Person, gast@example.org');
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/book-errors-320.png`, fullPage: true });

    await page.locator('#inbjudna').fill('Erik Lind\ngast@example.org');
    await page.locator('#teams').fill('https://teams.microsoft.com/l/meetup-join/19%3ameeting_x%40thread.v2/0');
    await Promise.all([
      page.waitForURL((url) => /^\/lokaler\/bokningar\/[0-9a-f-]{36}$/.test(url.pathname)),
      page.locator('form[action="/lokaler/boka"] button').click(),
    ]);
    await expectAccessible(page, 'booking page with invitees');
    expect(await sidewaysOverflow(page)).toBe(0);
    const details = await page.locator('main .govuk-summary-list').first().innerText();
    expect(details).toContain('Erik Lind');
    expect(details).toContain('gast@example.org (gäst)');
    expect(await page.locator('main a', { hasText: 'Anslut till Teams-mötet' }).getAttribute('href')).toBe(
      'https://teams.microsoft.com/l/meetup-join/19%3ameeting_x%40thread.v2/0',
    );
    if (SHOTS) {
      await page.screenshot({ path: `${SHOTS}/booking-320.png`, fullPage: true });
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.screenshot({ path: `${SHOTS}/booking-1280.png`, fullPage: true });
    }
    // The 422 of the refused form is the browser's only console message.
    expect(errorsOf(page).filter((e) => !e.includes('status of 422'))).toEqual([]);
  });

  it('the calendar page: the new link in a read-only field, a copy button that says "Kopierad", a webcal:// link; without JavaScript no button', async () => {
    const page = await harness.newPage({
      viewport: { width: 320, height: 900 },
      permissions: ['clipboard-read', 'clipboard-write'],
    });
    await signInAs(page, 'erik', '/lokaler/kalender');
    await Promise.all([page.waitForLoadState('load'), page.locator('form[action="/lokaler/kalender"] button').click()]);
    const url = await page.locator('#feed-url').inputValue();
    expect(url).toMatch(/\/kalender\/[A-Za-z0-9_-]{43}\.ics$/);
    expect(await page.locator('a', { hasText: 'Öppna i Outlook' }).getAttribute('href')).toBe(
      url.replace(/^https?:\/\//, 'webcal://'),
    );
    await expectAccessible(page, 'calendar link created');
    expect(await sidewaysOverflow(page)).toBe(0);
    const copy = page.locator('button.smb-copy-button');
    expect(await copy.isVisible()).toBe(true);
    await copy.click();
    await expect.poll(() => page.locator('#feed-url-status').innerText()).toBe('Kopierad');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/calendar-320.png`, fullPage: true });
    expect(errorsOf(page)).toEqual([]);

    const plain = await harness.newPage({ viewport: { width: 1280, height: 900 } });
    await signInAs(plain, 'johan', '/lokaler/kalender');
    await plain.route(/\/assets\/app\.js/, (route) => route.abort());
    await plain.goto('/lokaler/kalender');
    await Promise.all([
      plain.waitForLoadState('load'),
      plain.locator('form[action="/lokaler/kalender"] button').click(),
    ]);
    expect(await plain.locator('button.smb-copy-button').isVisible()).toBe(false);
    expect(await plain.locator('#feed-url').getAttribute('readonly')).not.toBeNull();
    await expectAccessible(plain, 'calendar link created, without JavaScript');
    if (SHOTS) await plain.screenshot({ path: `${SHOTS}/calendar-1280-nojs.png`, fullPage: true });
  });
});
