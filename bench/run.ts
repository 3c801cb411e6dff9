/**
 * `npm run bench -- <name> [options]` runs bench/<name>.bench.ts, whose exported `run(options)`
 * prints one JSON line per figure. Without a name it lists the benchmarks.
 *
 * Options (each benchmark uses those that apply to it):
 *   --seconds N       measured load per target (default 10, or BENCH_SECONDS)
 *   --connections N   concurrent connections (default 50)
 *   --soak M          soak mode: load for M minutes (fractions allowed: 0.34 ≈ 20 s) and report
 *                     memory growth instead of the usual figures
 *   --sample S        seconds between memory samples in soak mode (default 10; 2 under 2 minutes)
 *   --max-errors N    soak: fail (exit 1) when more than N requests failed (default: report only)
 *   --max-heap-slope X  soak: fail when the server's post-GC heap grows faster than X MB/min
 *   --database-url URL  http: the server on this PostgreSQL server (or BENCH_DATABASE_URL)
 *   --processes N     http: web processes (default 1 on PGlite; 1 and 4 on PostgreSQL)
 *   --in-process      http: the old in-process figures (logger off) instead of over HTTP
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseBenchArgs, type BenchOptions } from './lib.ts';

const dir = import.meta.dirname;
const available = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .map((f) => f.slice(0, -'.bench.ts'.length))
  .sort();
const name = process.argv[2];

if (!name || !available.includes(name)) {
  console.error(
    `${name ? `Unknown benchmark "${name}". ` : ''}Usage: npm run bench -- <name> [--seconds N] [--connections N] [--soak MINUTES]\nAvailable: ${available.join(', ')}`,
  );
  process.exit(2);
}

let options: BenchOptions;
try {
  options = parseBenchArgs(process.argv.slice(3));
} catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}

const module = (await import(pathToFileURL(join(dir, `${name}.bench.ts`)).href)) as {
  run?: (options: BenchOptions) => Promise<void>;
};
if (typeof module.run !== 'function') {
  console.error(`bench/${name}.bench.ts exports no run() function`);
  process.exit(2);
}
if (options.soakMinutes !== undefined && module.run.length === 0) {
  console.error(`bench/${name}.bench.ts has no soak mode`);
  process.exit(2);
}
await module.run(options);
// Benchmarks leave sockets and timers of the libraries they drive; the figures are printed.
// A benchmark sets process.exitCode when a limit it was given (--max-errors, …) was exceeded.
process.exit(process.exitCode ?? 0);
