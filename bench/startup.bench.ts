import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createScratchDatabase } from '../test/helpers/database.ts';
import type { BenchOptions } from './lib.ts';
import { emit, freePort } from './lib.ts';

/**
 * Start-up as an operator sees it: `npm start` (the build check, then the compiled server) until
 * `/` answers 200 —
 *   cold: a new database (a new DATA_DIR, or a new PostgreSQL database), so it is created,
 *         migrated and seeded with the demo data;
 *   warm: a second start on the same database.
 * On a checkout after `npm ci`, whose postinstall built dist/ and the PGlite template. Then the
 * resident memory summed over the processes `npm start` made (the shell and the server; npm's
 * own, about 60 MB, reported apart), measured idle two seconds after the first 200; then SIGTERM
 * to the process group (as a terminal's Ctrl-C or systemd sends it), which must end every process
 * without an error logged. PGlite always; PostgreSQL too with --database-url, BENCH_DATABASE_URL
 * or TEST_DATABASE_URL (a scratch database, dropped afterwards).
 */
const root = join(import.meta.dirname, '..');

interface Started {
  child: ChildProcess;
  readyMs: number;
  stderr: () => string;
  errors: () => string;
}

async function npmStart(env: Record<string, string>): Promise<Started> {
  const port = await freePort();
  const started = performance.now();
  // Its own process group, stopped as a terminal's Ctrl-C or systemd stops one: npm does not pass
  // a SIGTERM sent to it alone on to the server, which would run on without it.
  const child = spawn('npm', ['start', '--silent'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: String(port), HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let stderr = '';
  let errors = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  // The server logs JSON lines on stdout: keep those at level error (50) or above.
  child.stdout?.on('data', (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) if (/"level":[5-6]\d/.test(line)) errors += `${line}\n`;
  });
  const deadline = started + 120_000;
  while (performance.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`npm start exited with ${child.exitCode} before it was ready:\n${stderr}`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/`);
      if (response.status === 200)
        return {
          child,
          readyMs: Math.round(performance.now() - started),
          stderr: () => stderr,
          errors: () => errors,
        };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  child.kill('SIGKILL');
  throw new Error(`npm start was not ready within 120 s:\n${stderr}`);
}

/** The pids of `pid` and every process below it. */
function processTree(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The parent pid is the 2nd field after the command name in parentheses (which may hold spaces).
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
    } catch {
      // the process ended meanwhile
    }
  }
  const tree: number[] = [];
  const visit = (p: number) => {
    tree.push(p);
    for (const child of children.get(p) ?? []) visit(child);
  };
  visit(pid);
  return tree;
}

/** VmRSS summed over `pids`, in MB. */
function residentMegabytes(pids: number[]): number {
  let kb = 0;
  for (const pid of pids) {
    try {
      kb += Number(/^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
    } catch {
      // ended meanwhile
    }
  }
  return Math.round((kb / 1024) * 10) / 10;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** SIGTERM to the whole group; the time until every process of the tree has ended, which must be without errors. */
async function stop(started: Started): Promise<number> {
  const tree = processTree(started.child.pid!);
  const begun = performance.now();
  process.kill(-started.child.pid!, 'SIGTERM');
  while (tree.some(alive)) {
    if (performance.now() - begun > 20_000) {
      process.kill(-started.child.pid!, 'SIGKILL');
      throw new Error(`npm start's processes still ran 20 s after SIGTERM:\n${started.stderr()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  if (started.errors()) throw new Error(`the server logged errors:\n${started.errors()}`);
  return Math.round(performance.now() - begun);
}

async function measure(engine: 'pglite' | 'postgres', env: Record<string, string>): Promise<void> {
  for (const phase of ['cold', 'warm'] as const) {
    const started = await npmStart(env);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const [npm, ...made] = processTree(started.child.pid!);
    const rss = residentMegabytes(made);
    const npmRss = residentMegabytes([npm!]);
    const stoppedMs = await stop(started);
    emit({ bench: 'startup', metric: 'ready', value: started.readyMs, unit: 'ms', phase, engine });
    emit({ bench: 'startup', metric: 'rss', value: rss, unit: 'MB', phase, engine, processes: made.length });
    emit({ bench: 'startup', metric: 'rss_npm', value: npmRss, unit: 'MB', phase, engine });
    emit({ bench: 'startup', metric: 'shutdown', value: stoppedMs, unit: 'ms', phase, engine });
  }
}

export async function run(options: BenchOptions): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'smb-startup-'));
  try {
    await measure('pglite', { DATA_DIR: join(dir, 'data') });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const serverUrl = options.databaseUrl ?? process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!serverUrl) return;
  const scratch = await createScratchDatabase(serverUrl, 'smb_bench');
  try {
    await measure('postgres', { DATABASE_URL: scratch.url });
  } finally {
    await scratch.drop();
  }
}
