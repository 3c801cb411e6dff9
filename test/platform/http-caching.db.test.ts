import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import CachePolicy from 'http-cache-semantics';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { sessionCookieFor } from '../helpers/sessions.ts';

/**
 * What a cache in front of the platform may keep (issue 14): public pages for anonymous visitors,
 * with no cookie, a strong ETag and 304 on If-None-Match; never anything for a signed-in person.
 */
describe('caching', () => {
  let t: TestApp;
  beforeAll(async () => {
    // A build of its own, so the versioned links are there whether or not assets were built.
    const assetsDir = mkdtempSync(join(tmpdir(), 'smb-assets-'));
    writeFileSync(join(assetsDir, 'app.css'), 'body { color: #0b0c0c }');
    writeFileSync(join(assetsDir, 'app.js'), 'export {};');
    t = await createTestApp({ deps: { assetsDir } });
  });
  afterAll(async () => t.close());

  it('public pages for an anonymous visitor: no cookie, shared-cacheable, an ETag, and 304 when unchanged', async () => {
    for (const url of ['/', '/sa-fattas-besluten', '/sa-fattas-besluten/sfi', '/tillganglighet', '/api/docs']) {
      const page = await t.app.inject({ method: 'GET', url });
      expect(page.statusCode, url).toBe(200);
      expect(page.headers['set-cookie'], url).toBeUndefined();
      expect(page.headers['cache-control'], url).toMatch(/^public, max-age=\d+/);
      expect(String(page.headers.vary), url).toContain('Cookie');
      const etag = String(page.headers.etag);
      expect(etag, url).toMatch(/^"[^"]+"$/);
      const again = await t.app.inject({ method: 'GET', url, headers: { 'if-none-match': etag } });
      expect(again.statusCode, url).toBe(304);
      expect(again.body, url).toBe('');
    }
  });

  it('links the stylesheet and script by their content version, immutable for a year; unversioned for an hour', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/' });
    const css = /href="(\/assets\/app\.css\?v=[\w-]+)"/.exec(page.body)?.[1];
    const js = /src="(\/assets\/app\.js\?v=[\w-]+)"/.exec(page.body)?.[1];
    expect(css).toBeDefined();
    expect(js).toBeDefined();
    for (const url of [css!, js!]) {
      const asset = await t.app.inject({ method: 'GET', url });
      expect(asset.statusCode, url).toBe(200);
      expect(asset.headers['cache-control'], url).toBe('public, max-age=31536000, immutable');
    }
    // A module script is deferred already: no defer attribute (the HTML validator's error).
    expect(page.body).not.toMatch(/<script type="module"[^>]*defer/);
    const plain = await t.app.inject({ method: 'GET', url: '/assets/app.css' });
    expect(plain.headers['cache-control']).toBe('public, max-age=3600');
    const stale = await t.app.inject({ method: 'GET', url: '/assets/app.css?v=an-older-build' });
    expect(stale.headers['cache-control']).toBe('public, max-age=3600');
  });

  it('a page with a form gets its CSRF cookie and is not shared-cacheable', async () => {
    const form = await t.app.inject({ method: 'GET', url: '/sa-fattas-besluten/sfi/prova' });
    expect(form.statusCode).toBe(200);
    expect(String(form.headers['set-cookie'])).toContain('smb_csrf=');
    expect(form.headers['cache-control']).toBe('private, no-cache');
  });

  it('nothing for a signed-in person is ever public, the start page included; errors and forms sent are not stored', async () => {
    const cookies = await sessionCookieFor(t, 'amina');
    for (const url of ['/', '/sa-fattas-besluten']) {
      const page = await t.app.inject({ method: 'GET', url, cookies });
      expect(page.statusCode, url).toBe(200);
      expect(page.headers['cache-control'], url).toBe('private, no-cache');
    }
    // My pages keep their stricter no-store.
    expect((await t.app.inject({ method: 'GET', url: '/mina-sidor', cookies })).headers['cache-control']).toBe(
      'no-store',
    );
    const missing = await t.app.inject({ method: 'GET', url: '/no-such-page' });
    expect(missing.headers['cache-control']).toBe('no-store');
  });

  it('a shared cache in front (RFC 9111, as http-cache-semantics reads it) never serves one person’s page to another', async () => {
    const cookies = await sessionCookieFor(t, 'amina');
    const cookieHeader = Object.entries(cookies)
      .map(([name, value]) => `${name}=${value}`)
      .join('; ');
    const asCache = (url: string, headers: Record<string, string>, response: { statusCode: number; headers: object }) =>
      new CachePolicy(
        { url, method: 'GET', headers },
        { status: response.statusCode, headers: response.headers as CachePolicy.Headers },
        { shared: true },
      );
    // A signed-in person's pages: a shared cache may not store them at all.
    for (const url of ['/', '/mina-sidor', '/sa-fattas-besluten']) {
      const page = await t.app.inject({ method: 'GET', url, cookies });
      expect(asCache(url, { cookie: cookieHeader }, page).storable(), url).toBe(false);
    }
    // A visitor's start page is stored; it answers the next visitor, never the signed-in person.
    const visitor = await t.app.inject({ method: 'GET', url: '/' });
    const stored = asCache('/', {}, visitor);
    expect(stored.storable()).toBe(true);
    expect(stored.satisfiesWithoutRevalidation({ url: '/', method: 'GET', headers: {} })).toBe(true);
    expect(stored.satisfiesWithoutRevalidation({ url: '/', method: 'GET', headers: { cookie: cookieHeader } })).toBe(
      false,
    );
    // Nor a visitor who chose another language.
    expect(stored.satisfiesWithoutRevalidation({ url: '/', method: 'GET', headers: { 'accept-language': 'ar' } })).toBe(
      false,
    );
  });

  it('a page kept for visitors is never what a signed-in person gets, nor the other way round', async () => {
    const cookies = await sessionCookieFor(t, 'amina');
    const visitorBefore = await t.app.inject({ method: 'GET', url: '/?lang=sv' });
    const signedIn = await t.app.inject({ method: 'GET', url: '/?lang=sv', cookies });
    const visitorAfter = await t.app.inject({ method: 'GET', url: '/?lang=sv' });
    expect(signedIn.body).toContain('Inloggad som Amina Yusuf');
    expect(visitorBefore.body).not.toContain('Amina');
    expect(visitorAfter.body).toBe(visitorBefore.body);
    expect(visitorAfter.headers.etag).toBe(visitorBefore.headers.etag);
  });
});
