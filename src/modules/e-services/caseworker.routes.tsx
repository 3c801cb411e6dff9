import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ADMIN, type Access } from '../../platform/auth/roles.ts';
import { CSRF_FIELD } from '../../platform/http/csrf.ts';
import { AppError, type FieldError } from '../../platform/http/errors.ts';
import { parsePersonalNumber } from '../../platform/identity/personal-number.ts';
import { dayFromDateParts, emptyForm, formStateFrom, replyWithForm } from '../../platform/views/form.tsx';
import {
  DEFAULT_APPEAL_BODY,
  dismissLateAppeal,
  forwardAppeal,
  reconsiderAppeal,
  type AppealDeps,
} from './appeal.service.ts';
import { stockholmDate } from './calendar.ts';
import { NO_LABELS, type CaseLabels } from './case-labels.ts';
import { registerPaperAppeal } from './applicant.service.ts';
import { caseworkerTranslator } from './caseworker.i18n.ts';
import {
  CASEWORKER_ROLES,
  decideManually,
  IDENTITY_METHODS,
  verifyIdentity,
  exportQueueCsv,
  getCaseDocumentForCaseworker,
  getCaseForCaseworker,
  getQueueOptions,
  listQueue,
  reassign,
  sendCaseworkerMessage,
} from './caseworker.service.ts';
import {
  CaseworkerCasePage,
  EServicePolicyPage,
  EServicesAdminPage,
  QueuePage,
  StatisticsPage,
  STATISTICS_PERIODS,
  type CaseworkerForms,
} from './caseworker.views.tsx';
import { getEService, listEServices, setPolicy } from './e-service.service.ts';
import { freeTextSchema } from './e-services.schema.ts';
import { contentDisposition } from './evidence-file.ts';
import { getStatistics } from './statistics.service.ts';

export const CASEWORKER: Access = { roles: CASEWORKER_ROLES };
/** For the harnesses: a resident's case, which caseworkers (not its applicant, not other staff) may open. */
export const CASE_FOR_STAFF = { fixture: 'e-services.case', othersMay: CASEWORKER } as const;
const DOCUMENT_FOR_STAFF = { fixture: 'e-services.case-document', othersMay: CASEWORKER } as const;
// E-services are not a person's objects: the harnesses use the one every app registers.
const SERVICE_EXAMPLE = { params: { id: 'sfi' } };

export interface CaseworkerRoutesOptions extends AppealDeps {
  clock: () => Date;
  /** Each e-service's labels (service id → labels); a service without is read through humanised keys. */
  caseLabels: Readonly<Record<string, CaseLabels>>;
}

const emptyToUndefined = (value: unknown) => (value === '' ? undefined : value);
const toArray = (value: unknown) => (value === undefined || value === '' ? [] : Array.isArray(value) ? value : [value]);

export const queueQuerySchema = z.object({
  service: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^[a-z][a-z0-9-]*$/)
      .max(50)
      .optional(),
  ),
  status: z.preprocess(
    emptyToUndefined,
    z
      .enum(['open', 'appeal-pending', 'all', 'submitted', 'in_progress', 'decided', 'closed', 'appealed'])
      .default('open'),
  ),
  reason: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^[A-Z][A-Z0-9_]*$/)
      .max(100)
      .optional(),
  ),
  waiting: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(3650).optional()),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  lang: z.string().max(10).optional(),
});
type QueueQueryInput = z.infer<typeof queueQuerySchema>;

