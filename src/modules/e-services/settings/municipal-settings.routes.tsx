import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ADMIN } from '../../../platform/auth/roles.ts';
import type { Db } from '../../../platform/db/database.ts';
import { CSRF_FIELD } from '../../../platform/http/csrf.ts';
import { AppError } from '../../../platform/http/errors.ts';
import {
  emptyForm,
  formStateFrom,
  formValuesFrom,
  replyWithForm,
  type FormState,
} from '../../../platform/views/form.tsx';
import { stockholmDate } from '../calendar.ts';
import { getEService } from '../e-service.service.ts';
import { settingsTranslator } from './municipal-settings.i18n.ts';
import {
  formFieldsOf,
  parameterField,
  type SettingsFormFields,
  type SettingsParameter,
} from './municipal-settings.schema.ts';
import { getSettingsInForce, listSettingsHistory, saveSettingsFromForm } from './municipal-settings.service.ts';
import { MunicipalSettingsPage, settingsPath, type SettingsPageModel } from './municipal-settings.views.tsx';

export interface SettingsRoutesOptions {
  db: Db;
  clock: () => Date;
  /** Each e-service's local yes/no parameters (service id → parameters), as its plug-in declares them. */
  parameters: Readonly<Record<string, readonly SettingsParameter[]>>;
}

const params = z.object({
  id: z
    .string()
    .regex(/^[a-z][a-z0-9-]*$/)
    .max(50),
});
const field = z.string().max(2000).optional();
// Flat as the browser sends it; settingsFromForm checks the content and names every problem.
// Parameters arrive as `parameter-<key>` = yes | no (the keys every plug-in declares).
const bodyFor = (parameterKeys: readonly string[]) =>
  z.object({
    [CSRF_FIELD]: z.string().optional(),
    'effectiveFrom-day': field,
    'effectiveFrom-month': field,
    'effectiveFrom-year': field,
    board: field,
    delegationAutomated: field,
    delegationCaseworker: field,
    organisation: field,
    unit: field,
    street: field,
    postalCode: field,
    city: field,
    phone: field,
    email: field,
    web: field,
    ...Object.fromEntries(parameterKeys.map((key) => [parameterField(key), field])),
  });

// E-services are not a person's objects: the harnesses use the one every app registers.
const EXAMPLES = {
  params: { id: 'sfi' },
  body: {
    'effectiveFrom-day': '1',
    'effectiveFrom-month': '1',
    'effectiveFrom-year': '2099',
    board: 'Arbetsmarknads- och vuxenutbildningsnämnden',
    delegationAutomated: 'Delegationsordning, punkt 4.2',
    delegationCaseworker: 'Delegationsordning, punkt 4.3',
    organisation: 'Exempelkommun',
    unit: 'Vuxenutbildningen',
    street: 'Box 1',
    postalCode: '123 45',
    city: 'Exempelstad',
    phone: '070-174 06 05',
    email: 'sfi@kommun.example',
    web: '',
    'parameter-offersSfiToTemporaryProtection': 'no',
  },
};

/** The administrators' page for an e-service's municipal settings: `/admin/e-tjanster/:id/installningar`. */
export const municipalSettingsRoutes: FastifyPluginAsyncZod<SettingsRoutesOptions> = async (app, options) => {
  const { db, clock } = options;
  const parametersOf = (serviceId: string) => options.parameters[serviceId] ?? [];
  const body = bodyFor([...new Set(Object.values(options.parameters).flatMap((list) => list.map((p) => p.key)))]);

  async function pageModel(request: FastifyRequest, serviceId: string): Promise<SettingsPageModel> {
    const now = clock();
    const today = stockholmDate(now);
    const [service, current, history] = await Promise.all([
      getEService(db, serviceId, now),
      getSettingsInForce(db, serviceId, today),
      listSettingsHistory(db, serviceId),
    ]);
    return {
      serviceId,
      serviceName: request.locale === 'en' ? service.definition.names.en : service.definition.names.sv,
      current,
      history,
      parameters: parametersOf(serviceId),
      today,
    };
  }

  app.get(
    '/admin/e-tjanster/:id/installningar',
    {
      config: { access: ADMIN, examples: { params: EXAMPLES.params } },
      schema: { params, querystring: z.object({ lang: z.string().max(10).optional() }) },
    },
    async (request, reply) => {
      const model = await pageModel(request, request.params.id);
      // The form starts from the version in force, to change one thing; the date starts empty.
      const values: Record<string, string> = model.current ? formFieldsOf(model.current.settings, model.today) : {};
      delete values['effectiveFrom-day'];
      delete values['effectiveFrom-month'];
      delete values['effectiveFrom-year'];
      const form = emptyForm<SettingsFormFields>(values);
      return reply.html(<MunicipalSettingsPage ctx={request.pageContext()} model={model} form={form} />);
    },
  );

  app.post(
    '/admin/e-tjanster/:id/installningar',
    {
      config: { access: ADMIN, examples: EXAMPLES },
      attachValidation: true,
      schema: { params, body },
    },
    async (request, reply) => {
      const { id } = request.params;
      const rerender = async (form: FormState<SettingsFormFields>) => {
        const ctx = { ...request.pageContext(), currentUrl: settingsPath(id) };
        const model = await pageModel(request, id);
        return replyWithForm(reply, form, <MunicipalSettingsPage ctx={ctx} model={model} form={form} />);
      };
      const form = formStateFrom<SettingsFormFields>(request);
      if (form.errors.length > 0) return rerender(form);
      try {
        const saved = await saveSettingsFromForm(db, {
          serviceId: id,
          values: formValuesFrom(request),
          parameters: parametersOf(id),
          actor: request.user!,
          now: clock(),
          requestId: request.id,
        });
        const model = await pageModel(request, id);
        request.flash(
          'success',
          settingsTranslator(request.locale).t('saved', { service: model.serviceName, date: saved.effectiveFrom }),
        );
        return reply.redirect(settingsPath(id), 303);
      } catch (error) {
        if (error instanceof AppError && error.code === 'VALIDATION_FAILED' && error.details.fields) {
          return rerender({ values: formValuesFrom(request), errors: error.details.fields });
        }
        throw error;
      }
    },
  );
};
