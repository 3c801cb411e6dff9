import type { Module } from '../../platform/module.ts';
import { replayCommands } from './replay.commands.ts';
import type { RuleSetCatalog } from './rule-set-catalog.ts';
import { ruleCommands } from './rules.commands.ts';
import { transparencyRoutes } from './transparency.routes.tsx';

/**
 * Rule sets in the open: the public "Så fattas besluten" pages (every rule set under rules/), and
 * the rule and replay commands for the rule sets whose contract `ruleSets` names.
 */
export function rulesModule(options: { ruleSets: RuleSetCatalog }): Module {
  return {
    name: 'rules',
    setup: ({ clock }) => ({ routes: (app) => transparencyRoutes(app, { clock }) }),
    commands: { ...ruleCommands(options.ruleSets), ...replayCommands(options.ruleSets) },
  };
}
