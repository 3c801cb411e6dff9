import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderDecisionLetter } from '../../src/modules/sfi/letters/decision-letter.ts';
import { admissionLetter } from '../fixtures/decision-letters.ts';
import { testEngines } from '../helpers/database.ts';
import {
  buildCompiledServer,
  freePort,
  npmStartCommand,
  spawnServer,
  waitUntilReady,
  type ServerProcess,
} from '../harness/server-process.ts';

/**
 * What `npm start` runs is the bundle esbuild makes (scripts/build.mjs), not the TypeScript the
 * other tests load through tsx: files found relative to the code (rules/, public/build) and the
 * decision letters' worker thread must work from dist/ too.
 */
const root = join(import.meta.dirname, '..', '..');

// On the embedded database (a DATA_DIR): the PostgreSQL pass of `npm test` has nothing to add.
describe.skipIf(!testEngines().includes('pglite'))('the compiled server (dist/main.js)', () => {
  const dataDir = join(mkdtempSync(join(tmpdir(), 'smb-compiled-')), 'data');
  let server: ServerProcess;
  let output = '';

  beforeAll(async () => {
    buildCompiledServer();
    server = spawnServer({
      entry: 'dist/main.js',
      port: await freePort(),
      env: { DATA_DIR: dataDir },
      onOutput: (text) => (output += text),
    });
    await waitUntilReady(server, { timeoutMs: 60_000, describe: 'dist/main.js', output: () => output });
  }, 90_000);

  afterAll(() => {
    server?.child.kill('SIGKILL');
    rmSync(join(dataDir, '..'), { recursive: true, force: true });
  });

  it('serves the start page, the rule sets read from rules/, and the built assets', async () => {
    const start = await fetch(`${server.baseUrl}/`);
    expect(start.status).toBe(200);
    expect(await start.text()).toContain('<html lang="sv"');

    const rules = await fetch(`${server.baseUrl}/sa-fattas-besluten`);
    expect(rules.status).toBe(200);
    expect(await rules.text()).toContain('/sa-fattas-besluten/sfi');

    const css = await fetch(`${server.baseUrl}/assets/app.css`);
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toMatch(/^text\/css/);
  });

  it("runs with npm start's memory settings: a small young generation, glibc returning freed memory", () => {
    // npm start's command line is where these live (package.json); the harness reads them from there.
    expect(npmStartCommand()).toEqual({
      env: { MALLOC_TRIM_THRESHOLD_: '131072' },
      nodeArgs: ['--max-semi-space-size=4', '--enable-source-maps'],
      entry: 'dist/main.js',
    });
    const pid = server.child.pid!;
    expect(readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')).toContain('--max-semi-space-size=4');
    expect(readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0')).toContain('MALLOC_TRIM_THRESHOLD_=131072');
  });

  it('stops cleanly on SIGTERM', async () => {
    server.child.kill('SIGTERM');
    expect(await server.exited).toEqual({ code: 0, signal: null });
  }, 30_000);
});

describe.skipIf(!testEngines().includes('pglite'))('the compiled letter thread (dist/letter-thread.js)', () => {
  it('renders in a worker started from the bundle the same bytes as the source', async () => {
    // The bundle of letter-threads.ts: its createLetterThreads starts its workers on dist/letter-thread.js.
    const compiled = (await import(
      join(root, 'dist', 'letter-thread.js')
    )) as typeof import('../../src/modules/sfi/letters/letter-threads.ts');
    const letters = compiled.createLetterThreads({ threads: 1 });
    try {
      const now = new Date('2026-09-01T10:00:00Z');
      const pdf = await letters.render(admissionLetter, { now });
      expect(letters.inline).toBe(false);
      expect(pdf.equals(renderDecisionLetter(admissionLetter, { now }))).toBe(true);
    } finally {
      await letters.close();
    }
  }, 60_000);
});
