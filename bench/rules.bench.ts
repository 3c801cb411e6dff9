import os from 'node:os';
import { ZenDecisionContent, ZenEngine } from '@gorules/zen-engine';
import { evaluate, loadRuleTestFiles, type RuleSet } from '../src/modules/rules/index.ts';
import { traceToJson } from '../src/modules/rules/jdm-interpreter.ts';
import { loadCatalogRuleSet } from '../src/modules/rules/rule-set-catalog.ts';

/**
 * Rule evaluations per second: the SFI rule set through `evaluate` exactly as the pipeline
 * calls it (facts validated, version chosen by date, evaluation with the full trace as JSON
 * text, decision validated). The facts cycle through every rule test case, so all rows and both
 * versions run. The headline figures (`evaluator: auto`) use our JDM interpreter where it
 * applies; `evaluator: zen` is the same call forced onto the Zen Engine, the reference.
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
  return { perSecond: evaluations / ((performance.now() - started) / 1000), cpuMicros: (used.user + used.system) / evaluations };
}

export async function run(): Promise<void> {
  const ruleSet: RuleSet = await loadCatalogRuleSet('sfi');
  const facts = (await loadRuleTestFiles('sfi')).flatMap((file) => file.cases.map((testCase) => testCase.facts));
  let next = 0;
  const nextFacts = () => facts[next++ % facts.length];

  // Warm-up: JIT, the engine's lazy initialisation.
  for (let i = 0; i < 2000; i++) await evaluate(ruleSet, nextFacts());
  for (let i = 0; i < 2000; i++) await evaluate(ruleSet, nextFacts(), { engine: 'zen' });

  // Which evaluator decided each test case (the interpreter falls back to Zen outside its subset).
  const byInterpreter = (await Promise.all(facts.map((f) => evaluate(ruleSet, f)))).filter((e) => e.evaluator === 'interpreter').length;
  console.log(JSON.stringify({ bench: 'rules', metric: 'interpreter_share', value: byInterpreter / facts.length, unit: 'ratio', cases: facts.length }));

  for (const engine of ['auto', 'zen'] as const) {
    report('sequential', await measure(() => evaluate(ruleSet, nextFacts(), { engine }), 1), { concurrency: 1, evaluator: engine });
    for (const concurrency of [16, 64, 256]) {
      const batch = () => Promise.all(Array.from({ length: concurrency }, () => evaluate(ruleSet, nextFacts(), { engine })));
      report('concurrent', await measure(batch, concurrency), { concurrency, evaluator: engine });
    }
  }

  // Diagnostics, to show where the time goes: the compiled 2026 graph called directly (no
  // validation), with and without the trace; and an empty graph (input → output) given the same
  // facts — the Node binding's own cost of handing the facts object to the engine and back. Then
  // the interpreter alone (no validation), with the trace as objects and as JSON text.
  const newest = ruleSet.versions.at(-1)!;
  const compiled = newest.compiled;
  const current = facts
    .filter((f) => String(f.decisionDate) >= newest.version)
    .map((f) => ruleSet.schemas.facts.parse(f) as unknown as Record<string, never>);
  let k = 0;
  const interpreted = newest.interpreted;
  if (interpreted) {
    const alone = async () => interpreted.evaluate(current[k++ % current.length]!);
    report('interpreter-only-trace-objects', await measure(alone, 1), { concurrency: 1 });
    const withJson = async () => traceToJson(interpreted.evaluate(current[k++ % current.length]!).trace);
    report('interpreter-only-trace-json', await measure(withJson, 1), { concurrency: 1 });
  }
  for (const trace of ['string', false] as const) {
    const batch = () => Promise.all(Array.from({ length: 64 }, () => compiled.evaluate(current[k++ % current.length], { trace })));
    report(trace ? 'engine-only-with-trace' : 'engine-only-without-trace', await measure(batch, 64), { concurrency: 64 });
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

if (import.meta.url === `file://${process.argv[1]}`) await run();
