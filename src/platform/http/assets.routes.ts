import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from './errors.ts';
import { setAssetVersion } from './asset-versions.ts';

const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

/**
 * Serves the built assets (public/build) from memory with ETags; built by `npm run build:assets`.
 * Asked for by its content version (`?v=`, see assetUrl) an asset is immutable for a year;
 * without it (fonts and images the stylesheet names) for an hour.
 */
export const assetRoutes: FastifyPluginAsyncZod<{ dir: string }> = async (app, options) => {
  const files = new Map<string, { body: Buffer; type: string; etag: string; version: string }>();
  if (existsSync(options.dir)) {
    for (const name of readdirSync(options.dir)) {
      const type = TYPES[extname(name)];
      if (!type) continue;
      const body = readFileSync(join(options.dir, name));
      const version = createHash('sha1').update(body).digest('base64url').slice(0, 16);
      files.set(name, { body, type, etag: `"${version}"`, version });
      setAssetVersion(name, version);
    }
  }
  app.get(
    '/assets/:file',
    {
      config: { access: 'public', examples: { params: { file: 'app.css' } } },
      schema: {
        querystring: z.object({ v: z.string().max(64).optional() }),
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
      const immutable = request.query.v === asset.version;
      reply
        .header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'public, max-age=3600')
        .header('etag', asset.etag);
      if (request.headers['if-none-match'] === asset.etag) return reply.status(304).send();
      return reply.type(asset.type).send(asset.body);
    },
  );
};
