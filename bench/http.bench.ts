import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  chmodSync,
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  asUser,
  emit,
  emitLoad,
  emitSoak,
  freePort,
  load,
  rssMegabytes,
  soak,
  startApp,
  type BenchOptions,
  type LoadResult,
  type RequestSpec,
  type RunningApp,
} from './lib.ts';
import { createScratchDatabase } from '../test/helpers/database.ts';
import { buildCompiledServer, npmStartCommand } from '../test/harness/server-process.ts';

/**
 * The app as users get it — over HTTP, started the way production starts it, logging on —
 * beside nginx serving the very same bytes (issue 14). `npm run bench -- http`:
 *
 * 1. Starts `node dist/main.js` (what `npm start` runs, built first if its sources changed) with
 *    its default configuration (LOG_LEVEL unset,
 *    so `info`: a line per request, written to a temp log file, not to the bench's stdout) on
 *    embedded PGlite in a fresh temp DATA_DIR. One exception: RATE_LIMIT_MAX is raised, because
 *    every connection comes from 127.0.0.1 and the default (300 a minute per address) would
 *    turn the run into a measurement of 429s; the rate limiter itself still runs.
 *    With `--database-url URL` (or BENCH_DATABASE_URL) the server runs on a scratch database
 *    created on that PostgreSQL server (needs CREATEDB; dropped afterwards) as ROLE=web
 *    processes: `--processes N`, by default 1 and then 4 (PGlite allows only one process).
 * 2. Fetches `/` and `/sa-fattas-besluten` (anonymous, default language, no Accept-Encoding,
 *    as the load generator asks) once, writes the bytes to a temp docroot and starts
 *    `/usr/sbin/nginx` (Debian `nginx-light`) on them: `worker_processes 1`, the default
 *    access log (combined format, to a temp file), the same paths and content types, nginx's
 *    own ETag. Stopped with SIGQUIT at the end.
 * 3. For each target — `/`, `/sa-fattas-besluten`, and the 304 path (`/` with If-None-Match set
 *    to the ETag each server sent) — loads nginx, then the app, with the same client settings:
 *    `--connections` (default 1,000), 2 s warm-up, `--seconds` (default 10) measured; autocannon
 *    in a worker thread (bench/lib.ts load()).
 * 4. Prints per server and target throughput, p50/p95/p99, status and socket errors (lib.ts
 *    emitLoad) and the machine's listen-queue overflows during the run; per target the app's
 *    `ratio-of-nginx` (throughput) and `p99-vs-nginx`; and the response header count and bytes
 *    and body bytes of `/` for both servers. Context on every line: server, target,
 *    connections, processes (the app's web processes in that round; nginx always has one
 *    worker), engine.
 *
 * Several processes: autocannon drives one URL, and Node 20's net.Server has no SO_REUSEPORT
 * (`reusePort` came with Node 22.12), so dist/main.js cannot share a port. With N > 1 the N web
 * processes listen on N ports behind a second nginx as a round-robin upstream with keep-alive
 * connections — as they would run in production behind a proxy. That proxy has
 * `worker_processes auto` so that it is not the bottleneck; its hop is part of the app's
 * figures for N > 1 (not for N = 1, which is measured directly), so compare 1 and 4 processes
 * with that in mind.
 *
 * 1,000 connections need file descriptors (the bench warns when `ulimit -n` is below twice the
 * connections) and a listen backlog: Node and nginx both listen with 511, the kernel caps it at
 * net.core.somaxconn; overflows show in the `listen_overflows` figure.
 *
 * `--in-process`: the old figures instead — the app in this process, logger off, 50 connections
 * by default: /healthz, / and / signed in. `--soak M` (CI) uses that in-process app too, since
 * it samples the server's heap: the three in turn for M minutes, reporting memory growth
 * (bench/lib.ts soak); `--max-errors`/`--max-heap-slope` make it a check.
 */
export async function run(options: BenchOptions): Promise<void> {
  if (options.inProcess || options.soakMinutes !== undefined) return inProcess(options);
  return overHttp(options);
}

const root = join(import.meta.dirname, '..');
const NGINX = '/usr/sbin/nginx';

