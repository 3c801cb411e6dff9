import { sfiDecisionSchema, sfiFactsSchema } from '../sfi/index.ts';
import { loadRuleSet, type RuleSet, type RuleSetSchemas } from './rule-engine.ts';

/**
 * Which contract (facts and decision schemas) belongs to which rule-set id. The engine itself is
 * generic; this catalog is where the CLI, the rule test run and the benchmark learn the domain
 * schemas. Not exported from index.ts: the SFI schemas import the rules module, and a re-export
 * would make that an import cycle.
 */
export const ruleSetCatalog = {
  sfi: { facts: sfiFactsSchema, decision: sfiDecisionSchema },
} satisfies Record<string, RuleSetSchemas>;

export type CatalogRuleSetId = keyof typeof ruleSetCatalog;

export function isCatalogRuleSetId(id: string): id is CatalogRuleSetId {
  return Object.hasOwn(ruleSetCatalog, id);
}

/** Loads a catalogued rule set with its contract schemas. */
export function loadCatalogRuleSet(id: CatalogRuleSetId, options: { rulesDir?: string } = {}): Promise<RuleSet> {
  return loadRuleSet(id, ruleSetCatalog[id], options);
}
