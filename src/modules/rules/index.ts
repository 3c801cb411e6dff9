// The rules module's public surface: load rule sets (JDM files), evaluate facts, run rule test cases.
export {
  defaultRulesDir,
  evaluate,
  evaluateWithVersion,
  listRuleSetIds,
  loadRuleSet,
  parseTrace,
  versionFor,
  type Evaluation,
  type JdmGraph,
  type RuleSet,
  type RuleSetSchemas,
  type RuleSetVersion,
  type ZenTraceNode,
} from './rule-engine.ts';
export {
  baseDecisionSchema,
  baseFactsSchema,
  isoDateSchema,
  outcomeSchema,
  outcomes,
  ruleSetRefSchema,
  ruleTestCaseSchema,
  type BaseDecision,
  type BaseFacts,
  type Outcome,
  type RuleSetRef,
  type RuleTestCase,
} from './rule-set.schema.ts';
export { replayDecision, type ReplayDifference, type ReplayResult, type StoredDecision } from './replay.ts';
export {
  compareWithExpected,
  loadRuleTestFiles,
  runRuleTestCase,
  runRuleTests,
  type RuleTestFile,
  type RuleTestResult,
} from './rule-tests.ts';
export { rulesTranslator } from './rules.i18n.ts';
export { RuleText, ruleSetTitle, TRANSPARENCY_PATH } from './transparency.views.tsx';
export { simulate, type Simulation, type SimulatedReason, type TraceStep } from './simulation.ts';
export { rulesModule } from './rules.module.ts';
export { loadCatalogRuleSet, type RuleSetCatalog } from './rule-set-catalog.ts';