interface Target {
  name: string;
  /** The request for each server: the 304 path sends each server's own ETag. */
  request: (server: Server) => RequestSpec;
}

interface Server {
  name: 'nginx' | 'app';
  url: string;
  etag: string;
}

interface Page {
  status: number;
  body: Buffer;
  contentType: string;
  etag: string;
  headerCount: number;
  headerBytes: number;
}

async function overHttp(options: BenchOptions): Promise<void> {
  if (!existsSync(NGINX)) {
    console.error(
      `bench http: ${NGINX} not found — install it with \`apt-get install nginx-light\` (Debian; the bench starts and stops it itself, the system service need not run).`,
    );
    process.exitCode = 2;
    return;
  }
  const databaseUrl = options.databaseUrl ?? process.env.BENCH_DATABASE_URL;
  const engine = databaseUrl ? 'postgres' : 'pglite';
  const rounds = options.processes !== undefined ? [options.processes] : databaseUrl ? [1, 4] : [1];
  const usage = rounds.some((n) => !Number.isInteger(n) || n < 1)
    ? '--processes needs a whole number ≥ 1'
    : !databaseUrl && rounds.some((n) => n > 1)
      ? '--processes > 1 needs PostgreSQL (--database-url URL or BENCH_DATABASE_URL): PGlite allows one process'
      : undefined;
  if (usage) {
    console.error(`bench http: ${usage}`);
    process.exitCode = 2;
    return;
  }
  const connections = options.connections ?? 1000;
  const seconds = options.seconds;
  warnAboutFileDescriptors(connections);

  const dir = mkdtempSync(join(tmpdir(), 'smb-http-bench-'));
  // nginx's workers run as an unprivileged user when it is started as root: they must read it.
  chmodSync(dir, 0o755);
  const children: ChildProcess[] = []; // this round's app processes (and proxy)
  let staticNginx: ChildProcess | undefined;
  let scratch: { url: string; drop: () => Promise<void> } | undefined;
  let ok = false;
  try {
    if (databaseUrl) scratch = await createScratchDatabase(databaseUrl, 'smb_bench');
    let nginx: { server: Server; page: Page; process: ChildProcess } | undefined;
    for (const processes of rounds) {
      const context = { connections, processes, engine };
      const apps = await startApps(processes, { dir, databaseUrl: scratch?.url, children });
      let appUrl = apps[0]!;
      if (processes > 1) {
        const proxyPort = await freePort();
        const proxy = await startNginx(
          join(dir, `proxy-${processes}`),
          proxyConfig(proxyPort, apps, join(dir, `proxy-${processes}`)),
          proxyPort,
        );
        children.push(proxy);
        appUrl = `http://127.0.0.1:${proxyPort}`;
      }
      const pages = {
        '/': await fetchPage(`${appUrl}/`),
        '/sa-fattas-besluten': await fetchPage(`${appUrl}/sa-fattas-besluten`),
      };
      for (const [path, page] of Object.entries(pages))
        if (page.status !== 200) throw new Error(`the app answered ${page.status} to GET ${path}`);
      if (!nginx) {
        nginx = await startStaticNginx(dir, pages);
        staticNginx = nginx.process;
      }
      const app: Server = { name: 'app', url: appUrl, etag: pages['/'].etag };
      await check304(app);
      await check304(nginx.server);

      for (const [server, page] of [
        ['app', pages['/']],
        ['nginx', nginx.page],
      ] as const) {
        const where = { server, target: '/', ...context };
        emit({ bench: 'http', metric: 'response_headers', value: page.headerCount, unit: 'count', ...where });
        emit({
          bench: 'http',
          metric: 'response_header_bytes',
          value: page.headerBytes,
          unit: 'bytes',
          ...where,
          note: 'status line and headers, as sent',
        });
        emit({ bench: 'http', metric: 'body_bytes', value: page.body.length, unit: 'bytes', ...where });
      }

      const targets: Target[] = [
        { name: '/', request: () => ({ path: '/' }) },
        { name: '/sa-fattas-besluten', request: () => ({ path: '/sa-fattas-besluten' }) },
        { name: '/ (304)', request: (s) => ({ path: '/', headers: { 'if-none-match': s.etag } }) },
      ];
      for (const target of targets) {
        const results: Partial<Record<Server['name'], LoadResult>> = {};
        for (const server of [nginx.server, app]) {
          const overflowsBefore = listenOverflows();
          const result = await load(server.url, { requests: [target.request(server)], connections, seconds });
          results[server.name] = result;
          const where = { server: server.name, target: target.name, ...context };
          emitLoad('http', result, where);
          const overflows = listenOverflows();
          if (overflowsBefore && overflows)
            emit({
              bench: 'http',
              metric: 'listen_overflows',
              value: overflows.overflows - overflowsBefore.overflows,
              unit: 'count',
              ...where,
              drops: overflows.drops - overflowsBefore.drops,
              note: 'whole machine (TcpExt ListenOverflows/ListenDrops), warm-up included',
            });
        }
        const base = results.nginx!;
        const mine = results.app!;
        const where = { server: 'app', target: target.name, ...context };
        emit({
          bench: 'http',
          metric: 'ratio-of-nginx',
          value: ratio(mine.throughput, base.throughput),
          unit: 'x',
          ...where,
          goal: '>= 0.5',
        });
        emit({
          bench: 'http',
          metric: 'p99-vs-nginx',
          value: ratio(mine.p99, base.p99),
          unit: 'x',
          ...where,
          goal: '<= 2',
        });
      }
      emit({
        bench: 'http',
        metric: 'app_log_bytes',
        value: apps.reduce((sum, _url, i) => sum + sizeOf(join(dir, `app-${processes}-${i}.log`)), 0),
        unit: 'bytes',
        ...context,
        note: "the app's stdout and stderr (its request log) during the round",
      });
      await stopAll(children.splice(0));
    }
    ok = true;
  } finally {
    await stopAll([...children.splice(0), ...(staticNginx ? [staticNginx] : [])]);
    await scratch
      ?.drop()
      .catch((error: unknown) => console.error(`bench http: could not drop the scratch database: ${String(error)}`));
    if (ok) rmSync(dir, { recursive: true, force: true });
    else console.error(`bench http: logs and configuration kept in ${dir}`);
  }
}

