import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { emit, freePort } from './lib.ts';

/**
 * Start-up as an operator sees it: `node --import tsx src/main.ts` (what `npm start` runs after
 * building assets) until /readyz answers 200 —
 *   cold: a new DATA_DIR, so the embedded database is created, migrated and seeded;
 *   warm: a second start on the same DATA_DIR.
 * Then resident memory (VmRSS of the process), and SIGTERM, which must end in a clean exit 0.
 */
const root = join(import.meta.dirname, '..');

interface Started {
  child: ChildProcess;
  readyMs: number;
  stderr: () => string;
}

async function startMain(dataDir: string): Promise<Started> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const deadline = started + 120_000;
  while (performance.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`src/main.ts exited with ${child.exitCode} before it was ready:\n${stderr}`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/readyz`);
      if (response.status === 200)
        return { child, readyMs: Math.round(performance.now() - started), stderr: () => stderr };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  child.kill('SIGKILL');
  throw new Error(`src/main.ts was not ready within 120 s:\n${stderr}`);
}

function residentMegabytes(pid: number): number {
  const kb = Number(/^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN);
  return Math.round((kb / 1024) * 10) / 10;
}

async function stop({ child, stderr }: Started): Promise<{ code: number | null; ms: number }> {
  const started = performance.now();
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill('SIGTERM');
  const code = await exited;
  if (code !== 0) throw new Error(`src/main.ts did not exit cleanly on SIGTERM (exit ${code}):\n${stderr()}`);
  return { code, ms: Math.round(performance.now() - started) };
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'smb-startup-'));
  const dataDir = join(dir, 'data');
  try {
    for (const phase of ['cold', 'warm'] as const) {
      const started = await startMain(dataDir);
      const rss = residentMegabytes(started.child.pid!);
      const stopped = await stop(started);
      emit({ bench: 'startup', metric: 'ready', value: started.readyMs, unit: 'ms', phase, engine: 'pglite' });
      emit({ bench: 'startup', metric: 'rss', value: rss, unit: 'MB', phase, engine: 'pglite' });
      emit({ bench: 'startup', metric: 'shutdown', value: stopped.ms, unit: 'ms', phase, exitCode: stopped.code });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
