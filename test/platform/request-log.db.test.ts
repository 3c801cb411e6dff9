import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { sessionCookieFor } from '../helpers/sessions.ts';

/**
 * The request log as an operator reads it (issue 14: logging cost 15–25 % of a page): one line
 * per request, written when the answer is sent, with method, path (never the query), status and
 * time; nothing personal.
 */
describe('the request log', () => {
  let t: TestApp;
  const lines: Record<string, unknown>[] = [];
  beforeAll(async () => {
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line));
        done();
      },
    });
    t = await createTestApp({ deps: { logger: true, logStream: stream }, config: { LOG_LEVEL: 'info' } });
  });
  afterAll(async () => t.close());

  it('writes one line per request with its status and time, the path without its query, nothing personal', async () => {
    const cookies = await sessionCookieFor(t, 'amina');
    lines.length = 0;
    await t.app.inject({ method: 'GET', url: '/?lang=sv&q=19910412-1018' });
    await t.app.inject({ method: 'GET', url: '/mina-sidor', cookies });
    await t.app.inject({ method: 'GET', url: '/no-such-page' });
    const requests = lines.filter((line) => line.req);
    expect(requests.map((line) => line.msg)).toEqual(['request completed', 'request completed', 'request completed']);
    expect(requests.map((line) => (line.req as { url: string }).url)).toEqual(['/', '/mina-sidor', '/no-such-page']);
    expect(requests.map((line) => (line.res as { statusCode: number }).statusCode)).toEqual([200, 200, 404]);
    for (const line of requests) expect(typeof line.responseTime).toBe('number');
    const text = JSON.stringify(lines);
    expect(text).not.toContain('19910412');
    expect(text).not.toContain('Amina');
    expect(text).not.toContain('smb_session');
  });
});
