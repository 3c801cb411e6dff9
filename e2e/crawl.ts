/**
 * The accessibility crawl: a browser signed in as one role visits every page it can reach and
 * checks each against the rules every page must keep. What it visits, breadth-first:
 *
 *   1. the start page, then every GET route of the app's route table (`app.routeTable`) that the
 *      role may call by its `config.access`, with the example parameters the route declares
 *      (`config.examples`, else values derived from its schemas — test/harness/examples.ts) and,
 *      for a route that acts on one person's object (`config.owner`), an object made by the
 *      route's owner fixture (test/harness/fixtures.ts): owned by the visitor, or by a resident
 *      when the visitor's role is among `owner.othersMay` (a caseworker opening a case);
 *   2. every same-site link found on a visited page.
 *
 * URLs are de-duplicated by pattern: the route they match (`/cases/:id`) plus the names of their
 * query parameters (values, `lang` and `returnTo` ignored), so a list of a hundred cases costs
 * one visit.
 * Never visited: sign-out, the OIDC protocol URLs (`/auth/oidc/*`, `/dev/idp/*`), assets, the
 * bearer-token API (`/api/v1/*`). Each URL is asked for with HEAD first: responses that are not
 * HTML (CSV, PDF, JSON) are noted, not opened. Forms are never submitted, except GET forms (filters) with JavaScript disabled.
 *
 * On each page (rule ids in brackets, as failures name them):
 *   [http-5xx] the page did not fail;            [axe:<rule>] axe, WCAG 2.1 A and AA;
 *   [html-lang] <html lang> present, valid BCP 47 and one of the platform's languages;
 *   [html-dir] dir="rtl" exactly for Arabic and Persian;
 *   [one-h1] exactly one <h1>;                  [title] a non-empty <title>;
 *   [skip-link] a link to #main-content, and an element with that id;
 *   [reflow] at 320 CSS pixels wide (400 % zoom of 1280) the page does not scroll sideways
 *     (WCAG 1.4.10): a wide table scrolls inside its own region instead (ScrollRegion);
 *   [focus-visible] the first two elements reached with Tab show a visible focus indicator
 *     (a box-shadow, background or opaque outline that differs from the unfocused state);
 *   [html-valid] the HTML the server sends is valid (the Nu Html Checker, vnu-jar, errors only;
 *     it needs a Java runtime, as in CI);
 *   [no-js-form] every form works without JavaScript: it is in the HTML the server sends, with
 *     a submit button; a GET form, submitted in a browser with JavaScript disabled, leads to a
 *     page that does not fail; a POST form has an action and a CSRF field (it is not submitted:
 *     that would change data); nothing relies on `javascript:` URLs.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createRequire } from 'node:module';
import type { BrowserContext, Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { isAllowed, type User } from '../src/platform/auth/roles.ts';
import { findUserByUsername } from '../src/platform/auth/user.repository.ts';
import { CSRF_FIELD } from '../src/platform/http/csrf.ts';
import { routeName, type RouteTableEntry } from '../src/platform/http/route-contract.ts';
import { ALL_LOCALES } from '../src/platform/i18n/locales.ts';
import { examplesFor, fillUrl } from '../test/harness/examples.ts';
import { fixtureFor } from '../test/harness/fixtures.ts';
import { harnessRoutes, queryString } from '../test/harness/routes.ts';
import { AXE_TAGS, signInAs, type Harness } from './harness.ts';

/** The roles the crawl signs in as, each in the language its pages are read in. */
export interface CrawlRole {
  /** Role name used in failure messages. */
  role: string;
  /** Demo user, or null for an anonymous visitor. */
  username: string | null;
  /**
   * The browser's language. Spread over the roles so the crawl also sees English and a
   * right-to-left language (a resident in Arabic) without visiting every page seven times.
   */
  locale: string;
}

export const CRAWL_ROLES: readonly CrawlRole[] = [
  { role: 'anonymous', username: null, locale: 'sv-SE' },
  { role: 'resident', username: 'amina', locale: 'ar' },
  { role: 'employee', username: 'erik', locale: 'en-GB' },
  { role: 'caseworker', username: 'sara', locale: 'sv-SE' },
  { role: 'civic-lab', username: 'johan', locale: 'en-GB' },
  { role: 'admin', username: 'admin', locale: 'sv-SE' },
];

