import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseworkerTranslator } from '../src/modules/e-services/caseworker.i18n.ts';
import { printQueueTranslator } from '../src/modules/e-services/delivery/print-queue.i18n.ts';
import { sfiFormTranslator } from '../src/modules/sfi/sfi-form.i18n.ts';
import { flattenText, readPdf } from '../test/helpers/pdf.ts';
import { expectAccessible, type Harness, reloadUntil, sidewaysOverflow, signInAs, startHarness } from './harness.ts';

/**
 * The whole way of an applicant without e-ID, on paper from the decision on: she applies in
 * Arabic (RTL) with a personal identity number the population register does not know and the
 * postal address she gives; a caseworker refuses; the decision letter goes through the print
 * queue to that address, is posted on a Friday and presumed received two working days later
 * (over the weekend); her appeal comes on paper, is registered in time and forwarded to
 * Skolväsendets överklagandenämnd with the case file. Everything is done in the browser; the
 * app's own workers run the pipeline (polling often) and the harness's fake clock sets the days.
 */

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness({ config: { JOB_POLL_SECONDS: '0.5' } });
  await harness.testApp.jobs.work();
});

afterAll(async () => {
  await harness?.close();
});

const BASE = '/e-tjanster/sfi';
const ar = sfiFormTranslator('ar');
const staff = caseworkerTranslator('sv');
const print = printQueueTranslator('sv');

/** A synthetic number (1988-03-05, serial 981) that is not in the fake population register. */
const PERSONAL_NUMBER = '19880305-9818';
const ADDRESS = { careOf: 'Exempel Värdsson', street: 'Brevvägen 7', postalCode: '214 33', city: 'Malmö' };
const MOTIVATION = 'Du har inte visat att du bor i kommunen. Folkbokföringen saknar uppgifter om dig.';
const APPEAL_TEXT =
  'أطعن في القرار. أسكن في مالمو منذ أكتوبر.\nJag överklagar beslutet. Jag bor i Malmö sedan oktober.';

/** At 320 CSS px nothing may scroll sideways (WCAG 1.4.10); the page is axe-clean at that width too. */
async function expectReflowAt320(page: Page, name: string): Promise<void> {
  const viewport = page.viewportSize();
  await page.setViewportSize({ width: 320, height: 800 });
  try {
    expect(await sidewaysOverflow(page), `${name} scrolls sideways at 320 px`).toBeLessThanOrEqual(0);
    await expectAccessible(page, `${name} at 320 px`);
  } finally {
    if (viewport) await page.setViewportSize(viewport);
  }
}

/** Waits for a print-queue form's Post/Redirect/Get to land back on the queue (the same address as before). */
async function backToQueue(page: Page): Promise<void> {
  await page.waitForResponse(
    (r) => r.request().method() === 'GET' && new URL(r.url()).pathname === '/handlaggning/utskrift',
  );
  await page.waitForLoadState('load');
}

/** An Arabic form page: right to left, axe-clean, then the answers and "continue" to the next page. */
async function answer(page: Page, name: string, fill: () => Promise<void>): Promise<void> {
  await expect(page.locator('html').getAttribute('dir')).resolves.toBe('rtl');
  await fill();
  await expectAccessible(page, `${name} (ar)`);
  const from = page.url();
  await Promise.all([
    page.waitForURL((url) => url.href !== from),
    page.getByRole('button', { name: ar.t('page.continue') }).click(),
  ]);
}

