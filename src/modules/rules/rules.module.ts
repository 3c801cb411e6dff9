import type { Module } from '../../platform/module.ts';
import { replayCommands } from './replay.commands.ts';
import { ruleCommands } from './rules.commands.ts';
import { transparencyRoutes } from './transparency.routes.tsx';

/** Rule sets in the open: the public "Så fattas besluten" pages, and the rule and replay commands. */
export const rulesModule: Module = {
  name: 'rules',
  setup: ({ clock }) => ({ routes: (app) => transparencyRoutes(app, { clock }) }),
  commands: { ...ruleCommands, ...replayCommands },
};
