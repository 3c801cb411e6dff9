import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CRAWL_ROLES, crawlAs, formatFailures, type CrawlReport } from './crawl.ts';
import { startHarness, type Harness } from './harness.ts';

/**
 * The accessibility crawl (e2e/crawl.ts) for every role: each test fails with one line per
 * problem, naming the role, the page, its route and the rule. A new page is covered without
 * touching this file: it is in the route table, or linked from a page that is.
 */
let harness: Harness;
const reports: CrawlReport[] = [];

/** At most this many pages load at once over all roles (a 2-core CI machine runs the server too). */
const PARALLEL_PAGES = 3;
let active = 0;
const waiting: (() => void)[] = [];
async function limit<T>(task: () => Promise<T>): Promise<T> {
  if (active >= PARALLEL_PAGES) await new Promise<void>((resolve) => waiting.push(resolve));
  active++;
  try {
    return await task();
  } finally {
    active--;
    waiting.shift()?.();
  }
}

beforeAll(async () => {
  harness = await startHarness();
});

afterAll(async () => {
  // What the crawl covered, for the CI log: pages per role, and what it could not check.
  for (const r of reports) {
    const checked = r.visits.filter((v) => !v.notChecked).length;
    // Routes visited with their examples that answered 4xx: checked (error pages must be
    // accessible too) but a sign that the route's examples do not reach its normal page.
    const routeErrors = r.visits
      .filter((v) => v.via === 'route' && v.status >= 400)
      .map((v) => `${v.status} ${v.pattern}`);
    console.log(
      JSON.stringify({
        crawl: r.role,
        pages: checked,
        notPages: r.visits.length - checked,
        forms: r.forms,
        routeErrors,
        unreachable: r.unreachable,
        failures: r.failures.length,
        seconds: Math.round(r.ms / 100) / 10,
      }),
    );
  }
  await harness?.close();
});

describe('accessibility crawl', () => {
  it.concurrent.each(CRAWL_ROLES.map((r) => [r.role, r] as const))(
    'as %s: every reachable page is axe-clean (WCAG 2.1 AA), has lang, one h1, a skip link, a title and visible focus, reflows at 320 px, and its forms work without JavaScript',
    async (_name, role) => {
      const report = await crawlAs(harness, role, {
        limit,
        // CRAWL_DEBUG=1: one line per visit with its time, to see where a slow crawl spends it.
        ...(process.env.CRAWL_DEBUG
          ? {
              onVisit: (v, ms) =>
                console.log(`[${role.role}] ${ms} ms ${v.status} ${v.via} ${v.url} ${v.notChecked ?? ''}`),
            }
          : {}),
      });
      reports.push(report);
      expect(report.visits.filter((v) => !v.notChecked).length, 'pages checked').toBeGreaterThan(2);
      if (report.failures.length > 0)
        throw new Error(
          `The crawl as ${role.role} found ${report.failures.length} problem(s):\n${formatFailures(report.failures)}`,
        );
      // A route the role may call but the crawl cannot open is a coverage gap, named here.
      expect(report.unreachable, 'routes the crawl could not visit').toEqual([]);
    },
    // Generous: on a quiet 2-core machine the whole crawl takes about a minute; a busy one
    // (other jobs on the same cores) stretches every page, and a timeout would hide the report.
    600_000,
  );
});
