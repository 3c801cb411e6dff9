import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { CSRF_COOKIE, CSRF_FIELD } from '../../src/platform/http/csrf.ts';
import { platformCatalogs } from '../../src/platform/i18n/catalogs/index.ts';
import { Layout } from '../../src/platform/views/layout.tsx';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { sessionCookieFor } from '../helpers/sessions.ts';

/** A form page and its POST handler, as a module would write them. */
async function formRoutes(app: FastifyInstance): Promise<void> {
  app.get('/test/form', { config: { access: 'public' } }, async (request, reply) => {
    const ctx = request.pageContext();
    return reply.html(
      <Layout ctx={ctx} title="Form">
        <form method="post" action="/test/form" novalidate>
          <input type="hidden" name={CSRF_FIELD} value={ctx.csrfToken} />
          <input type="text" name="message" />
          <button type="submit">Send</button>
        </form>
      </Layout>,
    );
  });
  app.post(
    '/test/form',
    // Like real form schemas, this one does not declare `_csrf` (zod strips undeclared fields).
    { config: { access: 'public' }, schema: { body: z.object({ message: z.string().min(1) }) } },
    async (_request, reply) => reply.redirect('/test/form?sent=1', 303),
  );
}

/** The CSRF cookie and the form's token from one visit to the form page. */
async function visitForm(app: FastifyInstance): Promise<{ cookie: string; token: string }> {
  const response = await app.inject({ method: 'GET', url: '/test/form' });
  expect(response.statusCode).toBe(200);
  const cookie = response.cookies.find((c) => c.name === CSRF_COOKIE)?.value;
  const token = /name="_csrf" value="([^"]+)"/.exec(response.body)?.[1];
  if (!cookie || !token) throw new Error('the form page set no CSRF cookie or token');
  return { cookie, token };
}

function postForm(
  app: FastifyInstance,
  fields: Record<string, string>,
  cookie?: string,
  headers: Record<string, string> = {},
) {
  return app.inject({
    method: 'POST',
    url: '/test/form',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    cookies: cookie ? { [CSRF_COOKIE]: cookie } : {},
    payload: new URLSearchParams(fields).toString(),
  });
}

describe('security headers', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it.each(['/', '/api/v1/openapi.json'])(
    '%s carries a strict CSP, frame-ancestors none, nosniff and a referrer policy',
    async (url) => {
      const response = await t.app.inject({ method: 'GET', url });
      expect(response.statusCode).toBe(200);
      const csp = String(response.headers['content-security-policy']);
      const scriptSrc = csp
        .split(';')
        .map((d) => d.trim())
        .find((d) => d.startsWith('script-src'));
      expect(scriptSrc).toBe("script-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).not.toContain('unsafe-eval');
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    },
  );

  it('sends no HSTS outside production (a dev server on http://localhost must stay reachable)', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/' });
    expect(response.headers['strict-transport-security']).toBeUndefined();
  });

  it('sends HSTS and secure cookies in production', async () => {
    const prod = await createTestApp({
      routes: formRoutes,
      config: {
        NODE_ENV: 'production',
        AUTH_MODE: 'oidc',
        SESSION_SECRET: 'p'.repeat(48),
        AUDIT_HMAC_KEY: 'a'.repeat(64),
        BASE_URL: 'https://tjanster.malmo.example',
        STAFF_OIDC_ISSUER: 'https://login.example/tenant/v2.0',
        STAFF_OIDC_CLIENT_ID: 'staff',
        STAFF_OIDC_CLIENT_SECRET: 'staff-secret',
        RESIDENT_OIDC_ISSUER: 'https://eid.example',
        RESIDENT_OIDC_CLIENT_ID: 'resident',
        RESIDENT_OIDC_CLIENT_SECRET: 'resident-secret',
        POPULATION_REGISTER_URL: 'https://integration.example/folkbokforing/v1',
        STUDENT_RECORDS_URL: 'https://integration.example/elevregister/v1',
      },
    });
    try {
      const response = await prod.app.inject({ method: 'GET', url: '/test/form' });
      expect(response.headers['strict-transport-security']).toMatch(/max-age=31536000; includeSubDomains/);
      expect(String(response.headers['content-security-policy'])).toContain('upgrade-insecure-requests');
      const csrf = response.cookies.find((c) => c.name === CSRF_COOKIE);
      expect(csrf).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Lax' });
    } finally {
      await prod.close();
    }
  });
});