/** axe-core's browser build, the same copy @axe-core/playwright uses. */
const fromAxePlaywright = createRequire(createRequire(import.meta.url).resolve('@axe-core/playwright'));
const AXE_SOURCE = readFileSync(fromAxePlaywright.resolve('axe-core/axe.min.js'), 'utf8');
/** The Nu Html Checker (vnu-jar's main export is the path of its jar). */
const vnuJar = String(createRequire(import.meta.url)('vnu-jar'));
const execFileAsync = promisify(execFile);

/**
 * axe (WCAG 2.1 A + AA, the same tags as expectAccessible) run inside the page. Loaded by an init
 * script in the crawl's contexts: @axe-core/playwright injects the 500 KB source after every load
 * and finishes each run in a second, blank page, which made a page's check take seconds; for
 * pages without frames the result is the same.
 */
async function axeViolations(page: Page): Promise<{ id: string; help: string; targets: string[] }[]> {
  return page.evaluate(async (tags) => {
    const axe = (
      window as unknown as {
        axe: {
          run(
            context: Document,
            options: object,
          ): Promise<{ violations: { id: string; help: string; nodes: { target: unknown[] }[] }[] }>;
        };
      }
    ).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      help: v.help,
      targets: v.nodes.map((n) => n.target.map(String).join(' ')),
    }));
  }, AXE_TAGS);
}

/** The width WCAG 1.4.10 (reflow) asks content to fit without scrolling sideways. */
export const REFLOW_WIDTH = 320;

/** How far the page scrolls sideways at REFLOW_WIDTH, and the widest elements that make it. */
async function reflowOverflow(page: Page): Promise<{ scrollWidth: number; clientWidth: number; culprits: string[] }> {
  const viewport = page.viewportSize();
  await page.setViewportSize({ width: REFLOW_WIDTH, height: viewport?.height ?? 720 });
  try {
    return await page.evaluate(() => {
      const root = document.documentElement;
      const width = root.clientWidth;
      // Elements sticking out of the page or their own box (a long word), outside scroll regions
      // (whose content may be wide).
      const culprits = [...document.body.querySelectorAll('*')]
        .filter((el) => {
          const scroller = el.parentElement?.closest('.smb-table-scroll');
          if (scroller) return false;
          const rect = el.getBoundingClientRect();
          const overflows = el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX === 'visible';
          return rect.width > 0 && (rect.right > width + 1 || rect.left < -1 || overflows);
        })
        .slice(-3)
        .map((el) => `${el.tagName.toLowerCase()}${el.className ? `.${String(el.className).split(' ')[0]}` : ''}`);
      return { scrollWidth: root.scrollWidth, clientWidth: width, culprits };
    });
  } finally {
    if (viewport) await page.setViewportSize(viewport);
  }
}

/** Never visited: they end the session, run a protocol, or are not pages. */
const EXCLUDED_PREFIXES = ['/auth/sign-out', '/auth/oidc/', '/dev/idp/', '/assets/', '/api/v1/'];

export interface CrawlFailure {
  role: string;
  url: string;
  /** The route the URL matched (`GET /cases/:id`), when it matched one. */
  route: string | undefined;
  rule: string;
  detail: string;
}

export interface CrawlVisit {
  url: string;
  pattern: string;
  status: number;
  /** How the crawl found the URL: from the route table, or a link on `from`. */
  via: 'route' | 'link' | 'start';
  from?: string;
  /** Set when the response was not an HTML page (so it was not checked). */
  notChecked?: string;
}

export interface CrawlReport {
  role: string;
  visits: CrawlVisit[];
  failures: CrawlFailure[];
  /** Routes the role may call that could not be visited (e.g. a fixture failed). */
  unreachable: { route: string; reason: string }[];
  /** Distinct forms checked, and how many of them (GET) were submitted without JavaScript. */
  forms: { checked: number; submittedWithoutJs: number };
  ms: number;
}

