/**
 * `npm run bench -- <name>` runs bench/<name>.bench.ts, whose exported `run()` prints one JSON
 * line per figure. Without a name it lists the benchmarks.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const dir = import.meta.dirname;
const available = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .map((f) => f.slice(0, -'.bench.ts'.length))
  .sort();
const name = process.argv[2];

if (!name || !available.includes(name)) {
  console.error(`${name ? `Unknown benchmark "${name}". ` : ''}Usage: npm run bench -- <name>\nAvailable: ${available.join(', ')}`);
  process.exit(2);
}

const module = (await import(pathToFileURL(join(dir, `${name}.bench.ts`)).href)) as { run?: () => Promise<void> };
if (typeof module.run !== 'function') {
  console.error(`bench/${name}.bench.ts exports no run() function`);
  process.exit(2);
}
await module.run();
// Benchmarks leave sockets and timers of the libraries they drive; the figures are printed.
process.exit(0);
