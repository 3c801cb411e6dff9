import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ADMIN, STAFF } from '../../platform/auth/roles.ts';
import type { Config } from '../../platform/config/config.ts';
import type { Db } from '../../platform/db/database.ts';
import { CSRF_FIELD } from '../../platform/http/csrf.ts';
import type { Jobs } from '../../platform/jobs/jobs.service.ts';
import { adminTranslator } from './admin.i18n.ts';
import { listFailedJobsPage, listOutboxPage, retryFailedJob } from './admin.service.ts';
import { FailedJobsPage, OutboxPage } from './admin.views.tsx';

export interface AdminRoutesOptions {
  config: Config;
  db: Db;
  jobs: Jobs;
  clock: () => Date;
}

const pageQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  lang: z.string().max(10).optional(),
});

/**
 * Operations pages. /admin/jobs is for administrators. /dev/outbox exists only in dev mode
 * (AUTH_MODE=dev, demo data only) and is open to all staff, so a caseworker trying out a flow
 * can read the mail it sent; in production mail leaves through SMTP and there is no such page.
 */
export const adminRoutes: FastifyPluginAsyncZod<AdminRoutesOptions> = async (app, options) => {
  const { db, jobs, clock } = options;

  app.get('/admin/jobs', { config: { access: ADMIN }, schema: { querystring: pageQuery } }, async (request, reply) => {
    const { page } = request.query;
    return reply.html(<FailedJobsPage ctx={request.pageContext()} page={await listFailedJobsPage(jobs, page)} />);
  });

  app.post(
    '/admin/jobs/:id/retry',
    {
      // Jobs belong to no person: an unknown id is answered like a job that can no longer be retried.
      config: {
        access: ADMIN,
        examples: { params: { id: '7d0c5a36-2f4e-4c55-9a1e-0b6f3d2c8e11' }, body: { page: '1' } },
      },
      schema: {
        params: z.object({ id: z.uuid() }),
        body: z.object({
          [CSRF_FIELD]: z.string().optional(),
          page: z.coerce.number().int().min(1).max(100_000).default(1),
        }),
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const { page } = request.body;
      const a = adminTranslator(request.locale);
      const retried = await retryFailedJob(
        { db, jobs },
        { id, user: request.user!, now: clock(), requestId: request.id },
      );
      if (retried) request.flash('success', a.t('jobs.retried', { queue: retried.queue }));
      else request.flash('info', a.t('jobs.notRetried'));
      return reply.redirect(`/admin/jobs?page=${page}`, 303);
    },
  );

  if (options.config.AUTH_MODE === 'dev') {
    app.get(
      '/dev/outbox',
      { config: { access: STAFF }, schema: { querystring: pageQuery } },
      async (request, reply) => {
        const { page } = request.query;
        reply.header('cache-control', 'no-store');
        return reply.html(<OutboxPage ctx={request.pageContext()} page={await listOutboxPage(db, page)} />);
      },
    );
  }
};