export interface CrawlOptions {
  /** Hard limit on pages per role; reaching it is a failure (coverage would silently shrink). */
  maxPages?: number;
  /** Runs each page visit; lets the caller bound how many pages load at once across roles. */
  limit?: <T>(task: () => Promise<T>) => Promise<T>;
  /** Only URLs whose path passes this are visited (default: all); the crawl's own test uses it. */
  include?: (pathname: string) => boolean;
  /** Called after each visit (progress; CRAWL_DEBUG=1 in the test logs it). */
  onVisit?: (visit: CrawlVisit, ms: number) => void;
}

interface QueueItem {
  url: string;
  via: CrawlVisit['via'];
  from?: string;
  route?: RouteTableEntry;
}

/** A route URL as a matcher: `:param` matches one segment, `*` the rest. */
function routeMatcher(entry: RouteTableEntry): { entry: RouteTableEntry; regex: RegExp; specificity: number } {
  const segments = entry.url.split('/').filter(Boolean);
  const pattern = segments
    .map((s) => (s === '*' ? '.*' : s.startsWith(':') ? '[^/]+' : s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return {
    entry,
    regex: new RegExp(`^/${pattern}/?$`),
    specificity: segments.filter((s) => !s.startsWith(':') && s !== '*').length,
  };
}

/** Matches paths to GET routes the way Fastify would prefer them: the most static segments wins. */
export function routeFinder(app: FastifyInstance): (pathname: string) => RouteTableEntry | undefined {
  const matchers = harnessRoutes(app)
    .filter((e) => e.method === 'GET')
    .map(routeMatcher)
    .sort((a, b) => b.specificity - a.specificity);
  return (pathname) => matchers.find((m) => m.regex.test(pathname))?.entry;
}

/** Query parameters that only say where a page was reached from or in which language: not a different page. */
const CONTEXT_PARAMS = new Set(['lang', 'returnTo']);

/** `/cases/:id?page&status`: the route (or the path) and the sorted names of the query parameters, without `lang` and `returnTo`. */
export function patternOf(url: URL, route: RouteTableEntry | undefined): string {
  const keys = [...new Set([...url.searchParams.keys()].filter((k) => !CONTEXT_PARAMS.has(k)))].sort();
  return (route?.url ?? url.pathname) + (keys.length > 0 ? `?${keys.join('&')}` : '');
}

function excluded(pathname: string): boolean {
  return EXCLUDED_PREFIXES.some((prefix) => pathname === prefix.replace(/\/$/, '') || pathname.startsWith(prefix));
}

/** The URL to visit for a route as this user, or why it cannot be visited. */
async function urlForRoute(
  harness: Harness,
  entry: RouteTableEntry,
  user: User | null,
  resident: User,
): Promise<{ url: string } | { reason: string }> {
  const examples = examplesFor(entry);
  if (examples.missing.length > 0)
    return { reason: `no example for ${examples.missing.join(', ')} (declare config.examples)` };
  let params = examples.params;
  let query = examples.query;
  const owner = entry.config.owner;
  if (owner) {
    // The visitor's own object; staff allowed to act on others' objects open a resident's.
    const objectOwner = user && owner.othersMay && isAllowed(owner.othersMay, user) ? resident : user;
    // A public page of an owner's object (a receipt) is visited anonymously with its example: what a stranger gets.
    if (!objectOwner && entry.config.access !== 'public')
      return { reason: 'acts on an owner’s object but the visitor is anonymous' };
    if (objectOwner) {
      const { app, config, database, clock } = harness.testApp;
      try {
        const object = await fixtureFor(routeName(entry), owner.fixture)(
          { db: database.db, app, config, now: clock() },
          objectOwner,
        );
        params = { ...params, ...object.params };
        query = { ...query, ...object.query };
      } catch (error) {
        return {
          reason: `owner fixture "${owner.fixture}" failed for ${objectOwner.username}: ${(error as Error).message}`,
        };
      }
    }
  }
  const search = queryString(query);
  return { url: fillUrl(entry.url, params) + (search ? `?${search}` : '') };
}

interface PageFacts {
  lang: string | null;
  dir: string | null;
  h1: number;
  title: string;
  skipLink: boolean;
  mainContent: boolean;
  links: string[];
  javascriptUrls: string[];
  forms: { method: string; action: string | null; csrf: boolean; submit: boolean; index: number }[];
}

/** Everything the checks need from the page's DOM, in one round trip. */
async function pageFacts(page: Page): Promise<PageFacts> {
  return page.evaluate((csrfField) => {
    const forms = [...document.querySelectorAll('form')].map((form, index) => ({
      index,
      method: (form.getAttribute('method') ?? 'get').toLowerCase(),
      action: form.getAttribute('action'),
      csrf: !!form.querySelector(`input[type="hidden"][name="${csrfField}"][value]:not([value=""])`),
      submit: !!form.querySelector(
        'button:not([type]), button[type="submit"], input[type="submit"], input[type="image"]',
      ),
    }));
    const javascriptUrls = [
      ...document.querySelectorAll(
        '[href^="javascript:" i], form[action^="javascript:" i], [formaction^="javascript:" i]',
      ),
    ].map((el) => el.outerHTML.slice(0, 120));
    return {
      lang: document.documentElement.getAttribute('lang'),
      dir: document.documentElement.getAttribute('dir'),
      h1: document.querySelectorAll('h1').length,
      title: document.title.trim(),
      skipLink: !!document.querySelector('a[href="#main-content"]'),
      mainContent: !!document.getElementById('main-content'),
      links: [...document.querySelectorAll('a[href]')]
        .filter((a) => !a.hasAttribute('download'))
        .map((a) => (a as HTMLAnchorElement).href),
      javascriptUrls,
      forms,
    };
  }, CSRF_FIELD);
}

/** A well-formed BCP 47 tag (Intl throws on malformed ones) that is one of the platform's languages. */
function isValidLang(lang: string | null): boolean {
  if (!lang) return false;
  try {
    return Intl.getCanonicalLocales(lang).length === 1 && (ALL_LOCALES as readonly string[]).includes(lang);
  } catch {
    return false;
  }
}

/** The forms in server-rendered HTML (our markup is well-formed and forms do not nest). */
export function formsInHtml(html: string): { method: string; action: string | null; csrf: boolean; submit: boolean }[] {
  const attribute = (attrs: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`, 'i').exec(attrs)?.[1];
  return [...html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)].map(([, attrs = '', body = '']) => ({
    method: (attribute(attrs, 'method') ?? 'get').toLowerCase(),
    action: attribute(attrs, 'action')?.replace(/&amp;/g, '&') ?? null,
    csrf: new RegExp(
      `<input\\b(?=[^>]*type="hidden")(?=[^>]*name="${CSRF_FIELD}")(?=[^>]*value="[^"]+")[^>]*>`,
      'i',
    ).test(body),
    submit: /<button\b(?![^>]*type="(?:button|reset)")[^>]*>|<input\b[^>]*type="(?:submit|image)"/i.test(body),
  }));
}

