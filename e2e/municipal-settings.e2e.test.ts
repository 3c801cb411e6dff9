import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, type Harness, sidewaysOverflow, signInAs, startHarness } from './harness.ts';

/**
 * The administrator's municipal settings page as a person sees it, on a phone-sized screen (320
 * CSS px, WCAG 1.4.10: nothing scrolls sideways) and a desktop one, with its errors shown. Set
 * SCREENSHOT_DIR to keep the screenshots for a look.
 */

const URL = '/admin/e-tjanster/sfi/installningar';
let harness: Harness;

async function shoot(page: Page, name: string): Promise<void> {
  const dir = process.env.SCREENSHOT_DIR;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: `${dir}/${name}.png`, fullPage: true });
  // And in screen-high parts, to read a long narrow page.
  const { width, height } = page.viewportSize()!;
  const total = await page.evaluate(() => document.documentElement.scrollHeight);
  for (let y = 0, part = 1; y < total; y += height, part++) {
    const clip = { x: 0, y, width, height: Math.min(height, total - y) };
    await page.screenshot({ path: `${dir}/${name}-part${part}.png`, fullPage: true, clip });
  }
}

describe('the municipal settings admin page', () => {
  beforeAll(async () => {
    harness = await startHarness();
  }, 60_000);
  afterAll(async () => {
    await harness?.close();
  });

  for (const width of [320, 1280]) {
    it(`shows the settings in force, the form and the versions at ${width} px without sideways scrolling`, async () => {
      const page = await harness.newPage({ viewport: { width, height: 900 } });
      await signInAs(page, 'admin', URL);
      expect(await page.locator('h1').textContent()).toBe('Kommunens inställningar');
      expect(await page.locator('.govuk-summary-card').count()).toBeGreaterThan(0);
      expect(await sidewaysOverflow(page)).toBe(0);
      await shoot(page, `settings-${width}`);
      await expectAccessible(page, `municipal settings ${width}`);

      // A postcode that is not Swedish: the error summary, focused, and the message at the field.
      await page.fill('#effectiveFrom-day', '1');
      await page.fill('#effectiveFrom-month', '1');
      await page.fill('#effectiveFrom-year', '2099');
      await page.fill('#postalCode', '12');
      await Promise.all([page.waitForLoadState('load'), page.click('form[novalidate] button')]);
      await page.waitForSelector('.govuk-error-summary');
      expect(await page.title()).toMatch(/^Fel: /);
      expect(await page.locator('.govuk-error-summary').textContent()).toContain('svenskt postnummer med fem siffror');
      expect(await sidewaysOverflow(page)).toBe(0);
      await shoot(page, `settings-${width}-errors`);
      await expectAccessible(page, `municipal settings with errors ${width}`);
      await page.close();
    });
  }
});
