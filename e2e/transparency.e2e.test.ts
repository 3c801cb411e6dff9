import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorsOf, expectAccessible, startHarness, type Harness } from './harness.ts';

// "Så fattas besluten" in a real browser: axe-clean in Swedish, English and Arabic (right to
// left, the rule files' texts translated, legal references marked Swedish), and usable without
// JavaScript.

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
});

afterAll(async () => {
  await harness?.close();
});

describe('the public page "Så fattas besluten"', () => {
  it.each([
    ['sv', '/sa-fattas-besluten', 'ltr'],
    ['ar', '/sa-fattas-besluten?lang=ar', 'rtl'],
  ] as const)('the index in %s is axe-clean and leads to the SFI rules', async (locale, url, dir) => {
    const page = await harness.newPage();
    expect((await page.goto(url))?.status()).toBe(200);
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual([
      locale,
      dir,
    ]);
    await expectAccessible(page, `transparency index (${locale})`);
    await Promise.all([
      page.waitForURL(/\/sa-fattas-besluten\/sfi/),
      page.locator('a[href="/sa-fattas-besluten/sfi"]').click(),
    ]);
    expect(await page.locator('h1').innerText()).not.toBe('');
    expect(errorsOf(page)).toEqual([]);
  });

  it.each([
    ['sv', '/sa-fattas-besluten/sfi', 'Rätt till sfi: varje rad som stämmer ger ett skäl'],
    ['ar', '/sa-fattas-besluten/sfi?lang=ar', 'الحق في SFI: كل صف ينطبق يعطي سببًا'],
    ['en', '/sa-fattas-besluten/sfi?lang=en', 'The right to SFI: each row that is true gives a reason'],
  ] as const)(
    'the SFI rule set page in %s is axe-clean, its tables captioned in that language',
    async (locale, url, caption) => {
      const page = await harness.newPage();
      expect((await page.goto(url))?.status()).toBe(200);
      // One table per rule-set version shown (2025, 2026-01-01, 2026-12-07).
      await expect(page.locator('table caption', { hasText: caption }).count()).resolves.toBe(3);
      await expectAccessible(page, `SFI rules (${locale})`);
      expect(errorsOf(page)).toEqual([]);
    },
  );

  it('works without JavaScript: every table is there and the details open natively', async () => {
    const page = await harness.newPage({ javaScriptEnabled: false });
    expect((await page.goto('/sa-fattas-besluten/sfi'))?.status()).toBe(200);
    // Both versions, each with its tables: the rights table and the study-path table.
    expect(await page.locator('table.govuk-table').count()).toBeGreaterThanOrEqual(1 + 2 * 2);
    const row = page.locator('tr', { has: page.locator('th code', { hasText: 'rad-02' }) }).first();
    await expect(row.innerText()).resolves.toContain('NOT_ENTITLED_RESIDENCE');
    const details = page.locator('details.govuk-details').first();
    await details.locator('summary').click();
    expect(await details.evaluate((element) => (element as HTMLDetailsElement).open)).toBe(true);
  });

  it.each([
    ['sv', '/sa-fattas-besluten/sfi/prova', 'Ansökan skulle avslås.'],
    ['ar', '/sa-fattas-besluten/sfi/prova?lang=ar', 'سيُرفض الطلب.'],
  ] as const)('"Prova själv" in %s is axe-clean, the form and the rules’ decision', async (locale, url, refused) => {
    const page = await harness.newPage();
    expect((await page.goto(url))?.status()).toBe(200);
    await expectAccessible(page, `Prova själv (${locale})`);
    await page.locator('input[name="residenceBasis"][value="asylum-seeker"]').check();
    await Promise.all([page.waitForURL(/prova/), page.locator('main form button.govuk-button').click()]);
    await expect(page.locator('#result-outcome').innerText()).resolves.toContain(refused);
    await expect(page.locator('#matched-rows').innerText()).resolves.toContain('rad-02');
    await expectAccessible(page, `Prova själv, result (${locale})`);
    expect(errorsOf(page)).toEqual([]);
  });

  it('"Prova själv" works without JavaScript', async () => {
    const page = await harness.newPage({ javaScriptEnabled: false });
    expect((await page.goto('/sa-fattas-besluten/sfi/prova'))?.status()).toBe(200);
    await page.locator('input[name="residenceBasis"][value="eu-free-movement"]').check();
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      page.locator('main form button.govuk-button').click(),
    ]);
    expect(response.status()).toBe(200);
    await expect(page.locator('#result-outcome').innerText()).resolves.toContain(
      'En handläggare skulle pröva ansökan.',
    );
  });
});
