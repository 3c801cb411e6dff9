/**
 * Crash harness: does an acknowledged write survive the process dying at any moment?
 *
 * `runCrashHarness` starts the server as a CHILD PROCESS (`node --import tsx src/main.ts`, or a
 * test target such as test/harness/crash-target.ts) on a fresh database — a temporary PGlite
 * DATA_DIR, or a new PostgreSQL database on the TEST_DATABASE_URL server — with a free PORT and
 * LOG_LEVEL=warn. It then repeats `kills` times: wait until /readyz answers 200, drive the server
 * with `concurrency` loops calling the caller's `request` function, and SIGKILL it after a random
 * (seeded) time. Finally it starts the server once more on the same data, waits for /readyz,
 * stops it cleanly with SIGTERM (exit 0 required), and hands the test:
 *
 *   - `database`: a DatabaseHandle opened on that data after the last stop;
 *   - `acknowledged`: every request that got a 2xx response — the writes the server promised;
 *   - per-cycle figures (time to ready, i.e. recovery, requests acknowledged/rejected/failed).
 *
 * The test then checks its invariants, e.g. with `expectAcknowledgedOnce`. A restart that fails
 * (the database cannot recover) throws, naming the cycle, the seed and the server's stderr.
 * Everything is reproducible from `seed` (kill moments, and `random` given to the request function).
 *
 *   const run = await runCrashHarness({
 *     entry: 'test/harness/crash-target.ts', engine: 'pglite', seed: 7, kills: 3, concurrency: 4,
 *     request: async ({ baseUrl, signal }) => {
 *       const key = randomUUID();
 *       const res = await fetch(`${baseUrl}/api/v1/…`, { method: 'POST', body: …, signal });
 *       return { route: 'POST /api/v1/…', status: res.status, value: key };
 *     },
 *   });
 *   try { await expectAcknowledgedOnce(run, 'POST /api/v1/…', (db, ack) => countRowsWithKey(db, ack.value)); }
 *   finally { await run.close(); }
 */
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openDatabase, type Db, type DatabaseHandle } from '../../src/platform/db/database.ts';
import { freePort, spawnServer, waitUntilReady, type ServerExit } from './server-process.ts';

export type CrashEngine = 'pglite' | 'postgres';

/** What the request function gets for one call. */
export interface CrashRequestContext {
  /** http://127.0.0.1:<port> of the server running now (the port changes on every restart). */
  baseUrl: string;
  /** 1, 2, … the running server's cycle; the last, clean cycle is `kills + 1`. */
  cycle: number;
  /** A number unique over the whole run (0, 1, 2, …). */
  n: number;
  /** Seeded random in [0, 1): use it instead of Math.random so a failing run can be replayed. */
  random: () => number;
  /** Aborts a request that hangs (10 s); pass it to fetch. */
  signal: AbortSignal;
}

/** What the request function reports: which route it called, the status it got, and what it wrote. */
export interface CrashRequestOutcome<T> {
  route: string;
  status: number;
  value: T;
}

/** A request the server acknowledged with 2xx: it promised the write. */
export interface Acknowledged<T> extends CrashRequestOutcome<T> {
  n: number;
  cycle: number;
}

export interface CrashHarnessOptions<T> {
  /** The server script, relative to the repository root. Default `src/main.ts`. */
  entry?: string;
  /** Default `pglite`; `postgres` needs TEST_DATABASE_URL (a server where it may create databases). */
  engine?: CrashEngine;
  /** Seeds the kill moments and `random`. Default 1. */
  seed?: number;
  /** How many times the server is SIGKILLed (K). Default 3. */
  kills?: number;
  /** Concurrent request loops (N). Default 4. */
  concurrency?: number;
  /** Milliseconds of load before each kill: drawn (seeded) from [min, max]. Default [300, 1500]. */
  loadMs?: readonly [number, number];
  /** Milliseconds of load on the final server before the clean stop (proves it serves after recovery). Default 300. */
  finalLoadMs?: number;
  /** Calls the server once; throw or return a non-2xx status for a failed call. */
  request: (context: CrashRequestContext) => Promise<CrashRequestOutcome<T>>;
  /** Extra environment for the server (over DATA_DIR/DATABASE_URL, PORT, HOST, LOG_LEVEL=warn, RATE_LIMIT_MAX). */
  env?: Record<string, string>;
  /** How long one start may take until /readyz says 200. Default 120 s. */
  readyTimeoutMs?: number;
}

