import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decideManually } from '../src/modules/e-services/index.ts';
import { decideByRules, ensureTestService, REASONS, submitFor } from '../src/modules/e-services/e-services.fixtures.ts';
import { findUserByUsername } from '../src/platform/auth/user.repository.ts';
import { expectAccessible, signInAs, startHarness, type Harness } from './harness.ts';

/**
 * A resident reads a refusal on My pages, and the page says the last day to appeal: three weeks
 * from the day she read it, moved off Christmas and midsommar (förvaltningslagen 44 §, lag
 * (1930:173)). The app's clock is set to the day she reads it.
 */

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
  await ensureTestService(harness.testApp.database.db);
});
afterAll(async () => harness?.close());

/** A final refusal of one of Amina's applications, decided by a caseworker at `decidedAt`. */
async function refusalFor(decidedAt: string): Promise<string> {
  const { db } = harness.testApp.database;
  const amina = (await findUserByUsername(db, 'amina'))!;
  const sara = (await findUserByUsername(db, 'sara'))!;
  const at = new Date(decidedAt);
  const subject = await submitFor(db, amina, at);
  await decideByRules(db, subject.id, 'refuse', [REASONS.REGISTERED_IN_OTHER_MUNICIPALITY!], at);
  await decideManually(
    { db, notifier: harness.testApp.notifier, baseUrl: harness.baseUrl, municipalityName: 'Malmö stad' },
    {
      caseId: subject.id,
      outcome: 'refuse',
      motivation: 'Du är folkbokförd i Lund.',
      reasonCodes: ['REGISTERED_IN_OTHER_MUNICIPALITY'],
      caseworker: sara,
      now: at,
    },
  );
  return subject.id;
}

describe('the last day to appeal, as the resident reads it', () => {
  it('read on Friday 4 December: the last day is Monday 28 December, after Christmas (sv and ar)', async () => {
    const caseId = await refusalFor('2026-12-01T09:00:00Z');
    harness.testApp.clock.set('2026-12-04T10:00:00Z');
    const page = await harness.newPage({ viewport: { width: 320, height: 800 } });
    await signInAs(page, 'amina', `/mina-sidor/arenden/${caseId}`);
    await expect.poll(() => page.locator('#appeal').innerText()).toContain('senast den 28 december 2026');
    await expectAccessible(page, 'My pages case with an appeal deadline (sv)');
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth),
    ).toBe(true);
    // The time line says when she received it.
    expect(await page.locator('#main-content').innerText()).toContain('Du tog del av beslutet');

    await page.goto(`/mina-sidor/arenden/${caseId}?lang=ar`);
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    // Arabic page, Gregorian date: the 28th of December 2026 in the page's own words.
    const arabic = await page.locator('#appeal').innerText();
    expect(arabic).toMatch(/28|٢٨/);
    expect(arabic).toMatch(/2026|٢٠٢٦/);
    await expectAccessible(page, 'My pages case with an appeal deadline (ar)');
    await page.context().close();
  });

  it('read on Friday 29 May: three weeks end on midsommarafton, so the last day is Monday 22 June', async () => {
    const caseId = await refusalFor('2026-05-27T09:00:00Z');
    harness.testApp.clock.set('2026-05-29T08:00:00Z');
    const page = await harness.newPage({ viewport: { width: 1280, height: 900 } });
    await signInAs(page, 'amina', `/mina-sidor/arenden/${caseId}`);
    await expect.poll(() => page.locator('#appeal').innerText()).toContain('senast den 22 juni 2026');
    await expectAccessible(page, 'My pages case with a midsommar appeal deadline');
    await page.context().close();
  });
});
