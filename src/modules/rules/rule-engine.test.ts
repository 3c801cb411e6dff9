import { createHash } from 'node:crypto';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ZenEngine } from '@gorules/zen-engine';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../platform/http/errors.ts';
import { sfiDecisionSchema, sfiFactsSchema } from '../sfi/index.ts';
import { baseDecisionSchema, baseFactsSchema } from './rule-set.schema.ts';
import { defaultRulesDir, evaluate, listRuleSetIds, loadRuleSet, parseTrace, versionFor } from './rule-engine.ts';
import { compareWithExpected, loadRuleTestFiles } from './rule-tests.ts';
import { contractDecision, contractFacts } from '../../../test/fixtures/sfi-facts.ts';

const sfiSchemas = { facts: sfiFactsSchema, decision: sfiDecisionSchema };
const sfi = await loadRuleSet('sfi', sfiSchemas);

const scratchDirs: string[] = [];
async function scratchRulesDir(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'rules-test-'));
  scratchDirs.push(dir);
  for (const [name, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), text);
  }
  return dir;
}
afterAll(async () => {
  for (const dir of scratchDirs) await rm(dir, { recursive: true, force: true });
});

/** A one-table graph whose single row outputs the given decision fields. */
function graphReturning(outputs: Record<string, string>): string {
  const ids = Object.keys(outputs);
  return JSON.stringify({
    nodes: [
      { id: 'in', type: 'inputNode', name: 'in', position: { x: 0, y: 0 } },
      {
        id: 't',
        type: 'decisionTableNode',
        name: 't',
        position: { x: 0, y: 0 },
        content: {
          hitPolicy: 'first',
          passThrough: false,
          inputField: null,
          outputPath: null,
          executionMode: 'single',
          inputs: [],
          outputs: ids.map((field) => ({ id: field, name: field, field })),
          rules: [{ _id: 'only', ...outputs }],
        },
      },
      { id: 'out', type: 'outputNode', name: 'out', position: { x: 0, y: 0 } },
    ],
    edges: [
      { id: 'a', sourceId: 'in', targetId: 't' },
      { id: 'b', sourceId: 't', targetId: 'out' },
    ],
  });
}

