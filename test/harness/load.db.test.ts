import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  asUser,
  formPost,
  freePort,
  load,
  slopePerMinute,
  soak,
  startApp,
  withBearer,
  type RunningApp,
} from '../../bench/lib.ts';
import { testEngines } from '../helpers/database.ts';

/**
 * The load tool behind `npm run bench` (bench/lib.ts), proven on the real app: its request
 * builders produce requests the app accepts (a session cookie, a bearer token, a form post with
 * a valid CSRF token), its counts keep 4xx apart from socket errors, and the soak mode samples
 * memory. Short runs: this checks the tool, not the app's speed (CI runs a 20 s soak of
 * `npm run bench -- http` with limits, see .ci/run).
 */
describe.each(testEngines())('bench/lib.ts load tool on %s', (engine) => {
  let app: RunningApp;

  beforeAll(async () => {
    app = await startApp({}, engine);
  });

  afterAll(async () => {
    await app?.close();
  });

  it('counts responses by status, with 4xx as status errors and no socket errors', async () => {
    const result = await load(app.url, {
      seconds: 1,
      warmupSeconds: 0,
      connections: 4,
      requests: [{ path: '/healthz' }, { path: '/no-such-page' }],
    });
    expect(result.requests).toBeGreaterThan(0);
    expect(result.statuses['200']).toBeGreaterThan(0);
    expect(result.statuses['404']).toBeGreaterThan(0);
    expect(result.statusErrors).toBe(result.statuses['404']);
    expect(result.socketErrors).toBe(0);
    expect(result.errors).toBe(result.statusErrors);
    expect(result.p50).toBeGreaterThan(0);
    expect(result.p50).toBeLessThanOrEqual(result.p95);
    expect(result.p95).toBeLessThanOrEqual(result.p99);
  });

  it('counts a server that is not there as socket errors, not status errors', async () => {
    const result = await load(`http://127.0.0.1:${await freePort()}/`, {
      seconds: 1,
      warmupSeconds: 0,
      connections: 2,
    });
    expect(result.socketErrors).toBeGreaterThan(0);
    expect(result.statusErrors).toBe(0);
  });

  it('request builders sign in by session cookie and by bearer token, and post forms with a valid CSRF token', async () => {
    const signedIn = await asUser(app, 'sara', { path: '/' });
    const page = await fetch(app.url + signedIn.path, { headers: signedIn.headers });
    expect(await page.text()).toContain('Sara Nilsson');

    const api = await withBearer(app, 'amina', { path: '/api/v1/me' });
    const me = await fetch(app.url + api.path, { headers: api.headers });
    expect(me.status).toBe(200);

    // Sign-out is a CSRF-protected form post: 303 with the token, 403 without.
    const post = await formPost(app, 'erik', '/auth/sign-out', {});
    const accepted = await fetch(app.url + post.path, {
      method: 'POST',
      headers: post.headers,
      body: post.body,
      redirect: 'manual',
    });
    expect(accepted.status).toBe(303);
    const forged = await fetch(app.url + post.path, {
      method: 'POST',
      headers: post.headers,
      body: '',
      redirect: 'manual',
    });
    expect(forged.status).toBe(403);
  });

  it('soak mode samples memory from the start of the measured load and reports growth', async () => {
    const result = await soak(app.url, {
      minutes: 4 / 60,
      sampleSeconds: 1,
      warmupSeconds: 0,
      connections: 4,
      requests: [await asUser(app, 'amina', { path: '/' })],
    });
    expect(result.samples[0]!.t).toBe(0);
    expect(result.samples.length).toBeGreaterThanOrEqual(3);
    expect(result.load.errors).toBe(0);
    expect(result.heap.startMB).toBeGreaterThan(0);
    expect(Number.isFinite(result.heap.slopeMBPerMin)).toBe(true);
  });
});

describe('soak growth figure', () => {
  it('is the least-squares slope in MB per minute', () => {
    expect(
      slopePerMinute([
        { t: 0, value: 100 },
        { t: 30, value: 101 },
        { t: 60, value: 102 },
      ]),
    ).toBe(2);
    expect(slopePerMinute([{ t: 0, value: 50 }])).toBe(0);
  });
});
