import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CRAWL_ROLES, crawlAs, formatFailures, type CrawlReport } from './crawl.ts';
import { startHarness, type Harness } from './harness.ts';

/**
 * The crawl proves itself: on a deliberately broken page (test-only routes on the real app) it
 * fails with one line per problem naming the role, the page, its route and the rule — for every
 * rule it checks. The real pages are crawled in crawl.e2e.test.ts.
 */
const BROKEN_PAGE = `<!DOCTYPE html>
<html>
<head><title> </title><link rel="stylesheet" href="/test/crawl/broken.css"></head>
<body>
  <a href="/test/crawl/no-focus-style">First link</a> <a href="/test/crawl/fails">Second link</a>
  <h1>One</h1><h1>Two</h1>
  <img src="/assets/logo.svg">
  <a href="javascript:void(0)">Script link</a>
  <form method="get" action="/test/crawl/fails"><input name="q" aria-label="Search"></form>
  <form method="post" action="/test/crawl/broken"><button>Send</button></form>
  <p class="too-wide">Too wide for a phone</p>
</body>
</html>`;

function brokenRoutes(app: FastifyInstance): void {
  app.get('/test/crawl/broken', { config: { access: 'public' } }, async (_request, reply) =>
    reply.type('text/html; charset=utf-8').send(BROKEN_PAGE),
  );
  // Links lose every focus indicator (GOV.UK's yellow included, were it loaded); a paragraph is wider than a phone.
  app.get('/test/crawl/broken.css', { config: { access: 'public' } }, async (_request, reply) =>
    reply
      .type('text/css')
      .send(
        'a:focus, a:focus-visible { outline: none; box-shadow: none; background: none; } .too-wide { width: 600px; }',
      ),
  );
  app.get('/test/crawl/fails', { config: { access: 'public' } }, async () => {
    throw new Error('deliberate failure for the crawl test');
  });
}

let harness: Harness;
let report: CrawlReport;

beforeAll(async () => {
  harness = await startHarness({ routes: brokenRoutes });
  report = await crawlAs(harness, CRAWL_ROLES[0]!, {
    include: (path) => path.startsWith('/test/crawl/') && !path.endsWith('.css'),
  });
}, 120_000);

afterAll(async () => {
  await harness?.close();
});

describe('the accessibility crawl itself', () => {
  it('names the role, the page, its route and the rule for every problem on a broken page', () => {
    const lines = formatFailures(report.failures).split('\n');
    const on = (rule: string) =>
      lines.filter((l) => l.startsWith('[anonymous] /test/crawl/broken (GET /test/crawl/broken) — ' + rule));
    expect(on('axe:image-alt').length, lines.join('\n')).toBe(1);
    expect(on('axe:html-has-lang').length).toBe(1);
    expect(on('html-lang:').length).toBe(1);
    expect(on('one-h1: 2 <h1> elements').length).toBe(1);
    expect(on('title: empty <title>').length).toBe(1);
    expect(on('skip-link: no link to #main-content').length).toBe(1);
    expect(on('focus-visible:').length).toBe(2);
    expect(on('no-js-form: relies on a javascript: URL').length).toBe(1);
    expect(on('no-js-form: form 1 (GET /test/crawl/fails) has no submit button').length).toBe(1);
    expect(on('no-js-form: form 2 (POST /test/crawl/broken) has no _csrf field').length).toBe(1);
    expect(on('reflow: scrolls sideways at 320 px').length).toBe(1);
    // The HTML validator: an img without alt is invalid HTML too, not only an axe violation.
    expect(
      on('html-valid:').some((l) => l.includes('“img” element must have an “alt” attribute')),
      lines.join('\n'),
    ).toBe(true);
  });

  it('reports a linked page that fails with a server error', () => {
    expect(report.failures).toContainEqual(
      expect.objectContaining({ url: '/test/crawl/fails', route: 'GET /test/crawl/fails', rule: 'http-5xx' }),
    );
  });

  it('visits each URL pattern once and never a sign-out or protocol URL', () => {
    const urls = report.visits.map((v) => v.url);
    expect(new Set(report.visits.map((v) => v.pattern)).size).toBe(urls.length);
    expect(urls.filter((u) => /^\/(auth\/sign-out|auth\/oidc|dev\/idp)/.test(u))).toEqual([]);
  });
});
