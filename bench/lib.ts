/**
 * Shared benchmark helpers. Every benchmark prints ONE JSON LINE PER FIGURE on stdout:
 *   {"bench":"http","metric":"throughput","value":6400,"unit":"req/s","target":"/"}
 * so results can be collected with `npm run bench -- <name> | tee results.jsonl`.
 */
import { createServer } from 'node:net';
import autocannon from 'autocannon';
import { createTestApp, type TestApp } from '../test/helpers/app.ts';

export interface Figure {
  bench: string;
  metric: string;
  value: number;
  unit: string;
  [context: string]: unknown;
}

export function emit(figure: Figure): void {
  console.log(JSON.stringify(figure));
}

export function rssMegabytes(bytes = process.memoryUsage().rss): number {
  return Math.round((bytes / 1_048_576) * 10) / 10;
}

export interface RunningApp {
  url: string;
  engine: 'pglite' | 'postgres';
  testApp: TestApp;
  close(): Promise<void>;
}

/**
 * The real app (the same buildApp as production, logger off, rate limit out of the way) on a
 * local port. Embedded PGlite by default; with DATABASE_URL set, a scratch database is created
 * on that PostgreSQL server for the run and dropped afterwards (needs CREATEDB).
 */
export async function startApp(config: Record<string, string> = {}): Promise<RunningApp> {
  const engine = process.env.DATABASE_URL ? 'postgres' : 'pglite';
  // The test helper creates its databases on the TEST_DATABASE_URL server.
  if (process.env.DATABASE_URL) process.env.TEST_DATABASE_URL = process.env.DATABASE_URL;
  const testApp = await createTestApp({ engine, config: { RATE_LIMIT_MAX: '1000000000', ...config } });
  const address = await testApp.app.listen({ port: 0, host: '127.0.0.1' });
  return { url: address, engine, testApp, close: () => testApp.close() };
}

export interface LoadOptions {
  /** Seconds of measured load (default 10, or BENCH_SECONDS). */
  seconds?: number;
  connections?: number;
  /** Seconds of unmeasured warm-up first (JIT, caches). */
  warmupSeconds?: number;
}

export interface LoadResult {
  throughput: number;
  p50: number;
  p99: number;
  errors: number;
  requests: number;
}

/**
 * Drives `url` with autocannon for a bounded time. The load generator runs in a worker thread
 * so it does not compete with the server for the main event loop.
 */
export async function load(url: string, options: LoadOptions = {}): Promise<LoadResult> {
  const seconds = options.seconds ?? Number(process.env.BENCH_SECONDS ?? 10);
  const connections = options.connections ?? 50;
  const warmup = options.warmupSeconds ?? 2;
  if (warmup > 0) await autocannon({ url, connections, duration: warmup, workers: 1 });
  const result = await autocannon({ url, connections, duration: seconds, workers: 1 });
  return {
    throughput: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
    requests: result.requests.total,
  };
}

/** A TCP port that was free a moment ago (for child processes that need PORT up front). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