interface FocusStyle {
  element: string;
  visible: boolean;
  outline: { style: string; width: number; color: string };
  boxShadow: string;
  background: string;
}

/**
 * Tabs to the first two focusable elements and compares each one's focused style with its
 * unfocused style (after blur). GOV.UK's focus: yellow background and a dark box-shadow.
 */
async function focusProblems(page: Page): Promise<string[]> {
  const styleOf = (marker: string | null) =>
    page.evaluate((mark) => {
      const el = (
        mark ? document.querySelector(`[data-crawl-focus="${mark}"]`) : document.activeElement
      ) as HTMLElement | null;
      if (!el || el === document.body) return null;
      const cs = getComputedStyle(el);
      const rect = el.getBoundingClientRect();
      const text = (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 30);
      return {
        element: `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.getAttribute('href') ? `[href="${el.getAttribute('href')}"]` : ''} "${text}"`,
        visible: rect.width >= 2 && rect.height >= 2,
        outline: { style: cs.outlineStyle, width: parseFloat(cs.outlineWidth) || 0, color: cs.outlineColor },
        boxShadow: cs.boxShadow,
        background: cs.backgroundColor,
      };
    }, marker) as Promise<FocusStyle | null>;

  const focused: FocusStyle[] = [];
  for (const mark of ['1', '2']) {
    await page.keyboard.press('Tab');
    const style = await styleOf(null);
    if (!style) return focused.length === 0 ? ['Tab reaches no element'] : [];
    await page.evaluate((m) => document.activeElement?.setAttribute('data-crawl-focus', m), mark);
    focused.push(style);
  }
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  const problems: string[] = [];
  for (const [i, style] of focused.entries()) {
    const unfocused = await styleOf(String(i + 1));
    if (!unfocused) continue;
    const transparent = (color: string) => /rgba\(.*,\s*0\)$/.test(color) || color === 'transparent';
    const outline = style.outline.style !== 'none' && style.outline.width >= 1 && !transparent(style.outline.color);
    const changed =
      (style.boxShadow !== 'none' && style.boxShadow !== unfocused.boxShadow) ||
      (style.background !== unfocused.background && !transparent(style.background)) ||
      (outline && JSON.stringify(style.outline) !== JSON.stringify(unfocused.outline));
    if (!style.visible) problems.push(`focused element ${i + 1} (${style.element}) is not visible when focused`);
    else if (!changed)
      problems.push(
        `focused element ${i + 1} (${style.element}) looks the same focused and unfocused (box-shadow ${style.boxShadow}, background ${style.background}, outline ${style.outline.style} ${style.outline.width}px ${style.outline.color})`,
      );
  }
  return problems;
}

