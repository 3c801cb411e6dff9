import { sfiDecisionSchema, sfiFactsSchema } from '../sfi/index.ts';
import { loadRuleSet, type RuleSet, type RuleSetSchemas } from './rule-engine.ts';

/**
 * Which contract (facts and decision schemas) belongs to which rule-set id. The engine itself is
 * generic; this catalog is where the CLI, the rule test run, the pipeline and the benchmark learn
 * the domain schemas. The SFI schemas import the rules module, so exporting this catalog from
 * index.ts is an import cycle: each entry is a getter, read when a rule set is loaded (every
 * module evaluated by then), never while the modules are still being evaluated.
 */
export const ruleSetCatalog = {
  get sfi(): RuleSetSchemas {
    return { facts: sfiFactsSchema, decision: sfiDecisionSchema };
  },
} satisfies Record<string, RuleSetSchemas>;

export type CatalogRuleSetId = keyof typeof ruleSetCatalog;

export function isCatalogRuleSetId(id: string): id is CatalogRuleSetId {
  return Object.hasOwn(ruleSetCatalog, id);
}

/** Loads a catalogued rule set with its contract schemas. */
export function loadCatalogRuleSet(id: CatalogRuleSetId, options: { rulesDir?: string } = {}): Promise<RuleSet> {
  return loadRuleSet(id, ruleSetCatalog[id], options);
}
