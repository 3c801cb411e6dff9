import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { RESIDENT } from '../../platform/auth/roles.ts';
import type { Db } from '../../platform/db/database.ts';
import { CSRF_FIELD } from '../../platform/http/csrf.ts';
import { AppError, type FieldError } from '../../platform/http/errors.ts';
import { formStateFrom, type FormState } from '../../platform/views/form.tsx';
import {
  appeal,
  getMyCase,
  getMyDocument,
  listMyCases,
  listMyDrafts,
  sendMessage,
  uploadEvidence,
} from './applicant.service.ts';
import { freeTextSchema } from './e-services.schema.ts';
import { contentDisposition } from './evidence-file.ts';
import { myPagesTranslator } from './my-pages.i18n.ts';
import { MyCasePage, MyCasesPage, type MyCaseForms } from './my-pages.views.tsx';
import { registerMultipartBody, uploadedFileSchema } from '../../platform/http/multipart-body.ts';

export interface MyPagesRoutesOptions {
  db: Db;
  clock: () => Date;
  uploadMaxBytes: number;
  /** DRAFT_RETENTION_DAYS: how long an unsent application is kept, told to residents who have one. */
  draftRetentionDays: number;
  /** Where each e-service's form lives (service id → path), to link a draft to where it continues. */
  draftPaths: Readonly<Record<string, string>>;
}

const langQuery = z.object({ lang: z.string().max(10).optional() });
/** The harnesses create a case owned by someone and call these routes as everybody else (404, no data). */
const OWN_CASE = { fixture: 'e-services.case' } as const;
const OWN_DOCUMENT = { fixture: 'e-services.case-document' } as const;
// Ids are checked by the services: anything that names no case of yours is 404, malformed or not.
const caseParams = z.object({ id: z.string().max(100) });
const documentParams = caseParams.extend({ documentId: z.string().max(100) });
const messageBody = z.object({ [CSRF_FIELD]: z.string().optional(), body: freeTextSchema(5000) });
const appealBody = z.object({ [CSRF_FIELD]: z.string().optional(), text: freeTextSchema(5000) });
const evidenceBody = z.object({ [CSRF_FIELD]: z.string().optional(), file: uploadedFileSchema.optional() });

/** Field errors a service raised for a form, or undefined for any other error (which propagates). */
function fieldErrorsOf(error: unknown): FieldError[] | undefined {
  return error instanceof AppError && error.code === 'VALIDATION_FAILED' && error.details.fields
    ? error.details.fields
    : undefined;
}

/**
 * My pages for signed-in residents: their cases, and one case with its decision, letters,
 * messages, evidence upload and appeal. Every route checks that the case is the resident's own
 * (the services answer NOT_FOUND otherwise). Personal data: never cached.
 */