/**
 * Crawls as one role and returns everything it saw and every failure; throws only when signing
 * in fails. Pages are visited one at a time in this role's browser context (through
 * `options.limit` when given, to bound the pages open across roles).
 */
export async function crawlAs(harness: Harness, who: CrawlRole, options: CrawlOptions = {}): Promise<CrawlReport> {
  const started = performance.now();
  const maxPages = options.maxPages ?? 150;
  const limit = options.limit ?? (<T>(task: () => Promise<T>) => task());
  const report: CrawlReport = {
    role: who.role,
    visits: [],
    failures: [],
    unreachable: [],
    forms: { checked: 0, submittedWithoutJs: 0 },
    ms: 0,
  };
  const { app, database } = harness.testApp;
  const findRoute = routeFinder(app);
  const user = who.username ? ((await findUserByUsername(database.db, who.username)) ?? null) : null;
  const resident = (await findUserByUsername(database.db, 'amina'))!;

  const context = await harness.newContext({ locale: who.locale });
  await context.addInitScript(AXE_SOURCE);
  const page = await context.newPage();
  if (who.username) await limit(() => signInAs(page, who.username!));
  // The same cookies in a browser without JavaScript, for the form checks.
  const noJs: BrowserContext = await harness.newContext({
    locale: who.locale,
    javaScriptEnabled: false,
    storageState: await context.storageState(),
  });
  const noJsPage = await noJs.newPage();

  const seen = new Set<string>();
  const queue: QueueItem[] = [];
  const enqueue = (item: QueueItem) => {
    const url = new URL(item.url, harness.baseUrl);
    if (url.origin !== harness.baseUrl || excluded(url.pathname) || (options.include && !options.include(url.pathname)))
      return;
    url.hash = '';
    const pattern = patternOf(url, item.route ?? findRoute(url.pathname));
    if (seen.has(pattern)) return;
    seen.add(pattern);
    queue.push({ ...item, url: url.pathname + url.search });
  };
  const served: { url: string; route: RouteTableEntry | undefined; html: string }[] = [];
  const fail = (url: string, route: RouteTableEntry | undefined, rule: string, detail: string) =>
    report.failures.push({ role: who.role, url, route: route ? routeName(route) : undefined, rule, detail });

  enqueue({ url: '/', via: 'start' });
  for (const entry of harnessRoutes(app)) {
    if (entry.method !== 'GET' || !entry.config.access || !isAllowed(entry.config.access, user)) continue;
    if (excluded(entry.url.replace(/\*.*$/, '')) || (options.include && !options.include(entry.url))) continue;
    const target = await urlForRoute(harness, entry, user, resident);
    if ('reason' in target) report.unreachable.push({ route: routeName(entry), reason: target.reason });
    else enqueue({ url: target.url, via: 'route', route: entry });
  }

  const checkedForms = new Set<string>();
  while (queue.length > 0) {
    if (report.visits.length >= maxPages) {
      fail(
        queue[0]!.url,
        undefined,
        'crawl-limit',
        `${maxPages} pages visited and ${queue.length} still queued: raise maxPages (coverage must not shrink silently)`,
      );
      break;
    }
    const item = queue.shift()!;
    const visitStarted = performance.now();
    await limit(async () => {
      const route = item.route ?? findRoute(new URL(item.url, harness.baseUrl).pathname);
      try {
        await visitPage(item, route);
      } catch (error) {
        // A page that hangs or a check that cannot run is a failure of that page, not of the crawl.
        fail(item.url, route, 'crawl-error', (error as Error).message.split('\n')[0]!);
      }
    });
    options.onVisit?.(report.visits.at(-1)!, Math.round(performance.now() - visitStarted));
  }

  async function visitPage(item: QueueItem, route: RouteTableEntry | undefined): Promise<void> {
    const visit: CrawlVisit = {
      url: item.url,
      pattern: patternOf(new URL(item.url, harness.baseUrl), route),
      status: 0,
      via: item.via,
      ...(item.from ? { from: item.from } : {}),
    };
    report.visits.push(visit);
    // Ask first (HEAD, no browser): only HTML pages are opened, not JSON, CSV or PDF.
    const head = await context.request.fetch(item.url, { method: 'HEAD', maxRedirects: 5 });
    const type = head.headers()['content-type'] ?? '';
    await head.dispose();
    if (!type.startsWith('text/html')) {
      visit.status = head.status();
      if (visit.status >= 500) fail(item.url, route, 'http-5xx', `answered ${visit.status}`);
      visit.notChecked = `not a page (${type.split(';')[0] || 'no content type'})`;
      return;
    }
    const response = await page.goto(item.url);
    visit.status = response?.status() ?? 0;
    const url = new URL(page.url()).pathname + new URL(page.url()).search;
    if (visit.status >= 500) fail(url, route, 'http-5xx', `answered ${visit.status}`);
    // As the server sent it, for the HTML validator at the end (one Java start for every page).
    if (response) served.push({ url, route, html: await response.text() });
    const facts = await pageFacts(page);
    await checkPage(page, url, route, facts);
    for (const href of facts.links) enqueue({ url: href, via: 'link', from: url });
    if (facts.forms.length > 0) await checkForms(url, route, facts);
  }

  async function checkPage(
    page: Page,
    url: string,
    route: RouteTableEntry | undefined,
    facts: PageFacts,
  ): Promise<void> {
    for (const v of await axeViolations(page)) fail(url, route, `axe:${v.id}`, `${v.help} — ${v.targets.join(', ')}`);
    if (!isValidLang(facts.lang))
      fail(
        url,
        route,
        'html-lang',
        `<html lang="${facts.lang ?? ''}"> is missing, invalid or not one of ${ALL_LOCALES.join(', ')}`,
      );
    else if ((facts.dir === 'rtl') !== ['ar', 'fa'].includes(facts.lang!))
      fail(url, route, 'html-dir', `lang="${facts.lang}" with dir="${facts.dir ?? ''}"`);
    if (facts.h1 !== 1) fail(url, route, 'one-h1', `${facts.h1} <h1> elements`);
    if (!facts.title) fail(url, route, 'title', 'empty <title>');
    if (!facts.skipLink) fail(url, route, 'skip-link', 'no link to #main-content');
    else if (!facts.mainContent)
      fail(url, route, 'skip-link', 'the skip link targets #main-content, which does not exist');
    for (const problem of await focusProblems(page)) fail(url, route, 'focus-visible', problem);
    const reflow = await reflowOverflow(page);
    if (reflow.scrollWidth > reflow.clientWidth)
      fail(
        url,
        route,
        'reflow',
        `scrolls sideways at ${REFLOW_WIDTH} px: ${reflow.scrollWidth} px wide in a ${reflow.clientWidth} px window (${reflow.culprits.join(', ') || 'no element sticks out: look for positioned content'})`,
      );
  }

  async function checkForms(url: string, route: RouteTableEntry | undefined, facts: PageFacts): Promise<void> {
    for (const html of facts.javascriptUrls) fail(url, route, 'no-js-form', `relies on a javascript: URL: ${html}`);
    const forms = facts.forms.filter((f) => !checkedForms.has(`${f.method} ${f.action ?? url}`));
    if (forms.length === 0) return;
    // The forms as the server sent them, before any script ran: what a browser without
    // JavaScript gets. (Read from the HTML, not a second browser page: a third of the time.)
    const served = await context.request.get(url);
    const servedForms = formsInHtml(await served.text());
    await served.dispose();
    for (const form of forms) {
      checkedForms.add(`${form.method} ${form.action ?? url}`);
      report.forms.checked++;
      const label = `form ${form.index + 1} (${form.method.toUpperCase()} ${form.action ?? '(this page)'})`;
      const raw = servedForms.find((f) => f.method === form.method && f.action === form.action);
      if (!raw) {
        fail(url, route, 'no-js-form', `${label} is not in the page the server sends: a script makes it`);
        continue;
      }
      if (!raw.submit)
        fail(url, route, 'no-js-form', `${label} has no submit button: it cannot be sent without JavaScript`);
      if (raw.method === 'post') {
        if (!raw.action) fail(url, route, 'no-js-form', `${label} has no action`);
        if (!raw.csrf) fail(url, route, 'no-js-form', `${label} has no ${CSRF_FIELD} field with a token`);
      } else if (raw.method === 'get' && raw.submit) {
        // A filter or search: submitted as it is, in a browser without JavaScript, it must lead
        // to a working page.
        await noJsPage.goto(url);
        const button = noJsPage
          .locator('form')
          .nth(form.index)
          .locator('button:not([type]), button[type="submit"], input[type="submit"], input[type="image"]')
          .first();
        const [response] = await Promise.all([noJsPage.waitForNavigation(), button.click()]);
        report.forms.submittedWithoutJs++;
        const status = response?.status() ?? 0;
        if (status >= 500 || status === 0)
          fail(url, route, 'no-js-form', `${label} submitted without JavaScript answered ${status || 'nothing'}`);
      }
    }
  }

  await noJs.close();
  await context.close();
  for (const problem of await htmlValidationErrors(served.map((page) => page.html)))
    fail(served[problem.page]!.url, served[problem.page]!.route, 'html-valid', problem.message);
  report.ms = Math.round(performance.now() - started);
  return report;
}

