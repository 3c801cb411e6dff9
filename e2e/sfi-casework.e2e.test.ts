import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { myPagesTranslator } from '../src/modules/e-services/my-pages.i18n.ts';
import { caseworkerTranslator } from '../src/modules/e-services/caseworker.i18n.ts';
import { exampleApplication } from '../src/modules/sfi/sfi-application.schema.ts';
import { createApiToken } from '../src/platform/auth/tokens.ts';
import { findUserByUsername } from '../src/platform/auth/user.repository.ts';
import { expectAccessible, type Harness, reloadUntil, signInAs, startHarness } from './harness.ts';

/**
 * The caseworker's side of the SFI e-service and what the applicant sees of it: a manual case
 * decided in the workspace reaches the applicant (e-mail in the dev outbox, decision and letter
 * on My pages), and a refused applicant appeals from My pages. The applications themselves come
 * in through the JSON API with the resident's token (the form is walked in sfi-application.e2e);
 * the app's own pg-boss workers run the pipeline, polling often, on the harness's fake clock.
 */

let harness: Harness;
let token: string;
let caseworker: Page;
let applicant: Page;
const sv = myPagesTranslator('sv');
const staff = caseworkerTranslator('sv');
/** A folder to save screenshots of the appealed case page in (320 and 1280 px wide); none: no screenshots. */
const SCREENSHOTS = process.env.E2E_SCREENSHOTS;

beforeAll(async () => {
  harness = await startHarness({ config: { JOB_POLL_SECONDS: '0.5' } });
  await harness.testApp.jobs.work();
  // oleksandr is not in the synthetic population register: the rules send his application to a caseworker.
  const oleksandr = (await findUserByUsername(harness.testApp.database.db, 'oleksandr'))!;
  token = (await createApiToken(harness.testApp.database.db, oleksandr.id, 'e2e')).token;
  caseworker = await harness.newPage();
  await signInAs(caseworker, 'sara', '/handlaggning');
  applicant = await harness.newPage();
  await signInAs(applicant, 'oleksandr', '/mina-sidor');
});

afterAll(async () => {
  await harness?.close();
});

/** Oleksandr applies (e-ID, through the API) and the workers send the case to the caseworker queue. */
async function manualCase(): Promise<{ caseId: string; caseNumber: string }> {
  const response = await fetch(`${harness.baseUrl}/api/v1/e-services/sfi/applications`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'idempotency-key': randomUUID(), 'content-type': 'application/json' },
    // e-ID brokers give no e-mail address, so the applicant types one, as in the form's contact page.
    body: JSON.stringify(exampleApplication({ contact: { email: 'oleksandr@example.test' } })),
  });
  const answer = (await response.json()) as { caseId: string; caseNumber: string };
  expect(response.status, JSON.stringify(answer)).toBe(202);
  const { caseId, caseNumber } = answer;
  await caseworker.goto('/handlaggning?status=in_progress');
  await reloadUntil(caseworker, `a[href="/handlaggning/arenden/${caseId}"]`);
  return { caseId, caseNumber };
}

/** Sara opens the case in the workspace and decides it with a written motivation, keyboard and mouse as a person would. */
async function decide(caseId: string, outcome: 'admit' | 'refuse', motivation: string): Promise<void> {
  await caseworker.goto(`/handlaggning/arenden/${caseId}`);
  await expectAccessible(caseworker, 'caseworker case view');
  const form = caseworker.locator(`form[action="/handlaggning/arenden/${caseId}/beslut"]`);
  await form.locator(`input[name="outcome"][value="${outcome}"]`).check();
  await form.locator('textarea[name="motivation"]').fill(motivation);
  await Promise.all([
    caseworker.waitForLoadState('load'),
    caseworker.waitForResponse((r) => r.url().endsWith(`/${caseId}/beslut`)),
    form.locator('button').click(),
  ]);
  await expect(caseworker.locator('main').innerText()).resolves.toContain(staff.t('decide.done'));
  await expectAccessible(caseworker, 'caseworker case view after the decision');
}

