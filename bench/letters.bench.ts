import { readFileSync } from 'node:fs';
import { admissionLetter } from '../test/fixtures/decision-letters.ts';
import { availableParallelism } from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { create, type FontkitFont } from 'fontkit';
import PDFDocument from 'pdfkit';
import { evaluate, loadRuleSet } from '../src/modules/rules/index.ts';
import { createFakeRegisters } from '../src/modules/sfi/facts/fake-registers.ts';
import { gatherFacts } from '../src/modules/sfi/facts/gather-facts.service.ts';
import { createSyntheticPopulation } from '../src/modules/sfi/facts/synthetic-population.ts';
import { buildLetterContent, type LetterContent } from '../src/modules/sfi/letters/decision-letter.content.ts';
import { renderDecisionLetter } from '../src/modules/sfi/letters/decision-letter.ts';
import {
  decisionLetterInputSchema,
  type DecisionLetterInput,
} from '../src/modules/sfi/letters/decision-letter.schema.ts';
import { sfiDecisionSchema, sfiFactsSchema } from '../src/modules/sfi/sfi-facts.schema.ts';
import {
  defaultLetterFontPaths,
  withByteLevelSubset,
  withSharedLayoutCache,
} from '../src/modules/sfi/letters/letter-fonts.ts';

/**
 * Decision letters (PDF/A-2b) per second, and where the time goes, step by step:
 *
 *   naive            pdfkit reads and parses the TTF files for every letter (the ~35 ms letter)
 *   font-parsed-once one fontkit font object per process, reused (pdfkit layout cache and subsetter per letter)
 *   + layout-cache   word shaping cached across letters
 *   + fast-subset    byte-level TrueType subsetter instead of fontkit's
 *   production       renderDecisionLetter: all of the above plus the full layout (letterhead, lists, tags, footers)
 *   production ×N    the same in N worker threads (N = cores), as N job workers would run it
 *
 * The first four share one simple layout (the letter's paragraphs), so only the font handling
 * differs between them. Letters are built from the synthetic population's real decisions
 * (admissions and refusals; names, addresses and reasons vary). CPU ms per letter is reported
 * beside wall time: on a busy machine wall time suffers from other processes, CPU time less so.
 *
 * `npm run bench -- letters`; BENCH_SECONDS (default 3) sets the time per figure.
 * Prints one JSON line per figure.
 */

const secondsPerFigure = Number(process.env.BENCH_SECONDS ?? 3);
const NOW = new Date('2026-09-01T10:00:00Z');

function report(metric: string, value: number, unit: string, extra: Record<string, unknown>): void {
  console.log(JSON.stringify({ bench: 'letters', metric, value, unit, ...extra }));
}

function cpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

interface Measured {
  letters: number;
  seconds: number;
  cpuMs: number;
  bytes: number;
}

/**
 * Renders letters in a loop for `seconds`; `render(i)` returns the PDF. The warm-up (JIT, lazy
 * loading, the layout cache) renders `warmup` letters first, unmeasured: a long-running worker
 * is in that steady state.
 */
function measure(render: (i: number) => Buffer, seconds: number, warmup = 5): Measured {
  for (let i = 0; i < warmup; i++) render(i);
  const started = performance.now();
  const startedCpu = cpuMs();
  const until = started + seconds * 1000;
  let letters = 0;
  let bytes = 0;
  while (performance.now() < until) bytes += render(letters++).length;
  return { letters, seconds: (performance.now() - started) / 1000, cpuMs: cpuMs() - startedCpu, bytes };
}

