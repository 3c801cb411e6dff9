import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { ZenDecisionContent, ZenEngine, type ZenDecision } from '@gorules/zen-engine';
import type { z } from 'zod';
import { projectRoot } from '../../platform/config/project-root.ts';
import { AppError, type FieldError } from '../../platform/http/errors.ts';
import { isCalendarDate } from '../../platform/identity/personal-number.ts';
import type { BaseDecision, BaseFacts, RuleSetRef } from './rule-set.schema.ts';

/**
 * Rule sets are GoRules JDM graphs in `rules/<id>/<effective date>.json`, evaluated by the Zen
 * Engine. Loading reads and compiles every version once; evaluation is pure (no I/O) and
 * reuses the compiled decision. Zen is the only evaluator: decisions, replay and rule test
 * cases all run on it.
 */

/** The repository's `rules/` directory. */
export const defaultRulesDir = path.join(projectRoot, 'rules');

const VERSION_FILE = /^(\d{4}-\d{2}-\d{2})\.json$/;
const RULE_SET_ID = /^[a-z0-9][a-z0-9-]*$/;

/** What a rule set's facts and decisions must look like (its contract, as zod schemas). */
export interface RuleSetSchemas<F extends BaseFacts = BaseFacts, D extends BaseDecision = BaseDecision> {
  facts: z.ZodType<F>;
  /** Checked against the graph's output plus `ruleSet`; a mismatch is a bug in the rule set. */
  decision: z.ZodType<D>;
}

export interface RuleSetVersion {
  id: string;
  /** The effective date: the version applies to decision dates on or after it. */
  version: string;
  /** sha256 (hex) of the rule-set file's bytes, stored with every decision record. */
  contentHash: string;
  /** The parsed JDM graph (for the public "Så fattas besluten" page and replay). */
  content: JdmGraph;
  file: string;
  /** Compiled once at load and reused for every evaluation. */
  compiled: ZenDecision;
}

export interface RuleSet<F extends BaseFacts = BaseFacts, D extends BaseDecision = BaseDecision> {
  id: string;
  /** Ascending by effective date. */
  versions: readonly RuleSetVersion[];
  schemas: RuleSetSchemas<F, D>;
}

/** The parts of a JDM graph this code reads; the Zen Engine validates the rest. */
export interface JdmGraph {
  nodes: Array<{ id: string; type: string; name: string; content?: unknown }>;
  edges: Array<{ id: string; sourceId: string; targetId: string }>;
  [key: string]: unknown;
}

export interface Evaluation<D extends BaseDecision = BaseDecision> {
  decision: D;
  /** sha256 (hex) of the rule-set version's file. */
  contentHash: string;
  /**
   * The trace in Zen's format (every node's input, output and matched rows) as JSON text: store
   * it as is (a jsonb column takes the text); `parseTrace` when it must be read.
   */
  traceJson: string;
}

let sharedEngine: ZenEngine | undefined;

/** One engine per process; decisions created from it are independent and reusable. */
function engine(): ZenEngine {
  sharedEngine ??= new ZenEngine();
  return sharedEngine;
}

/** Reads and compiles every version of rule set `id`. Fails loudly on a broken file. */
export async function loadRuleSet<F extends BaseFacts, D extends BaseDecision>(
  id: string,
  schemas: RuleSetSchemas<F, D>,
  options: { rulesDir?: string } = {},
): Promise<RuleSet<F, D>> {
  if (!RULE_SET_ID.test(id)) throw new Error(`not a rule-set id: ${JSON.stringify(id)}`);
  const dir = path.join(options.rulesDir ?? defaultRulesDir, id);
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    throw new Error(`rule set ${id}: no directory ${dir}`);
  }
  const versions: RuleSetVersion[] = [];
  for (const name of names.sort()) {
    const version = VERSION_FILE.exec(name)?.[1];
    if (!version) continue;
    if (!isCalendarDate(version)) throw new Error(`rule set ${id}: ${name} is not named by a real date`);
    const file = path.join(dir, name);
    const bytes = await readFile(file);
    let content: JdmGraph;
    try {
      content = JSON.parse(bytes.toString('utf8')) as JdmGraph;
    } catch (error) {
      throw new Error(`rule set ${id} ${version}: ${file} is not valid JSON (${(error as Error).message})`, {
        cause: error,
      });
    }
    let compiled: ZenDecision;
    try {
      // Through ZenDecisionContent the engine precompiles every expression once (about a
      // sixth less work per evaluation than handing it the plain object).
      compiled = engine().createDecision(new ZenDecisionContent(content));
      compiled.validate();
    } catch (error) {
      throw new Error(`rule set ${id} ${version}: the Zen Engine rejects ${file}: ${(error as Error).message}`, {
        cause: error,
      });
    }
    const contentHash = createHash('sha256').update(bytes).digest('hex');
    versions.push({ id, version, contentHash, content, file, compiled });
  }
  if (versions.length === 0) throw new Error(`rule set ${id}: no version files (YYYY-MM-DD.json) in ${dir}`);
  return { id, versions, schemas };
}

