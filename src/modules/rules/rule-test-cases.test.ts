import { describe, expect, it } from 'vitest';
import { loadRuleTestFiles, runRuleTestCase } from './rule-tests.ts';
import { ruleSets } from '../../modules.ts';
import { loadCatalogRuleSet } from './rule-set-catalog.ts';

// Every rule test case under rules/<id>/tests/*.json, one Vitest test per case, so `npm test`
// covers the rule sets exactly as `npm run cli -- rules test` does.
for (const id of Object.keys(ruleSets)) {
  const ruleSet = (await loadCatalogRuleSet(ruleSets, id))!;
  const files = await loadRuleTestFiles(id);

  describe(`rule set ${id}`, () => {
    it('has test cases', () => {
      expect(files.flatMap((file) => file.cases).length).toBeGreaterThan(0);
    });

    for (const { file, cases } of files) {
      describe(file, () => {
        for (const testCase of cases) {
          it(testCase.name, async () => {
            const result = await runRuleTestCase(ruleSet, file, testCase);
            expect(result.differences).toEqual([]);
          });
        }
      });
    }
  });
}

describe('the SFI test cases', () => {
  it('number at least 40 and make every table row of every version match at least once while it is in force', async () => {
    const ruleSet = (await loadCatalogRuleSet(ruleSets, 'sfi'))!;
    const cases = (await loadRuleTestFiles('sfi')).flatMap((file) => file.cases);
    expect(cases.length).toBeGreaterThanOrEqual(40);
    const { parseTrace, evaluate } = await import('./rule-engine.ts');
    const matchedRows = new Map<string, Set<string>>();
    for (const testCase of cases) {
      const { decision, traceJson } = await evaluate(ruleSet, testCase.facts);
      const rows = matchedRows.get(decision.ruleSet.version) ?? new Set<string>();
      const table = parseTrace(traceJson)['ratt-till-sfi'];
      for (const hit of table?.traceData as Array<{ rule: { _id: string } }>) rows.add(hit.rule._id);
      matchedRows.set(decision.ruleSet.version, rows);
    }
    const allRows = (numbers: number[]) => numbers.map((n) => `rad-${String(n).padStart(2, '0')}`);
    expect([...(matchedRows.get('2026-12-07') ?? [])].sort()).toEqual(
      allRows([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17]),
    );
    // In force 2026-01-01 – 2026-12-06, before any three-year right could run out (2029-01-01 at
    // the earliest): rows 12 and 13 cannot match then; the 2026-12-07 version has them unchanged.
    expect([...(matchedRows.get('2026-01-01') ?? [])].sort()).toEqual(
      allRows([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 14, 15]),
    );
    // The 2025 version is the same table without rows 12 and 13 (the three-year right).
    expect([...(matchedRows.get('2025-01-01') ?? [])].sort()).toEqual(
      allRows([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 14, 15]),
    );
  });
});
