/**
 * The server as a CHILD PROCESS, as it runs in production: `node --import tsx <entry>` (or, for
 * the compiled dist/main.js, with `npm start`'s flags and environment: npmStartCommand) with a
 * free PORT, HOST 127.0.0.1, BASE_URL set to that address and LOG_LEVEL=warn, plus the caller's
 * environment (database, role, …). Shared by the crash harness (test/harness/crash.ts) and the
 * multi-process test, so both start servers the same way.
 *
 *   const port = await freePort();
 *   const server = spawnServer({ entry: 'src/main.ts', port, env: { DATABASE_URL }, onOutput: (text) => … });
 *   const readyMs = await waitUntilReady(server, { timeoutMs: 60_000, describe: 'web A', output: () => … });
 *   server.child.kill('SIGTERM');
 *   const { code } = await server.exited;
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');

/**
 * How `npm start` runs the compiled server, read from package.json's "start" (its last command,
 * after the build): the environment it sets and node's flags, e.g.
 * `MALLOC_TRIM_THRESHOLD_=131072 node --max-semi-space-size=4 --enable-source-maps dist/main.js`
 * gives `{ env: { MALLOC_TRIM_THRESHOLD_: '131072' }, nodeArgs: ['--max-semi-space-size=4', '--enable-source-maps'], entry: 'dist/main.js' }`.
 * Tests and benches start dist/main.js with exactly these, so they measure what users run.
 */
export function npmStartCommand(): { env: Record<string, string>; nodeArgs: string[]; entry: string } {
  const scripts = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> })
    .scripts;
  const words = scripts.start!.split('&&').at(-1)!.trim().split(/\s+/);
  const env: Record<string, string> = {};
  while (words[0] && /^[A-Z_][A-Z0-9_]*=/.test(words[0])) {
    const [name, ...value] = words.shift()!.split('=');
    env[name!] = value.join('=');
  }
  if (words.shift() !== 'node' || !words.at(-1)?.endsWith('.js'))
    throw new Error(`package.json's start should end in "[VAR=value …] node [flags] <entry>.js": ${scripts.start}`);
  const entry = words.pop()!;
  return { env, nodeArgs: words, entry };
}

export interface ServerExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ServerProcess {
  child: ChildProcess;
  /** http://127.0.0.1:<port> — also the server's BASE_URL. */
  baseUrl: string;
  /** performance.now() when it was spawned: the start of its time to ready. */
  startedAt: number;
  /** Resolves when the process has ended, however it ended. */
  exited: Promise<ServerExit>;
}

/** Builds dist/ (what `npm start` runs) if its sources changed since the last build; throws with the build's errors. */
export function buildCompiledServer(): void {
  const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`scripts/build.mjs failed:\n${build.stderr}`);
}

/** A port nobody listens on right now (the OS picks it), for a server that is about to start. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

export interface SpawnServerOptions {
  /** The server script, relative to the repository root (e.g. `src/main.ts`, or `dist/main.js` once built). */
  entry: string;
  port: number;
  /** Over PATH, HOME, NODE_ENV=development, HOST, PORT, BASE_URL and LOG_LEVEL=warn. */
  env?: Record<string, string>;
  /** Gets the server's stdout and stderr as they come (for failure messages). */
  onOutput?: (text: string) => void;
}

/** Starts the server; it is not ready yet (see waitUntilReady). */
export function spawnServer(options: SpawnServerOptions): ServerProcess {
  const baseUrl = `http://127.0.0.1:${options.port}`;
  const startedAt = performance.now();
  // Only what the server needs: the test runner's own environment (TEST_DATABASE_URL, …) stays out.
  // The compiled bundle (dist/main.js) runs with `npm start`'s flags and environment; sources need tsx.
  const production = npmStartCommand();
  const compiled = options.entry.endsWith('.js');
  const nodeArgs = compiled ? production.nodeArgs : ['--import', 'tsx'];
  const child = spawn(process.execPath, [...nodeArgs, options.entry], {
    cwd: root,
    env: {
      ...(compiled ? production.env : {}),
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: String(options.port),
      BASE_URL: baseUrl,
      LOG_LEVEL: 'warn',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const collect = (chunk: Buffer) => options.onOutput?.(chunk.toString());
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<ServerExit>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return { child, baseUrl, startedAt, exited };
}

export interface WaitUntilReadyOptions {
  /** How long the start may take until /readyz says 200. */
  timeoutMs: number;
  /** Names the server in error messages, e.g. "crash harness (…, cycle 2 of 4)". */
  describe: string;
  /** The server's output so far, appended to error messages. */
  output: () => string;
}

/**
 * Polls /readyz until it answers 200 and returns the milliseconds since the spawn. Throws when
 * the process exits first, or (after a SIGKILL) when it is not ready within `timeoutMs`.
 */
export async function waitUntilReady(server: ServerProcess, options: WaitUntilReadyOptions): Promise<number> {
  const { child } = server;
  while (performance.now() - server.startedAt < options.timeoutMs) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `${options.describe}: the server exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${options.output()}`,
      );
    }
    try {
      const response = await fetch(`${server.baseUrl}/readyz`, { signal: AbortSignal.timeout(2_000) });
      if (response.status === 200) return Math.round(performance.now() - server.startedAt);
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  child.kill('SIGKILL');
  throw new Error(`${options.describe}: the server was not ready within ${options.timeoutMs} ms:\n${options.output()}`);
}

/**
 * The servers one test starts on one database, as production runs several: every one gets the
 * same SESSION_SECRET and AUDIT_HMAC_KEY (a cookie, a CSRF token or an audit checkpoint signed by
 * one must check out in the others) and the group's environment; each one's last 32 KB of output
 * is kept for failure messages.
 */
export class ServerGroup {
  readonly secrets = { SESSION_SECRET: `session-${randomUUID()}`, AUDIT_HMAC_KEY: `audit-${randomUUID()}` };
  private readonly started: { name: string; server: ServerProcess; output: () => string }[] = [];

  /** `env` is read at each start (a scratch database's URL is known only in beforeAll). */
  constructor(private readonly env: () => Record<string, string>) {}

  /** Starts `src/main.ts` as `name`; waits until /readyz is 200 unless it serves no HTTP (ROLE=worker). */
  async start(name: string, env: Record<string, string>): Promise<ServerProcess> {
    let output = '';
    const server = spawnServer({
      entry: 'src/main.ts',
      port: await freePort(),
      env: { ...this.env(), ...this.secrets, ...env },
      onOutput: (text) => {
        output = (output + text).slice(-32_768);
      },
    });
    this.started.push({ name, server, output: () => output });
    if (env.ROLE !== 'worker')
      await waitUntilReady(server, { timeoutMs: 60_000, describe: name, output: () => output });
    return server;
  }

  /** Every server's output so far, for a failure message. */
  outputs(): string {
    return this.started.map((s) => `--- ${s.name}:\n${s.output() || '(nothing)'}`).join('\n');
  }

  /** SIGTERM to every server, and how each ended, by name. */
  async stopAll(): Promise<(ServerExit & { name: string })[]> {
    for (const { server } of this.started) server.child.kill('SIGTERM');
    return Promise.all(this.started.map(async (s) => ({ name: s.name, ...(await s.server.exited) })));
  }

  /** The names of the servers started, in order. */
  get names(): string[] {
    return this.started.map((s) => s.name);
  }

  /** After the tests: SIGKILL whichever still runs (a failure before its clean stop), and wait until all have ended. */
  async killLeftovers(): Promise<void> {
    for (const { server } of this.started) {
      if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL');
    }
    await Promise.all(this.started.map((s) => s.server.exited));
  }
}
