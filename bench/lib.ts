/**
 * Shared benchmark helpers. Every benchmark prints ONE JSON LINE PER FIGURE on stdout:
 *   {"bench":"http","metric":"throughput","value":6400,"unit":"req/s","target":"/"}
 * so results can be collected with `npm run bench -- <name> | tee results.jsonl`.
 */
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Worker } from 'node:worker_threads';
import { randomBytes } from 'node:crypto';
import { newSessionId, saveSession, SESSION_COOKIE } from '../src/platform/auth/session.ts';
import { createApiToken } from '../src/platform/auth/tokens.ts';
import { findUserByUsername } from '../src/platform/auth/user.repository.ts';
import { CSRF_COOKIE, CSRF_FIELD, csrfTokenFor } from '../src/platform/http/csrf.ts';
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
 * on that PostgreSQL server for the run and dropped afterwards (needs CREATEDB). Tests pass the
 * engine (PostgreSQL then comes from TEST_DATABASE_URL).
 */
export async function startApp(
  config: Record<string, string> = {},
  engine: 'pglite' | 'postgres' = process.env.DATABASE_URL ? 'postgres' : 'pglite',
): Promise<RunningApp> {
  // The test helper creates its databases on the TEST_DATABASE_URL server.
  if (process.env.DATABASE_URL) process.env.TEST_DATABASE_URL = process.env.DATABASE_URL;
  const testApp = await createTestApp({ engine, config: { RATE_LIMIT_MAX: '1000000000', ...config } });
  const address = await testApp.app.listen({ port: 0, host: '127.0.0.1' });
  return { url: address, engine, testApp, close: () => testApp.close() };
}

