import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { platformCatalogs } from '../../src/platform/i18n/catalogs/index.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';

const SECRET_DETAIL = 'connection string postgres://admin:hunter2@db.internal/prod';

/** Routes that fail on purpose, registered on the real app. */
async function failingRoutes(app: FastifyInstance): Promise<void> {
  app.get('/test/throws', { config: { access: 'public' } }, async () => {
    throw new Error(SECRET_DETAIL);
  });
  app.post('/test/form', { config: { access: 'public' } }, async (_request, reply) => reply.redirect('/', 303));
  app.get('/api/v1/test/throws', { config: { access: 'public' } }, async () => {
    throw new Error(SECRET_DETAIL);
  });
  app.post(
    '/api/v1/test/people',
    {
      config: { access: 'public' },
      schema: { body: z.object({ name: z.string().min(1), birthYear: z.number().int().min(1900), email: z.email() }) },
    },
    async (_request, reply) => reply.status(201).send({ ok: true }),
  );
  app.get(
    '/api/v1/test/search',
    { config: { access: 'public' }, schema: { querystring: z.object({ q: z.string().max(5) }) } },
    async () => ({ ok: true }),
  );
}

describe('error responses', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ routes: failingRoutes });
  });
  afterAll(async () => t.close());

  it('an unknown page is a 404 HTML page in Swedish by default, showing the request id to quote', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/finns-inte' });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toContain('text/html');
    expect(response.body).toContain('<html lang="sv" dir="ltr"');
    expect(response.body).toContain(platformCatalogs.sv['error.notFound.title']);
    const requestId = String(response.headers['x-request-id']);
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.body).toContain(platformCatalogs.sv['error.requestId'].replace('{id}', requestId));
  });

  it('the 404 page follows Accept-Language (en) and the language cookie', async () => {
    const en = await t.app.inject({ method: 'GET', url: '/nope', headers: { 'accept-language': 'en-GB,en;q=0.9' } });
    expect(en.body).toContain('<html lang="en" dir="ltr"');
    expect(en.body).toContain(platformCatalogs.en['error.notFound.title']);
    const uk = await t.app.inject({
      method: 'GET',
      url: '/nope',
      cookies: { smb_lang: 'uk' },
      headers: { 'accept-language': 'en' },
    });
    expect(uk.body).toContain('<html lang="uk"');
  });

  it('Accept-Language: ar gives the Arabic 404 page, right to left', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/nope', headers: { 'accept-language': 'ar' } });
    expect(response.statusCode).toBe(404);
    expect(response.body).toContain('<html lang="ar" dir="rtl"');
    expect(response.body).toContain(platformCatalogs.ar['error.notFound.title']);
  });

  it('honours a well-formed upstream request id and replaces a malformed one', async () => {
    const kept = await t.app.inject({ method: 'GET', url: '/nope', headers: { 'x-request-id': 'lb-1234abcd' } });
    expect(kept.headers['x-request-id']).toBe('lb-1234abcd');
    expect(kept.body).toContain('lb-1234abcd');
    const replaced = await t.app.inject({
      method: 'GET',
      url: '/nope',
      headers: { 'x-request-id': '<script>alert(1)</script>' },
    });
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(replaced.body).not.toContain('<script>alert');
  });

  it('an unknown API path is a problem+json 404', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/nope?x=1' });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toContain('application/problem+json');
    const problem = response.json();
    expect(problem).toMatchObject({
      type: 'urn:smorgasbord:error:not_found',
      status: 404,
      instance: '/api/v1/nope',
      title: expect.any(String),
    });
    expect(problem.requestId).toBe(response.headers['x-request-id']);
  });

  it('a route that throws gives a 500 page without any detail of the error', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/test/throws', headers: { 'accept-language': 'en' } });
    expect(response.statusCode).toBe(500);
    expect(response.body).toContain(platformCatalogs.en['error.internal.title']);
    expect(response.body).not.toContain('hunter2');
    expect(response.body).not.toContain('Error:');
    expect(response.body).not.toMatch(/at .*\.ts:\d+/); // no stack trace
    expect(response.body).toContain(String(response.headers['x-request-id']));
  });

  it('an API route that throws gives a problem+json 500 with no detail', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/test/throws' });
    expect(response.statusCode).toBe(500);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body).not.toContain('hunter2');
    const problem = response.json();
    expect(problem.status).toBe(500);
    expect(problem.detail).toBeUndefined();
    expect(problem.requestId).toBe(response.headers['x-request-id']);
  });

  it('a validation failure on an API route is a 422 problem+json naming each field with a message', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/test/people',
      headers: { 'accept-language': 'en' },
      payload: { name: '', birthYear: 1850, email: 'not-an-email' },
    });
    expect(response.statusCode).toBe(422);
    expect(response.headers['content-type']).toContain('application/problem+json');
    const problem = response.json() as {
      status: number;
      type: string;
      errors: { field: string; code: string; message: string }[];
    };
    expect(problem.status).toBe(422);
    expect(problem.type).toBe('urn:smorgasbord:error:validation_failed');
    expect(problem.errors.map((e) => e.field).sort()).toEqual(['birthYear', 'email', 'name']);
    for (const error of problem.errors) {
      expect(error.code).toMatch(/^\w+$/);
      expect(error.message.length).toBeGreaterThan(0);
      expect(error.message).not.toContain('validation.');
    }
    expect(problem.errors.find((e) => e.field === 'name')?.code).toBe('required');
  });

  it('a missing required field is reported as required, and a bad query names the query field', async () => {
    const missing = await t.app.inject({
      method: 'POST',
      url: '/api/v1/test/people',
      payload: { birthYear: 1990, email: 'a@b.se' },
    });
    expect(missing.statusCode).toBe(422);
    expect(missing.json().errors).toEqual([expect.objectContaining({ field: 'name', code: 'required' })]);
    const query = await t.app.inject({ method: 'GET', url: '/api/v1/test/search?q=far-too-long' });
    expect(query.statusCode).toBe(422);
    expect(query.json().errors).toEqual([expect.objectContaining({ field: 'q', code: 'tooLong' })]);
  });

  it('malformed JSON is a 400 problem, not a 500', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/test/people',
      headers: { 'content-type': 'application/json' },
      payload: '{"name": ',
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
  });

  it('a body over 1 MB is refused with 413, on the API and on HTML forms', async () => {
    const big = 'x'.repeat(1_100_000);
    const api = await t.app.inject({
      method: 'POST',
      url: '/api/v1/test/people',
      payload: { name: big, birthYear: 1990, email: 'a@b.se' },
    });
    expect(api.statusCode).toBe(413);
    expect(api.headers['content-type']).toContain('application/problem+json');
    const form = await t.app.inject({
      method: 'POST',
      url: '/test/form',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'accept-language': 'en' },
      payload: `text=${big}`,
    });
    expect(form.statusCode).toBe(413);
    expect(form.body).toContain(platformCatalogs.en['error.tooLarge.title']);
  });

  it('a body over the limit, sent over a real connection, gets its 413 and error document, never a reset', async () => {
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = new URL(address);
    const bodyOf = (megabytes: number) =>
      JSON.stringify({ name: 'x'.repeat(megabytes * 1024 * 1024), birthYear: 1990, email: 'a@b.se' });
    const cases = [
      // Sent at once (most clients): read and thrown away up to the cap, so the answer arrives.
      { body: bodyOf(8), expectContinue: false, sendsBody: true },
      // Waits for 100 Continue, under the cap: told to go ahead, then refused the same way.
      { body: bodyOf(8), expectContinue: true, sendsBody: true },
      // Waits, over the cap: the final 413 comes instead of 100, and the body is never sent.
      { body: bodyOf(20), expectContinue: true, sendsBody: false },
    ];
    for (const { body, expectContinue, sendsBody } of cases) {
      const label = `${Buffer.byteLength(body)} bytes, expect: 100-continue ${expectContinue}`;
      let sent = false;
      const answer = await new Promise<{ status: number; type: string; body: string }>((resolve, reject) => {
        const request = httpRequest(
          {
            host: '127.0.0.1',
            port,
            method: 'POST',
            path: '/api/v1/test/people',
            agent: false,
            headers: {
              'content-type': 'application/json',
              'content-length': Buffer.byteLength(body),
              ...(expectContinue ? { expect: '100-continue' } : {}),
            },
          },
          (response) => {
            let text = '';
            response.setEncoding('utf8');
            response.on('data', (chunk: string) => (text += chunk));
            response.on('end', () =>
              resolve({ status: response.statusCode ?? 0, type: String(response.headers['content-type']), body: text }),
            );
          },
        );
        request.on('error', (error) => reject(new Error(`${label}: ${error.message}`)));
        const send = () => {
          sent = true;
          request.end(body);
        };
        if (expectContinue) request.on('continue', send);
        else send();
      });
      expect(answer.status, label).toBe(413);
      expect(answer.type, label).toContain('application/problem+json');
      expect(JSON.parse(answer.body), label).toMatchObject({ status: 413 });
      expect(sent, label).toBe(sendsBody);
    }
  });

  it('an unsupported content type is a 415', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/test/people',
      headers: { 'content-type': 'application/x-bogus' },
      payload: 'x',
    });
    expect(response.statusCode).toBe(415);
  });
});

describe('language choice', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it('?lang=en renders English and remembers the choice in a cookie for the next page', async () => {
    const chosen = await t.app.inject({ method: 'GET', url: '/?lang=en' });
    expect(chosen.body).toContain('<html lang="en"');
    const cookie = chosen.cookies.find((c) => c.name === 'smb_lang');
    expect(cookie).toMatchObject({ value: 'en', path: '/', sameSite: 'Lax' });
    const next = await t.app.inject({
      method: 'GET',
      url: '/tillganglighet',
      cookies: { smb_lang: 'en' },
      headers: { 'accept-language': 'sv' },
    });
    expect(next.body).toContain('<html lang="en"');
  });

  it('an unknown ?lang sets no cookie and falls back to the next source', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/?lang=xx', headers: { 'accept-language': 'so' } });
    expect(response.body).toContain('<html lang="so"');
    expect(response.cookies.find((c) => c.name === 'smb_lang')).toBeUndefined();
  });

  it('language links keep the current page and its query', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/tillganglighet' });
    expect(response.body).toContain('href="/tillganglighet?lang=en"');
    expect(response.body).toContain('href="/tillganglighet?lang=ar"');
  });
});