export interface CrashCycle {
  cycle: number;
  /** Start to /readyz 200 — for cycles after a kill, this includes the database's crash recovery. */
  readyMs: number;
  /** How long the load ran before the kill (or the clean stop). */
  loadMs: number;
  acknowledged: number;
  /** Non-2xx responses. */
  rejected: number;
  /** Calls that got no response (the kill cut them off): their outcome is unknown. */
  failed: number;
  ended: 'SIGKILL' | 'SIGTERM';
}

export interface CrashRun<T> {
  seed: number;
  engine: CrashEngine;
  /** Opened after the last (clean) stop. Closed, and the data removed, by `close()`. */
  database: DatabaseHandle;
  acknowledged: Acknowledged<T>[];
  cycles: CrashCycle[];
  /** The servers' stderr and stdout (LOG_LEVEL=warn), last 64 KB: for failure messages. */
  output: string;
  close(): Promise<void>;
}

/** Deterministic PRNG (mulberry32): the same seed gives the same kill moments. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Storage {
  env: Record<string, string>;
  open(): Promise<DatabaseHandle>;
  remove(): Promise<void>;
}

async function createStorage(engine: CrashEngine): Promise<Storage> {
  if (engine === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'smb-crash-'));
    const dataDir = join(dir, 'data');
    return {
      env: { DATA_DIR: dataDir },
      open: () => openDatabase({ dataDir }),
      async remove() {
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('runCrashHarness: engine "postgres" needs TEST_DATABASE_URL');
  const name = `smb_crash_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = async (text: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(text);
    } finally {
      await client.end();
    }
  };
  await admin(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  return {
    env: { DATABASE_URL: databaseUrl, DATABASE_POOL_SIZE: '5' },
    open: () => openDatabase({ databaseUrl, poolSize: 2 }),
    remove: () => admin(`drop database if exists ${name} with (force)`),
  };
}

interface Server {
  child: ChildProcess;
  baseUrl: string;
  readyMs: number;
  exited: Promise<ServerExit>;
}

/**
 * Runs the crash cycles described in the file comment. Throws (after cleaning up) when a start
 * fails or times out, or when the final SIGTERM does not end in exit 0.
 */
