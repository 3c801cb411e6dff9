import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../platform/db/database.ts';
import { AppError } from '../../platform/http/errors.ts';
import { formStateFrom, replyWithForm, type FormState } from '../../platform/views/form.tsx';
import { stockholmDate } from '../../platform/calendar/swedish-calendar.ts';
import { getSettingsInForce } from '../e-services/index.ts';
import { loadRuleSet, simulate, type Simulation } from '../rules/index.ts';
import { offersSfiToTemporaryProtection, SFI_SERVICE } from './sfi-e-service.ts';
import { sfiRuleSet, type SfiDecision } from './sfi-facts.schema.ts';
import {
  simulationFacts,
  simulationFormDefaults,
  simulationFormSchema,
  type SimulationFormInput,
} from './sfi-simulation.schema.ts';
import { SFI_SIMULATION_PATH, SimulationPage } from './sfi-simulation.views.tsx';

export interface SfiSimulationRoutesOptions {
  db: Db;
  clock: () => Date;
  /** The municipality the made-up applicant applies to (its kommunkod). */
  municipalityCode: string;
}

const langQuery = z.object({ lang: z.string().max(10).optional() });

/**
 * "Prova själv": the public form that runs the SFI rules on made-up facts and shows the decision
 * with its reasons, legal references and matched rows on the same page. Nothing is stored; the
 * answers come back in the page only. Works without JavaScript. The municipality's own
 * parameter (SFI under temporary protection) is its setting in force on the decision date.
 */
export const sfiSimulationRoutes: FastifyPluginAsyncZod<SfiSimulationRoutesOptions> = async (app, options) => {
  const ruleSet = await loadRuleSet('sfi', sfiRuleSet);

  app.get(
    SFI_SIMULATION_PATH,
    { config: { access: 'public' }, schema: { querystring: langQuery } },
    async (request, reply) => {
      const form: FormState<SimulationFormInput> = {
        values: simulationFormDefaults(stockholmDate(options.clock())),
        errors: [],
      };
      return reply.html(<SimulationPage ctx={request.pageContext()} form={form} result={null} />);
    },
  );

  app.post(
    SFI_SIMULATION_PATH,
    {
      config: { access: 'public', examples: { body: simulationFormDefaults('2026-07-01') } },
      attachValidation: true,
      schema: { querystring: langQuery, body: simulationFormSchema },
    },
    async (request, reply) => {
      const form = formStateFrom<SimulationFormInput>(request);
      let temporaryProtection: boolean | null = null;
      const render = (state: FormState<SimulationFormInput>, result: Simulation<SfiDecision> | null) =>
        replyWithForm(
          reply,
          state,
          <SimulationPage
            ctx={request.pageContext()}
            form={state}
            result={result}
            temporaryProtection={temporaryProtection}
          />,
        );
      if (form.errors.length > 0) return render(form, null);
      const mapped = simulationFacts(request.body, {
        today: stockholmDate(options.clock()),
        municipalityCode: options.municipalityCode,
      });
      if (!mapped.facts) return render({ ...form, errors: mapped.errors }, null);
      const settings = await getSettingsInForce(options.db, SFI_SERVICE.id, mapped.facts.decisionDate);
      const offers = settings ? offersSfiToTemporaryProtection(settings.settings) : false;
      const facts = {
        ...mapped.facts,
        municipality: { ...mapped.facts.municipality, offersSfiToTemporaryProtection: offers },
      };
      // Said with the result only where it decides: for an applicant with temporary protection.
      if (facts.applicant.residenceBasis === 'temporary-protection') temporaryProtection = offers;
      try {
        return render(form, await simulate(ruleSet, facts));
      } catch (error) {
        // A decision date before the first rule set: said at the date field.
        if (error instanceof AppError && error.code === 'VALIDATION_FAILED') {
          return render({ ...form, errors: error.details.fields ?? [] }, null);
        }
        throw error;
      }
    },
  );
};