describe('SFI casework in the browser', () => {
  it('a caseworker admits a manual case with a motivation; the applicant is e-mailed (dev outbox) and reads the decision and the letter on My pages', async () => {
    const { caseId, caseNumber } = await manualCase();
    await decide(caseId, 'admit', 'Folkbokföringen i kommunen är styrkt med personbevis.');

    // The notification: an e-mail in the outbox (the e-mail fake in dev), naming the case, not the reasons.
    await caseworker.goto('/dev/outbox');
    const outbox = await caseworker.locator('main').innerText();
    expect(outbox).toContain(sv.t('email.decided.subject', { caseNumber }));
    expect(outbox).toContain('oleksandr@example.test');
    expect(outbox).not.toContain('styrkt med personbevis'); // the motivation stays on My pages
    await expectAccessible(caseworker, 'dev outbox');

    await applicant.goto('/mina-sidor');
    await Promise.all([
      applicant.waitForURL((url) => url.pathname === `/mina-sidor/arenden/${caseId}`),
      applicant.locator(`a[href="/mina-sidor/arenden/${caseId}"]`).click(),
    ]);
    await expect(applicant.locator('#decision-outcome').innerText()).resolves.toBe(sv.t('decision.outcome.admit'));
    await expect(applicant.locator('#decision').innerText()).resolves.toContain('styrkt med personbevis');
    await expect(applicant.locator('#messages').innerText()).resolves.toContain(
      sv.t('system.decided', { outcome: sv.t('decision.outcome.admit') }),
    );
    // The follow-up jobs the decision enqueued: enrolment (an invitation message) and the decision letter.
    await reloadUntil(applicant, `a[href^="/mina-sidor/arenden/${caseId}/dokument/"]`);
    await expectAccessible(applicant, 'My pages case decided by a caseworker');
  });

  it('a refused applicant appeals from My pages; the appeal reaches the caseworker queue', async () => {
    const { caseId, caseNumber } = await manualCase();
    await decide(caseId, 'refuse', 'Du är inte folkbokförd i kommunen och har inte visat att du bor här.');

    await applicant.goto(`/mina-sidor/arenden/${caseId}`);
    await expect(applicant.locator('#decision-outcome').innerText()).resolves.toBe(sv.t('decision.outcome.refuse'));
    await expectAccessible(applicant, 'My pages refusal with the appeal form');
    const form = applicant.locator(`form[action="/mina-sidor/arenden/${caseId}/overklagande"]`);
    await form.locator('textarea[name="text"]').fill('Jag är folkbokförd här sedan oktober; personbevis bifogas.');
    await Promise.all([
      applicant.waitForResponse((r) => r.url().endsWith(`/${caseId}/overklagande`)),
      form.locator('button').click(),
    ]);
    await applicant.waitForLoadState('load');
    await expect(applicant.locator('main').innerText()).resolves.toContain(sv.t('appeal.pending'));
    await expect(applicant.locator(`form[action="/mina-sidor/arenden/${caseId}/overklagande"]`).count()).resolves.toBe(
      0,
    );
    await expectAccessible(applicant, 'My pages after the appeal');

    await caseworker.goto('/handlaggning?status=appealed');
    const row = caseworker.locator('tr', { has: caseworker.locator(`a[href="/handlaggning/arenden/${caseId}"]`) });
    await expect(row.innerText()).resolves.toContain(caseNumber);
    await expectAccessible(caseworker, 'caseworker queue of appeals');

    // The caseworker reconsiders without changing the decision, then forwards the appeal (46 §).
    await caseworker.goto(`/handlaggning/arenden/${caseId}`);
    await expect(caseworker.locator('#appeal-actions-heading').innerText()).resolves.toBe(staff.t('appeal.actions'));
    await expectAccessible(caseworker, 'caseworker case page with the appeal actions');
    const viewport = caseworker.viewportSize();
    for (const width of [320, 1280]) {
      await caseworker.setViewportSize({ width, height: 900 });
      // Nothing may scroll sideways at 320 px (WCAG 1.4.10), the applicant's other cases included.
      await expect(caseworker.evaluate(() => document.documentElement.scrollWidth)).resolves.toBe(width);
      if (!SCREENSHOTS) continue;
      await caseworker.screenshot({ path: `${SCREENSHOTS}/appealed-case-${width}.png`, fullPage: true });
      await caseworker.locator('#appeal').screenshot({ path: `${SCREENSHOTS}/appeal-${width}.png` });
      await caseworker
        .locator('section.smb-appeal-actions')
        .screenshot({ path: `${SCREENSHOTS}/appeal-actions-${width}.png` });
    }
    if (viewport) await caseworker.setViewportSize(viewport);
    const reconsider = caseworker.locator(`form[action="/handlaggning/arenden/${caseId}/overklagande/omprovning"]`);
    await reconsider.locator('input[name="change"][value="no"]').check();
    await reconsider.locator('textarea[name="motivation"]').fill('Folkbokföringen visar fortfarande en annan kommun.');
    await reconsider.locator('input[name="confirmReconsider"]').check();
    await Promise.all([caseworker.waitForURL(/#appeal$/), reconsider.locator('button').click()]);
    await expect(caseworker.locator('main').innerText()).resolves.toContain(staff.t('reconsider.doneKept'));
    const forward = caseworker.locator(`form[action="/handlaggning/arenden/${caseId}/overklagande/overlamning"]`);
    await forward.locator('input[name="confirmForward"]').check();
    await Promise.all([
      caseworker.waitForResponse((r) => r.url().endsWith('/overklagande/overlamning')),
      forward.locator('button').click(),
    ]);
    await caseworker.waitForLoadState('load');
    await expect(caseworker.locator('main').innerText()).resolves.toContain(staff.t('forward.done'));
    await expect(caseworker.locator('#appeal-actions-heading').count()).resolves.toBe(0);
    await expect(caseworker.locator('#appeal').innerText()).resolves.toContain(staff.t('appeal.caseFile'));
    await expectAccessible(caseworker, 'caseworker case page after forwarding the appeal');
  });
});
