import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, signInAs, startHarness, type Harness } from './harness.ts';

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
});

afterAll(async () => {
  await harness?.close();
});

const BASE = '/e-tjanster/sfi';

/** Checks the page is axe-clean, then presses the form's main button and waits for the next page. */
async function next(page: Page, name: string, fill: () => Promise<void>) {
  await fill();
  await expectAccessible(page, name);
  const from = page.url();
  await Promise.all([page.waitForURL((url) => url.href !== from), page.locator('form[method="post"] button.govuk-button').last().click()]);
}

/** Every question after identity, answered by clicking labels and typing, as a person would. */
async function answerQuestions(page: Page) {
  await next(page, 'contact', async () => {
    await page.fill('#phone', '070-123 45 67');
  });
  await next(page, 'residence', () => page.check('input[name="residenceBasis"][value="folkbokford"]'));
  await next(page, 'languages', async () => {
    await page.fill('#motherTongue', 'arabiska');
    await page.check('input[name="nordicLanguageSufficient"][value="no"]');
  });
  await next(page, 'schooling', () => page.fill('#yearsOfSchooling', '12'));
  await next(page, 'literacy', () => page.check('input[name="literateInOwnLanguage"][value="yes"]'));
  await next(page, 'latin alphabet', () => page.check('input[name="knowsLatinAlphabet"][value="yes"]'));
  await next(page, 'swedish', () => page.check('input[name="swedishLevel"][value="none"]'));
  await next(page, 'earlier sfi', () => page.check('input[name="earlierSfi"][value="no"]'));
  await next(page, 'special reasons', async () => {});
  await next(page, 'preferences', async () => {
    await page.check('input[name="studyTime"][value="daytime"]');
    await page.check('input[name="pace"][value="full-time"]');
  });
  await next(page, 'adaptations', async () => {});
  expect(new URL(page.url()).pathname).toBe(`${BASE}/kontrollera`);
  await next(page, 'check your answers', async () => {});
  expect(new URL(page.url()).pathname).toMatch(new RegExp(`^${BASE}/kvitto/`));
  await expect(page.locator('.govuk-panel').innerText()).resolves.toMatch(/SFI-\d{4}-\d{6}/);
  await expectAccessible(page, 'confirmation');
}

describe('applying for SFI in the browser', () => {
  it('a resident applies in Arabic with e-ID through every page to the confirmation, axe-clean on each page', async () => {
    const page = await harness.newPage();
    await signInAs(page, 'amina');
    await page.goto(`${BASE}?lang=ar`);
    await expect(page.locator('html').getAttribute('dir')).resolves.toBe('rtl');
    await expectAccessible(page, 'start page (ar)');
    await Promise.all([page.waitForURL((url) => url.pathname === `${BASE}/kontakt`), page.locator(`a[href="${BASE}/kontakt"]`).first().click()]);
    await answerQuestions(page);
    await expect(page.locator('a[href="/mina-sidor"]').count()).resolves.toBeGreaterThan(0);
  });

  it('a resident without e-ID applies in Swedish, with a validation error on the way', async () => {
    const page = await harness.newPage();
    await page.goto(BASE);
    await Promise.all([page.waitForURL((url) => url.pathname === `${BASE}/om-dig`), page.locator(`a[href="${BASE}/om-dig"]`).click()]);
    await page.fill('#name', 'Testperson Ett');
    await page.fill('#birthDate-day', '5');
    await page.fill('#birthDate-month', '3');
    await page.fill('#birthDate-year', '2999');
    await page.locator('form[method="post"] button.govuk-button').click();
    await expect(page.title()).resolves.toMatch(/^Fel: /);
    await expect(page.locator('.govuk-error-summary').innerText()).resolves.toContain('Födelsedatumet kan inte vara i framtiden');
    await expectAccessible(page, 'identity with an error');
    await next(page, 'identity', () => page.fill('#birthDate-year', '1988'));
    await answerQuestions(page);
  });
});