describe('a paper applicant’s way from the form to a forwarded appeal', () => {
  const applied = { caseId: '', caseNumber: '' };
  let caseworker: Page;

  it('a resident without e-ID applies in Arabic with an unknown personal identity number and her postal address', async () => {
    harness.testApp.clock.set('2026-12-14T09:00:00Z'); // Monday
    const page = await harness.newPage();
    await page.goto(`${BASE}?lang=ar`);
    await expect(page.locator('html').getAttribute('dir')).resolves.toBe('rtl');
    await expectAccessible(page, 'start page (ar)');
    await Promise.all([
      page.waitForURL((url) => url.pathname === `${BASE}/om-dig`),
      page.getByRole('button', { name: ar.t('start.noEid.button') }).click(),
    ]);

    await answer(page, 'identity', async () => {
      await page.getByLabel(ar.t('identity.name')).fill('Rania Exempelsdotter');
      const birthDate = page.getByRole('group', { name: ar.t('identity.birthDate') }).getByRole('textbox');
      await birthDate.nth(0).fill('5');
      await birthDate.nth(1).fill('3');
      await birthDate.nth(2).fill('1988');
      await page.getByLabel(ar.t('identity.personalNumber')).fill(PERSONAL_NUMBER);
    });
    await answer(page, 'contact', () => page.getByLabel(ar.t('contact.phone')).fill('070-123 45 67'));
    expect(new URL(page.url()).pathname).toBe(`${BASE}/adress`);
    await answer(page, 'postal address', async () => {
      await page.getByLabel(ar.t('address.careOf')).fill(ADDRESS.careOf);
      await page.getByLabel(ar.t('address.street')).fill(ADDRESS.street);
      await page.getByLabel(ar.t('address.postalCode')).fill(ADDRESS.postalCode);
      await page.getByLabel(ar.t('address.city')).fill(ADDRESS.city);
    });
    await answer(page, 'residence', () => page.getByRole('radio', { name: ar.t('residence.folkbokford') }).check());
    await answer(page, 'languages', async () => {
      await page.getByLabel(ar.t('languages.motherTongue')).fill('العربية');
      await page
        .getByRole('group', { name: ar.t('languages.nordic') })
        .getByRole('radio', { name: ar.t('answer.no') })
        .check();
    });
    await answer(page, 'schooling', () => page.getByLabel(ar.t('schooling.title')).fill('12'));
    await answer(page, 'literacy', () => page.getByRole('radio', { name: ar.t('answer.yes') }).check());
    await answer(page, 'latin alphabet', () => page.getByRole('radio', { name: ar.t('answer.yes') }).check());
    await answer(page, 'swedish', () => page.getByRole('radio', { name: ar.t('swedish.none') }).check());
    await answer(page, 'earlier sfi', () => page.getByRole('radio', { name: ar.t('answer.no') }).check());
    await answer(page, 'special reasons', async () => {});
    await answer(page, 'preferences', async () => {
      await page.getByRole('radio', { name: ar.t('preferences.daytime') }).check();
      await page.getByRole('radio', { name: ar.t('preferences.full-time') }).check();
    });
    await answer(page, 'adaptations', async () => {});

    expect(new URL(page.url()).pathname).toBe(`${BASE}/kontrollera`);
    await expect(page.locator('html').getAttribute('dir')).resolves.toBe('rtl');
    const check = await page.locator('main').innerText();
    for (const line of [`c/o ${ADDRESS.careOf}`, ADDRESS.street, `${ADDRESS.postalCode} ${ADDRESS.city}`])
      expect(check).toContain(line);
    await expectAccessible(page, 'check your answers (ar)');
    await Promise.all([
      page.waitForURL((url) => url.pathname.startsWith(`${BASE}/kvitto/`)),
      page.getByRole('button', { name: ar.t('check.send.button') }).click(),
    ]);
    const caseNumber = /SFI-\d{4}-\d{6}/.exec(await page.locator('.govuk-panel').innerText())?.[0];
    expect(caseNumber).toBeDefined();
    await expect(page.locator('html').getAttribute('dir')).resolves.toBe('rtl');
    await expectAccessible(page, 'confirmation (ar)');
    applied.caseId = new URL(page.url()).pathname.split('/').pop()!;
    applied.caseNumber = caseNumber!;
    await page.context().close();
  });

  it('a caseworker opens the case from the queue and refuses it with a motivation; the letter is made', async () => {
    if (!applied.caseId) throw new Error('needs the application of the step before');
    const { caseId, caseNumber } = applied;
    harness.testApp.clock.set('2026-12-15T10:00:00Z');
    caseworker = await harness.newPage({ viewport: { width: 1280, height: 900 } });
    await signInAs(caseworker, 'sara', '/handlaggning');
    // The register does not know her number, so the rules leave the case to a caseworker.
    await reloadUntil(caseworker, `a[href="/handlaggning/arenden/${caseId}"]`);
    await expectAccessible(caseworker, 'caseworker queue');
    await Promise.all([
      caseworker.waitForURL((url) => url.pathname === `/handlaggning/arenden/${caseId}`),
      caseworker.getByRole('link', { name: caseNumber }).click(),
    ]);
    await expect(caseworker.locator('h1').innerText()).resolves.toContain(caseNumber);
    await expectAccessible(caseworker, 'caseworker case page before the decision');

    const decide = caseworker.locator('section', { has: caseworker.locator('#decide-heading') });
    await decide.getByRole('radio', { name: staff.t('decide.refuse') }).check();
    await decide.getByLabel(staff.t('decide.motivation')).fill(MOTIVATION);
    await Promise.all([
      caseworker.waitForResponse((r) => r.url().endsWith(`/${caseId}/beslut`)),
      decide.getByRole('button', { name: staff.t('decide.submit') }).click(),
    ]);
    await caseworker.waitForLoadState('load');
    await expect(caseworker.locator('main').innerText()).resolves.toContain(staff.t('decide.done'));
    await expectAccessible(caseworker, 'caseworker case page after the refusal');
    // The workers write the decision letter: it appears among the case's documents.
    await reloadUntil(caseworker, `#documents-heading ~ * a[href^="/handlaggning/arenden/${caseId}/dokument/"]`);
  });

  it('the letter waits in the print queue; a batch is made, downloaded with her address, and posted on a Friday', async () => {
    const { caseNumber } = applied;
    if (!caseworker) throw new Error('needs the refusal of the step before');
    harness.testApp.clock.set('2026-12-18T13:00:00Z'); // Friday
    // Another working day: her session of Tuesday has ended, so she signs in again.
    await signInAs(caseworker, 'sara', '/handlaggning/utskrift');
    await expect(caseworker.locator('h1').innerText()).resolves.toBe(print.t('title'));
    // Hers is the only letter going by post: the seeded demo cases send none.
    await expect(caseworker.locator('#pending').innerText()).resolves.toBe(print.t('pending', { count: 1 }));
    await expectAccessible(caseworker, 'print queue with a letter waiting');
    await expectReflowAt320(caseworker, 'print queue with a letter waiting');

    await Promise.all([backToQueue(caseworker), caseworker.getByRole('button', { name: print.t('create') }).click()]);
    await expect(caseworker.locator('main').innerText()).resolves.toContain(print.t('created', { count: 1 }));
    await expect(caseworker.locator('#pending').innerText()).resolves.toBe(print.t('pending.none'));
    await expectAccessible(caseworker, 'print queue with a batch');

    const batch = caseworker.locator('li.smb-print-batch').first();
    const link = batch.getByRole('link', { name: new RegExp(`^${print.t('batches.download')}`) });
    const href = (await link.getAttribute('href'))!;
    const response = await caseworker.context().request.get(href);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toBe('application/pdf');
    const [download] = await Promise.all([caseworker.waitForEvent('download'), link.click()]);
    const bytes = await readFile((await download.path())!);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = flattenText((await readPdf(bytes)).pages.join('\n'));
    // The cover sheet lists the case; her letter prints the address she gave, c/o first.
    expect(text).toContain(caseNumber);
    expect(text).toContain('Rania Exempelsdotter');
    expect(text).toContain(`c/o ${ADDRESS.careOf}`);
    expect(text).toContain(ADDRESS.street);
    expect(text).toContain(`${ADDRESS.postalCode} ${ADDRESS.city}`);
    expect(text).toContain(MOTIVATION);

    await Promise.all([
      backToQueue(caseworker),
      batch.getByRole('button', { name: print.t('batches.markPosted') }).click(),
    ]);
    // Posted on Friday 18 December: two working days later is Tuesday 22 December (over the weekend).
    await expect(caseworker.locator('main').innerText()).resolves.toContain(
      print.t('posted', { date: '22 december 2026' }),
    );
    await expect(caseworker.locator('li.smb-print-batch').first().innerText()).resolves.toContain(
      print.t('batches.posted'),
    );
    await expect(
      caseworker
        .locator('li.smb-print-batch')
        .first()
        .getByRole('button', { name: print.t('batches.markPosted') })
        .count(),
    ).resolves.toBe(0);
    await expectAccessible(caseworker, 'print queue after posting');
    await expectReflowAt320(caseworker, 'print queue after posting');
  });

  it('her appeal arrives on paper and is registered in time: the case shows its text, the days and the verdict', async () => {
    const { caseId } = applied;
    if (!caseworker) throw new Error('needs the steps before');
    harness.testApp.clock.set('2027-01-08T09:30:00Z'); // Friday, the appeal arrived the day before
    await signInAs(caseworker, 'sara', `/handlaggning/arenden/${caseId}`);
    await expectAccessible(caseworker, 'caseworker case page, refused and posted');
    const form = caseworker.locator(`form[action="/handlaggning/arenden/${caseId}/overklagande/registrera"]`);
    const arrivedOn = form.getByRole('group', { name: staff.t('paperAppeal.arrivedOn') }).getByRole('textbox');
    await arrivedOn.nth(0).fill('7');
    await arrivedOn.nth(1).fill('1');
    await arrivedOn.nth(2).fill('2027');
    await form.getByLabel(staff.t('paperAppeal.text'), { exact: true }).fill(APPEAL_TEXT);
    await Promise.all([
      caseworker.waitForURL(/#appeal$/),
      form.getByRole('button', { name: staff.t('paperAppeal.submit') }).click(),
    ]);
    const main = await caseworker.locator('main').innerText();
    expect(main).toContain(staff.t('paperAppeal.done'));
    const appeal = caseworker.locator('#appeal');
    const shown = await appeal.innerText();
    expect(shown).toContain('أطعن في القرار. أسكن في مالمو منذ أكتوبر.');
    expect(shown).toContain('Jag överklagar beslutet. Jag bor i Malmö sedan oktober.');
    expect(await appeal.locator('time[datetime="2026-12-22"]').innerText()).toBe('22 december 2026');
    expect(await appeal.locator('time[datetime="2027-01-12"]').innerText()).toBe('12 januari 2027');
    expect(shown).toContain(staff.t('appeal.onTime'));
    // It came in on paper on the 7th: a day, no time of day.
    expect(await appeal.locator('time[datetime="2027-01-07"]').innerText()).toBe('7 januari 2027');
    expect(shown).toContain(staff.t('appeal.cardTitle', { date: '7 januari 2027' }));
    // The address the letter went to, c/o line included, is the one the caseworker reads.
    expect(main).toContain(`c/o ${ADDRESS.careOf}, ${ADDRESS.street}, ${ADDRESS.postalCode} ${ADDRESS.city}`);
    await expectAccessible(caseworker, 'caseworker case page with the paper appeal');
    await expectReflowAt320(caseworker, 'caseworker case page with the paper appeal');
  });

  it('the caseworker forwards the appeal to Skolväsendets överklagandenämnd; the case file downloads as a PDF', async () => {
    const { caseId, caseNumber } = applied;
    if (!caseworker) throw new Error('needs the steps before');
    const forward = caseworker.locator(`form[action="/handlaggning/arenden/${caseId}/overklagande/overlamning"]`);
    const body = 'Skolväsendets överklagandenämnd';
    await expect(caseworker.locator('#forward-heading').innerText()).resolves.toBe(
      staff.t('forward.heading', { body }),
    );
    await forward.getByRole('checkbox', { name: staff.t('forward.confirm', { body }) }).check();
    await Promise.all([
      caseworker.waitForResponse((r) => r.url().endsWith('/overklagande/overlamning')),
      forward.getByRole('button', { name: staff.t('forward.submit') }).click(),
    ]);
    await caseworker.waitForLoadState('load');
    await expect(caseworker.locator('main').innerText()).resolves.toContain(staff.t('forward.done'));
    await expect(caseworker.locator('#appeal-actions-heading').count()).resolves.toBe(0);
    const appeal = caseworker.locator('#appeal');
    await expect(appeal.innerText()).resolves.toContain(staff.t('appeal.state.forwarded', { date: '8 januari 2027' }));
    await expectAccessible(caseworker, 'caseworker case page after forwarding');
    await expectReflowAt320(caseworker, 'caseworker case page after forwarding');

    const caseFile = appeal.getByRole('link', { name: staff.t('appeal.caseFile'), exact: true });
    const response = await caseworker.context().request.get((await caseFile.getAttribute('href'))!);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toBe('application/pdf');
    const bytes = await response.body();
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = flattenText((await readPdf(bytes)).pages.join('\n'));
    // The cover letter to the board, the case and her appeal in her own words.
    expect(text).toContain('Skolväsendets överklagandenämnd');
    expect(text).toContain(caseNumber);
    expect(text).toContain('Rania Exempelsdotter');
    expect(text).toContain('Jag överklagar beslutet. Jag bor i Malmö sedan oktober.');
  });
});
