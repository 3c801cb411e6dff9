import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { expectAccessible, startHarness, tabTo, type Harness } from './harness.ts';

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
});

afterAll(async () => {
  await harness?.close();
});

/** What has keyboard focus now, for failure messages and assertions. */
async function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return '(body)';
    return `${el.tagName.toLowerCase()}${el.getAttribute('href') ? ` href=${el.getAttribute('href')}` : ''}${el.getAttribute('value') ? ` value=${el.getAttribute('value')}` : ''} "${(el.textContent ?? '').trim().slice(0, 40)}"`;
  });
}

/** Shift+Tab until `selector` has focus (at most `limit` presses). */
async function shiftTabTo(page: Page, selector: string, limit = 10): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Shift+Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(
    `"${selector}" could not be reached with ${limit} presses of Shift+Tab (focus is on ${await focused(page)})`,
  );
}

describe('keyboard-only sign-in', () => {
  it('a caseworker signs in from the start page through the identity provider and signs out using only Tab, Shift+Tab, Enter and Space; every step is axe-clean', async () => {
    const page = await harness.newPage();
    // The address is typed; from here on, no clicks.
    await page.goto('/');
    await expectAccessible(page, 'start page, signed out');

    // The header's sign-in link, followed with Enter.
    await tabTo(page, 'a[href^="/auth/sign-in"]');
    await Promise.all([page.waitForURL((url) => url.pathname === '/auth/sign-in'), page.keyboard.press('Enter')]);
    await expectAccessible(page, 'sign-in page');

    // The staff button is a link styled as a button (role="button"): GOV.UK's button script
    // makes Space activate it, as it would a real button.
    await tabTo(page, 'a[href^="/auth/oidc/staff/start"]');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('button');
    await Promise.all([
      page.waitForURL((url) => url.pathname.startsWith('/dev/idp/interaction/')),
      page.keyboard.press('Space'),
    ]);
    await expectAccessible(page, 'identity provider user picker (staff)');

    // Overshoot to the next user and come back with Shift+Tab, then press the button with Space.
    await tabTo(page, 'button[name="username"][value="johan"]');
    await shiftTabTo(page, 'button[name="username"][value="sara"]');
    await Promise.all([
      page.waitForURL((url) => url.pathname === '/' && !url.searchParams.has('signed-out')),
      page.keyboard.press('Space'),
    ]);
    await expect(page.locator('.smb-header__user').innerText()).resolves.toContain('Sara Nilsson');
    await expectAccessible(page, 'start page, signed in as a caseworker');

    // Sign-out is a form button in the header.
    await tabTo(page, 'form[action="/auth/sign-out"] button[type="submit"]');
    await Promise.all([page.waitForURL((url) => url.searchParams.has('signed-out')), page.keyboard.press('Enter')]);
    expect(await page.locator('form[action="/auth/sign-out"]').count()).toBe(0);
    expect(await page.locator('a[href^="/auth/sign-in"]').count()).toBeGreaterThan(0);
    await expectAccessible(page, 'start page after signing out');
  });
});
