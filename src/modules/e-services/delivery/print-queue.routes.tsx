import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../../platform/db/database.ts';
import { CSRF_FIELD } from '../../../platform/http/csrf.ts';
import { CASEWORKER } from '../caseworker.routes.tsx';
import { contentDisposition } from '../evidence-file.ts';
import { createPrintBatch, getPrintBatchPdf, getPrintQueue, markPrintBatchAsPosted } from './delivery.service.ts';
import { printQueueTranslator } from './print-queue.i18n.ts';
import { PrintQueuePage } from './print-queue.views.tsx';

const batchParams = z.object({ id: z.uuid() });
const csrfOnly = z.object({ [CSRF_FIELD]: z.string().optional() });

/** The print queue for decision letters that go by post (caseworkers: print, post, mark as posted). */
export const printQueueRoutes: FastifyPluginAsyncZod<{ db: Db; clock: () => Date }> = async (app, { db, clock }) => {
  app.get(
    '/handlaggning/utskrift',
    { config: { access: CASEWORKER }, schema: { querystring: z.object({}) } },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return reply.html(<PrintQueuePage ctx={request.pageContext()} queue={await getPrintQueue(db)} />);
    },
  );

  app.post(
    '/handlaggning/utskrift',
    { config: { access: CASEWORKER }, schema: { body: csrfOnly } },
    async (request, reply) => {
      const p = printQueueTranslator(request.locale);
      const batch = await createPrintBatch(db, { userId: request.user!.id, now: clock(), requestId: request.id });
      // A second click finds the letters taken by the first: it says so instead of making an empty batch.
      if (batch) request.flash('success', p.t('created', { count: batch.letters }));
      else request.flash('info', p.t('created.none'));
      return reply.redirect('/handlaggning/utskrift', 303);
    },
  );

  app.get(
    '/handlaggning/utskrift/:id/pdf',
    { config: { access: CASEWORKER }, schema: { params: batchParams, querystring: z.object({}) } },
    async (request, reply) => {
      const pdf = await getPrintBatchPdf(db, request.params.id);
      return reply
        .type('application/pdf')
        .header('cache-control', 'no-store')
        .header('content-disposition', contentDisposition(pdf.filename))
        .send(Buffer.from(pdf.content));
    },
  );

  app.post(
    '/handlaggning/utskrift/:id/postad',
    { config: { access: CASEWORKER }, schema: { params: batchParams, body: csrfOnly } },
    async (request, reply) => {
      const posted = await markPrintBatchAsPosted(db, {
        batchId: request.params.id,
        userId: request.user!.id,
        now: clock(),
        requestId: request.id,
      });
      const p = printQueueTranslator(request.locale);
      request.flash('success', p.t('posted', { date: p.formatDate(`${posted.presumedReceivedOn}T12:00:00Z`) }));
      return reply.redirect('/handlaggning/utskrift', 303);
    },
  );
};
