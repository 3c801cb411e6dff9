import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { myPagesTranslator } from '../src/modules/e-services/my-pages.i18n.ts';
import { flattenText, readPdf } from '../test/helpers/pdf.ts';
import { expectAccessible, type Harness, reloadUntil, signInAs, startHarness } from './harness.ts';

let harness: Harness;

beforeAll(async () => {
  // The app's own pg-boss workers run the SFI pipeline (gather facts and decide, notified at once
  // → enrol → letter) as in production, polling often so a decision lands within seconds; the clock is the harness's fake one.
  harness = await startHarness({ config: { JOB_POLL_SECONDS: '0.5' } });
  await harness.testApp.jobs.work();
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
  await Promise.all([
    page.waitForURL((url) => url.href !== from),
    page.locator('form[method="post"] button.govuk-button').last().click(),
  ]);
}

/** Every question after identity, answered by clicking labels and typing, as a person would; without e-ID the postal address too. */
async function answerQuestions(page: Page, { withAddress = false } = {}) {
  await next(page, 'contact', async () => {
    await page.fill('#phone', '070-123 45 67');
  });
  if (withAddress) {
    expect(new URL(page.url()).pathname).toBe(`${BASE}/adress`);
    // A postal code of four digits first: the error summary names it and the field says how to write it.
    await page.fill('#careOf', 'Exempel Värdsson');
    await page.fill('#street', 'Brevvägen 7');
    await page.fill('#postalCode', '2143');
    await page.fill('#city', 'Malmö');
    await page.locator('form[method="post"] button.govuk-button').click();
    await expect(page.title()).resolves.toMatch(/^Fel: /);
    await expect(page.locator('.govuk-error-summary a[href="#postalCode"]').innerText()).resolves.toContain(
      'fem siffror',
    );
    await expectAccessible(page, 'address with an error');
    await next(page, 'address', () => page.fill('#postalCode', '21433'));
  }
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
  const caseNumber = /SFI-\d{4}-\d{6}/.exec(await page.locator('.govuk-panel').innerText())?.[0];
  expect(caseNumber).toBeDefined();
  await expectAccessible(page, 'confirmation');
  return { caseId: new URL(page.url()).pathname.split('/').pop()!, caseNumber: caseNumber! };
}

describe('applying for SFI in the browser', () => {
  /** The Arabic e-ID application of the first journey, read on My pages by the second. */
  let applied: { page: Page; caseId: string; caseNumber: string } | undefined;

  it('a resident applies in Arabic with e-ID through every page to the confirmation, axe-clean on each page', async () => {
    const page = await harness.newPage();
    await signInAs(page, 'amina');
    await page.goto(`${BASE}?lang=ar`);
    await expect(page.locator('html').getAttribute('dir')).resolves.toBe('rtl');
    await expectAccessible(page, 'start page (ar)');
    await Promise.all([
      page.waitForURL((url) => url.pathname === `${BASE}/kontakt`),
      page.locator(`a[href="${BASE}/kontakt"]`).first().click(),
    ]);
    const { caseId, caseNumber } = await answerQuestions(page);
    await expect(page.locator('a[href="/mina-sidor"]').count()).resolves.toBeGreaterThan(0);
    applied = { page, caseId, caseNumber };
  });

  it('she is admitted automatically within seconds, reads the decision in Arabic on My pages and downloads the Swedish PDF/A letter', async () => {
    if (!applied) throw new Error('needs the Arabic application of the journey before');
    const { page, caseId, caseNumber } = applied;
    // amina is the synthetic register's persona admitted-automatically: the workers decide, enrol and write the letter.
    await Promise.all([
      page.waitForURL((url) => url.pathname === '/mina-sidor'),
      page.locator('a[href="/mina-sidor"]').first().click(),
    ]);
    await expectAccessible(page, 'My pages (ar)');
    await Promise.all([
      page.waitForURL((url) => url.pathname === `/mina-sidor/arenden/${caseId}`),
      page.locator(`a[href="/mina-sidor/arenden/${caseId}"]`).click(),
    ]);
    await reloadUntil(page, `a[href^="/mina-sidor/arenden/${caseId}/dokument/"]`);
    const ar = myPagesTranslator('ar');
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('ar');
    await expect(page.locator('html').getAttribute('dir')).resolves.toBe('rtl');
    await expect(page.locator('#decision-outcome').innerText()).resolves.toBe(ar.t('decision.outcome.admit'));
    await expect(page.locator('#decision [data-reason="ELIGIBLE"]').count()).resolves.toBe(1);
    await expect(page.locator('#decision').innerText()).resolves.toContain(ar.t('decision.swedishNote'));
    await expectAccessible(page, 'My pages case with the decision (ar)');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator(`a[href^="/mina-sidor/arenden/${caseId}/dokument/"]`).first().click(),
    ]);
    const pdf = await readPdf(await readFile((await download.path())!));
    expect(pdf.xmp).toContain('pdfaid:part'); // PDF/A
    const text = flattenText(pdf.pages.join('\n'));
    expect(text).toContain(caseNumber);
    expect(text).toContain('Beslut'); // the letter is in Swedish whatever language the page is in
  });

  it('a resident without e-ID applies in Swedish, with a validation error on the way; the case lands in the caseworker queue marked identity-unverified', async () => {
    const page = await harness.newPage();
    await page.goto(BASE);
    await Promise.all([
      page.waitForURL((url) => url.pathname === `${BASE}/om-dig`),
      page.locator(`a[href="${BASE}/om-dig"]`).click(),
    ]);
    await page.fill('#name', 'Testperson Ett');
    await page.fill('#birthDate-day', '5');
    await page.fill('#birthDate-month', '3');
    await page.fill('#birthDate-year', '2999');
    await page.locator('form[method="post"] button.govuk-button').click();
    await expect(page.title()).resolves.toMatch(/^Fel: /);
    await expect(page.locator('.govuk-error-summary').innerText()).resolves.toContain(
      'Födelsedatumet kan inte vara i framtiden',
    );
    await expectAccessible(page, 'identity with an error');
    await next(page, 'identity', () => page.fill('#birthDate-year', '1988'));
    const { caseId, caseNumber } = await answerQuestions(page, { withAddress: true });

    // The rules cannot admit an unverified identity: a caseworker finds it in the queue, marked so.
    const caseworker = await harness.newPage();
    await signInAs(caseworker, 'sara', '/handlaggning');
    await caseworker.goto('/handlaggning?reason=IDENTITY_UNVERIFIED');
    await reloadUntil(caseworker, `a[href="/handlaggning/arenden/${caseId}"]`);
    const row = caseworker.locator('tr', { has: caseworker.locator(`a[href="/handlaggning/arenden/${caseId}"]`) });
    await expect(row.innerText()).resolves.toContain(caseNumber);
    await expect(row.innerText()).resolves.toContain('Identiteten är inte styrkt'); // IDENTITY_UNVERIFIED by its label
    await expectAccessible(caseworker, 'caseworker queue filtered by IDENTITY_UNVERIFIED');
    await Promise.all([
      caseworker.waitForURL((url) => url.pathname === `/handlaggning/arenden/${caseId}`),
      row.locator('a').first().click(),
    ]);
    await expect(caseworker.locator('main').innerText()).resolves.toContain('Ej styrkt (utan e-legitimation)');
    await expectAccessible(caseworker, 'caseworker case view (identity unverified)');
  });
});