function ratio(a: number, b: number): number {
  return b > 0 ? Math.round((a / b) * 1000) / 1000 : 0;
}

function sizeOf(path: string): number {
  return existsSync(path) ? statSync(path).size : 0;
}

function warnAboutFileDescriptors(connections: number): void {
  const limit = Number(spawnSync('sh', ['-c', 'ulimit -n'], { encoding: 'utf8' }).stdout.trim());
  if (Number.isFinite(limit) && limit < connections * 2 + 256)
    console.error(
      `bench http: ulimit -n is ${limit}; ${connections} connections need about ${connections * 2 + 256} file descriptors (the load generator and a server each hold one per connection). Raise it (ulimit -n 65536) before the run.`,
    );
}

/** The machine's listen-queue overflows so far (Linux /proc/net/netstat). */
function listenOverflows(): { overflows: number; drops: number } | undefined {
  try {
    const lines = readFileSync('/proc/net/netstat', 'utf8')
      .split('\n')
      .filter((l) => l.startsWith('TcpExt:'));
    const names = lines[0]!.split(/\s+/);
    const values = lines[1]!.split(/\s+/).map(Number);
    const get = (name: string) => values[names.indexOf(name)] ?? 0;
    return { overflows: get('ListenOverflows'), drops: get('ListenDrops') };
  } catch {
    return undefined;
  }
}

// ── The app: dist/main.js as `npm start` runs it ────────────────────────────────────────────────