/** Rule-set ids under `rulesDir`: the directories that hold at least one version file. */
export async function listRuleSetIds(rulesDir: string = defaultRulesDir): Promise<string[]> {
  const ids: string[] = [];
  for (const entry of await readdir(rulesDir, { withFileTypes: true })) {
    if (!entry.isDirectory() || !RULE_SET_ID.test(entry.name)) continue;
    const files = await readdir(path.join(rulesDir, entry.name));
    if (files.some((name) => VERSION_FILE.test(name))) ids.push(entry.name);
  }
  return ids.sort();
}

/**
 * The version in effect on `decisionDate`: the newest whose effective date is on or before it.
 * Before the first version nothing applies, and deciding anyway would be unlawful: that is an error.
 */
export function versionFor(ruleSet: Pick<RuleSet, 'id' | 'versions'>, decisionDate: string): RuleSetVersion {
  let chosen: RuleSetVersion | undefined;
  for (const candidate of ruleSet.versions) {
    if (candidate.version <= decisionDate) chosen = candidate;
    else break;
  }
  if (!chosen) {
    const first = ruleSet.versions[0]?.version ?? '(none)';
    throw new AppError(
      'VALIDATION_FAILED',
      `no version of rule set ${ruleSet.id} is in effect on ${decisionDate}: the first takes effect ${first}`,
      {
        fields: [
          { field: 'decisionDate', code: 'noRuleSetInEffect', params: { ruleSet: ruleSet.id, firstVersion: first } },
        ],
      },
    );
  }
  return chosen;
}

/**
 * Evaluates `facts` (validated against the rule set's facts schema) with the version in effect
 * on their decision date. Invalid facts → AppError VALIDATION_FAILED listing every problem; a
 * graph that fails or produces a decision outside the contract → AppError INTERNAL.
 */
export async function evaluate<F extends BaseFacts, D extends BaseDecision>(
  ruleSet: RuleSet<F, D>,
  facts: unknown,
): Promise<Evaluation<D>> {
  const parsed = parseFacts(ruleSet, facts);
  return evaluateParsed(ruleSet, versionFor(ruleSet, parsed.decisionDate), parsed);
}

/**
 * Evaluates `facts` with one given version, whatever their decision date: replaying a stored
 * decision must use the version it was made with.
 */
export async function evaluateWithVersion<F extends BaseFacts, D extends BaseDecision>(
  ruleSet: RuleSet<F, D>,
  version: RuleSetVersion,
  facts: unknown,
): Promise<Evaluation<D>> {
  return evaluateParsed(ruleSet, version, parseFacts(ruleSet, facts));
}

function parseFacts<F extends BaseFacts>(ruleSet: RuleSet<F>, facts: unknown): F {
  const parsed = ruleSet.schemas.facts.safeParse(facts);
  if (!parsed.success) {
    throw new AppError('VALIDATION_FAILED', `invalid facts for rule set ${ruleSet.id}`, {
      fields: fieldErrors(parsed.error),
    });
  }
  return parsed.data;
}

async function evaluateParsed<F extends BaseFacts, D extends BaseDecision>(
  ruleSet: RuleSet<F, D>,
  version: RuleSetVersion,
  facts: F,
): Promise<Evaluation<D>> {
  let result: unknown;
  let traceJson: string;
  try {
    // 'string': the engine serialises the trace itself, far cheaper than building JS objects.
    const response = await version.compiled.evaluate(facts, { trace: 'string' });
    result = response.result;
    traceJson = response.trace as unknown as string;
  } catch (error) {
    throw new AppError(
      'INTERNAL',
      `rule set ${version.id} ${version.version} failed to evaluate: ${(error as Error).message}`,
    );
  }
  const ruleSetRef: RuleSetRef = { id: version.id, version: version.version };
  const decision = ruleSet.schemas.decision.safeParse({ ...(result as object), ruleSet: ruleSetRef });
  if (!decision.success) {
    const problems = fieldErrors(decision.error).map(
      (issue) => `${issue.field}: ${issue.params?.message ?? issue.code}`,
    );
    throw new AppError(
      'INTERNAL',
      `rule set ${version.id} ${version.version} produced a decision outside its contract: ${problems.join('; ')}`,
    );
  }
  return { decision: decision.data, contentHash: version.contentHash, traceJson };
}

/** The Zen trace as objects: node id → { name, input, output, traceData (matched rows), … }. */
export function parseTrace(traceJson: string): Record<string, ZenTraceNode> {
  return JSON.parse(traceJson) as Record<string, ZenTraceNode>;
}

export interface ZenTraceNode {
  id: string;
  name: string;
  order: number;
  input: unknown;
  output: unknown;
  performance?: string;
  traceData?: unknown;
}

/** zod issues → the platform's field errors; `params.message` keeps zod's wording for CLIs and logs. */
function fieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({
    field: issue.path.map(String).join('.') || '_',
    code: 'invalid',
    params: { message: issue.message },
  }));
}
