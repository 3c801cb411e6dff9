import type { Module, ModuleContext, ModuleParts } from '../../platform/module.ts';
import type { CaseLabels } from './case-labels.ts';
import { createCaseSubmissions, type CaseSubmissions } from './case.service.ts';
import type { CaseworkerDeps } from './caseworker.service.ts';
import { eServicesJobs } from './draft-retention.job.ts';
import { createDigitalDeliveryJob } from './delivery/digital-delivery.job.ts';
import { createDigitalMailbox } from '../../platform/digital-mailbox/create-digital-mailbox.ts';
import type { LetterAddress } from './delivery/delivery.service.ts';
import type { CaseDetail, EServiceEntry } from './e-services.schema.ts';
import { eServicesNav } from './e-services.nav.ts';
import { eServicesRoutes } from './e-services.routes.ts';
import * as m0003 from './migrations/0003-e-services.ts';
import * as m0008 from './migrations/0008-decision-received.ts';
import * as m0009 from './migrations/0009-decision-deliveries.ts';
import * as m0010 from './migrations/0010-cases-by-personal-number.ts';
import * as m0011 from './migrations/0011-appeal-actions.ts';
import * as m0012 from './migrations/0012-e-service-settings.ts';
import * as m0013 from './migrations/0013-forwarded-by-skatteverket.ts';
import { municipalSettingsRoutes } from './settings/municipal-settings.routes.tsx';
import type { SettingsParameter } from './settings/municipal-settings.schema.ts';

/** What the e-service machinery gives an e-service with code of its own (SFI) when it is set up. */
export interface EServicesRuntime {
  /** The process's one queue of submissions (committed in groups). */
  submissions: CaseSubmissions;
}

/**
 * An e-service with code of its own, plugged into the machinery (cases, My pages, the caseworker
 * workspace): its form and automation, and what it does when a caseworker decides one of its cases.
 */
export interface EServicePlugin {
  /** Its entry in the e-service catalogue (its id is cases.service_id), named in all seven languages. */
  service: EServiceEntry;
  /** Its form: where My pages links a resident's unsent draft. */
  formPath: string;
  /** How caseworkers read its cases: Swedish labels of its answers, facts, rule results, sources and reasons. */
  labels: CaseLabels;
  /** Who tries appeals against its decisions, e.g. "Skolväsendets överklagandenämnd" (default: förvaltningsrätten). */
  appealBody?: string;
  /** Its own tables' migrations (see Module.migrations). */
  migrations?: Module['migrations'];
  /** Its local yes/no parameters, which an administrator sets among the municipal settings. */
  settingsParameters?: readonly SettingsParameter[];
  /** Its demo data (SEED_DEMO), e.g. demo municipal settings; idempotent (see Module.seed). */
  seed?: Module['seed'];
  /** Wires it for this process, once, before requests and jobs; it may ensure its catalogue entry. */
  setup(ctx: ModuleContext, eServices: EServicesRuntime): EServicePluginParts | Promise<EServicePluginParts>;
}

export interface EServicePluginParts extends ModuleParts {
  /** Runs in the transaction of a caseworker's final decision on one of its cases (its follow-up). */
  onDecided?: NonNullable<CaseworkerDeps['onDecided']>;
  /** Where its letters go for a case (the dismissal of a late appeal uses it too); default: the address given. */
  letterAddress?: (subject: CaseDetail) => Promise<LetterAddress>;
}

/**
 * The e-service machinery with its e-services: My pages, the caseworker workspace, statistics,
 * the catalogue's administration, the cases API and draft retention, plus each plug-in's parts.
 */
export function eServicesModule(options: { eServices: readonly EServicePlugin[] }): Module {
  const migrations = {
    '0003-e-services': m0003,
    '0008-decision-received': m0008,
    '0009-decision-deliveries': m0009,
    '0010-cases-by-personal-number': m0010,
    '0011-appeal-actions': m0011,
    '0012-e-service-settings': m0012,
    '0013-forwarded-by-skatteverket': m0013,
  };
  for (const plugin of options.eServices) Object.assign(migrations, plugin.migrations);
  return {
    name: 'e-services',
    migrations,
    async seed(db, config) {
      for (const plugin of options.eServices) await plugin.seed?.(db, config);
    },
    async setup(ctx) {
      const { config, db, clock, notifier } = ctx;
      const runtime: EServicesRuntime = { submissions: createCaseSubmissions(db) };
      const plugins: { plugin: EServicePlugin; parts: EServicePluginParts }[] = [];
      for (const plugin of options.eServices) plugins.push({ plugin, parts: await plugin.setup(ctx, runtime) });
      const followUps = new Map(
        plugins.flatMap(({ plugin, parts }) =>
          parts.onDecided ? [[plugin.service.id, parts.onDecided] as const] : [],
        ),
      );
      const draftPaths = Object.fromEntries(options.eServices.map((plugin) => [plugin.service.id, plugin.formPath]));
      const caseLabels = Object.fromEntries(options.eServices.map((plugin) => [plugin.service.id, plugin.labels]));
      const appealBodies = Object.fromEntries(
        options.eServices.flatMap((plugin) => (plugin.appealBody ? [[plugin.service.id, plugin.appealBody]] : [])),
      );
      const letterAddresses = Object.fromEntries(
        plugins.flatMap(({ plugin, parts }) => (parts.letterAddress ? [[plugin.service.id, parts.letterAddress]] : [])),
      );
      return {
        async routes(app) {
          await app.register(eServicesRoutes, {
            config,
            db,
            notifier,
            clock,
            // A caseworker's decision gets its e-service's follow-up (SFI: enrolment and letter), in the same transaction.
            onDecided: async (trx, decided) => followUps.get(decided.case.serviceId)?.(trx, decided),
            draftPaths,
            caseLabels,
            appealBodies,
            letterAddresses,
          });
          await app.register(municipalSettingsRoutes, {
            db,
            clock,
            parameters: Object.fromEntries(
              options.eServices.map((plugin) => [plugin.service.id, plugin.settingsParameters ?? []]),
            ),
          });
          for (const { parts } of plugins) if (parts.routes) await app.register(parts.routes);
        },
        nav: (user, t, locale) => [
          ...eServicesNav(user, t, locale),
          ...plugins.flatMap(({ parts }) => parts.nav?.(user, t, locale) ?? []),
        ],
        jobs: [
          ...eServicesJobs({ config }),
          createDigitalDeliveryJob(createDigitalMailbox(config, { clock }).mailbox),
          ...plugins.flatMap(({ parts }) => parts.jobs ?? []),
        ],
      };
    },
  };
}