async function startApps(
  processes: number,
  { dir, databaseUrl, children }: { dir: string; databaseUrl: string | undefined; children: ChildProcess[] },
): Promise<string[]> {
  const urls: string[] = [];
  // What `npm start` runs: the compiled server, built now if its sources changed, with its flags and environment.
  buildCompiledServer();
  const start = npmStartCommand();
  // The first process migrates and seeds; the others start once it is ready.
  const startOne = async (i: number) => {
    const port = await freePort();
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      PORT: String(port),
      HOST: '127.0.0.1',
      // All load comes from one address; the limiter still runs, it just never says 429.
      RATE_LIMIT_MAX: '1000000000',
      ...start.env,
      ...(databaseUrl ? { DATABASE_URL: databaseUrl, ROLE: 'web' } : { DATA_DIR: join(dir, 'data') }),
    };
    const log = openSync(join(dir, `app-${processes}-${i}.log`), 'a');
    const child = spawn(process.execPath, [...start.nodeArgs, start.entry], {
      cwd: root,
      env,
      stdio: ['ignore', log, log],
    });
    closeSync(log);
    children.push(child);
    await waitForReady(child, `http://127.0.0.1:${port}`, join(dir, `app-${processes}-${i}.log`));
    urls[i] = `http://127.0.0.1:${port}`;
  };
  await startOne(0);
  await Promise.all(Array.from({ length: processes - 1 }, (_, i) => startOne(i + 1)));
  return urls;
}

