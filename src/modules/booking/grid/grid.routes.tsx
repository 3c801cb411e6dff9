import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { STAFF } from '../../../platform/auth/roles.ts';
import type { FieldError } from '../../../platform/http/errors.ts';
import type { Db } from '../../../platform/db/database.ts';
import { isLocalDate, toLocal } from '../local-time.ts';
import { weekOf } from './grid.model.ts';
import { buildingGrid } from './grid.service.ts';
import { GridPage, type GridQuery } from './grid.views.tsx';

/** A building's booking grid: /lokaler/hus/:id?datum=…&vy=dag|vecka&personer=… (staff). */

const short = z.string().max(40).optional();
const gridParams = z.object({ id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/) });
const gridQuery = z.object({
  datum: short,
  vy: z.enum(['dag', 'vecka']).optional().catch(undefined),
  personer: short,
  lang: z.string().max(10).optional(),
});

/**
 * The query as the page reads it. A malformed date or people count is a field error: the page
 * shows today (or everyone) with the error, and answers 422.
 */
export function gridQueryOf(
  raw: { datum?: string | undefined; vy?: 'dag' | 'vecka' | undefined; personer?: string | undefined },
  today: string,
): { q: GridQuery; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const datum = raw.datum?.trim() ?? '';
  let date = today;
  if (datum !== '') {
    if (isLocalDate(datum)) date = datum;
    else errors.push({ field: 'datum', code: 'invalidDate' });
  }
  const personer = raw.personer?.trim() ?? '';
  let people: number | undefined;
  if (personer !== '') {
    const n = /^\d{1,4}$/.test(personer) ? Number(personer) : Number.NaN;
    if (n >= 1 && n <= 1000) people = n;
    else errors.push({ field: 'personer', code: 'number' });
  }
  return { q: { date, view: raw.vy ?? 'dag', people }, errors };
}

export const gridRoutes: FastifyPluginAsyncZod<{ db: Db; clock: () => Date }> = async (app, { db, clock }) => {
  app.get(
    '/lokaler/hus/:id',
    {
      config: {
        access: STAFF,
        examples: { params: { id: 'rosengard' }, query: { datum: '2026-11-30', personer: '3' } },
      },
      schema: { params: gridParams, querystring: gridQuery },
    },
    async (request, reply) => {
      const now = clock();
      const { q, errors } = gridQueryOf(request.query, toLocal(now).date);
      const days = q.view === 'vecka' ? weekOf(q.date) : [q.date];
      const grid = await buildingGrid(db, request.user!, request.params.id, days[0]!, days.length, q.people);
      // Bookings name people and meetings: never kept by a browser or proxy cache.
      reply.header('cache-control', 'no-store');
      return reply.html(
        <GridPage ctx={request.pageContext()} grid={grid} q={q} now={now} errors={errors} />,
        errors.length > 0 ? 422 : 200,
      );
    },
  );
};
