import type { FastifyInstance } from 'fastify';
import fastifySwagger from '@fastify/swagger';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import type { Access } from '../auth/roles.ts';

/**
 * The OpenAPI 3 document of /api/v1. Each operation's `security` says the truth: public
 * operations have `security: []`, the rest need a bearer API token (`npm run cli -- create-token`).
 */
export async function registerOpenApi(app: FastifyInstance, baseUrl: string): Promise<void> {
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Smörgåsbord API',
        version: '1',
        description:
          'Integrations API of the municipal platform. Authenticate with `Authorization: Bearer <token>`; errors are `application/problem+json` (RFC 9457) with field errors.',
        license: { name: 'EUPL-1.2', identifier: 'EUPL-1.2' },
      },
      servers: [{ url: baseUrl }],
      components: {
        securitySchemes: {
          bearerAuth: {
            type: 'http',
            scheme: 'bearer',
            description: 'API token from `npm run cli -- create-token --user <username>`',
          },
        },
      },
    },
    transform: (input) => {
      const { url, route } = input as typeof input & { route?: { config?: { access?: Access } } };
      if (!url.startsWith('/api/v1/') || url === '/api/v1/openapi.json') {
        return { schema: { ...(input.schema ?? {}), hide: true }, url };
      }
      const transformed = jsonSchemaTransform(input as Parameters<typeof jsonSchemaTransform>[0]) as {
        schema: Record<string, unknown>;
        url: string;
      };
      const access = route?.config?.access ?? 'public';
      transformed.schema.security = access === 'public' ? [] : [{ bearerAuth: [] }];
      if (access !== 'public') {
        const roles = access === 'authenticated' ? 'any signed-in user' : access.roles.join(', ');
        transformed.schema.description = [transformed.schema.description, `Requires an API token of: ${roles}.`]
          .filter(Boolean)
          .join('\n\n');
      }
      return transformed;
    },
  });

  app.get('/api/v1/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async (_request, reply) => {
    return reply.type('application/json').send(app.swagger());
  });
}
