import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ZenDecisionContent, ZenEngine } from '@gorules/zen-engine';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { identityKinds, residenceBases, swedishLevels, type SfiFacts } from '../sfi/index.ts';
import { evaluate, loadRuleSet, parseTrace, versionFor } from './rule-engine.ts';
import { loadCatalogRuleSet } from './rule-set-catalog.ts';
import { baseDecisionSchema, baseFactsSchema } from './rule-set.schema.ts';
import { loadRuleTestFiles } from './rule-tests.ts';
import { compileGraph, JdmUnsupportedError, traceToJson, type JdmObject } from './jdm-interpreter.ts';

// The interpreter must be indistinguishable from the Zen Engine: the same decision and the same
// trace (Zen adds node timings, `performance`, which are left out of the comparison).

const sfi = await loadCatalogRuleSet('sfi');
const testCases = (await loadRuleTestFiles('sfi')).flatMap((file) => file.cases);

function withoutTimings(traceJson: string): unknown {
  const trace = parseTrace(traceJson);
  for (const node of Object.values(trace)) delete node.performance;
  return trace;
}

/** Both evaluators on the same facts: their decisions and traces, and who decided in `auto`. */
async function both(facts: unknown) {
  const zen = await evaluate(sfi, facts, { engine: 'zen' });
  const auto = await evaluate(sfi, facts);
  return { zen: { decision: zen.decision, trace: withoutTimings(zen.traceJson) }, auto: { decision: auto.decision, trace: withoutTimings(auto.traceJson) }, evaluator: auto.evaluator, zenEvaluator: zen.evaluator };
}

describe('JDM interpreter on the SFI rule sets', () => {
  it('compiles every version of the SFI rule set (nothing falls back to Zen)', () => {
    expect(sfi.versions.map((v) => [v.version, v.interpreterUnsupported])).toEqual(sfi.versions.map((v) => [v.version, null]));
  });

  it.each(testCases.map((testCase) => [testCase.name, testCase.facts] as const))('gives Zen\'s decision and trace: %s', async (_name, facts) => {
    const { zen, auto, evaluator, zenEvaluator } = await both(facts);
    expect(evaluator).toBe('interpreter');
    expect(zenEvaluator).toBe('zen');
    expect(auto.decision).toEqual(zen.decision);
    expect(auto.trace).toEqual(zen.trace);
  });

  it('gives Zen\'s decision and trace on thousands of generated fact sets, boundaries included', async () => {
    await fc.assert(
      fc.asyncProperty(sfiFacts(), async (facts) => {
        const { zen, auto, evaluator } = await both(facts);
        expect(evaluator).toBe('interpreter');
        expect(auto.decision).toEqual(zen.decision);
        expect(auto.trace).toEqual(zen.trace);
      }),
      { numRuns: 3000 },
    );
  }, 120_000);
});

