import type { EServicePlugin } from '../e-services/index.ts';
import * as m0004 from './migrations/0004-sfi-enrolment.ts';
import { createSfiAutomation } from './pipeline/sfi-automation.ts';
import { sfiApplicationRoutes } from './sfi-application.routes.ts';
import { sfiCaseLabels } from './sfi-case-labels.ts';
import { ensureSfiEService, SFI_SERVICE, SFI_SETTINGS_PARAMETERS, seedSfiDemoSettings } from './sfi-e-service.ts';
import { sfiFormNav } from './sfi-form.nav.ts';
import { sfiFormRoutes } from './sfi-form.routes.tsx';
import { SFI_FORM_PATH } from './sfi-form.views.tsx';
import { sfiSimulationRoutes } from './sfi-simulation.routes.tsx';

/**
 * SFI as an e-service: the form (with and without e-ID) and its JSON twin, the automation
 * pipeline's jobs, the public "Prova själv" form on the SFI rules, and the follow-up of a caseworker's decision (enrolment, letter).
 */
export const sfiEService: EServicePlugin = {
  service: SFI_SERVICE,
  formPath: SFI_FORM_PATH,
  labels: sfiCaseLabels,
  // SFI decisions are appealed to Skolväsendets överklagandenämnd (skollagen 28 kap.).
  appealBody: 'Skolväsendets överklagandenämnd',
  migrations: { '0004-sfi-enrolment': m0004 },
  settingsParameters: SFI_SETTINGS_PARAMETERS,
  seed: (db, config) => seedSfiDemoSettings(db, config.MUNICIPALITY_NAME, new Date()),
  async setup(ctx, { submissions }) {
    const { config, db, clock, notifier } = ctx;
    await ensureSfiEService(db);
    const pipeline = createSfiAutomation({ config, jobs: ctx.jobs, notifier, clock });
    const submitting = {
      submissions,
      clock,
      startPipeline: pipeline.start,
      notifier,
      municipalityName: config.MUNICIPALITY_NAME,
    };
    return {
      async routes(app) {
        await app.register(sfiApplicationRoutes, submitting);
        await app.register(sfiFormRoutes, {
          ...submitting,
          db,
          secureCookies: config.isProduction,
          draftRetentionDays: config.DRAFT_RETENTION_DAYS,
        });
        await app.register(sfiSimulationRoutes, { db, clock, municipalityCode: config.MUNICIPALITY_CODE });
      },
      nav: sfiFormNav,
      jobs: pipeline.definitions,
      onDecided: pipeline.onDecided,
      letterAddress: pipeline.letterAddress,
    };
  },
};
