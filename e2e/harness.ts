/**
 * Browser-test harness: the real app (createTestApp → the same buildApp as production, on a fresh
 * PGlite database, with built assets) listening on a local port, and Debian's Chromium driven by
 * playwright-core. Nothing is downloaded: set CHROMIUM_PATH or install `apt-get install -y chromium`.
 *
 * Journeys take pages from `harness.newPage()` (each in its own browser context, so cookies never
 * leak between journeys) and end with `expectAccessible(page, name)`.
 *
 * Sign-in journeys use `signInAs(page, username)`: it clicks through `/auth/sign-in`, picks the
 * user in the dev identity provider and waits to be back on the app. The app's BASE_URL is the
 * real listening address (see startHarness), so OIDC redirects come back to this server.
 */
import { accessSync, constants, existsSync } from 'node:fs';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { DEMO_USERS } from '../src/platform/seed/demo-users.ts';
import { createTestApp, type CreateTestAppOptions, type TestApp } from '../test/helpers/app.ts';
import { freePort } from '../test/harness/server-process.ts';

const root = join(import.meta.dirname, '..');

/** The flags that make Debian's Chromium quiet and offline in a container (tech-notes.md). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** WCAG 2.1 A and AA — what the accessibility statement promises. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export function chromiumPath(): string {
  const candidate = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  try {
    accessSync(candidate, constants.X_OK);
  } catch {
    throw new Error(
      `Chromium not found at ${candidate}: install it with \`apt-get install -y chromium\` or set CHROMIUM_PATH.`,
    );
  }
  return candidate;
}

export interface Harness {
  /** http://127.0.0.1:<port> — also the app's BASE_URL. */
  baseUrl: string;
  testApp: TestApp;
  browser: Browser;
  /** A fresh browser context (own cookies, locale sv-SE) with `baseURL` set, so `page.goto('/')` works. */
  newContext(options?: BrowserContextOptions): Promise<BrowserContext>;
  /** A page in a fresh context; console errors and CSP violations are collected in `errorsOf(page)`. */
  newPage(options?: BrowserContextOptions): Promise<Page>;
  close(): Promise<void>;
}

const pageErrors = new WeakMap<Page, string[]>();

/** Console errors, uncaught exceptions and CSP violations seen on the page so far. */
export function errorsOf(page: Page): string[] {
  return pageErrors.get(page) ?? [];
}

/**
 * Starts the app and the browser. The port is chosen before the app is built so that BASE_URL
 * (used for OIDC redirect URIs and absolute links) is the address the browser really talks to.
 */
export async function startHarness(options: Omit<CreateTestAppOptions, 'engine'> = {}): Promise<Harness> {
  if (!existsSync(join(root, 'public', 'build', 'app.css'))) {
    throw new Error('Built assets are missing: run `npm run build:assets` (npm test does it in pretest).');
  }
  const executablePath = chromiumPath();
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const testApp = await createTestApp({
    ...options,
    config: { BASE_URL: baseUrl, PORT: String(port), ...options.config },
    deps: { assetsDir: join(root, 'public', 'build'), ...options.deps },
  });
  await testApp.app.listen({ port, host: '127.0.0.1' });
  let browser: Browser;
  try {
    browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  } catch (error) {
    await testApp.close();
    throw error;
  }
  const contexts: BrowserContext[] = [];

  const harness: Harness = {
    baseUrl,
    testApp,
    browser,
    async newContext(contextOptions = {}) {
      // @axe-core/playwright needs pages from an explicit context, not browser.newPage().
      // A Swedish browser by default (Chromium would otherwise send Accept-Language: en-US).
      const context = await browser.newContext({ baseURL: baseUrl, locale: 'sv-SE', ...contextOptions });
      contexts.push(context);
      return context;
    },
    async newPage(contextOptions = {}) {
      const context = await harness.newContext(contextOptions);
      const page = await context.newPage();
      const errors: string[] = [];
      pageErrors.set(page, errors);
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      page.on('pageerror', (error) => errors.push(error.message));
      return page;
    },
    async close() {
      for (const context of contexts) await context.close().catch(() => undefined);
      await browser.close().catch(() => undefined);
      await testApp.close();
    },
  };
  return harness;
}

/**
 * Runs axe (WCAG 2.1 A + AA) on the page as it is now; throws naming the page and, for every
 * violation, its rule id and the CSS targets of the offending elements.
 */
export async function expectAccessible(page: Page, name: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  if (results.violations.length === 0) return;
  const lines = results.violations.map((v) => {
    const targets = v.nodes.map((n) => n.target.map(String).join(' ')).join(', ');
    return `  - ${v.id} (${v.impact ?? 'n/a'}): ${v.help} — ${targets}`;
  });
  throw new Error(`Accessibility violations on "${name}" (${page.url()}):\n${lines.join('\n')}`);
}

/**
 * Presses Tab until the element matching `selector` has focus (at most `limit` presses), as a
 * keyboard-only user would reach it. Throws if it never gets focus (unreachable by keyboard).
 */
export async function tabTo(page: Page, selector: string, limit = 40): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector);
    if (focused) return;
  }
  throw new Error(`"${selector}" could not be reached with ${limit} presses of Tab`);
}

/** A `waitForURL` predicate: the path is `pathname` and `?lang=` is `lang` (globs treat `?` as a wildcard). */
export function urlWithLang(pathname: string, lang: string): (url: URL) => boolean {
  return (url) => url.pathname === pathname && url.searchParams.get('lang') === lang;
}

/**
 * Signs in as a demo user the way a person does: the sign-in page, the button for the user's
 * audience (resident e-ID or staff account), the dev identity provider's user picker, and back
 * to `returnTo`. Throws if the app does not show the person as signed in afterwards.
 */
export async function signInAs(page: Page, username: string, returnTo = '/'): Promise<void> {
  const user = DEMO_USERS.find((u) => u.username === username);
  if (!user) throw new Error(`"${username}" is not a demo user (${DEMO_USERS.map((u) => u.username).join(', ')})`);
  const audience = user.kind === 'resident' ? 'resident' : 'staff';
  await page.goto(`/auth/sign-in?returnTo=${encodeURIComponent(returnTo)}`);
  await Promise.all([
    page.waitForURL((url) => url.pathname.startsWith('/dev/idp/interaction/')),
    page.locator(`a[href^="/auth/oidc/${audience}/start"]`).click(),
  ]);
  await Promise.all([
    page.waitForURL((url) => url.pathname === new URL(returnTo, 'http://x').pathname),
    page.locator(`button[name="username"][value="${username}"]`).click(),
  ]);
  if ((await page.locator('form[action="/auth/sign-out"]').count()) === 0) {
    throw new Error(`signing in as ${username} did not end signed in (at ${page.url()})`);
  }
}

/** Reloads the page until `selector` is on it (the workers are asynchronous); throws after `ms`. */
export async function reloadUntil(page: Page, selector: string, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while ((await page.locator(selector).count()) === 0) {
    if (Date.now() > deadline)
      throw new Error(
        `"${selector}" did not appear on ${page.url()} within ${ms} ms; the page says:\n${(await page.locator('main').innerText()).slice(0, 1500)}`,
      );
    await new Promise((r) => setTimeout(r, 300));
    await page.reload();
  }
}

/** How far the document is wider than the window: 0 when nothing scrolls sideways. */
export async function sidewaysOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}