/** A calendar day `offset` days after `from` (ISO). */
function dayAfter(from: string, offset: number): string {
  return new Date(Date.parse(`${from}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
}

function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/**
 * Valid SFI facts (the contract's schema), with the dates pulled towards the rules' boundaries
 * half of the time: the decision date near 1 July of the year the applicant turns 16, or near
 * the end of the three-year right, and leap-day births and admissions.
 */
function sfiFacts(): fc.Arbitrary<SfiFacts> {
  const day = (from: string, days: number) => fc.integer({ min: 0, max: days }).map((offset) => dayAfter(from, offset));
  const leapDay = fc.constantFrom('2000-02-29', '2004-02-29', '2008-02-29', '2012-02-29', '2024-02-29', '2028-02-29');
  const municipality = fc.constantFrom('1280', '0180', '1480');
  const base = fc.record({
    decisionDate: day('2025-01-01', 365 * 8),
    birthDate: fc.oneof(day('1940-01-01', 365 * 92), leapDay),
    identityKind: fc.constantFrom(...identityKinds),
    protectedIdentity: fc.boolean(),
    residenceBasis: fc.constantFrom(...residenceBases),
    registeredMunicipality: fc.option(municipality, { nil: null }),
    offers: fc.boolean(),
    swedishLevel: fc.constantFrom(...swedishLevels),
    nordic: fc.boolean(),
    yearsOfSchooling: fc.oneof(fc.integer({ min: 0, max: 40 }), fc.constantFrom(6, 7, 11, 12)),
    literate: fc.boolean(),
    latin: fc.boolean(),
    firstAdmissionDate: fc.option(fc.oneof(day('2015-01-01', 365 * 16), leapDay), { nil: null }),
    completedCourseD: fc.boolean(),
    extensionGrantedUntil: fc.option(day('2026-01-01', 365 * 8), { nil: null }),
    special: fc.boolean(),
    anchor: fc.constantFrom('none', 'age', 'expiry', 'transition'),
    nudge: fc.integer({ min: -2, max: 2 }),
  });
  return base.map((b) => {
    let decisionDate = b.decisionDate;
    const turns16 = `${Number(b.birthDate.slice(0, 4)) + 16}-07-01`;
    if (b.anchor === 'age' && turns16 >= '2025-01-03') decisionDate = dayAfter(turns16, b.nudge);
    if (b.anchor === 'expiry' && b.firstAdmissionDate) {
      const start = b.firstAdmissionDate < '2026-01-01' ? '2026-01-01' : b.firstAdmissionDate;
      decisionDate = dayAfter(addMonths(start, 36), b.nudge);
    }
    if (b.anchor === 'transition') decisionDate = dayAfter('2026-01-01', b.nudge);
    if (decisionDate < '2025-01-01') decisionDate = '2025-01-01';
    // The schema requires the registration municipality of a folkbokförd applicant.
    const registeredMunicipality = b.residenceBasis === 'folkbokford' ? (b.registeredMunicipality ?? '1280') : b.registeredMunicipality;
    return {
      decisionDate,
      municipality: { code: '1280', offersSfiToTemporaryProtection: b.offers },
      applicant: {
        birthDate: b.birthDate,
        identityKind: b.identityKind,
        protectedIdentity: b.protectedIdentity,
        residenceBasis: b.residenceBasis,
        registeredMunicipality,
        swedishLevel: b.swedishLevel,
        nordicLanguageSufficient: b.nordic,
        yearsOfSchooling: b.yearsOfSchooling,
        literateInOwnLanguage: b.literate,
        knowsLatinAlphabet: b.latin,
      },
      history: {
        firstAdmissionDate: b.firstAdmissionDate,
        completedCourseD: b.completedCourseD,
        extensionGrantedUntil: b.extensionGrantedUntil,
        specialReasonsStated: b.special,
      },
    };
  });
}

// ---------------------------------------------------------------------------------------------
// The interpreter beyond the SFI graphs: the rest of its subset, against Zen on generated input.

const engine = new ZenEngine();
const node = (id: string, type: string, content?: unknown) => ({ id, type, name: `node ${id}`, position: { x: 0, y: 0 }, ...(content ? { content } : {}) });
const edge = (sourceId: string, targetId: string) => ({ id: `${sourceId}-${targetId}`, type: 'edge', sourceId, targetId });

/** A graph using every supported feature: transform attributes, both hit policies, all cell forms, closures, `$`. */
const generalGraph = {
  nodes: [
    node('in', 'inputNode'),
    node('calc', 'expressionNode', {
      passThrough: true,
      inputField: null,
      outputPath: null,
      expressions: [
        { id: 'e1', key: 'calc.later', value: "d(day).add(months, 'M').format('%Y-%m-%d')" },
        { id: 'e2', key: 'calc.sum', value: 'score * 2 - 1' },
        { id: 'e3', key: 'calc.big', value: '$.calc.sum > 10' },
        { id: 'e4', key: 'maybe', value: "flag ? null : 'set'" },
        { id: 'e5', key: 'tags', value: "map(filter(items, #.n > 2), {name: #.name + '!'})" },
        { id: 'e6', key: '', value: 'ignored' },
      ],
    }),
    node('first', 'decisionTableNode', {
      hitPolicy: 'first',
      passThrough: false,
      inputField: null,
      outputPath: 'band',
      executionMode: 'single',
      inputs: [
        { id: 'c1', name: 'score', field: 'score' },
        { id: 'c2', name: 'kind', field: 'kind' },
      ],
      outputs: [{ id: 'o1', name: 'band', field: 'label' }],
      rules: [
        { _id: 'low', _description: 'low', c1: '< 0', c2: '', o1: "'negative'" },
        { _id: 'mid', c1: '[0..5)', c2: "'a', 'b'", o1: "'small ' + kind" },
        { _id: 'closed', c1: '(4..9]', c2: '', o1: 'string(score)' },
        { _id: 'lacks-cell', c1: '42', o1: "'never'" },
        { c1: '', c2: "'z'", o1: "'zed'" },
      ],
    }),
    node('collect', 'decisionTableNode', {
      hitPolicy: 'collect',
      passThrough: true,
      inputField: null,
      outputPath: 'hits.list',
      executionMode: 'single',
      inputs: [
        { id: 'k1', name: 'flag', field: 'flag' },
        { id: 'k2', name: 'big', field: 'calc.big' },
        { id: 'k3', name: 'day', field: "d(day) >= d('2026-01-01')" },
      ],
      outputs: [
        { id: 'p1', name: 'code', field: 'code' },
        { id: 'p2', name: 'empty', field: 'empty' },
      ],
      rules: [
        { _id: 'r1', k1: 'true', k2: '', k3: '', p1: "'FLAG'", p2: '' },
        { _id: 'r2', k1: '', k2: 'true', k3: 'false', p1: "'BIG_OLD'", p2: 'null' },
        { _id: 'r3', k1: 'false', k2: 'false', k3: 'true', p1: "'NONE'", p2: "'x'" },
      ],
    }),
    node('sum', 'expressionNode', {
      passThrough: false,
      inputField: null,
      outputPath: 'summary',
      expressions: [
        { id: 's1', key: 'count', value: "count(hits.list, #.code != 'NONE')" },
        { id: 's2', key: 'any', value: "some(hits.list, #.code == 'FLAG') or none(hits.list, #.code == 'BIG_OLD')" },
        { id: 's3', key: 'band', value: 'band.label' },
        { id: 's4', key: 'nothing', value: 'null' },
      ],
    }),
    node('out', 'outputNode'),
  ],
  edges: [edge('in', 'calc'), edge('calc', 'first'), edge('calc', 'collect'), edge('first', 'sum'), edge('collect', 'sum'), edge('calc', 'sum'), edge('sum', 'out')],
};

describe('JDM interpreter beyond the SFI graphs', () => {
  const zen = engine.createDecision(new ZenDecisionContent(generalGraph));
  const ours = compileGraph(generalGraph);
  const inputs = fc.record({
    day: fc.integer({ min: 0, max: 365 * 6 }).map((offset) => dayAfter('2023-01-01', offset)),
    months: fc.integer({ min: -30, max: 30 }),
    score: fc.integer({ min: -5, max: 12 }),
    kind: fc.constantFrom('a', 'b', 'c', 'z'),
    flag: fc.boolean(),
    items: fc.array(fc.record({ n: fc.integer({ min: 0, max: 5 }), name: fc.constantFrom('x', 'y') }), { maxLength: 4 }),
    extra: fc.option(fc.record({ nested: fc.option(fc.string({ maxLength: 3 }), { nil: null }) }), { nil: null }),
  });

  it('matches Zen — result and trace — on generated input for every supported feature', async () => {
    await fc.assert(
      fc.asyncProperty(inputs, async (input) => {
        const reference = await zen.evaluate(input, { trace: 'string' });
        const mine = ours.evaluate(input as unknown as JdmObject);
        expect(JSON.parse(JSON.stringify(mine.result))).toEqual(reference.result);
        expect(withoutTimings(traceToJson(mine.trace))).toEqual(withoutTimings(reference.trace as unknown as string));
      }),
      { numRuns: 1000 },
    );
  });

  it('refuses graphs with nodes outside its subset', () => {
    const withSwitch = { ...generalGraph, nodes: [...generalGraph.nodes, node('sw', 'switchNode', { statements: [] })] };
    expect(() => compileGraph(withSwitch)).toThrow(JdmUnsupportedError);
    const withFunction = { ...generalGraph, nodes: generalGraph.nodes.map((n) => (n.id === 'sum' ? { ...n, type: 'functionNode' } : n)) };
    expect(() => compileGraph(withFunction)).toThrow(/node sum: type functionNode/);
    const loop = { ...generalGraph, nodes: generalGraph.nodes.map((n) => (n.id === 'first' ? { ...n, content: { ...(n.content as object), executionMode: 'loop' } } : n)) };
    expect(() => compileGraph(loop)).toThrow(/executionMode loop/);
  });
});

describe('falling back to the Zen Engine', () => {
  const scratch: string[] = [];
  afterAll(async () => {
    for (const dir of scratch) await rm(dir, { recursive: true, force: true });
  });

  async function ruleSetFrom(graph: object) {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'jdm-fallback-'));
    scratch.push(dir);
    await mkdir(path.join(dir, 'x'));
    await writeFile(path.join(dir, 'x', '2026-01-01.json'), JSON.stringify(graph));
    return loadRuleSet('x', { facts: baseFactsSchema, decision: baseDecisionSchema }, { rulesDir: dir });
  }

  /** One table: a score above 3 means manual review; the graph's output is a decision. */
  const scoreGraph = (extraNode?: object) => ({
    nodes: [
      node('in', 'inputNode'),
      node('t', 'decisionTableNode', {
        hitPolicy: 'first', passThrough: false, inputField: null, outputPath: null, executionMode: 'single',
        inputs: [{ id: 'c', name: 'score', field: 'score' }],
        outputs: [{ id: 'o', name: 'outcome', field: 'outcome' }, { id: 'r', name: 'reasons', field: 'reasons' }],
        rules: [
          { _id: 'high', c: '> 3', o: "'manual'", r: "[{code: 'HIGH', legalRef: 'x'}]" },
          { _id: 'else', c: '', o: "'admit'", r: "[{code: 'OK', legalRef: 'y'}]" },
        ],
      }),
      ...(extraNode ? [extraNode] : []),
      node('out', 'outputNode'),
    ],
    edges: [edge('in', 't'), edge('t', 'out')],
  });

  it('evaluates a rule set the interpreter cannot compile on Zen', async () => {
    const ruleSet = await ruleSetFrom(scoreGraph(node('fn', 'functionNode', { source: 'export const handler = () => ({})' })));
    expect(ruleSet.versions[0]!.interpreted).toBeNull();
    expect(ruleSet.versions[0]!.interpreterUnsupported).toMatch(/functionNode/);
    const { decision, evaluator } = await evaluate(ruleSet, { decisionDate: '2026-02-01', score: 5 });
    expect(evaluator).toBe('zen');
    expect(decision.outcome).toBe('manual');
  });

  it('hands a value outside the subset to Zen (a comparison with null: an error Zen treats as "row does not match")', async () => {
    const ruleSet = await ruleSetFrom(scoreGraph());
    const interpreted = await evaluate(ruleSet, { decisionDate: '2026-02-01', score: 5 });
    expect(interpreted.evaluator).toBe('interpreter');
    const fallback = await evaluate(ruleSet, { decisionDate: '2026-02-01', score: null });
    expect(fallback.evaluator).toBe('zen');
    expect(fallback.decision).toEqual({ outcome: 'admit', reasons: [{ code: 'OK', legalRef: 'y' }], ruleSet: { id: 'x', version: '2026-01-01' } });
  });

  it('hands a date value that would reach the result to Zen (Zen writes it as a date-time)', async () => {
    const graph = scoreGraph();
    graph.nodes.splice(1, 0, node('when', 'expressionNode', { passThrough: true, inputField: null, outputPath: null, expressions: [{ id: 'w', key: 'when', value: 'd(decisionDate)' }] }));
    graph.edges = [edge('in', 'when'), edge('when', 't'), edge('t', 'out')];
    const ruleSet = await ruleSetFrom(graph);
    expect(ruleSet.versions[0]!.interpreted).not.toBeNull();
    const { evaluator, traceJson } = await evaluate(ruleSet, { decisionDate: '2026-02-01', score: 1 });
    expect(evaluator).toBe('zen');
    expect(parseTrace(traceJson).when?.output).toMatchObject({ when: '2026-02-01T00:00:00Z' });
  });

  it('chooses the version by decision date whichever evaluator decides', async () => {
    const facts = testCases.find((testCase) => String(testCase.facts.decisionDate) < '2026-01-01')!.facts;
    expect((await evaluate(sfi, facts)).decision.ruleSet.version).toBe(versionFor(sfi, String(facts.decisionDate)).version);
  });
});