/**
 * The Nu Html Checker's errors in pages (vnu-jar, run once for all of them with the Java
 * runtime): each with the index of its page, its line and the checker's message.
 */
export async function htmlValidationErrors(pages: readonly string[]): Promise<{ page: number; message: string }[]> {
  if (pages.length === 0) return [];
  const dir = mkdtempSync(join(tmpdir(), 'smb-vnu-'));
  try {
    const files = pages.map((html, i) => {
      const file = join(dir, `${i}.html`);
      writeFileSync(file, html);
      return file;
    });
    const { stderr } = await execFileAsync(
      'java',
      ['-jar', vnuJar, '--errors-only', '--exit-zero-always', '--format', 'json', ...files],
      { maxBuffer: 64 * 1024 * 1024 },
    );
    const report = JSON.parse(stderr) as {
      messages: { url?: string; type: string; message: string; lastLine?: number; extract?: string }[];
    };
    return report.messages
      .filter((m) => m.type === 'error' || m.type === 'non-document-error')
      .map((m) => ({
        page: Number(/(\d+)\.html$/.exec(m.url ?? '')?.[1] ?? -1),
        message: `line ${m.lastLine ?? '?'}: ${m.message}${m.extract ? ` — ${m.extract.trim().slice(0, 120)}` : ''}`,
      }))
      .filter((m) => m.page >= 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One line per failure: role, URL, route, rule and what was wrong. */
export function formatFailures(failures: readonly CrawlFailure[]): string {
  return failures
    .map((f) => `[${f.role}] ${f.url}${f.route ? ` (${f.route})` : ''} — ${f.rule}: ${f.detail}`)
    .join('\n');
}