describe('CSRF protection on HTML forms', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ routes: formRoutes });
  });
  afterAll(async () => t.close());

  it('refuses a POST without a token with 403 and an error page in the user language', async () => {
    const { cookie } = await visitForm(t.app);
    const response = await postForm(t.app, { message: 'hej' }, cookie, { 'accept-language': 'en' });
    expect(response.statusCode).toBe(403);
    expect(response.headers['content-type']).toContain('text/html');
    expect(response.body).toContain('<html lang="en"');
    expect(response.body).toContain(platformCatalogs.en['error.csrf.title']);
  });

  it('checks the token before validating the form: a forged invalid form gets 403, not a 422 echo of its input', async () => {
    const { cookie } = await visitForm(t.app);
    const response = await postForm(t.app, { message: '' }, cookie);
    expect(response.statusCode).toBe(403);
  });

  it('refuses a POST without a token in Swedish by default', async () => {
    const response = await postForm(t.app, { message: 'hej' });
    expect(response.statusCode).toBe(403);
    expect(response.body).toContain('<html lang="sv"');
    expect(response.body).toContain(platformCatalogs.sv['error.csrf.title']);
  });

  it('refuses a token that belongs to another visitor’s cookie', async () => {
    const mine = await visitForm(t.app);
    const theirs = await visitForm(t.app);
    expect(theirs.cookie).not.toBe(mine.cookie);
    const response = await postForm(t.app, { [CSRF_FIELD]: theirs.token, message: 'hej' }, mine.cookie);
    expect(response.statusCode).toBe(403);
  });

  it('refuses a token without its cookie, and a forged token', async () => {
    const { cookie, token } = await visitForm(t.app);
    expect((await postForm(t.app, { [CSRF_FIELD]: token, message: 'hej' })).statusCode).toBe(403);
    expect(
      (await postForm(t.app, { [CSRF_FIELD]: token.slice(0, -2) + 'xx', message: 'hej' }, cookie)).statusCode,
    ).toBe(403);
  });

  it('lets the right cookie and token through to the handler', async () => {
    const { cookie, token } = await visitForm(t.app);
    const response = await postForm(t.app, { [CSRF_FIELD]: token, message: 'hej' }, cookie);
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/test/form?sent=1');
  });

  it('accepts the token in the x-csrf-token header too (for progressive-enhancement scripts)', async () => {
    const { cookie, token } = await visitForm(t.app);
    const response = await t.app.inject({
      method: 'POST',
      url: '/test/form',
      headers: { 'content-type': 'application/json', 'x-csrf-token': token },
      cookies: { [CSRF_COOKIE]: cookie },
      payload: { message: 'hej' },
    });
    expect(response.statusCode).toBe(303);
    // A wrong token in the body wins over a good header: the form field is checked first.
    const mixed = await t.app.inject({
      method: 'POST',
      url: '/test/form',
      headers: { 'content-type': 'application/json', 'x-csrf-token': token },
      cookies: { [CSRF_COOKIE]: cookie },
      payload: { [CSRF_FIELD]: 'forged', message: 'hej' },
    });
    expect(mixed.statusCode).toBe(403);
  });

  it('a valid token lets an invalid form through to validation (422), proving the order of the stages', async () => {
    const { cookie, token } = await visitForm(t.app);
    const response = await postForm(t.app, { [CSRF_FIELD]: token, message: '' }, cookie);
    expect(response.statusCode).toBe(422);
  });

  it('the CSRF cookie is httpOnly and SameSite=Lax', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/test/form' });
    expect(response.cookies.find((c) => c.name === CSRF_COOKIE)).toMatchObject({
      httpOnly: true,
      sameSite: 'Lax',
      path: '/',
    });
  });
});

describe('rate limiting', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ config: { RATE_LIMIT_MAX: '3' } });
  });
  afterAll(async () => t.close());

  it('answers 429 with retry-after once a client exceeds RATE_LIMIT_MAX per minute, and never limits health checks', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      const response = await t.app.inject({ method: 'GET', url: '/' });
      statuses.push(response.statusCode);
      // The limit's headers come with a 429 only: not a per-client counter in every (cacheable) page.
      expect(Object.keys(response.headers).filter((name) => name.startsWith('x-ratelimit'))).toEqual([]);
    }
    expect(statuses).toEqual([200, 200, 200]);
    const limited = await t.app.inject({ method: 'GET', url: '/', headers: { 'accept-language': 'en' } });
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.body).toContain(platformCatalogs.en['error.rateLimited.title']);

    const api = await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
    expect(api.statusCode).toBe(429);
    expect(api.headers['content-type']).toContain('application/problem+json');

    for (let i = 0; i < 5; i++) expect((await t.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
  });

  it('counts each signed-in person on their own, not the address they share with the whole building', async () => {
    // Everyone here comes from the same address (127.0.0.1), whose anonymous budget is spent above.
    expect((await t.app.inject({ method: 'GET', url: '/' })).statusCode).toBe(429);
    for (const username of ['sara', 'erik']) {
      const cookies = await sessionCookieFor(t, username);
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await t.app.inject({ method: 'GET', url: '/', cookies })).statusCode);
      expect(statuses, username).toEqual([200, 200, 200, 429]);
    }
  });
});
