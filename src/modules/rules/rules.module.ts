import type { Module } from '../../platform/module.ts';
import { replayCommands } from './replay.commands.ts';
import type { RuleSet } from './rule-engine.ts';
import { loadCatalogRuleSet, type RuleSetCatalog } from './rule-set-catalog.ts';
import { loadRuleTestFiles } from './rule-tests.ts';
import { ruleCommands } from './rules.commands.ts';
import { simulationApiRoutes } from './simulation.api.routes.ts';
import { transparencyRoutes } from './transparency.routes.tsx';

/**
 * Rule sets in the open: the public "Så fattas besluten" pages (every rule set under rules/), the
 * public simulation API for the rule sets whose contract `ruleSets` names, and the rule and
 * replay commands for those.
 */
export function rulesModule(options: { ruleSets: RuleSetCatalog }): Module {
  return {
    name: 'rules',
    setup: ({ clock, config }) => ({
      routes: async (app) => {
        await transparencyRoutes(app, { clock });
        const loaded: RuleSet[] = [];
        for (const id of Object.keys(options.ruleSets)) loaded.push(await loadCatalogRuleSet(options.ruleSets, id)!);
        await app.register(simulationApiRoutes, {
          ruleSets: loaded,
          rateLimitMax: config.RULES_API_RATE_LIMIT_MAX,
          examples: Object.fromEntries(
            await Promise.all(loaded.map(async (ruleSet) => [ruleSet.id, await exampleFacts(ruleSet)])),
          ),
        });
      },
    }),
    commands: { ...ruleCommands(options.ruleSets), ...replayCommands(options.ruleSets) },
  };
}

/** Example facts for the API's documentation: the rule set's first test case whose facts its contract accepts. */
async function exampleFacts(ruleSet: RuleSet): Promise<unknown> {
  for (const { cases } of await loadRuleTestFiles(ruleSet.id)) {
    for (const testCase of cases) if (ruleSet.schemas.facts.safeParse(testCase.facts).success) return testCase.facts;
  }
  return undefined;
}
