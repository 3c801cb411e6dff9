import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { AppError } from '../../platform/http/errors.ts';
import { defaultRulesDir, evaluate, type RuleSet } from './rule-engine.ts';
import { ruleTestFileSchema, type BaseDecision, type BaseFacts, type RuleTestCase } from './rule-set.schema.ts';

/**
 * Rule test cases are data: `rules/<id>/tests/*.json`, each an array of
 * `{ name, facts, expected }`, readable (and writable) by the people who own the rules.
 */

export interface RuleTestFile {
  /** Path relative to the rules directory, e.g. `sfi/tests/age.json`. */
  file: string;
  cases: RuleTestCase[];
}

export interface RuleTestResult {
  file: string;
  name: string;
  passed: boolean;
  /** Empty when passed; otherwise one line per difference ("outcome: expected admit, got refuse"). */
  differences: string[];
}

/** Reads and checks the shape of every test file of rule set `id`. A malformed file throws, naming it. */
export async function loadRuleTestFiles(id: string, options: { rulesDir?: string } = {}): Promise<RuleTestFile[]> {
  const rulesDir = options.rulesDir ?? defaultRulesDir;
  const dir = path.join(rulesDir, id, 'tests');
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => name.endsWith('.json')).sort();
  } catch {
    return [];
  }
  const files: RuleTestFile[] = [];
  for (const name of names) {
    const file = path.join(id, 'tests', name);
    let json: unknown;
    try {
      json = JSON.parse(await readFile(path.join(dir, name), 'utf8'));
    } catch (error) {
      throw new Error(`${file}: not valid JSON (${(error as Error).message})`, { cause: error });
    }
    const parsed = ruleTestFileSchema.safeParse(json);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(file)'}: ${issue.message}`);
      throw new Error(`${file}: not a list of test cases { name, facts, expected }:\n  ${problems.join('\n  ')}`);
    }
    files.push({ file, cases: parsed.data });
  }
  return files;
}

/** The differences between a decision and a test case's expectation; empty when it matches. */
export function compareWithExpected(decision: BaseDecision, expected: RuleTestCase['expected']): string[] {
  const differences: string[] = [];
  const show = (value: unknown) => JSON.stringify(value);
  for (const [key, want] of Object.entries(expected)) {
    if (key === 'reasonCodes') {
      const got = decision.reasons.map((reason) => reason.code);
      if (!isDeepStrictEqual(got, want)) differences.push(`reasonCodes: expected ${show(want)}, got ${show(got)}`);
    } else if (key === 'ruleSetVersion') {
      if (decision.ruleSet.version !== want)
        differences.push(`ruleSetVersion: expected ${show(want)}, got ${show(decision.ruleSet.version)}`);
    } else {
      const got = (decision as Record<string, unknown>)[key];
      if (!isDeepStrictEqual(got, want)) differences.push(`${key}: expected ${show(want)}, got ${show(got)}`);
    }
  }
  return differences;
}

/** Runs one test case; invalid facts or a failing graph count as a failed case, not a crash. */
export async function runRuleTestCase<F extends BaseFacts, D extends BaseDecision>(
  ruleSet: RuleSet<F, D>,
  file: string,
  testCase: RuleTestCase,
): Promise<RuleTestResult> {
  try {
    const evaluation = await evaluate(ruleSet, testCase.facts);
    const differences = compareWithExpected(evaluation.decision, testCase.expected);
    return { file, name: testCase.name, passed: differences.length === 0, differences };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const fields = (error.details.fields ?? []).map(
      (field) => `${field.field}: ${field.params?.message ?? field.code}`,
    );
    return { file, name: testCase.name, passed: false, differences: [error.message, ...fields] };
  }
}

/** Runs every test case of a rule set, in file and case order. */
export async function runRuleTests<F extends BaseFacts, D extends BaseDecision>(
  ruleSet: RuleSet<F, D>,
  options: { rulesDir?: string } = {},
): Promise<RuleTestResult[]> {
  const results: RuleTestResult[] = [];
  for (const { file, cases } of await loadRuleTestFiles(ruleSet.id, options)) {
    for (const testCase of cases) results.push(await runRuleTestCase(ruleSet, file, testCase));
  }
  return results;
}
