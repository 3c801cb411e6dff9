import os from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { ZenDecisionContent, ZenEngine } from '@gorules/zen-engine';
import { evaluate, loadRuleSet, loadRuleTestFiles, type RuleSet } from '../src/modules/rules/index.ts';
import { sfiRuleSet } from '../src/modules/sfi/index.ts';

/**
 * Rule evaluations per second: the SFI rule set through `evaluate` exactly as the pipeline
 * calls it (facts validated, version chosen by date, evaluation with the full trace as JSON
 * text, decision validated). The facts cycle through every rule test case, so all rows and both
 * versions run, on the Zen Engine (the only evaluator): awaited one at a time, and concurrently.
 * `mode: parallel` runs one loop per core in worker threads: the machine's capacity, as
 * production would use it (several worker processes).
 *
 * `npm run bench -- rules`, or directly: `node --import tsx bench/rules.bench.ts`.
 * Prints one JSON line per figure. BENCH_SECONDS (default 3) sets the time per figure.
 */

const secondsPerFigure = Number(process.env.BENCH_SECONDS ?? 3);

// Same one-line format as bench/lib.ts `emit`, without importing it: lib.ts loads the whole
// app (test helpers, autocannon), and this benchmark measures a pure function. Each figure also
// carries the process CPU time per evaluation and the machine's load average: on a shared
// machine wall-clock rates move with everyone else's work, CPU time much less.
function report(mode: string, figure: Figure, extra: Record<string, unknown> = {}): void {
  console.log(
    JSON.stringify({
      bench: 'rules',
      metric: 'evaluations_per_second',
      value: Math.round(figure.perSecond),
      unit: '1/s',
      mode,
      ...extra,
      cpuMicrosPerEvaluation: Number(figure.cpuMicros.toFixed(1)),
      load1: Number(os.loadavg()[0]!.toFixed(2)),
    }),
  );
}

interface Figure {
  perSecond: number;
  cpuMicros: number;
}

/** Runs `step` (which performs `per` evaluations) for the time budget: evaluations per second and CPU µs per evaluation. */
async function measure(step: () => Promise<unknown>, per: number): Promise<Figure> {
  const until = performance.now() + secondsPerFigure * 1000;
  const started = performance.now();
  const cpu = process.cpuUsage();
  let evaluations = 0;
  while (performance.now() < until) {
    await step();
    evaluations += per;
  }
  const used = process.cpuUsage(cpu);
  return {
    perSecond: evaluations / ((performance.now() - started) / 1000),
    cpuMicros: (used.user + used.system) / evaluations,
  };
}

export async function run(): Promise<void> {
  const ruleSet: RuleSet = await loadRuleSet('sfi', sfiRuleSet);
  const facts = (await loadRuleTestFiles('sfi')).flatMap((file) => file.cases.map((testCase) => testCase.facts));
  let next = 0;
  const nextFacts = () => facts[next++ % facts.length];

  // Warm-up: JIT, the engine's lazy initialisation.
  for (let i = 0; i < 2000; i++) await evaluate(ruleSet, nextFacts());

  // The machine's capacity: one evaluation loop per core (production runs several worker
  // processes), each in its own thread, started together; the total per second.
  const threads = os.availableParallelism();
  report('parallel', await measureParallel(threads), { threads });

  report('sequential', await measure(() => evaluate(ruleSet, nextFacts()), 1), { concurrency: 1 });
  for (const concurrency of [16, 64, 256]) {
    const batch = () => Promise.all(Array.from({ length: concurrency }, () => evaluate(ruleSet, nextFacts())));
    report('concurrent', await measure(batch, concurrency), { concurrency });
  }

  // Diagnostics, to show where the time goes: the compiled 2026 graph called directly (no
  // validation), with and without the trace; and an empty graph (input → output) given the same
  // facts — the Node binding's own cost of handing the facts object to the engine and back.
  const newest = ruleSet.versions.at(-1)!;
  const compiled = newest.compiled;
  const current = facts
    .filter((f) => String(f.decisionDate) >= newest.version)
    .map((f) => ruleSet.schemas.facts.parse(f));
  let k = 0;
  for (const trace of ['string', false] as const) {
    const batch = () =>
      Promise.all(Array.from({ length: 64 }, () => compiled.evaluate(current[k++ % current.length], { trace })));
    report(trace ? 'engine-only-with-trace' : 'engine-only-without-trace', await measure(batch, 64), {
      concurrency: 64,
    });
  }
  const empty = new ZenEngine().createDecision(
    new ZenDecisionContent({
      nodes: [
        { id: 'in', type: 'inputNode', name: 'in', position: { x: 0, y: 0 } },
        { id: 'out', type: 'outputNode', name: 'out', position: { x: 0, y: 0 } },
      ],
      edges: [{ id: 'in-out', type: 'edge', sourceId: 'in', targetId: 'out' }],
    }),
  );
  const emptyBatch = () => Promise.all(Array.from({ length: 64 }, () => empty.evaluate(current[k++ % current.length])));
  report('engine-empty-graph', await measure(emptyBatch, 64), { concurrency: 64 });
}

const WORKER_ROLE = 'rules-bench-worker';

/** Starts `threads` workers running this file's `workerLoop`, lets them warm up, then times them together. */
async function measureParallel(threads: number): Promise<Figure> {
  // A worker does not inherit tsx's loader on Node 20: it registers it, then imports this file.
  const bootstrap = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then(({ register }) => { register(); return import(${JSON.stringify(import.meta.url)}); })`;
  const workers = Array.from(
    { length: threads },
    () => new Worker(bootstrap, { eval: true, workerData: { role: WORKER_ROLE, seconds: secondsPerFigure } }),
  );
  const message = (worker: Worker) =>
    new Promise<{ evaluations: number }>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
  await Promise.all(workers.map(message)); // warmed up
  const started = performance.now();
  // process.cpuUsage() covers every thread of the process: measured here, around all of them.
  const cpu = process.cpuUsage();
  const results = Promise.all(workers.map(message));
  for (const worker of workers) worker.postMessage('go');
  const done = await results;
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  await Promise.all(workers.map((worker) => worker.terminate()));
  const evaluations = done.reduce((sum, r) => sum + r.evaluations, 0);
  return { perSecond: evaluations / seconds, cpuMicros: (used.user + used.system) / evaluations };
}

/** In a worker: warm up, say so, wait for "go", evaluate for the time budget, report the count. */
async function workerLoop(seconds: number): Promise<void> {
  const ruleSet: RuleSet = await loadRuleSet('sfi', sfiRuleSet);
  const facts = (await loadRuleTestFiles('sfi')).flatMap((file) => file.cases.map((testCase) => testCase.facts));
  for (let i = 0; i < 3000; i++) await evaluate(ruleSet, facts[i % facts.length]);
  parentPort!.postMessage({ evaluations: 0 });
  await new Promise((resolve) => parentPort!.once('message', resolve));
  const until = performance.now() + seconds * 1000;
  let evaluations = 0;
  while (performance.now() < until) {
    await evaluate(ruleSet, facts[evaluations % facts.length]);
    evaluations++;
  }
  parentPort!.postMessage({ evaluations });
}

if (!isMainThread && (workerData as { role?: string } | null)?.role === WORKER_ROLE) {
  await workerLoop((workerData as { seconds: number }).seconds);
} else if (import.meta.url === `file://${process.argv[1]}`) await run();
