import { loadRuleSet, type RuleSet, type RuleSetSchemas } from './rule-engine.ts';

/**
 * Which contract (facts and decision schemas) belongs to which rule-set id. The engine is generic;
 * the modules that decide with a rule set own its contract (SFI: sfiRuleSet), and the composition
 * root (src/modules.ts) hands the catalogue to the rules module for its commands.
 */
export type RuleSetCatalog = Readonly<Record<string, RuleSetSchemas>>;

/** Loads a catalogued rule set with its contract schemas; undefined when the id is not catalogued. */
export function loadCatalogRuleSet(
  catalog: RuleSetCatalog,
  id: string,
  options: { rulesDir?: string } = {},
): Promise<RuleSet> | undefined {
  return Object.hasOwn(catalog, id) ? loadRuleSet(id, catalog[id]!, options) : undefined;
}
