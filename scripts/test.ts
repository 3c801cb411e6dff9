/**
 * `npm test`: every test tier in one command, the same way locally and in CI.
 *
 *   1. unit + db projects on PGlite (TEST_DATABASE_URL removed, so nothing needs a server);
 *   2. the db project again with TEST_DATABASE_URL, when it is set (the helpers then run each
 *      database test on PostgreSQL too);
 *   3. the browser journeys (e2e project), when Chromium and a Java runtime (the crawl's HTML
 *      validator) are installed.
 *
 * Extra arguments go to every vitest run (`npm test -- test/platform`). The last line is
 * `N passed, N failed` summed over the stages — CI tooling reads it. Exit code 1 if any stage failed.
 */
import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const root = join(import.meta.dirname, '..');
const vitestBin = join(root, 'node_modules', 'vitest', 'vitest.mjs');
const extraArgs = process.argv.slice(2);
const reportDir = mkdtempSync(join(tmpdir(), 'smb-test-'));

interface StageResult {
  name: string;
  passed: number;
  failed: number;
  ok: boolean;
  seconds: number;
  skipped?: string;
}

/** Whether a Java runtime answers (the crawl runs the Nu Html Checker, vnu-jar, on it). */
function hasJava(): boolean {
  return spawnSync('java', ['-version'], { stdio: 'ignore' }).status === 0;
}

/** Where Chromium is, if anywhere: CHROMIUM_PATH, else Debian's /usr/bin/chromium. */
function findChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  for (const candidate of [env.CHROMIUM_PATH, '/usr/bin/chromium']) {
    if (!candidate) continue;
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not there or not executable: try the next one
    }
  }
  return undefined;
}

/**
 * Test files at once in the unit and db stages: one per CPU. Vitest's default left one of two
 * CPUs idle here; a db test file waits on its database much of the time, so two files at once
 * cut the PostgreSQL stage by about a fifth and the PGlite stage by about a sixth (measured on
 * the booking and e-services files). The browser stage runs its files one at a time anyway.
 */
const WORKERS = Math.max(1, availableParallelism());

function runVitest(name: string, projects: string[], env: NodeJS.ProcessEnv, workers?: number): Promise<StageResult> {
  const report = join(reportDir, `${name.replace(/\W+/g, '-')}.json`);
  const args = [
    vitestBin,
    'run',
    ...projects.flatMap((p) => ['--project', p]),
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
    '--passWithNoTests',
    ...(workers ? [`--maxWorkers=${workers}`] : []),
    ...extraArgs,
  ];
  console.log(`\n▶ ${name}`);
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: root, env, stdio: 'inherit' });
    child.on('close', (code, signal) => {
      const seconds = (performance.now() - started) / 1000;
      let passed = 0;
      let failed = 0;
      try {
        const json = JSON.parse(readFileSync(report, 'utf8')) as {
          numPassedTests: number;
          numFailedTests: number;
          testResults?: { name: string; startTime: number; endTime: number }[];
        };
        passed = json.numPassedTests;
        failed = json.numFailedTests;
        printSlowest(name, json.testResults ?? []);
      } catch {
        // No report: vitest crashed before finishing; counted as a failure below.
      }
      const ok = code === 0;
      // A file that fails to load, or a crash, fails the stage without failing a test: count it.
      if (!ok && failed === 0) failed = 1;
      if (signal) console.error(`${name}: vitest was killed by ${signal}`);
      resolve({ name, passed, failed, ok, seconds });
    });
  });
}

/** The slowest files of a stage: where to look first when CI's 30 minutes grow tight. */
function printSlowest(stage: string, files: { name: string; startTime: number; endTime: number }[]): void {
  const slowest = files
    .map((f) => ({ name: relative(root, f.name), seconds: (f.endTime - f.startTime) / 1000 }))
    .sort((a, b) => b.seconds - a.seconds)
    .slice(0, 8);
  if (slowest.length === 0) return;
  console.log(`\nSlowest files of ${stage}:`);
  for (const f of slowest) console.log(`  ${f.seconds.toFixed(1).padStart(6)} s  ${f.name}`);
}

async function main(): Promise<number> {
  const results: StageResult[] = [];
  const { TEST_DATABASE_URL, ...withoutServer } = process.env;

  results.push(await runVitest('unit + db on PGlite', ['unit', 'db'], withoutServer, WORKERS));

  if (TEST_DATABASE_URL) {
    results.push(
      await runVitest(
        'db on PostgreSQL (TEST_DATABASE_URL)',
        ['db'],
        { ...process.env, TEST_DATABASE_URL, TEST_ENGINES: 'postgres' },
        WORKERS,
      ),
    );
  } else {
    results.push({
      name: 'db on PostgreSQL',
      passed: 0,
      failed: 0,
      ok: true,
      seconds: 0,
      skipped: 'TEST_DATABASE_URL is not set',
    });
  }

  const chromium = findChromium();
  const java = hasJava();
  if (chromium && java) {
    results.push(await runVitest('e2e in Chromium', ['e2e'], { ...withoutServer, CHROMIUM_PATH: chromium }));
  } else {
    results.push({
      name: 'e2e in Chromium',
      passed: 0,
      failed: 0,
      ok: true,
      seconds: 0,
      skipped: chromium
        ? 'Java not found — the crawl validates HTML with it: install it with `apt-get install -y default-jre-headless`; the browser tests were skipped'
        : 'Chromium not found — install it with `apt-get install -y chromium` (or set CHROMIUM_PATH); the browser tests were skipped',
    });
  }

  rmSync(reportDir, { recursive: true, force: true });
  console.log('\nStages:');
  for (const r of results) {
    const status = r.skipped
      ? `skipped: ${r.skipped}`
      : `${r.ok ? 'ok' : 'FAILED'} — ${r.passed} passed, ${r.failed} failed, ${r.seconds.toFixed(1)} s`;
    console.log(`  ${r.name}: ${status}`);
  }
  const passed = results.reduce((n, r) => n + r.passed, 0);
  const failed = results.reduce((n, r) => n + r.failed, 0);
  console.log(`${passed} passed, ${failed} failed`);
  return results.every((r) => r.ok) ? 0 : 1;
}

process.exitCode = await main();