const caseParams = z.object({ id: z.string().max(100) });
const documentParams = caseParams.extend({ documentId: z.string().max(100) });
const decideBody = z.object({
  [CSRF_FIELD]: z.string().optional(),
  outcome: z.enum(['admit', 'refuse'], { message: 'chooseOne' }),
  reasonCodes: z.preprocess(toArray, z.array(z.string().max(100)).max(30)),
  motivation: freeTextSchema(5000),
});
/** A confirmation checkbox: the form's own "yes, I mean it". */
const confirmed = z.literal('yes', { message: 'required' });
const reconsiderBody = z.object({
  [CSRF_FIELD]: z.string().optional(),
  change: z.enum(['yes', 'no'], { message: 'chooseOne' }),
  motivation: freeTextSchema(5000),
  confirmReconsider: confirmed,
});
// Each form's confirmation has a name of its own: the three forms share one page (and its ids).
const dismissBody = z.object({ [CSRF_FIELD]: z.string().optional(), confirmDismiss: confirmed });
const forwardBody = z.object({ [CSRF_FIELD]: z.string().optional(), confirmForward: confirmed });
const messageBody = z.object({ [CSRF_FIELD]: z.string().optional(), body: freeTextSchema(5000) });
const paperAppealBody = z.object({
  [CSRF_FIELD]: z.string().optional(),
  'arrivedOn-day': z.string().trim().max(2),
  'arrivedOn-month': z.string().trim().max(2),
  'arrivedOn-year': z.string().trim().max(4),
  text: freeTextSchema(5000),
});

const assignBody = z.object({
  [CSRF_FIELD]: z.string().optional(),
  assignTo: z.union([z.literal(''), z.uuid({ message: 'chooseOne' })]),
});
const identityBody = z.object({
  [CSRF_FIELD]: z.string().optional(),
  personalNumber: z
    .string()
    .trim()
    .min(1, 'required')
    .max(20, 'invalidPersonalNumber')
    .refine((value) => parsePersonalNumber(value).ok, 'invalidPersonalNumber'),
  method: z.enum(IDENTITY_METHODS, { message: 'chooseOne' }),
});
const statisticsQuery = z.object({
  service: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^[a-z][a-z0-9-]*$/)
      .max(50)
      .optional(),
  ),
  weeks: z.coerce
    .number()
    .int()
    .refine((n) => (STATISTICS_PERIODS as readonly number[]).includes(n))
    .default(12),
  lang: z.string().max(10).optional(),
});
const serviceParams = z.object({
  id: z
    .string()
    .regex(/^[a-z][a-z0-9-]*$/)
    .max(50),
});
const policyBody = z.object({
  [CSRF_FIELD]: z.string().optional(),
  autoFinal: z.preprocess(toArray, z.array(z.enum(['admit', 'refuse'], { message: 'chooseOne' })).max(2)),
  minutesPerManualCase: z.coerce.number({ message: 'number' }).int('number').min(1, 'number').max(10_000, 'number'),
});

function fieldErrorsOf(error: unknown): FieldError[] | undefined {
  return error instanceof AppError && error.code === 'VALIDATION_FAILED' && error.details.fields
    ? error.details.fields
    : undefined;
}

function queryOf(q: QueueQueryInput) {
  return {
    serviceId: q.service,
    status: q.status,
    reasonCode: q.reason,
    waitingLongerThanDays: q.waiting,
    page: q.page,
  };
}

/**
 * The caseworker workspace (queue, case view, decisions, messages, reassignment, CSV export),
 * statistics, and the administrators' e-service policy pages. Staff pages: Swedish and English.
 */
