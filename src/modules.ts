import { bookingModule } from './modules/booking/index.ts';
import { eServicesModule, type EServicePlugin } from './modules/e-services/index.ts';
import { adminModule } from './modules/admin/index.ts';
import { portalModule } from './modules/portal/index.ts';
import { rulesModule } from './modules/rules/index.ts';
import { sfiEService, sfiRuleSet } from './modules/sfi/index.ts';
import { migrationsOf, type Module } from './platform/module.ts';
import type { RuleSetCatalog } from './modules/rules/index.ts';

/** Every rule set a module decides with, by its id under rules/: its facts and decision contract. */
export const ruleSets: RuleSetCatalog = { sfi: sfiRuleSet };

/** Every e-service with code of its own, plugged into the e-service machinery. */
export const eServices: readonly EServicePlugin[] = [sfiEService];

/**
 * Every module of the platform, in the order of the navigation. The app, the worker and the CLI go
 * through this list: adding a module is its folder and one line here. An e-service with code of
 * its own is a plug-in of the e-service machinery (its line is in eServices).
 */
export const modules: readonly Module[] = [
  portalModule,
  eServicesModule({ eServices }),
  bookingModule,
  adminModule,
  rulesModule({ ruleSets }),
];

/** The platform's and every module's migrations, in order. */
export const migrations = migrationsOf(modules);