function emitFigures(mode: string, m: Measured, extra: Record<string, unknown> = {}): void {
  const perSecond = m.letters / m.seconds;
  report('letters_per_second', Math.round(perSecond), '1/s', { mode, letters: m.letters, ...extra });
  report('ms_per_letter', round((m.seconds * 1000) / m.letters), 'ms', {
    mode,
    cpu_ms_per_letter: round(m.cpuMs / m.letters),
    bytes_per_letter: Math.round(m.bytes / m.letters),
    ...extra,
  });
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

/** Letter view models from the synthetic population: gathered facts → real rule decisions → letters. */
export async function letterInputs(count: number): Promise<DecisionLetterInput[]> {
  const population = createSyntheticPopulation();
  const registers = createFakeRegisters(population);
  const ruleSet = await loadRuleSet('sfi', { facts: sfiFactsSchema, decision: sfiDecisionSchema });
  const municipality = { code: population.homeMunicipality, offersSfiToTemporaryProtection: false };
  const inputs: DecisionLetterInput[] = [];
  // Every fifth person: the whole population's mix of scenarios, not only its first residents.
  for (const person of population.people.filter((_, index) => index % 5 === 0)) {
    if (inputs.length >= count) break;
    const gathered = await gatherFacts({ ...registers, clock: () => NOW, municipality }, person.application);
    const { decision } = await evaluate(ruleSet, gathered.facts);
    if (decision.outcome === 'manual') continue; // a caseworker decides those; no automated letter
    const sources = Object.fromEntries(gathered.provenance.filter((p) => p.used).map((p) => [p.name, p.source]));
    inputs.push({
      municipality: admissionLetter.municipality,
      caseNumber: `SFI-2026-${String(inputs.length + 1).padStart(6, '0')}`,
      decisionDate: gathered.facts.decisionDate,
      applicant: {
        name: `${(gathered.registeredPerson?.name ?? person.name).givenName} ${(gathered.registeredPerson?.name ?? person.name).familyName}`,
        postalAddress: gathered.registeredPerson?.postalAddress ?? null,
      },
      protectedIdentity: gathered.facts.applicant.protectedIdentity === true,
      decision,
      facts: gathered.facts,
      factSources: sources,
      decidedBy: { kind: 'automated' },
    });
  }
  return inputs;
}

/** The simple shared layout of the step-by-step figures: PDF/A-2b, the letter's text as paragraphs. */
function simpleLetter(content: LetterContent, regular: string | FontkitFont, bold: string | FontkitFont): Buffer {
  const doc = new PDFDocument({
    size: 'A4',
    pdfVersion: '1.7',
    subset: 'PDF/A-2b',
    lang: 'sv-SE',
    font: null as unknown as string,
    info: { Title: content.documentTitle, CreationDate: NOW },
  });
  doc.registerFont('regular', regular as never);
  doc.registerFont('bold', bold as never);
  doc.font('bold').fontSize(15).text(content.sender.name);
  doc.font('regular').fontSize(10.5).text(content.recipient.join('\n'));
  doc.font('bold').fontSize(17).text(content.title);
  for (const section of content.sections) {
    doc.font('bold').fontSize(12).text(section.heading);
    doc.font('regular').fontSize(10.5);
    for (const text of [...section.paragraphs, ...(section.items ?? [])]) doc.text(text, { paragraphGap: 5 });
  }
  doc.end();
  const chunks: Buffer[] = [];
  for (let chunk = doc.read() as Buffer | null; chunk !== null; chunk = doc.read() as Buffer | null) chunks.push(chunk);
  return Buffer.concat(chunks);
}

async function workerMain(): Promise<void> {
  const { inputs, seconds } = workerData as { inputs: DecisionLetterInput[]; seconds: number };
  const render = (i: number) => renderDecisionLetter(inputs[i % inputs.length]!, { now: NOW });
  for (let i = 0; i < inputs.length; i++) render(i); // warm-up, then wait so all workers measure the same window
  parentPort!.postMessage({ ready: true });
  await new Promise((resolve) => parentPort!.once('message', resolve));
  parentPort!.postMessage(measure(render, seconds, 0));
}

/** Renders in `threads` worker threads over the same time window. */
async function measureInWorkers(inputs: DecisionLetterInput[], threads: number, seconds: number): Promise<Measured> {
  // A worker does not inherit tsx's loader hooks: register them, then load this file.
  const bootstrap = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then(({ register }) => { register(); return import(${JSON.stringify(import.meta.url)}); })`;
  const workers = Array.from(
    { length: threads },
    () => new Worker(bootstrap, { eval: true, workerData: { lettersWorker: true, inputs, seconds } }),
  );
  const next = (worker: Worker) =>
    new Promise<unknown>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
  await Promise.all(workers.map(next));
  const results = workers.map(next) as Array<Promise<Measured>>;
  for (const worker of workers) worker.postMessage('go');
  const measured = await Promise.all(results);
  await Promise.all(workers.map((worker) => worker.terminate()));
  return {
    letters: measured.reduce((sum, m) => sum + m.letters, 0),
    seconds: Math.max(...measured.map((m) => m.seconds)),
    // process.cpuUsage() in a worker counts the whole process: the largest delta is the total.
    cpuMs: Math.max(...measured.map((m) => m.cpuMs)),
    bytes: measured.reduce((sum, m) => sum + m.bytes, 0),
  };
}

export async function run(): Promise<void> {
  const inputs = await letterInputs(200);
  const contents = inputs.map((input) => buildLetterContent(decisionLetterInputSchema.parse(input)));
  const refusals = inputs.filter((input) => input.decision.outcome === 'refuse').length;
  const mix = { inputs: inputs.length, refusals };
  const next = (i: number) => contents[i % contents.length]!;

  // Step by step, same simple layout.
  const paths = defaultLetterFontPaths;
  emitFigures(
    'naive',
    measure((i) => simpleLetter(next(i), paths.regular, paths.bold), Math.min(secondsPerFigure, 2)),
    mix,
  );
  const regularBytes = readFileSync(paths.regular);
  const boldBytes = readFileSync(paths.bold);
  const parsed = { regular: create(regularBytes), bold: create(boldBytes) };
  emitFigures(
    'font-parsed-once',
    measure((i) => simpleLetter(next(i), parsed.regular, parsed.bold), secondsPerFigure),
    mix,
  );
  const cached = {
    regular: withSharedLayoutCache(create(regularBytes)),
    bold: withSharedLayoutCache(create(boldBytes)),
  };
  emitFigures(
    'font-parsed-once+layout-cache',
    measure((i) => simpleLetter(next(i), cached.regular, cached.bold), secondsPerFigure, contents.length),
    mix,
  );
  const fast = {
    regular: withByteLevelSubset(cached.regular, regularBytes),
    bold: withByteLevelSubset(cached.bold, boldBytes),
  };
  emitFigures(
    'font-parsed-once+layout-cache+fast-subset',
    measure((i) => simpleLetter(next(i), fast.regular, fast.bold), secondsPerFigure, contents.length),
    mix,
  );

  // Production: the real letter, one thread, then one worker per core.
  emitFigures(
    'production',
    measure((i) => renderDecisionLetter(inputs[i % inputs.length]!, { now: NOW }), secondsPerFigure, inputs.length),
    mix,
  );
  const threads = availableParallelism();
  emitFigures('production-worker-threads', await measureInWorkers(inputs, threads, secondsPerFigure), {
    ...mix,
    threads,
  });
}

if (!isMainThread && (workerData as { lettersWorker?: boolean } | null)?.lettersWorker) await workerMain();
else if (import.meta.url === `file://${process.argv[1]}`) await run();
