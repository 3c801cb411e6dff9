import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { createTestApp, type TestApp } from '../helpers/app.ts';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

interface Operation {
  security?: Record<string, string[]>[];
  responses?: Record<string, unknown>;
  summary?: string;
  description?: string;
}
interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Partial<Record<(typeof METHODS)[number], Operation>>>;
  components?: { securitySchemes?: Record<string, { type: string; scheme?: string }> };
}

/** A structural check of an OpenAPI 3.x document: the parts clients and generators rely on. */
function structuralProblems(doc: OpenApiDocument): string[] {
  const problems: string[] = [];
  if (!/^3\.(0|1)\.\d+$/.test(doc.openapi)) problems.push(`openapi version "${doc.openapi}" is not 3.0.x/3.1.x`);
  if (typeof doc.info?.title !== 'string' || !doc.info.title) problems.push('info.title missing');
  if (typeof doc.info?.version !== 'string' || !doc.info.version) problems.push('info.version missing');
  if (typeof doc.paths !== 'object' || doc.paths === null) problems.push('paths missing');
  const schemes = doc.components?.securitySchemes ?? {};
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    if (!path.startsWith('/')) problems.push(`path "${path}" does not start with /`);
    for (const key of Object.keys(item)) {
      if (
        !(METHODS as readonly string[]).includes(key) &&
        !['parameters', 'summary', 'description', 'servers'].includes(key)
      ) {
        problems.push(`${path}: unknown key "${key}"`);
      }
    }
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      if (!op.responses || Object.keys(op.responses).length === 0)
        problems.push(`${method.toUpperCase()} ${path}: no responses`);
      if (!Array.isArray(op.security)) problems.push(`${method.toUpperCase()} ${path}: no security field`);
      for (const requirement of op.security ?? []) {
        for (const scheme of Object.keys(requirement)) {
          if (!schemes[scheme])
            problems.push(`${method.toUpperCase()} ${path}: security scheme "${scheme}" is not defined`);
        }
      }
    }
  }
  return problems;
}

/** API routes of each access kind, so the document has something to describe. */
async function apiRoutes(app: FastifyInstance): Promise<void> {
  app.get(
    '/api/v1/test/opening-hours',
    {
      config: { access: 'public' },
      schema: { summary: 'Opening hours of the service desk', response: { 200: z.object({ open: z.string() }) } },
    },
    async () => ({ open: '08-16' }),
  );
  app.get(
    '/api/v1/test/cases/:id',
    {
      config: { access: { roles: ['caseworker', 'admin'] } },
      schema: { summary: 'One case', params: z.object({ id: z.uuid() }) },
    },
    async () => ({}),
  );
  app.post(
    '/api/v1/test/notes',
    {
      config: { access: 'authenticated' },
      schema: { summary: 'Add a note', body: z.object({ text: z.string().max(500) }) },
    },
    async () => ({}),
  );
  // An HTML route: never part of the API document.
  app.get('/test/html-only', { config: { access: 'public' } }, async () => 'html');
}

describe('OpenAPI', () => {
  let t: TestApp;
  let doc: OpenApiDocument;
  beforeAll(async () => {
    t = await createTestApp({ routes: apiRoutes });
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('application/json');
    doc = response.json();
  });
  afterAll(async () => t.close());

  it('/api/v1/openapi.json is a structurally valid OpenAPI 3.x document', () => {
    expect(structuralProblems(doc)).toEqual([]);
    expect(doc.components?.securitySchemes?.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it('describes only /api/v1 operations: no HTML pages, and not the document itself', () => {
    const paths = Object.keys(doc.paths);
    expect(paths.length).toBeGreaterThan(0);
    for (const path of paths) expect(path).toMatch(/^\/api\/v1\//);
    expect(paths).not.toContain('/api/v1/openapi.json');
    expect(paths).not.toContain('/test/html-only');
  });

  it('every operation has a security field that tells the truth about its access declaration', () => {
    expect(doc.paths['/api/v1/test/opening-hours']?.get?.security).toEqual([]);
    expect(doc.paths['/api/v1/test/cases/{id}']?.get?.security).toEqual([{ bearerAuth: [] }]);
    expect(doc.paths['/api/v1/test/cases/{id}']?.get?.description).toContain('caseworker, admin');
    expect(doc.paths['/api/v1/test/notes']?.post?.security).toEqual([{ bearerAuth: [] }]);
  });

  it('the structural check catches an operation without security', () => {
    const broken: OpenApiDocument = { ...doc, paths: { '/api/v1/x': { get: { responses: { 200: {} } } } } };
    expect(structuralProblems(broken)).toEqual(['GET /api/v1/x: no security field']);
  });

  it('/api/docs renders the operations as a page, marking which need a token', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/docs?lang=en' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/html');
    expect(response.body).toContain('<html lang="en"');
    expect(response.body).toContain('href="/api/v1/openapi.json"');
    expect(response.body).toContain('<code dir="ltr">/api/v1/test/cases/{id}</code>');
    expect(response.body).toContain('Opening hours of the service desk');
    expect(response.body).not.toContain('/test/html-only');
  });
});

describe('OpenAPI of the app as built', () => {
  it('every operation the modules register has a security field', async () => {
    const t = await createTestApp();
    try {
      const doc = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json() as OpenApiDocument;
      expect(structuralProblems(doc)).toEqual([]);
      expect((await t.app.inject({ method: 'GET', url: '/api/docs' })).statusCode).toBe(200);
    } finally {
      await t.close();
    }
  });
});
