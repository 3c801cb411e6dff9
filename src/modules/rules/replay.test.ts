import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sfiDecisionSchema, sfiFactsSchema, type SfiFacts } from '../sfi/index.ts';
import { defaultRulesDir, evaluate, loadRuleSet } from './rule-engine.ts';
import { loadRuleTestFiles } from './rule-tests.ts';
import { replayDecision, type StoredDecision } from './replay.ts';
import { contractFacts } from '../../../test/fixtures/sfi-facts.ts';

const schemas = { facts: sfiFactsSchema, decision: sfiDecisionSchema };
const sfi = await loadRuleSet('sfi', schemas);

/** A decision as the pipeline stores it, through JSON as a database column would hold it. */
async function storedDecisionFor(input: unknown, ruleSet = sfi): Promise<StoredDecision> {
  const { decision, contentHash } = await evaluate(ruleSet, input);
  return JSON.parse(
    JSON.stringify({ facts: input, ruleSet: decision.ruleSet, contentHash, decision }),
  ) as StoredDecision;
}

const scratch: string[] = [];
afterAll(async () => {
  for (const dir of scratch) await rm(dir, { recursive: true, force: true });
});

describe('replaying a stored decision', () => {
  it('gives identical for a decision stored as made', async () => {
    const result = await replayDecision(sfi, await storedDecisionFor(contractFacts));
    expect(result).toEqual({ identical: true, replayed: expect.objectContaining({ outcome: 'admit' }) });
  });

  it('gives identical for the decision of every rule test case', async () => {
    const cases = (await loadRuleTestFiles('sfi')).flatMap((file) => file.cases);
    for (const testCase of cases) {
      const result = await replayDecision(sfi, await storedDecisionFor(testCase.facts));
      expect({ name: testCase.name, identical: result.identical }).toEqual({ name: testCase.name, identical: true });
    }
  });

  it('reports a different outcome and reasons, naming the stored and the replayed values', async () => {
    const stored = await storedDecisionFor(contractFacts);
    stored.decision = {
      ...stored.decision,
      outcome: 'refuse',
      reasons: [{ code: 'AGE_BELOW_THRESHOLD', legalRef: 'SkolL 20 kap. 31 §' }],
    };
    const result = await replayDecision(sfi, stored);
    expect(result.identical).toBe(false);
    expect(!result.identical && result.differences).toEqual([
      { field: 'outcome', stored: 'refuse', replayed: 'admit', message: 'outcome: stored "refuse", replayed "admit"' },
      {
        field: 'reasons',
        stored: [{ code: 'AGE_BELOW_THRESHOLD', legalRef: 'SkolL 20 kap. 31 §' }],
        replayed: [{ code: 'ELIGIBLE', legalRef: 'SkolL 20 kap. 31 §' }],
        message: expect.stringContaining('reasons: stored [{"code":"AGE_BELOW_THRESHOLD"'),
      },
    ]);
  });

  it('compares nested fields one by one and only the fields the record keeps', async () => {
    const stored = await storedDecisionFor(contractFacts);
    stored.decision = {
      outcome: 'admit',
      reasons: stored.decision.reasons,
      ruleSet: { id: 'sfi', version: '2025-01-01' },
    };
    const result = await replayDecision(sfi, stored);
    expect(!result.identical && result.differences.map((d) => d.field)).toEqual(['ruleSet.version']);
  });

  it('reports a stored content hash that differs from the rule file on disk', async () => {
    const stored = await storedDecisionFor(contractFacts);
    stored.contentHash = '0'.repeat(64);
    const result = await replayDecision(sfi, stored);
    expect(result.identical).toBe(false);
    expect(!result.identical && result.differences).toEqual([
      {
        field: 'contentHash',
        stored: '0'.repeat(64),
        replayed: sfi.versions.find((v) => v.version === '2026-01-01')!.contentHash,
        message: expect.stringMatching(/^the rule file sfi\/2026-01-01\.json has changed since the decision/),
      },
    ]);
  });

  it('reports both when the rule file was edited after the decision: the new hash and the changed reason', async () => {
    const rulesDir = await mkdtemp(path.join(os.tmpdir(), 'replay-'));
    scratch.push(rulesDir);
    await cp(path.join(defaultRulesDir, 'sfi'), path.join(rulesDir, 'sfi'), { recursive: true });
    const before = await loadRuleSet('sfi', schemas, { rulesDir });
    const asylumSeeker = {
      ...contractFacts,
      applicant: { ...contractFacts.applicant, residenceBasis: 'asylum-seeker', registeredMunicipality: null },
    };
    const stored = await storedDecisionFor(asylumSeeker, before);

    const file = path.join(rulesDir, 'sfi', '2026-01-01.json');
    await writeFile(
      file,
      (await readFile(file, 'utf8')).replace("'SkolL 29 kap. 3 §'", "'SkolL 29 kap. 3 § första stycket'"),
    );
    const after = await loadRuleSet('sfi', schemas, { rulesDir });

    const result = await replayDecision(after, stored);
    expect(!result.identical && result.differences.map((d) => d.field)).toEqual(['contentHash', 'reasons']);
  });

  it('uses the version the decision was made with, not the one its date would choose today', async () => {
    const stored = await storedDecisionFor({ ...contractFacts, decisionDate: '2025-08-01' });
    expect(stored.ruleSet.version).toBe('2025-01-01');
    // The same record, its decision date moved into 2026: still replayed with 2025-01-01.
    const moved = { ...stored, facts: { ...(stored.facts as SfiFacts), decisionDate: '2026-08-01' } };
    const result = await replayDecision(sfi, moved);
    expect(result.replayed).toMatchObject({ ruleSet: { id: 'sfi', version: '2025-01-01' }, rightExpires: null });
  });

  it('reports a version that is no longer on disk and facts that no longer validate, without throwing', async () => {
    const stored = await storedDecisionFor(contractFacts);
    const missing = await replayDecision(sfi, { ...stored, ruleSet: { id: 'sfi', version: '2024-01-01' } });
    expect(!missing.identical && missing.differences[0]!.message).toMatch(
      /version 2024-01-01 of rule set sfi is no longer on disk/,
    );
    const invalid = await replayDecision(sfi, {
      ...stored,
      facts: { ...contractFacts, applicant: { ...contractFacts.applicant, yearsOfSchooling: 'nine' } },
    });
    expect(!invalid.identical && invalid.differences).toEqual([
      { field: 'facts', message: expect.stringContaining('applicant.yearsOfSchooling') },
    ]);
    const otherRuleSet = await replayDecision(sfi, { ...stored, ruleSet: { id: 'parking', version: '2026-01-01' } });
    expect(!otherRuleSet.identical && otherRuleSet.differences[0]!.field).toBe('ruleSet');
  });
});