describe('rule engine', () => {
  it('gives the decision of the contract example in domain-sfi.md, keys in contract order', async () => {
    const { decision } = await evaluate(sfi, contractFacts);
    expect(decision).toEqual(contractDecision);
    expect(Object.keys(decision)).toEqual([
      'outcome',
      'reasons',
      'studyPath',
      'startCourse',
      'eligibleFrom',
      'rightExpires',
      'ruleSet',
    ]);
  });

  it('chooses the newest version whose effective date is on or before the decision date', () => {
    expect(versionFor(sfi, '2025-01-01').version).toBe('2025-01-01');
    expect(versionFor(sfi, '2025-12-31').version).toBe('2025-01-01');
    expect(versionFor(sfi, '2026-01-01').version).toBe('2026-01-01');
    expect(versionFor(sfi, '2026-12-06').version).toBe('2026-01-01');
    expect(versionFor(sfi, '2026-12-07').version).toBe('2026-12-07');
    expect(versionFor(sfi, '2040-06-15').version).toBe('2026-12-07');
  });

  it('refuses to decide before the first version takes effect, with a clear error', async () => {
    expect(() => versionFor(sfi, '2024-12-31')).toThrowError(
      /no version of rule set sfi is in effect on 2024-12-31: the first takes effect 2025-01-01/,
    );
    const error = await evaluate(sfi, { ...contractFacts, decisionDate: '2024-12-31' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('VALIDATION_FAILED');
    expect((error as AppError).details.fields).toEqual([
      { field: 'decisionDate', code: 'noRuleSetInEffect', params: { ruleSet: 'sfi', firstVersion: '2025-01-01' } },
    ]);
  });

  it('returns the sha256 of the rule-set file as the content hash', async () => {
    const bytes = await readFile(path.join(defaultRulesDir, 'sfi', '2026-01-01.json'));
    const { contentHash } = await evaluate(sfi, contractFacts);
    expect(contentHash).toBe(createHash('sha256').update(bytes).digest('hex'));
    const older = await evaluate(sfi, { ...contractFacts, decisionDate: '2025-08-01' });
    expect(older.contentHash).not.toBe(contentHash);
  });

  it('compiles each version once at load and reuses it for every evaluation', async () => {
    const createDecision = vi.spyOn(ZenEngine.prototype, 'createDecision');
    try {
      const ruleSet = await loadRuleSet('sfi', sfiSchemas);
      expect(createDecision).toHaveBeenCalledTimes(ruleSet.versions.length);
      for (let i = 0; i < 50; i++)
        await evaluate(ruleSet, { ...contractFacts, decisionDate: i % 2 ? '2025-08-01' : '2026-08-01' });
      expect(createDecision).toHaveBeenCalledTimes(ruleSet.versions.length);
    } finally {
      createDecision.mockRestore();
    }
  });

  it('returns the Zen trace, naming the table rows that matched', async () => {
    const facts = {
      ...contractFacts,
      applicant: { ...contractFacts.applicant, residenceBasis: 'asylum-seeker' as const, registeredMunicipality: null },
    };
    const { traceJson } = await evaluate(sfi, facts);
    const trace = parseTrace(traceJson);
    const rows = (trace['ratt-till-sfi']?.traceData as Array<{ rule: { _id: string } }>).map((hit) => hit.rule._id);
    expect(rows).toEqual(['rad-02']);
    expect(trace['fakta']?.output).toMatchObject({ decisionDate: '2026-07-01' });
  });

  it('lists every invalid fact, not only the first', async () => {
    const facts = {
      ...contractFacts,
      applicant: { ...contractFacts.applicant, birthDate: '2010-02-30', yearsOfSchooling: 'nine' },
      history: undefined,
    };
    const error = (await evaluate(sfi, facts).catch((e: unknown) => e)) as AppError;
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.details.fields?.map((field) => field.field)).toEqual([
      'applicant.birthDate',
      'applicant.yearsOfSchooling',
      'history',
    ]);
  });

  it('treats a rule set whose output breaks the decision contract as an internal error', async () => {
    const rulesDir = await scratchRulesDir({
      'broken/2026-01-01.json': graphReturning({ outcome: "'maybe'", reasons: '[]' }),
    });
    const broken = await loadRuleSet('broken', { facts: baseFactsSchema, decision: baseDecisionSchema }, { rulesDir });
    const error = (await evaluate(broken, { decisionDate: '2026-02-01' }).catch((e: unknown) => e)) as AppError;
    expect(error.code).toBe('INTERNAL');
    expect(error.message).toMatch(
      /rule set broken 2026-01-01 produced a decision outside its contract: outcome: .*reasons: /,
    );
  });

  it('evaluates any rule set that meets the generic contract', async () => {
    const rulesDir = await scratchRulesDir({
      'always/2026-01-01.json': graphReturning({
        outcome: "'manual'",
        reasons: "[{code: 'ALWAYS', legalRef: 'none'}]",
      }),
    });
    const always = await loadRuleSet('always', { facts: baseFactsSchema, decision: baseDecisionSchema }, { rulesDir });
    const { decision } = await evaluate(always, { decisionDate: '2026-02-01' });
    expect(decision).toEqual({
      outcome: 'manual',
      reasons: [{ code: 'ALWAYS', legalRef: 'none' }],
      ruleSet: { id: 'always', version: '2026-01-01' },
    });
  });

  it('fails at load, naming the file, when a version is not JSON or not a valid graph', async () => {
    const notJson = await scratchRulesDir({ 'x/2026-01-01.json': '{ nope' });
    await expect(loadRuleSet('x', sfiSchemas, { rulesDir: notJson })).rejects.toThrow(
      /rule set x 2026-01-01: .*2026-01-01\.json is not valid JSON/,
    );
    const badGraph = await scratchRulesDir({
      'x/2026-01-01.json': JSON.stringify({ nodes: [], edges: [{ id: 'e', sourceId: 'a', targetId: 'b' }] }),
    });
    await expect(loadRuleSet('x', sfiSchemas, { rulesDir: badGraph })).rejects.toThrow(
      /rule set x 2026-01-01: the Zen Engine rejects/,
    );
    const noVersions = await scratchRulesDir({ 'x/README.md': 'no versions here' });
    await expect(loadRuleSet('x', sfiSchemas, { rulesDir: noVersions })).rejects.toThrow(/no version files/);
    const misnamed = await scratchRulesDir({ 'x/2026-02-30.json': graphReturning({ outcome: "'admit'" }) });
    await expect(loadRuleSet('x', sfiSchemas, { rulesDir: misnamed })).rejects.toThrow(/not named by a real date/);
    await expect(loadRuleSet('../etc', sfiSchemas)).rejects.toThrow(/not a rule-set id/);
  });

  it('lists the rule sets in the rules directory', async () => {
    expect(await listRuleSetIds()).toContain('sfi');
  });
});

describe('rule test cases', () => {
  const decision = {
    outcome: 'manual' as const,
    reasons: [
      { code: 'A', legalRef: 'x' },
      { code: 'B', legalRef: 'y' },
    ],
    studyPath: null,
    ruleSet: { id: 'sfi', version: '2026-01-01' },
  };

  it('match when every expected field is equal, null included, and ignore fields not named', () => {
    expect(
      compareWithExpected(decision, {
        outcome: 'manual',
        reasonCodes: ['A', 'B'],
        studyPath: null,
        ruleSetVersion: '2026-01-01',
      }),
    ).toEqual([]);
  });

  it('report each difference with the expected and the actual value', () => {
    expect(
      compareWithExpected(decision, {
        outcome: 'refuse',
        reasonCodes: ['B', 'A'],
        studyPath: 2,
        ruleSetVersion: '2025-01-01',
      }),
    ).toEqual([
      'outcome: expected "refuse", got "manual"',
      'reasonCodes: expected ["B","A"], got ["A","B"]',
      'studyPath: expected 2, got null',
      'ruleSetVersion: expected "2025-01-01", got "2026-01-01"',
    ]);
  });

  it('refuse a malformed test file, naming it', async () => {
    const rulesDir = await scratchRulesDir({
      'x/tests/bad.json': JSON.stringify([{ name: 'no expectation', facts: {} }]),
    });
    await expect(loadRuleTestFiles('x', { rulesDir })).rejects.toThrow(/x\/tests\/bad\.json: not a list of test cases/);
  });
});
