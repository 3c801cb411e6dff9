import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { platformCatalogs } from '../src/platform/i18n/catalogs/index.ts';
import { errorsOf, expectAccessible, startHarness, tabTo, urlWithLang, type Harness } from './harness.ts';

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
});

afterAll(async () => {
  await harness?.close();
});

async function htmlAttributes(page: Page): Promise<{ lang: string | null; dir: string | null }> {
  return page.evaluate(() => ({
    lang: document.documentElement.getAttribute('lang'),
    dir: document.documentElement.getAttribute('dir'),
  }));
}

describe('public pages', () => {
  it.each([
    ['sv', '/', 'ltr'],
    ['en', '/?lang=en', 'ltr'],
    ['ar', '/?lang=ar', 'rtl'],
  ] as const)(
    'the start page in %s has the right lang and direction, loads its CSS and script, and is axe-clean',
    async (locale, url, dir) => {
      const page = await harness.newPage();
      const response = await page.goto(url);
      expect(response?.status()).toBe(200);
      expect(await htmlAttributes(page)).toEqual({ lang: locale, dir });
      await expect(page.locator('h1').innerText()).resolves.toContain(
        platformCatalogs[locale]['home.title'].split('{')[0]!.trim(),
      );
      // The stylesheet applied (GOV.UK's template sets the body margin to 0) — so CSP let it through.
      expect(await page.evaluate(() => getComputedStyle(document.body).margin)).toBe('0px');
      await expectAccessible(page, `start page (${locale})`);
      expect(errorsOf(page)).toEqual([]);
    },
  );

  it('switching language with the keyboard only (Tab, Enter) keeps you on the same page', async () => {
    const page = await harness.newPage();
    await page.goto('/tillganglighet');
    expect((await htmlAttributes(page)).lang).toBe('sv');

    await tabTo(page, 'a[hreflang="en"]');
    await Promise.all([page.waitForURL(urlWithLang('/tillganglighet', 'en')), page.keyboard.press('Enter')]);
    expect(new URL(page.url()).pathname).toBe('/tillganglighet');
    expect(await htmlAttributes(page)).toEqual({ lang: 'en', dir: 'ltr' });

    await tabTo(page, 'a[hreflang="ar"]');
    await Promise.all([page.waitForURL(urlWithLang('/tillganglighet', 'ar')), page.keyboard.press('Enter')]);
    expect(await htmlAttributes(page)).toEqual({ lang: 'ar', dir: 'rtl' });

    // The choice is remembered: the next page, without ?lang, is still in Arabic.
    await page.goto('/api/docs');
    expect((await htmlAttributes(page)).lang).toBe('ar');
    await expectAccessible(page, 'API docs after switching to Arabic by keyboard');
    expect(errorsOf(page)).toEqual([]);
  });

  it('the skip link is the first thing a keyboard user reaches and moves focus to the main content', async () => {
    const page = await harness.newPage();
    await page.goto('/');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('href'))).toBe('#main-content');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main-content');
  });

  it('the accessibility statement is axe-clean', async () => {
    const page = await harness.newPage();
    expect((await page.goto('/tillganglighet'))?.status()).toBe(200);
    await expect(page.locator('h1').innerText()).resolves.toBe('Tillgänglighetsredogörelse');
    await expectAccessible(page, 'accessibility statement');
    expect(errorsOf(page)).toEqual([]);
  });

  it('the API documentation page is axe-clean and links the OpenAPI document', async () => {
    const page = await harness.newPage();
    expect((await page.goto('/api/docs?lang=en'))?.status()).toBe(200);
    expect(await page.locator('a[href="/api/v1/openapi.json"]').count()).toBe(1);
    await expectAccessible(page, 'API docs');
    expect(errorsOf(page)).toEqual([]);
  });

  it('the 404 page is axe-clean and shows the request id', async () => {
    const page = await harness.newPage({ locale: 'en-GB' });
    const response = await page.goto('/this-page-does-not-exist');
    expect(response?.status()).toBe(404);
    expect((await htmlAttributes(page)).lang).toBe('en');
    const requestId = await response!.headerValue('x-request-id');
    await expect(page.locator('.smb-request-id').innerText()).resolves.toContain(requestId!);
    await expectAccessible(page, '404 page');
  });

  it('the start page works without JavaScript', async () => {
    const page = await harness.newPage({ javaScriptEnabled: false });
    const response = await page.goto('/');
    expect(response?.status()).toBe(200);
    await expect(page.locator('h1').isVisible()).resolves.toBe(true);
    // Sign-in is a plain link, and the language links are plain links: nothing needs a script.
    expect(await page.locator('a[href^="/auth/sign-in"]').count()).toBeGreaterThan(0);
    await Promise.all([page.waitForURL(urlWithLang('/', 'en')), page.locator('a[hreflang="en"]').click()]);
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
  });
});

describe('the accessibility check itself', () => {
  it('fails naming the page, each violated rule and the offending element', async () => {
    const page = await harness.newPage();
    await page.setContent(
      '<!DOCTYPE html><html><head><title>Fixture</title></head><body><main><img src="/assets/logo.svg"></main></body></html>',
    );
    const error = await expectAccessible(page, 'broken fixture').then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error?.message).toContain('"broken fixture"');
    expect(error?.message).toContain('image-alt');
    expect(error?.message).toMatch(/image-alt .* — img/);
    expect(error?.message).toContain('html-has-lang');
  });
});
