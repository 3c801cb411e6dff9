import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appeal, decideManually, getMyCase } from '../src/modules/e-services/index.ts';
import { exampleApplication } from '../src/modules/sfi/sfi-application.schema.ts';
import { createApiToken } from '../src/platform/auth/tokens.ts';
import { findUserByUsername } from '../src/platform/auth/user.repository.ts';
import { expectAccessible, type Harness, reloadUntil, sidewaysOverflow, signInAs, startHarness } from './harness.ts';

/**
 * The caseworker's screens as a person sees them, on a phone-sized screen (320 CSS px, WCAG
 * 1.4.10: nothing scrolls sideways) and a desktop one: the case list and a refused case with a
 * late appeal, with a real rule trace (the app's workers run the SFI pipeline on an API
 * application; the refusal and the appeal are made through the services).
 */

let harness: Harness;
let caseId: string;
let caseNumber: string;

async function caseworkerAt(width: number): Promise<Page> {
  const page = await harness.newPage({ viewport: { width, height: 800 } });
  await signInAs(page, 'sara', '/handlaggning');
  return page;
}

beforeAll(async () => {
  harness = await startHarness({ config: { JOB_POLL_SECONDS: '0.5' } });
  await harness.testApp.jobs.work();
  const { db } = harness.testApp.database;
  // oleksandr is not in the synthetic population register: the rules send his application to a caseworker.
  const oleksandr = (await findUserByUsername(db, 'oleksandr'))!;
  const sara = (await findUserByUsername(db, 'sara'))!;
  const token = (await createApiToken(db, oleksandr.id, 'e2e')).token;
  const response = await fetch(`${harness.baseUrl}/api/v1/e-services/sfi/applications`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'idempotency-key': randomUUID(), 'content-type': 'application/json' },
    body: JSON.stringify(
      exampleApplication({
        contact: { email: 'oleksandr@example.test' },
        languages: ['uk', 'ryska', 'engelska'],
        adaptationNeeds: 'Jag behöver sitta nära tavlan eftersom jag ser dåligt på långt håll.',
      }),
    ),
  });
  const answer = (await response.json()) as { caseId: string; caseNumber: string };
  expect(response.status, JSON.stringify(answer)).toBe(202);
  ({ caseId, caseNumber } = answer);
  const page = await caseworkerAt(1280);
  await page.goto('/handlaggning?status=in_progress');
  await reloadUntil(page, `a[href="/handlaggning/arenden/${caseId}"]`);
  const now = harness.testApp.clock();
  await decideManually(
    {
      db,
      notifier: harness.testApp.notifier,
      baseUrl: harness.baseUrl,
      municipalityName: harness.testApp.config.MUNICIPALITY_NAME,
    },
    {
      caseId,
      outcome: 'refuse',
      motivation: 'Sökanden har inte visat att hen bor i kommunen.',
      caseworker: sara,
      now,
    },
  );
  // He reads the refusal on My pages the day it is made; his appeal comes a month later, late.
  await getMyCase(db, { userId: oleksandr.id, caseId, now });
  await appeal(db, {
    userId: oleksandr.id,
    caseId,
    text: 'Я живу в Мальме з жовтня.\nJag har bott i Malmö sedan oktober och skickar ett personbevis.',
    now: new Date(now.getTime() + 30 * 86_400_000),
  });
}, 60_000);

afterAll(async () => {
  await harness?.close();
});

describe('the caseworker’s screens at 320 and 1280 px', () => {
  for (const width of [320, 1280]) {
    it(`the case list does not scroll sideways at ${width} px and is accessible`, async () => {
      const page = await caseworkerAt(width);
      await page.goto('/handlaggning?status=all');
      await expect(page.locator('#queue').innerText()).resolves.toContain(caseNumber);
      expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
      await expectAccessible(page, `caseworker queue at ${width} px`);
    });

    it(`a case with an appeal does not scroll sideways at ${width} px, reads in words and is accessible`, async () => {
      const page = await caseworkerAt(width);
      await page.goto(`/handlaggning/arenden/${caseId}`);
      expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
      const appealText = await page.locator('#appeal').innerText();
      expect(appealText).toContain('Я живу в Мальме з жовтня.');
      expect(appealText).toContain('Nej, överklagandet kom in för sent');
      const main = await page.locator('main').innerText();
      expect(main).toContain('Födelsedatum');
      expect(main).toContain('ukrainska, ryska, engelska');
      expect(main).not.toContain('{"');
      expect(main).not.toContain('applicant.');
      await expectAccessible(page, `caseworker case with an appeal at ${width} px`);
    });
  }
});