async function waitForReady(child: ChildProcess, url: string, logFile: string): Promise<void> {
  const deadline = performance.now() + 120_000;
  while (performance.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`dist/main.js exited with ${child.exitCode} before it was ready:\n${tail(logFile)}`);
    try {
      if ((await fetch(`${url}/readyz`)).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`dist/main.js was not ready within 120 s:\n${tail(logFile)}`);
}

function tail(file: string): string {
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').slice(-20).join('\n') : '';
}

// ── Pages: one request with node:http, no Accept-Encoding (as autocannon sends) ─────────────────

function fetchPage(url: string, headers: Record<string, string> = {}): Promise<Page> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const raw = res.rawHeaders;
        let headerBytes = Buffer.byteLength(`HTTP/${res.httpVersion} ${res.statusCode} ${res.statusMessage}\r\n\r\n`);
        for (let i = 0; i < raw.length; i += 2) headerBytes += Buffer.byteLength(`${raw[i]}: ${raw[i + 1]}\r\n`);
        resolve({
          status: res.statusCode ?? 0,
          body: Buffer.concat(chunks),
          contentType: String(res.headers['content-type'] ?? 'application/octet-stream'),
          etag: String(res.headers.etag ?? ''),
          headerCount: raw.length / 2,
          headerBytes,
        });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

async function check304(server: Server): Promise<void> {
  const answer = server.etag ? (await fetchPage(`${server.url}/`, { 'if-none-match': server.etag })).status : 0;
  if (answer !== 304)
    console.error(
      `bench http: ${server.name} answered ${answer || 'no ETag'} (not 304) to / with its own ETag; the 304 target measures that instead`,
    );
}

// ── nginx ─────────────────────────────────────────────────────────────────────────────────────

/** Paths inside the prefix, so that nginx writes nothing outside it (and runs without root). */
function commonConfig(prefix: string): string {
  return `pid ${prefix}/nginx.pid;
error_log ${prefix}/error.log;
daemon off;
worker_rlimit_nofile 65536;
events { worker_connections 8192; }
`;
}

function tempPaths(prefix: string): string {
  return ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']
    .map((kind) => `  ${kind}_temp_path ${prefix}/${kind}_temp;`)
    .join('\n');
}

function staticConfig(port: number, prefix: string, docroot: string, pages: Record<string, Page>): string {
  const location = (path: string, file: string, page: Page) => `    location = ${path} {
      types { }
      default_type "${page.contentType}";
      try_files /${file} =404;
    }`;
  return `worker_processes 1;
${commonConfig(prefix)}
http {
  access_log ${prefix}/access.log;
${tempPaths(prefix)}
  sendfile on;
  server {
    listen 127.0.0.1:${port};
    root ${docroot};
${location('/', 'index', pages['/']!)}
${location('/sa-fattas-besluten', 'sa-fattas-besluten', pages['/sa-fattas-besluten']!)}
  }
}
`;
}

function proxyConfig(port: number, upstreams: string[], prefix: string): string {
  return `worker_processes auto;
${commonConfig(prefix)}
http {
  access_log off;
${tempPaths(prefix)}
  upstream app {
${upstreams.map((url) => `    server ${new URL(url).host};`).join('\n')}
    keepalive 256;
  }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://app;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_buffering on;
    }
  }
}
`;
}

async function startNginx(prefix: string, config: string, port: number): Promise<ChildProcess> {
  mkdirSync(prefix, { recursive: true, mode: 0o755 });
  chmodSync(prefix, 0o755);
  writeFileSync(join(prefix, 'nginx.conf'), config);
  const child = spawn(NGINX, ['-e', join(prefix, 'error.log'), '-c', join(prefix, 'nginx.conf'), '-p', `${prefix}/`], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const deadline = performance.now() + 10_000;
  while (performance.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`nginx exited with ${child.exitCode}:\n${stderr}\n${tail(join(prefix, 'error.log'))}`);
    try {
      await fetch(`http://127.0.0.1:${port}/`);
      return child;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  child.kill('SIGKILL');
  throw new Error(`nginx did not listen within 10 s:\n${stderr}`);
}

/** nginx (one worker, access log on) serving the app's bytes of `/` and `/sa-fattas-besluten`. */
async function startStaticNginx(
  dir: string,
  pages: Record<'/' | '/sa-fattas-besluten', Page>,
): Promise<{ server: Server; page: Page; process: ChildProcess }> {
  const prefix = join(dir, 'nginx');
  const docroot = join(prefix, 'docroot');
  mkdirSync(docroot, { recursive: true, mode: 0o755 });
  chmodSync(prefix, 0o755);
  writeFileSync(join(docroot, 'index'), pages['/'].body);
  writeFileSync(join(docroot, 'sa-fattas-besluten'), pages['/sa-fattas-besluten'].body);
  const port = await freePort();
  const child = await startNginx(prefix, staticConfig(port, prefix, docroot, pages), port);
  const url = `http://127.0.0.1:${port}`;
  let page: Page;
  try {
    page = await fetchPage(`${url}/`);
    for (const path of ['/', '/sa-fattas-besluten'] as const) {
      const served = path === '/' ? page : await fetchPage(`${url}${path}`);
      if (!served.body.equals(pages[path].body) || served.contentType !== pages[path].contentType)
        throw new Error(`nginx does not serve the app's bytes of ${path} (${served.status}, ${served.contentType})`);
    }
  } catch (error) {
    await stopAll([child]);
    throw error;
  }
  return { server: { name: 'nginx', url, etag: page.etag }, page, process: child };
}

/** SIGQUIT for nginx (graceful), SIGTERM for the app (drains), and wait for each to exit. */
async function stopAll(children: ChildProcess[]): Promise<void> {
  await Promise.all(
    children.map(async (child) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill(child.spawnfile === NGINX ? 'SIGQUIT' : 'SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    }),
  );
}

// ── In-process (--in-process, --soak): the app in this process, logger off ─────────────────────

async function inProcessTargets(app: RunningApp): Promise<{ name: string; requests: RequestSpec[] }[]> {
  return [
    { name: '/healthz', requests: [{ path: '/healthz' }] },
    { name: '/', requests: [{ path: '/' }] },
    { name: '/ (signed in)', requests: [await asUser(app, 'amina', { path: '/' })] },
  ];
}

async function inProcess(options: BenchOptions): Promise<void> {
  const app = await startApp();
  const connections = options.connections ?? 50;
  try {
    const list = await inProcessTargets(app);
    if (options.soakMinutes !== undefined) {
      const result = await soak(app.url, {
        minutes: options.soakMinutes,
        sampleSeconds: options.sampleSeconds,
        connections,
        requests: list.flatMap((t) => t.requests),
      });
      emitSoak('http', result, options, {
        target: list.map((t) => t.name).join(' + '),
        engine: app.engine,
        connections,
      });
      return;
    }
    for (const target of list) {
      const result = await load(app.url, { requests: target.requests, connections, seconds: options.seconds });
      emitLoad('http', result, { target: target.name, engine: app.engine, connections, inProcess: true });
    }
    emit({
      bench: 'http',
      metric: 'rss',
      value: rssMegabytes(),
      unit: 'MB',
      engine: app.engine,
      inProcess: true,
      note: 'server and load generator in one process',
    });
  } finally {
    await app.close();
  }
}
