import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from './errors.ts';

const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

/** Serves the built assets (public/build) from memory with ETags; built by `npm run build:assets`. */
export const assetRoutes: FastifyPluginAsyncZod<{ dir: string }> = async (app, options) => {
  const files = new Map<string, { body: Buffer; type: string; etag: string }>();
  if (existsSync(options.dir)) {
    for (const name of readdirSync(options.dir)) {
      const type = TYPES[extname(name)];
      if (!type) continue;
      const body = readFileSync(join(options.dir, name));
      files.set(name, { body, type, etag: `"${createHash('sha1').update(body).digest('base64url')}"` });
    }
  }
  app.get(
    '/assets/:file',
    {
      config: { access: 'public', examples: { params: { file: 'app.css' } } },
      schema: {
        params: z.object({
          file: z
            .string()
            .max(100)
            .regex(/^[\w.-]+$/),
        }),
      },
      logLevel: 'warn',
    },
    async (request, reply) => {
      const { file } = request.params;
      const asset = files.get(file);
      if (!asset) throw new AppError('NOT_FOUND');
      reply.header('cache-control', 'public, max-age=3600').header('etag', asset.etag);
      if (request.headers['if-none-match'] === asset.etag) return reply.status(304).send();
      return reply.type(asset.type).send(asset.body);
    },
  );
};
