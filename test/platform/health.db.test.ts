import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { testEngines } from '../helpers/database.ts';

describe.each(testEngines())('health and readiness on %s', (engine) => {
  // One app per engine (a fresh PGlite costs seconds): the database is closed in the last test.
  let t: TestApp;
  let shuttingDown = false;
  beforeAll(async () => {
    t = await createTestApp({ engine, deps: { isShuttingDown: () => shuttingDown } });
  });
  // The database is already closed by the last test; closing it again may throw.
  afterAll(async () => t.close().catch(() => undefined));

  it('/healthz answers 200 ok and is never cached', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/healthz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it('/readyz turns 503 while shutting down, so the load balancer drains the instance first', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
    shuttingDown = true;
    const draining = await t.app.inject({ method: 'GET', url: '/readyz' });
    expect(draining.statusCode).toBe(503);
    expect(draining.json()).toEqual({ status: 'shutting-down' });
    shuttingDown = false;
  });

  it('/readyz is 200 while the database answers and 503 once it is closed', async () => {
    const ready = await t.app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready', database: 'ok' });

    await t.database.close();
    const down = await t.app.inject({ method: 'GET', url: '/readyz' });
    expect(down.statusCode).toBe(503);
    expect(down.json()).toMatchObject({ status: 'unavailable', database: 'down' });
    // /healthz is liveness only: the process is alive even when the database is not.
    expect((await t.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
  });
});

describe('metrics', () => {
  describe('without METRICS_TOKEN', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp();
    });
    afterAll(async () => t.close());

    it('/metrics is Prometheus text with process and HTTP metrics labelled by route pattern, never the raw URL', async () => {
      await t.app.inject({ method: 'GET', url: '/?lang=en' });
      await t.app.inject({ method: 'GET', url: '/no-such-page/199001011234' });
      const response = await t.app.inject({ method: 'GET', url: '/metrics' });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
      const body = response.body;
      expect(body).toMatch(/^# HELP /m);
      expect(body).toMatch(/^# TYPE http_request_duration_seconds histogram$/m);
      expect(body).toMatch(/^process_resident_memory_bytes \d+/m);
      expect(body).toContain('http_request_duration_seconds_count{method="GET",route="/",status="200"}');
      expect(body).toContain('route="not-found",status="404"');
      // Identifiers in paths (here something shaped like a personal number) never become labels.
      expect(body).not.toContain('199001011234');
      expect(body).not.toContain('lang=en');
    });
  });

  describe('with METRICS_TOKEN', () => {
    const token = 'metrics-token-0123456789abcdef';
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp({ config: { METRICS_TOKEN: token } });
    });
    afterAll(async () => t.close());

    it('answers 401 with a Bearer challenge without the token, and with a wrong one', async () => {
      const none = await t.app.inject({ method: 'GET', url: '/metrics' });
      expect(none.statusCode).toBe(401);
      expect(none.headers['www-authenticate']).toBe('Bearer');
      expect(none.body).not.toContain('# HELP');
      const wrong = await t.app.inject({
        method: 'GET',
        url: '/metrics',
        headers: { authorization: `Bearer ${token}x` },
      });
      expect(wrong.statusCode).toBe(401);
    });

    it('answers with the metrics to the right bearer token', async () => {
      const response = await t.app.inject({
        method: 'GET',
        url: '/metrics',
        headers: { authorization: `Bearer ${token}` },
      });
      expect(response.statusCode).toBe(200);
      expect(response.body).toContain('# TYPE http_request_duration_seconds histogram');
    });
  });
});
