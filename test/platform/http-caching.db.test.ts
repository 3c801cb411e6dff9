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
    t = await createTestApp();
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
});
