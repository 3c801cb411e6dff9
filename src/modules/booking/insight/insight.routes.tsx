import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ADMIN, STAFF } from '../../../platform/auth/roles.ts';
import type { Db } from '../../../platform/db/database.ts';
import { AppError, type FieldError } from '../../../platform/http/errors.ts';
import type { FormState } from '../../../platform/views/form.tsx';
import { insightTranslator } from './insight.i18n.ts';
import { attachment, CSV_CONTENT_TYPE, excelCsv } from '../excel-csv.ts';
import { insight, mayViewInsight, type Insight } from './insight.service.ts';
import { insightCsv, InsightPage, type InsightFormValues } from './insight.views.tsx';
import { addDays, toLocal } from '../local-time.ts';
import { listBuildings } from '../room.repository.ts';

/**
 * Facility insight /lokaler/insikt and its CSV (/lokaler/insikt.csv): staff routes, shown only to
 * administrators and members of lokalservice (others: 403). GET forms: the period is in the URL.
 */

/** For the harnesses: the pages are "owned" by members of the facilities group; administrators may too. */
export const INSIGHT_OWNER = { fixture: 'booking.insight', othersMay: ADMIN } as const;

const insightQuery = z.object({
  fran: z.string().max(40).optional(),
  till: z.string().max(40).optional(),
  hus: z.string().max(100).optional(),
  lang: z.string().max(10).optional(),
});

export interface InsightRoutesOptions {
  db: Db;
  clock: () => Date;
}

export const insightRoutes: FastifyPluginAsyncZod<InsightRoutesOptions> = async (app, options) => {
  const { db, clock } = options;

  async function load(
    request: FastifyRequest,
    q: z.infer<typeof insightQuery>,
  ): Promise<{ values: InsightFormValues; result: Insight | null; errors: FieldError[] }> {
    if (!(await mayViewInsight(db, request.user!)))
      throw new AppError('FORBIDDEN', insightTranslator(request.locale).t('insight.forbidden'));
    const today = toLocal(clock()).date;
    const values: InsightFormValues = {
      fran: q.fran?.trim() || addDays(today, -29),
      till: q.till?.trim() || today,
      hus: q.hus?.trim() ?? '',
    };
    try {
      return {
        values,
        result: await insight(db, { from: values.fran, to: values.till, buildingId: values.hus || undefined }),
        errors: [],
      };
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'VALIDATION_FAILED') throw error;
      return { values, result: null, errors: error.details.fields ?? [] };
    }
  }

  app.get(
    '/lokaler/insikt',
    {
      config: { access: STAFF, owner: INSIGHT_OWNER, examples: { query: { fran: '2026-11-01', till: '2026-11-30' } } },
      schema: { querystring: insightQuery },
    },
    async (request, reply) => {
      const { values, result, errors } = await load(request, request.query);
      const form: FormState<InsightFormValues> = { values: { ...values }, errors };
      reply.header('cache-control', 'no-store');
      return reply.html(
        <InsightPage ctx={request.pageContext()} form={form} buildings={await listBuildings(db)} result={result} />,
        errors.length > 0 ? 422 : 200,
      );
    },
  );

  app.get(
    '/lokaler/insikt.csv',
    {
      config: { access: STAFF, owner: INSIGHT_OWNER, examples: { query: { fran: '2026-11-01', till: '2026-11-30' } } },
      schema: { querystring: insightQuery },
    },
    async (request, reply) => {
      const { values, result, errors } = await load(request, request.query);
      if (!result) throw new AppError('VALIDATION_FAILED', errors.map((e) => e.code).join(', '), { fields: errors });
      const { header, rows } = insightCsv(insightTranslator(request.locale), result);
      return reply
        .header('cache-control', 'no-store')
        .header('content-disposition', attachment(`belaggning-${values.fran}-${values.till}.csv`))
        .type(CSV_CONTENT_TYPE)
        .send(excelCsv(header, rows));
    },
  );
};
