import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../../platform/config/config.ts';
import { AccessibilityPage, ApiDocsPage, HomePage, type ApiOperation } from './portal.views.tsx';

const langQuery = z.object({ lang: z.string().max(10).optional() });

/** The public start page, the accessibility statement and the API docs page. */
export const portalRoutes: FastifyPluginAsyncZod<{ config: Config }> = async (app) => {
  app.get(
    '/',
    {
      config: { access: 'public' },
      schema: { querystring: langQuery.extend({ 'signed-out': z.enum(['1']).optional() }) },
    },
    async (request, reply) => {
      const query = request.query;
      return reply.htmlOnce('', () => <HomePage ctx={request.pageContext()} signedOut={query['signed-out'] === '1'} />);
    },
  );

  app.get(
    '/tillganglighet',
    { config: { access: 'public' }, schema: { querystring: langQuery } },
    async (request, reply) => {
      return reply.html(
        <AccessibilityPage
          ctx={request.pageContext()}
          facts={{
            email: 'digitala.tjanster@malmo.example',
            phone: '040-34 10 00',
            published: '2026-11-28',
            assessed: '2026-11-28',
          }}
        />,
      );
    },
  );

  app.get('/api/docs', { config: { access: 'public' }, schema: { querystring: langQuery } }, async (request, reply) => {
    const spec = app.swagger() as {
      paths?: Record<string, Record<string, { summary?: string; description?: string; security?: unknown[] }>>;
    };
    const operations: ApiOperation[] = Object.entries(spec.paths ?? {}).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({
        method: method.toUpperCase(),
        path,
        summary: op.summary ?? op.description ?? '',
        secured: (op.security ?? []).length > 0,
      })),
    );
    return reply.html(<ApiDocsPage ctx={request.pageContext()} operations={operations} />);
  });
};