/** One request autocannon sends: the request builders below make them (cookies, tokens, CSRF). */
export interface RequestSpec {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD';
  /** Path and query, e.g. `/admin/jobs?page=2`. */
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface LoadOptions {
  /** Seconds of measured load (default 10, or BENCH_SECONDS). */
  seconds?: number;
  connections?: number;
  /** Seconds of unmeasured warm-up first (JIT, caches). Default 2. */
  warmupSeconds?: number;
  /**
   * The requests each connection sends in turn; default a GET of the URL's path. Each is sent
   * as given: a write sent 10,000 times writes 10,000 times (or is refused as a duplicate).
   */
  requests?: RequestSpec[];
  /**
   * Send each of `requests` once, in order, across all connections (warm-up included), instead of
   * every connection sending the whole list in turn: writes that must each be new (bookings).
   */
  distinct?: boolean;
  /** Called when the measured load begins (after the warm-up). */
  onStart?: () => void;
  /** Called with each window's figures while the load runs (the soak mode's samples). */
  onWindow?: (window: LoadWindow) => void;
  /** Window length for `onWindow`, ms. Default 1000. */
  windowMs?: number;
}

/** The job handed to bench/load-worker.ts (structured-cloned: data only). */
export interface LoadJob {
  url: string;
  requests: RequestSpec[] | undefined;
  distinct: boolean;
  connections: number;
  seconds: number;
  warmupSeconds: number;
  windowMs: number;
}

/** Figures for a window of the run (`type: 'window'`) or the whole run (`type: 'done'`). */
export interface LoadWindow {
  type: 'window' | 'done';
  seconds: number;
  requests: number;
  /** Responses per second. */
  throughput: number;
  /** Latency percentiles in ms (1 % resolution). */
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** Responses with status >= 400 (2xx and 3xx count as success: a form post answers 303). */
  statusErrors: number;
  /** Requests that got no response: connection errors and timeouts (10 s). */
  socketErrors: number;
  timeouts: number;
  /** Responses by status code. */
  statuses: Record<string, number>;
  /** The load generator's own heap (it shares the process RSS with an in-process server). */
  heapMB: number;
}

export interface LoadResult extends Omit<LoadWindow, 'type'> {
  /** statusErrors + socketErrors. */
  errors: number;
}

/**
 * Drives `url` (its origin; its path unless `requests` are given) with autocannon for a bounded
 * time. The load generator runs in a worker thread so it does not compete with the server for
 * the main event loop; latencies are recorded per response in a constant-memory histogram.
 */
export async function load(url: string, options: LoadOptions = {}): Promise<LoadResult> {
  const target = new URL(url);
  const job: LoadJob = {
    url: target.origin,
    requests: options.requests ?? [{ method: 'GET', path: target.pathname + target.search }],
    distinct: options.distinct ?? false,
    connections: options.connections ?? 50,
    seconds: options.seconds ?? Number(process.env.BENCH_SECONDS ?? 10),
    warmupSeconds: options.warmupSeconds ?? 2,
    windowMs: options.windowMs ?? 1000,
  };
  // The worker is TypeScript too: it registers tsx's loader itself (Node 20 does not hand the
  // parent's `--import tsx` hooks to a worker's entry module), then imports the real script.
  const tsx = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  const script = JSON.stringify(new URL('./load-worker.ts', import.meta.url).href);
  const worker = new Worker(`import(${tsx}).then((tsx) => { tsx.register(); return import(${script}); })`, {
    eval: true,
    workerData: job,
  });
  return new Promise<LoadResult>((resolve, reject) => {
    let result: LoadResult | undefined;
    worker.on('message', (message: LoadWindow | { type: 'start' }) => {
      if (message.type === 'start') options.onStart?.();
      else if (message.type === 'window') options.onWindow?.(message);
      else result = { ...message, errors: message.statusErrors + message.socketErrors };
    });
    worker.on('error', reject);
    worker.on('exit', (code) =>
      result ? resolve(result) : reject(new Error(`load generator exited (${code}) without a result`)),
    );
  });
}

/** The figures every load run prints, one JSON line each (throughput, p50/p95/p99, both error kinds). */
export function emitLoad(bench: string, result: LoadResult, context: Record<string, unknown>): void {
  emit({ bench, metric: 'throughput', value: result.throughput, unit: 'req/s', ...context });
  emit({ bench, metric: 'latency_p50', value: result.p50, unit: 'ms', ...context });
  emit({ bench, metric: 'latency_p95', value: result.p95, unit: 'ms', ...context });
  emit({ bench, metric: 'latency_p99', value: result.p99, unit: 'ms', ...context });
  emit({
    bench,
    metric: 'status_errors',
    value: result.statusErrors,
    unit: 'count',
    ...context,
    statuses: result.statuses,
    note: 'responses >= 400',
  });
  emit({
    bench,
    metric: 'socket_errors',
    value: result.socketErrors,
    unit: 'count',
    ...context,
    timeouts: result.timeouts,
    note: 'no response: connection errors and timeouts',
  });
}

// ── Request builders: requests as a signed-in person, an API client, or a form post ────────────

/**
 * A session for a demo user (seeded by startApp), written straight to the session table like the
 * tests do (the sign-in flow itself is proven in src/platform/auth): the cookies to send.
 */
export async function sessionCookies(app: RunningApp, username: string): Promise<Record<string, string>> {
  const { db } = app.testApp.database;
  const user = await findUserByUsername(db, username);
  if (!user) throw new Error(`no demo user "${username}"`);
  const sid = newSessionId();
  // The app runs on the test helper's fake clock, so the session outlives any benchmark.
  await saveSession(db, sid, { userId: user.id }, new Date(app.testApp.clock().getTime() + 24 * 3600_000));
  return { [SESSION_COOKIE]: sid };
}

/** A GET (or any request) as a signed-in demo user. */
export async function asUser(app: RunningApp, username: string, request: RequestSpec): Promise<RequestSpec> {
  return { ...request, headers: { ...request.headers, cookie: cookieHeader(await sessionCookies(app, username)) } };
}

/** A request to `/api/v1/*` with a fresh API token of the demo user as `Authorization: Bearer`. */
export async function withBearer(app: RunningApp, username: string, request: RequestSpec): Promise<RequestSpec> {
  const user = await findUserByUsername(app.testApp.database.db, username);
  if (!user) throw new Error(`withBearer: no demo user "${username}"`);
  const { token } = await createApiToken(app.testApp.database.db, user.id, 'benchmark');
  return { ...request, headers: { ...request.headers, authorization: `Bearer ${token}` } };
}

/** A JSON request body. */
export function jsonRequest(
  method: 'POST' | 'PUT' | 'PATCH',
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): RequestSpec {
  return { method, path, headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

/**
 * An HTML form post as a browser sends it (application/x-www-form-urlencoded), as `username` or
 * anonymously (null), with a valid CSRF token: the double-submit pair a page would have issued
 * (the secret in the CSRF cookie, its HMAC in the `_csrf` field).
 */
export async function formPost(
  app: RunningApp,
  username: string | null,
  path: string,
  fields: Record<string, string | readonly string[]>,
): Promise<RequestSpec> {
  const secret = randomBytes(32).toString('base64url');
  const cookies = { ...(username ? await sessionCookies(app, username) : {}), [CSRF_COOKIE]: secret };
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields))
    for (const item of typeof value === 'string' ? [value] : value) body.append(name, item);
  body.append(CSRF_FIELD, csrfTokenFor(secret, app.testApp.config.SESSION_SECRET));
  return {
    method: 'POST',
    path,
    headers: { cookie: cookieHeader(cookies), 'content-type': 'application/x-www-form-urlencoded' },
    body: body.toString(),
  };
}

function cookieHeader(cookies: Record<string, string>): string {
  return Object.entries(cookies)
    .map(([name, value]) => `${name}=${value}`)
    .join('; ');
}

// ── Soak: memory over time under load ───────────────────────────────────────────────────────

export interface SoakOptions extends Omit<LoadOptions, 'seconds' | 'onStart' | 'onWindow' | 'windowMs'> {
  minutes: number;
  /** Seconds between memory samples. Default 10 (2 for runs under two minutes). */
  sampleSeconds?: number;
}

export interface MemorySample {
  /** Seconds since the measured load began. */
  t: number;
  rssMB: number;
  /** The main thread's (server's) heap right after a full GC: what is really retained. */
  heapMB: number;
  /** Responses per second in the window before the sample. */
  throughput: number;
  p99: number;
  errors: number;
}

export interface SoakResult {
  load: LoadResult;
  samples: MemorySample[];
  rss: Growth;
  heap: Growth;
}

export interface Growth {
  startMB: number;
  endMB: number;
  /** Least-squares slope over all samples, MB per minute. */
  slopeMBPerMin: number;
}

/** A full GC on demand, for heap samples that show retained memory rather than garbage. */
function collectGarbage(): () => void {
  v8.setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

/** Least-squares slope of y over x (MB per minute when x is seconds). */
export function slopePerMinute(points: readonly { t: number; value: number }[]): number {
  if (points.length < 2) return 0;
  const n = points.length;
  const mx = points.reduce((s, p) => s + p.t, 0) / n;
  const my = points.reduce((s, p) => s + p.value, 0) / n;
  const sxy = points.reduce((s, p) => s + (p.t - mx) * (p.value - my), 0);
  const sxx = points.reduce((s, p) => s + (p.t - mx) ** 2, 0);
  return sxx === 0 ? 0 : Math.round((sxy / sxx) * 60 * 100) / 100;
}

function growth(samples: MemorySample[], pick: (s: MemorySample) => number): Growth {
  return {
    startMB: pick(samples[0]!),
    endMB: pick(samples.at(-1)!),
    slopeMBPerMin: slopePerMinute(samples.map((s) => ({ t: s.t, value: pick(s) }))),
  };
}

/**
 * Load for `minutes`, sampling the process's resident memory and the server's post-GC heap
 * every `sampleSeconds` (one sample when the measured load begins, after warm-up). The server
 * must run in this process (startApp) for the heap figure to be the server's.
 */
export async function soak(url: string, options: SoakOptions): Promise<SoakResult> {
  const gc = collectGarbage();
  const sampleSeconds = options.sampleSeconds ?? (options.minutes < 2 ? 2 : 10);
  const samples: MemorySample[] = [];
  const sample = (t: number, window?: LoadWindow) => {
    gc();
    const memory = process.memoryUsage();
    samples.push({
      t: Math.round(t * 10) / 10,
      rssMB: rssMegabytes(memory.rss),
      heapMB: rssMegabytes(memory.heapUsed),
      throughput: window?.throughput ?? 0,
      p99: window?.p99 ?? 0,
      errors: (window?.statusErrors ?? 0) + (window?.socketErrors ?? 0),
    });
  };
  let elapsed = 0;
  const result = await load(url, {
    ...options,
    seconds: Math.max(1, Math.round(options.minutes * 60)),
    windowMs: sampleSeconds * 1000,
    onStart: () => sample(0),
    onWindow: (window) => {
      elapsed += window.seconds;
      sample(elapsed, window);
    },
  });
  if (samples.length === 0) sample(0);
  return { load: result, samples, rss: growth(samples, (s) => s.rssMB), heap: growth(samples, (s) => s.heapMB) };
}

/** A TCP port that was free a moment ago (for child processes that need PORT up front). */
export { freePort } from '../test/harness/server-process.ts';

// ── Command-line options ────────────────────────────────────────────────────────────────────

/** Options from `npm run bench -- <name> …` (see bench/run.ts). */
export interface BenchOptions {
  seconds?: number;
  connections?: number;
  soakMinutes?: number;
  sampleSeconds?: number;
  maxErrors?: number;
  maxHeapSlope?: number;
  /** `--database-url URL`: run the server under test on this PostgreSQL server (a scratch database). */
  databaseUrl?: string;
  /** `--processes N`: web processes of the server under test. */
  processes?: number;
  /** `--in-process`: the app in the bench's own process (the old, cheaper figures). */
  inProcess?: boolean;
}

type NumberOption =
  'seconds' | 'connections' | 'soakMinutes' | 'sampleSeconds' | 'maxErrors' | 'maxHeapSlope' | 'processes';

const FLAGS: Record<string, NumberOption> = {
  '--seconds': 'seconds',
  '--connections': 'connections',
  '--soak': 'soakMinutes',
  '--sample': 'sampleSeconds',
  '--max-errors': 'maxErrors',
  '--max-heap-slope': 'maxHeapSlope',
  '--processes': 'processes',
};
const STRING_FLAGS: Record<string, 'databaseUrl'> = { '--database-url': 'databaseUrl' };
const SWITCHES: Record<string, 'inProcess'> = { '--in-process': 'inProcess' };

export function parseBenchArgs(args: readonly string[]): BenchOptions {
  const options: BenchOptions = {};
  const known = [...Object.keys(FLAGS), ...Object.keys(STRING_FLAGS), ...Object.keys(SWITCHES)].join(', ');
  for (let i = 0; i < args.length; i++) {
    const flag = args[i]!;
    const next = args[i + 1];
    const toggle = SWITCHES[flag];
    if (toggle) {
      options[toggle] = true;
      continue;
    }
    const text = STRING_FLAGS[flag];
    if (text) {
      if (next === undefined || next.startsWith('--')) throw new Error(`${flag} needs a value`);
      options[text] = next;
      i++;
      continue;
    }
    const key = FLAGS[flag];
    const value = Number(next);
    if (!key) throw new Error(`Unknown option ${flag} (known: ${known})`);
    if (next === undefined || !Number.isFinite(value) || value < 0) throw new Error(`${flag} needs a number ≥ 0`);
    options[key] = value;
    i++;
  }
  return options;
}

/**
 * Emits a soak's figures — one line per memory sample, then growth (start, end, slope) of RSS and
 * post-GC heap, the load figures, and a verdict when limits were given — and sets
 * process.exitCode = 1 when a limit is exceeded.
 */
export function emitSoak(
  bench: string,
  result: SoakResult,
  options: BenchOptions,
  context: Record<string, unknown>,
): void {
  for (const s of result.samples) {
    emit({ bench, metric: 'soak_sample_rss', value: s.rssMB, unit: 'MB', t: s.t, ...context });
    emit({
      bench,
      metric: 'soak_sample_heap',
      value: s.heapMB,
      unit: 'MB',
      t: s.t,
      throughput: s.throughput,
      p99: s.p99,
      errors: s.errors,
      ...context,
    });
  }
  const minutes = result.load.seconds / 60;
  emit({
    bench,
    metric: 'memory_growth_rss',
    value: result.rss.slopeMBPerMin,
    unit: 'MB/min',
    startMB: result.rss.startMB,
    endMB: result.rss.endMB,
    minutes: Math.round(minutes * 100) / 100,
    ...context,
    note: 'whole process: server and load generator',
  });
  emit({
    bench,
    metric: 'memory_growth_heap',
    value: result.heap.slopeMBPerMin,
    unit: 'MB/min',
    startMB: result.heap.startMB,
    endMB: result.heap.endMB,
    minutes: Math.round(minutes * 100) / 100,
    ...context,
    note: "server's main-thread heap after a full GC",
  });
  emitLoad(bench, result.load, { ...context, soak: true });
  const problems: string[] = [];
  if (options.maxErrors !== undefined && result.load.errors > options.maxErrors)
    problems.push(
      `${result.load.errors} failed requests (limit ${options.maxErrors}): ${JSON.stringify(result.load.statuses)}, ${result.load.socketErrors} socket errors`,
    );
  if (options.maxHeapSlope !== undefined && result.heap.slopeMBPerMin > options.maxHeapSlope)
    problems.push(`heap grows ${result.heap.slopeMBPerMin} MB/min (limit ${options.maxHeapSlope})`);
  if (options.maxErrors !== undefined || options.maxHeapSlope !== undefined) {
    emit({ bench, metric: 'soak_verdict', value: problems.length === 0 ? 1 : 0, unit: 'ok', problems, ...context });
    if (problems.length > 0) {
      console.error(`soak failed: ${problems.join('; ')}`);
      process.exitCode = 1;
    }
  }
}