export const myPagesRoutes: FastifyPluginAsyncZod<MyPagesRoutesOptions> = async (app, options) => {
  const { db, clock, uploadMaxBytes } = options;
  registerMultipartBody(app, { maxFileBytes: uploadMaxBytes });

  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('cache-control', 'no-store');
    return payload;
  });

  /** The case page again, with a refused form (422); `id` is the route's validated case id. */
  async function renderCase(request: FastifyRequest, reply: FastifyReply, id: string, forms: MyCaseForms) {
    const view = await getMyCase(db, { userId: request.user!.id, caseId: id, now: clock() });
    // The page is shown at the form's POST address: its language links must lead back to the case page.
    const ctx = { ...request.pageContext(), currentUrl: `/mina-sidor/arenden/${view.case.id}` };
    return reply.html(<MyCasePage ctx={ctx} view={view} forms={forms} uploadMaxBytes={uploadMaxBytes} />, 422);
  }

  app.get(
    '/mina-sidor',
    { config: { access: RESIDENT }, schema: { querystring: langQuery } },
    async (request, reply) => {
      const [cases, drafts] = await Promise.all([
        listMyCases(db, { userId: request.user!.id, personalNumber: request.user!.personalNumber, now: clock() }),
        listMyDrafts(db, { userId: request.user!.id, now: clock() }),
      ]);
      const draftsView = {
        drafts: drafts.map((d) => ({
          ...d,
          href: Object.hasOwn(options.draftPaths, d.serviceId) ? options.draftPaths[d.serviceId]! : null,
        })),
        retentionDays: options.draftRetentionDays,
      };
      return reply.html(<MyCasesPage ctx={request.pageContext()} cases={cases} drafts={draftsView} />);
    },
  );

  app.get(
    '/mina-sidor/arenden/:id',
    { config: { access: RESIDENT, owner: OWN_CASE }, schema: { params: caseParams, querystring: langQuery } },
    async (request, reply) => {
      const { id } = request.params;
      const view = await getMyCase(db, { userId: request.user!.id, caseId: id, now: clock() });
      return reply.html(<MyCasePage ctx={request.pageContext()} view={view} uploadMaxBytes={uploadMaxBytes} />);
    },
  );

  app.post(
    '/mina-sidor/arenden/:id/meddelanden',
    {
      config: { access: RESIDENT, owner: OWN_CASE },
      attachValidation: true,
      schema: { params: caseParams, body: messageBody },
    },
    async (request, reply) => {
      const form = formStateFrom<{ body: string }>(request);
      const { id } = request.params;
      if (form.errors.length > 0) return renderCase(request, reply, id, { message: form });
      try {
        await sendMessage(db, {
          userId: request.user!.id,
          caseId: id,
          body: request.body.body,
          now: clock(),
        });
      } catch (error) {
        const fields = fieldErrorsOf(error);
        if (!fields) throw error;
        return renderCase(request, reply, id, { message: { values: form.values, errors: fields } });
      }
      request.flash('success', myPagesTranslator(request.locale).t('messages.sent'));
      return reply.redirect(`/mina-sidor/arenden/${id}#messages`, 303);
    },
  );

  app.post(
    '/mina-sidor/arenden/:id/underlag',
    { config: { access: RESIDENT, owner: OWN_CASE }, schema: { params: caseParams, body: evidenceBody } },
    async (request, reply) => {
      const { id } = request.params;
      const { file } = request.body;
      let filename: string;
      try {
        ({ filename } = await uploadEvidence(db, {
          userId: request.user!.id,
          caseId: id,
          filename: file?.filename ?? '',
          content: file?.content ?? null,
          maxBytes: uploadMaxBytes,
          now: clock(),
          requestId: request.id,
        }));
      } catch (error) {
        const fields = fieldErrorsOf(error);
        if (!fields) throw error;
        const evidence: FormState<{ file: unknown }> = { values: {}, errors: fields };
        return renderCase(request, reply, id, { evidence });
      }
      request.flash('success', myPagesTranslator(request.locale).t('evidence.uploaded', { filename }));
      return reply.redirect(`/mina-sidor/arenden/${id}#evidence`, 303);
    },
  );

  app.post(
    '/mina-sidor/arenden/:id/overklagande',
    {
      config: { access: RESIDENT, owner: OWN_CASE },
      attachValidation: true,
      schema: { params: caseParams, body: appealBody },
    },
    async (request, reply) => {
      const form = formStateFrom<{ text: string }>(request);
      const { id } = request.params;
      if (form.errors.length > 0) return renderCase(request, reply, id, { appeal: form });
      let late: boolean;
      try {
        ({ late } = await appeal(db, {
          userId: request.user!.id,
          caseId: id,
          text: request.body.text,
          now: clock(),
          requestId: request.id,
        }));
      } catch (error) {
        const fields = fieldErrorsOf(error);
        if (!fields) throw error;
        return renderCase(request, reply, id, { appeal: { values: form.values, errors: fields } });
      }
      const m = myPagesTranslator(request.locale);
      request.flash('success', late ? m.t('appeal.sentLate') : m.t('appeal.sent'));
      return reply.redirect(`/mina-sidor/arenden/${id}`, 303);
    },
  );

  app.get(
    '/mina-sidor/arenden/:id/dokument/:documentId',
    {
      config: { access: RESIDENT, owner: OWN_DOCUMENT },
      schema: { params: documentParams, querystring: z.object({}) },
    },
    async (request, reply) => {
      const { id, documentId } = request.params;
      const document = await getMyDocument(db, { userId: request.user!.id, caseId: id, documentId });
      return reply
        .type(document.contentType)
        .header('content-disposition', contentDisposition(document.filename))
        .send(document.content);
    },
  );
};
