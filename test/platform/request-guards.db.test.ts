import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CSRF_COOKIE, csrfTokenFor } from '../../src/platform/http/csrf.ts';
import { nulField } from '../../src/platform/http/platform.tsx';
import { platformCatalogs } from '../../src/platform/i18n/catalogs/index.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';

/** Guards found by the bad-input harness: the router's own refusals and NUL characters. */
let handled = 0;
async function routes(app: FastifyInstance): Promise<void> {
  app.get(
    '/test/things/:id',
    {
      config: { access: 'public' },
      schema: { params: z.object({ id: z.string() }), querystring: z.object({ q: z.string().optional() }) },
    },
    async () => {
      handled++;
      return 'ok';
    },
  );
  app.get(
    '/api/v1/test/things/:id',
    { config: { access: 'public' }, schema: { params: z.object({ id: z.string() }), querystring: z.object({}) } },
    async () => ({ ok: true }),
  );
  app.post(
    '/test/notes',
    { config: { access: 'public' }, schema: { body: z.object({ _csrf: z.string().optional(), text: z.string() }) } },
    async (_request, reply) => {
      handled++;
      return reply.redirect('/', 303);
    },
  );
  app.post(
    '/api/v1/test/notes',
    { config: { access: 'public' }, schema: { body: z.object({ note: z.object({ text: z.string() }) }) } },
    async () => {
      handled++;
      return { ok: true };
    },
  );
}

describe('request guards', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ routes });
  });
  afterAll(async () => t.close());

  it('a path whose escapes do not decode is a 400 error page in the asked-for language with the request id, not Fastify’s JSON', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: '/test/things/%FF',
      headers: { 'accept-language': 'en' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('text/html');
    expect(response.body).toContain('<html lang="en"');
    expect(response.body).toContain(platformCatalogs.en['error.badRequest.title']);
    expect(response.body).toContain(
      platformCatalogs.en['error.requestId'].replace('{id}', String(response.headers['x-request-id'])),
    );
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
  });

  it('a path parameter over the router’s length limit is the same 400 page (Arabic, right to left)', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: `/test/things/${'a'.repeat(201)}`,
      headers: { 'accept-language': 'ar' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('<html lang="ar" dir="rtl"');
    expect(response.body).toContain(platformCatalogs.ar['error.badRequest.title']);
  });

  it('under /api/v1 the router’s refusal is problem+json', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/test/things/%E2%82' });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({
      type: 'urn:smorgasbord:error:bad_request',
      status: 400,
      requestId: response.headers['x-request-id'],
    });
  });

  it('a NUL character anywhere in the input is refused with 422 before the handler runs (PostgreSQL cannot store it)', async () => {
    const before = handled;
    const query = await t.app.inject({ method: 'GET', url: '/test/things/x?q=a%00b' });
    expect(query.statusCode).toBe(422);
    expect(query.body).toContain(platformCatalogs.sv['error.badRequest.title']);

    const secret = 'c'.repeat(43);
    const form = await t.app.inject({
      method: 'POST',
      url: '/test/notes',
      cookies: { [CSRF_COOKIE]: secret },
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-csrf-token': csrfTokenFor(secret, t.config.SESSION_SECRET),
      },
      payload: 'text=hej%00',
    });
    expect(form.statusCode).toBe(422);

    const api = await t.app.inject({
      method: 'POST',
      url: '/api/v1/test/notes',
      payload: { note: { text: 'hej\u0000' } },
    });
    expect(api.statusCode).toBe(422);
    expect(api.json().errors).toEqual([{ field: 'note.text', code: 'controlCharacters', message: expect.any(String) }]);
    expect(handled).toBe(before);
  });

  it('finds the NUL’s field in nested input, in keys too, and nothing in clean input', () => {
    expect(nulField({ a: { b: ['x', 'y\u0000'] } })).toBe('a.b.1');
    expect(nulField({ 'k\u0000': 1 })).toBe('k\u0000');
    expect(nulField('\u0000')).toBe('');
    expect(nulField({ a: 'ok', b: [1, null, { c: 'fine' }] })).toBeUndefined();
  });
});