export async function runCrashHarness<T>(options: CrashHarnessOptions<T>): Promise<CrashRun<T>> {
  const entry = options.entry ?? 'src/main.ts';
  const engine = options.engine ?? 'pglite';
  const seed = options.seed ?? 1;
  const kills = options.kills ?? 3;
  const concurrency = options.concurrency ?? 4;
  const [minLoad, maxLoad] = options.loadMs ?? [300, 1500];
  const finalLoadMs = options.finalLoadMs ?? 300;
  const readyTimeoutMs = options.readyTimeoutMs ?? 120_000;
  const random = seededRandom(seed);
  const storage = await createStorage(engine);
  const acknowledged: Acknowledged<T>[] = [];
  const cycles: CrashCycle[] = [];
  let output = '';
  let n = 0;
  const running = new Set<ChildProcess>();
  const describe = (cycle: number) =>
    `crash harness (entry ${entry}, engine ${engine}, seed ${seed}, cycle ${cycle} of ${kills + 1})`;

  const start = async (cycle: number): Promise<Server> => {
    const port = await freePort();
    const server = spawnServer({
      entry,
      port,
      env: { RATE_LIMIT_MAX: '1000000', ...storage.env, ...options.env },
      onOutput: (text) => {
        output = (output + text).slice(-65_536);
      },
    });
    const { child, baseUrl, exited } = server;
    running.add(child);
    child.once('exit', () => running.delete(child));
    const readyMs = await waitUntilReady(server, {
      timeoutMs: readyTimeoutMs,
      describe: describe(cycle),
      output: () => output,
    });
    return { child, baseUrl, exited, readyMs };
  };

  /** Load until `until` resolves; returns the counts. Requests cut off by a kill count as failed. */
  const drive = async (server: Server, cycle: number, until: Promise<unknown>) => {
    let stop = false;
    void until.then(() => (stop = true));
    const counts = { acknowledged: 0, rejected: 0, failed: 0 };
    const loop = async () => {
      while (!stop) {
        const context: CrashRequestContext = {
          baseUrl: server.baseUrl,
          cycle,
          n: n++,
          random,
          signal: AbortSignal.timeout(10_000),
        };
        try {
          const outcome = await options.request(context);
          if (outcome.status >= 200 && outcome.status < 300) {
            acknowledged.push({ ...outcome, n: context.n, cycle });
            counts.acknowledged++;
          } else {
            counts.rejected++;
          }
        } catch {
          counts.failed++;
          // A refused connection returns at once: do not spin while the process is gone.
          if (!stop) await new Promise((resolve) => setTimeout(resolve, 5));
        }
      }
    };
    await Promise.all(Array.from({ length: concurrency }, loop));
    return counts;
  };

  try {
    for (let cycle = 1; cycle <= kills; cycle++) {
      const server = await start(cycle);
      const loadMs = Math.round(minLoad + random() * (maxLoad - minLoad));
      const killed = new Promise<void>((resolve) =>
        setTimeout(() => {
          server.child.kill('SIGKILL');
          resolve();
        }, loadMs),
      );
      const counts = await drive(
        server,
        cycle,
        killed.then(() => server.exited),
      );
      const exit = await server.exited;
      if (exit.signal !== 'SIGKILL')
        throw new Error(
          `${describe(cycle)}: the server ended by itself (${exit.code ?? exit.signal}) before the kill:\n${output}`,
        );
      cycles.push({ cycle, readyMs: server.readyMs, loadMs, ...counts, ended: 'SIGKILL' });
    }

    const last = kills + 1;
    const server = await start(last);
    const counts = await drive(server, last, new Promise((resolve) => setTimeout(resolve, finalLoadMs)));
    server.child.kill('SIGTERM');
    const exit = await server.exited;
    if (exit.code !== 0)
      throw new Error(
        `${describe(last)}: SIGTERM did not end in a clean exit (${exit.code ?? exit.signal}):\n${output}`,
      );
    cycles.push({ cycle: last, readyMs: server.readyMs, loadMs: finalLoadMs, ...counts, ended: 'SIGTERM' });

    const database = await storage.open();
    return {
      seed,
      engine,
      database,
      acknowledged,
      cycles,
      output,
      async close() {
        await database.close().catch(() => undefined);
        await storage.remove();
      },
    };
  } catch (error) {
    for (const child of running) child.kill('SIGKILL');
    await storage.remove().catch(() => undefined);
    throw error;
  }
}

/**
 * Asserts that every write the server acknowledged on `route` is in the database exactly once
 * (`count` says how many times an acknowledged request's write is there). Throws naming the
 * route, the seed and examples of lost or duplicated writes.
 */
export async function expectAcknowledgedOnce<T>(
  run: CrashRun<T>,
  route: string,
  count: (db: Db, ack: Acknowledged<T>) => Promise<number>,
): Promise<void> {
  const acks = run.acknowledged.filter((a) => a.route === route);
  if (acks.length === 0)
    throw new Error(
      `${route}: no request was acknowledged during the crash run (seed ${run.seed}) — the load never reached the route`,
    );
  const lost: Acknowledged<T>[] = [];
  const duplicated: Acknowledged<T>[] = [];
  for (const ack of acks) {
    const found = await count(run.database.db, ack);
    if (found === 0) lost.push(ack);
    else if (found > 1) duplicated.push(ack);
  }
  if (lost.length === 0 && duplicated.length === 0) return;
  const sample = (list: Acknowledged<T>[]) =>
    list
      .slice(0, 3)
      .map((a) => `#${a.n} in cycle ${a.cycle}: ${JSON.stringify(a.value)}`)
      .join('; ');
  const problems = [
    lost.length > 0 ? `${lost.length} acknowledged write(s) LOST (${sample(lost)})` : '',
    duplicated.length > 0 ? `${duplicated.length} acknowledged write(s) DUPLICATED (${sample(duplicated)})` : '',
  ].filter(Boolean);
  const kills = run.cycles.filter((c) => c.ended === 'SIGKILL').length;
  throw new Error(
    `${route}: of ${acks.length} acknowledged writes after ${kills} SIGKILLs on ${run.engine} (seed ${run.seed}): ${problems.join('; ')}`,
  );
}