export const caseworkerRoutes: FastifyPluginAsyncZod<CaseworkerRoutesOptions> = async (app, options) => {
  const { db, clock } = options;
  const labelsOf = (serviceId: string) => options.caseLabels[serviceId] ?? NO_LABELS;
  const appealBodyOf = (serviceId: string) => options.appealBodies?.[serviceId] ?? DEFAULT_APPEAL_BODY;
  // The queue lists every service's cases: their reason codes by label, whichever service gave them.
  const reasonLabels: Record<string, string> = Object.assign(
    {},
    ...Object.values(options.caseLabels).map((labels) => labels.reasons),
  );

  app.addHook('onSend', async (request, reply, payload) => {
    // Case data is personal data: never kept by a browser or proxy cache.
    if (request.url.startsWith('/handlaggning')) reply.header('cache-control', 'no-store');
    return payload;
  });

  /** The case page again, with a refused form (422); `id` is the route's validated case id. */
  async function renderCase(request: FastifyRequest, reply: FastifyReply, id: string, forms: CaseworkerForms) {
    const view = await getCaseForCaseworker(db, {
      caseId: id,
      viewer: request.user!,
      now: clock(),
      requestId: request.id,
      channel: 'web',
    });
    // Shown at the form's POST address: language links must lead back to the case page.
    const ctx = { ...request.pageContext(), currentUrl: `/handlaggning/arenden/${view.case.id}` };
    return reply.html(
      <CaseworkerCasePage
        ctx={ctx}
        view={view}
        labels={labelsOf(view.case.serviceId)}
        forms={forms}
        appealBody={appealBodyOf(view.case.serviceId)}
      />,
      422,
    );
  }

  app.get(
    '/handlaggning',
    { config: { access: CASEWORKER }, schema: { querystring: queueQuerySchema } },
    async (request, reply) => {
      const q = request.query;
      const [page, services, options] = await Promise.all([
        listQueue(db, { ...queryOf(q), now: clock() }),
        listEServices(db, clock()),
        getQueueOptions(db),
      ]);
      return reply.html(
        <QueuePage
          ctx={request.pageContext()}
          page={page}
          filters={{ service: q.service, status: q.status, reason: q.reason, waiting: q.waiting }}
          services={services}
          reasonCodes={options.reasonCodes}
          reasonLabels={reasonLabels}
        />,
      );
    },
  );

  app.get(
    '/handlaggning/export.csv',
    { config: { access: CASEWORKER }, schema: { querystring: queueQuerySchema } },
    async (request, reply) => {
      const q = request.query;
      const csv = await exportQueueCsv(db, {
        ...queryOf(q),
        now: clock(),
        locale: request.locale === 'en' ? 'en' : 'sv',
      });
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', contentDisposition(`arenden-${stockholmDate(clock())}.csv`))
        .send(csv);
    },
  );

  app.get(
    '/handlaggning/arenden/:id',
    {
      config: { access: CASEWORKER, owner: CASE_FOR_STAFF },
      schema: { params: caseParams, querystring: z.object({ lang: z.string().max(10).optional() }) },
    },
    async (request, reply) => {
      const { id } = request.params;
      const view = await getCaseForCaseworker(db, {
        caseId: id,
        viewer: request.user!,
        now: clock(),
        requestId: request.id,
        channel: 'web',
      });
      return reply.html(
        <CaseworkerCasePage
          ctx={request.pageContext()}
          view={view}
          labels={labelsOf(view.case.serviceId)}
          appealBody={appealBodyOf(view.case.serviceId)}
        />,
      );
    },
  );

  app.post(
    '/handlaggning/arenden/:id/beslut',
    {
      config: { access: CASEWORKER, owner: CASE_FOR_STAFF },
      attachValidation: true,
      schema: { params: caseParams, body: decideBody },
    },
    async (request, reply) => {
      const form = formStateFrom<{ outcome: string; reasonCodes: string[]; motivation: string }>(request);
      const { id } = request.params;
      if (form.errors.length > 0) return renderCase(request, reply, id, { decide: form });
      const body = request.body;
      try {
        await decideManually(options, {
          caseId: id,
          outcome: body.outcome,
          motivation: body.motivation,
          reasonCodes: body.reasonCodes,
          caseworker: request.user!,
          now: clock(),
          requestId: request.id,
        });
      } catch (error) {
        const fields = fieldErrorsOf(error);
        if (!fields) throw error;
        return renderCase(request, reply, id, { decide: { values: form.values, errors: fields } });
      }
      request.flash('success', caseworkerTranslator(request.locale).t('decide.done'));
      return reply.redirect(`/handlaggning/arenden/${id}`, 303);
    },
  );

  /**
   * The municipality's three actions on an appeal. A form sent twice (or after a colleague acted)
   * finds the appeal handled: the case page again with a note, not an error.
   */
  async function appealAction(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    act: () => Promise<string>,
    onFields: (fields: FieldError[]) => Promise<FastifyReply>,
  ) {
    const c = caseworkerTranslator(request.locale);
    try {
      request.flash('success', await act());
    } catch (error) {
      if (error instanceof AppError && error.code === 'CONFLICT') request.flash('info', c.t('appeal.alreadyHandled'));
      else {
        const fields = fieldErrorsOf(error);
        if (!fields) throw error;
        return onFields(fields);
      }
    }
    return reply.redirect(`/handlaggning/arenden/${id}#appeal`, 303);
  }
  const appealDeps: AppealDeps = options;

  app.post(
    '/handlaggning/arenden/:id/overklagande/registrera',
    {
      config: {
        access: CASEWORKER,
        owner: CASE_FOR_STAFF,
        examples: {
          body: {
            'arrivedOn-day': '1',
            'arrivedOn-month': '12',
            'arrivedOn-year': '2026',
            text: 'Jag överklagar beslutet. Jag bor i Malmö sedan oktober.',
          },
        },
      },
      attachValidation: true,
      schema: { params: caseParams, body: paperAppealBody },
    },
    async (request, reply) => {
      type PaperAppealValues = {
        'arrivedOn-day': string;
        'arrivedOn-month': string;
        'arrivedOn-year': string;
        text: string;
      };
      const form = formStateFrom<PaperAppealValues>(request);
      const { id } = request.params;
      const arrivedOn = dayFromDateParts(form.values, 'arrivedOn');
      const blank = ['day', 'month', 'year'].every(
        (part) => !String(form.values[`arrivedOn-${part}` as 'text'] ?? '').trim(),
      );
      const dayError: FieldError[] = arrivedOn
        ? []
        : [{ field: 'arrivedOn', code: blank ? 'required' : 'invalidDate' }];
      const errors = [...form.errors, ...dayError];
      if (errors.length > 0 || !arrivedOn)
        return renderCase(request, reply, id, { paperAppeal: { values: form.values, errors } });
      return appealAction(
        request,
        reply,
        id,
        async () => {
          const { late } = await registerPaperAppeal(db, {
            caseId: id,
            caseworkerId: request.user!.id,
            text: request.body.text,
            arrivedOn,
            now: clock(),
            requestId: request.id,
          });
          return caseworkerTranslator(request.locale).t(late ? 'paperAppeal.doneLate' : 'paperAppeal.done');
        },
        (fields) => renderCase(request, reply, id, { paperAppeal: { values: form.values, errors: fields } }),
      );
    },
  );

  app.post(
    '/handlaggning/arenden/:id/overklagande/omprovning',
    {
      config: {
        access: CASEWORKER,
        owner: CASE_FOR_STAFF,
        examples: { body: { change: 'no', motivation: 'Beslutet står fast.', confirmReconsider: 'yes' } },
      },
      attachValidation: true,
      schema: { params: caseParams, body: reconsiderBody },
    },
    async (request, reply) => {
      const form = formStateFrom<{ change: string; motivation: string; confirmReconsider: string }>(request);
      const { id } = request.params;
      if (form.errors.length > 0) return renderCase(request, reply, id, { reconsider: form });
      const c = caseworkerTranslator(request.locale);
      return appealAction(
        request,
        reply,
        id,
        async () => {
          const change = request.body.change === 'yes';
          await reconsiderAppeal(appealDeps, {
            caseId: id,
            change,
            motivation: request.body.motivation,
            caseworker: request.user!,
            now: clock(),
            requestId: request.id,
          });
          return c.t(change ? 'reconsider.doneChanged' : 'reconsider.doneKept');
        },
        (errors) => renderCase(request, reply, id, { reconsider: { values: form.values, errors } }),
      );
    },
  );

  app.post(
    '/handlaggning/arenden/:id/overklagande/avvisning',
    {
      config: { access: CASEWORKER, owner: CASE_FOR_STAFF, examples: { body: { confirmDismiss: 'yes' } } },
      attachValidation: true,
      schema: { params: caseParams, body: dismissBody },
    },
    async (request, reply) => {
      const form = formStateFrom<{ confirmDismiss: string }>(request);
      const { id } = request.params;
      if (form.errors.length > 0) return renderCase(request, reply, id, { dismiss: form });
      return appealAction(
        request,
        reply,
        id,
        async () => {
          await dismissLateAppeal(appealDeps, {
            caseId: id,
            caseworker: request.user!,
            now: clock(),
            requestId: request.id,
          });
          return caseworkerTranslator(request.locale).t('dismiss.done');
        },
        (errors) => renderCase(request, reply, id, { dismiss: { values: form.values, errors } }),
      );
    },
  );

  app.post(
    '/handlaggning/arenden/:id/overklagande/overlamning',
    {
      config: { access: CASEWORKER, owner: CASE_FOR_STAFF, examples: { body: { confirmForward: 'yes' } } },
      attachValidation: true,
      schema: { params: caseParams, body: forwardBody },
    },
    async (request, reply) => {
      const form = formStateFrom<{ confirmForward: string }>(request);
      const { id } = request.params;
      if (form.errors.length > 0) return renderCase(request, reply, id, { forward: form });
      const c = caseworkerTranslator(request.locale);
      return appealAction(
        request,
        reply,
        id,
        async () => {
          const { created } = await forwardAppeal(appealDeps, {
            caseId: id,
            caseworker: request.user!,
            now: clock(),
            requestId: request.id,
          });
          return c.t(created ? 'forward.done' : 'appeal.alreadyHandled');
        },
        (errors) => renderCase(request, reply, id, { forward: { values: form.values, errors } }),
      );
    },
  );

  app.post(
    '/handlaggning/arenden/:id/meddelanden',
    {
      config: { access: CASEWORKER, owner: CASE_FOR_STAFF },
      attachValidation: true,
      schema: { params: caseParams, body: messageBody },
    },
    async (request, reply) => {
      const form = formStateFrom<{ body: string }>(request);
      const { id } = request.params;
      if (form.errors.length > 0) return renderCase(request, reply, id, { message: form });
      try {
        await sendCaseworkerMessage(options, {
          caseId: id,
          caseworker: request.user!,
          body: request.body.body,
          now: clock(),
        });
      } catch (error) {
        const fields = fieldErrorsOf(error);
        if (!fields) throw error;
        return renderCase(request, reply, id, { message: { values: form.values, errors: fields } });
      }
      request.flash('success', caseworkerTranslator(request.locale).t('messages.sent'));
      return reply.redirect(`/handlaggning/arenden/${id}#messages`, 303);
    },
  );

  app.post(
    '/handlaggning/arenden/:id/tilldela',
    {
      config: { access: CASEWORKER, owner: CASE_FOR_STAFF },
      attachValidation: true,
      schema: { params: caseParams, body: assignBody },
    },
    async (request, reply) => {
      const form = formStateFrom<{ assignTo: string }>(request);
      const { id } = request.params;
      if (form.errors.length > 0) return renderCase(request, reply, id, { assign: form });
      const { assignTo } = request.body;
      try {
        await reassign(db, {
          caseId: id,
          assignTo: assignTo || null,
          by: request.user!,
          now: clock(),
          requestId: request.id,
        });
      } catch (error) {
        const fields = fieldErrorsOf(error);
        if (!fields) throw error;
        return renderCase(request, reply, id, { assign: { values: form.values, errors: fields } });
      }
      request.flash('success', caseworkerTranslator(request.locale).t('assign.done'));
      return reply.redirect(`/handlaggning/arenden/${id}`, 303);
    },
  );

  app.post(
    '/handlaggning/arenden/:id/identitet',
    {
      config: {
        access: CASEWORKER,
        owner: CASE_FOR_STAFF,
        // A synthetic number (a demo resident's), as everywhere in the code.
        examples: { body: { personalNumber: '19910714-2391', method: 'swedish-id' } },
      },
      attachValidation: true,
      schema: { params: caseParams, body: identityBody },
    },
    async (request, reply) => {
      const form = formStateFrom<{ personalNumber: string; method: string }>(request);
      const { id } = request.params;
      if (form.errors.length > 0) return renderCase(request, reply, id, { identity: form });
      try {
        await verifyIdentity(db, {
          caseId: id,
          personalNumber: request.body.personalNumber,
          method: request.body.method,
          by: request.user!,
          now: clock(),
          requestId: request.id,
        });
      } catch (error) {
        const fields = fieldErrorsOf(error);
        if (!fields) throw error;
        return renderCase(request, reply, id, { identity: { values: form.values, errors: fields } });
      }
      request.flash('success', caseworkerTranslator(request.locale).t('identity.done'));
      return reply.redirect(`/handlaggning/arenden/${id}`, 303);
    },
  );

  app.get(
    '/handlaggning/arenden/:id/dokument/:documentId',
    {
      config: { access: CASEWORKER, owner: DOCUMENT_FOR_STAFF },
      schema: { params: documentParams, querystring: z.object({}) },
    },
    async (request, reply) => {
      const { id, documentId } = request.params;
      const document = await getCaseDocumentForCaseworker(db, {
        caseId: id,
        documentId,
        viewer: request.user!,
        now: clock(),
        requestId: request.id,
      });
      return reply
        .type(document.contentType)
        .header('content-disposition', contentDisposition(document.filename))
        .send(document.content);
    },
  );

  app.get(
    '/handlaggning/statistik',
    { config: { access: CASEWORKER }, schema: { querystring: statisticsQuery } },
    async (request, reply) => {
      const q = request.query;
      const [stats, services] = await Promise.all([
        getStatistics(db, { serviceId: q.service, weeks: q.weeks, now: clock() }),
        listEServices(db, clock()),
      ]);
      return reply.html(
        <StatisticsPage
          ctx={request.pageContext()}
          stats={stats}
          weeks={q.weeks}
          service={q.service}
          services={services}
        />,
      );
    },
  );

  app.get(
    '/admin/e-tjanster',
    { config: { access: ADMIN }, schema: { querystring: z.object({ lang: z.string().max(10).optional() }) } },
    async (request, reply) => {
      return reply.html(<EServicesAdminPage ctx={request.pageContext()} services={await listEServices(db, clock())} />);
    },
  );

  app.get(
    '/admin/e-tjanster/:id',
    {
      config: { access: ADMIN, examples: SERVICE_EXAMPLE },
      schema: { params: serviceParams, querystring: z.object({ lang: z.string().max(10).optional() }) },
    },
    async (request, reply) => {
      const { id } = request.params;
      const service = await getEService(db, id, clock());
      const form = emptyForm<{ autoFinal: string[]; minutesPerManualCase: string }>({
        autoFinal: service.policy.autoFinal,
        minutesPerManualCase: String(service.minutesPerManualCase),
      });
      return reply.html(<EServicePolicyPage ctx={request.pageContext()} service={service} form={form} />);
    },
  );

  app.post(
    '/admin/e-tjanster/:id',
    {
      config: { access: ADMIN, examples: SERVICE_EXAMPLE },
      attachValidation: true,
      schema: { params: serviceParams, body: policyBody },
    },
    async (request, reply) => {
      const { id } = request.params;
      const form = formStateFrom<{ autoFinal: string[]; minutesPerManualCase: string }>(request);
      if (form.errors.length > 0) {
        const service = await getEService(db, id, clock());
        const ctx = { ...request.pageContext(), currentUrl: `/admin/e-tjanster/${service.id}` };
        return replyWithForm(reply, form, <EServicePolicyPage ctx={ctx} service={service} form={form} />);
      }
      const body = request.body;
      await setPolicy(db, {
        serviceId: id,
        autoFinal: body.autoFinal,
        minutesPerManualCase: body.minutesPerManualCase,
        actor: request.user!,
        now: clock(),
        requestId: request.id,
      });
      const service = await getEService(db, id, clock());
      request.flash(
        'success',
        caseworkerTranslator(request.locale).t('admin.saved', {
          service: request.locale === 'en' ? service.definition.names.en : service.definition.names.sv,
        }),
      );
      return reply.redirect('/admin/e-tjanster', 303);
    },
  );
};
