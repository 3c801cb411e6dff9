import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { App } from '../../src/app.ts';
import { ADMIN, RESIDENT } from '../../src/platform/auth/roles.ts';
import { AppError } from '../../src/platform/http/errors.ts';
import { checkRouteContract, formatViolations, type RouteTableEntry } from '../../src/platform/http/route-contract.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { formatFuzzFindings, runBadInput } from './bad-input.ts';
import type { Fixture } from './fixtures.ts';
import { formatFindings, runPermissionMatrix } from './permission-matrix.ts';

/**
 * The harnesses catch what they exist to catch: routes broken on purpose (test-only, on the
 * real app) make the right harness fail with a message that names the route, and a correct
 * twin of each passes, so the harness is neither blind nor trigger-happy.
 */

let database: TestApp['database'] | undefined;
const db = () => database!;

async function noteOf(id: string): Promise<{ id: string; owner_id: string; text: string } | undefined> {
  const { rows } = await db().executeSql('select id, owner_id, text from harness_test_notes where id = $1', [id]);
  return rows[0] as { id: string; owner_id: string; text: string } | undefined;
}

/** A note owned by a user, its text a secret nobody else may see. */
const noteFixture: Fixture = async (_ctx, owner) => {
  const text = `note-secret-${randomBytes(6).toString('hex')}`;
  const { rows } = await db().executeSql(
    'insert into harness_test_notes (owner_id, text) values ($1, $2) returning id',
    [owner.id, text],
  );
  return { params: { id: (rows[0] as { id: string }).id }, secrets: [text] };
};
const fixtures = { 'harness-test.note': noteFixture };

const idParams = z.object({ id: z.uuid() });
const noQuery = z.object({ lang: z.string().max(10).optional() });

async function brokenRoutes(app: App): Promise<void> {
  // Permission matrix: the object check forgotten — any resident reads any resident's note.
  app.get(
    '/harness-test/notes/:id',
    {
      config: { access: RESIDENT, owner: { fixture: 'harness-test.note' } },
      schema: { params: idParams, querystring: noQuery },
    },
    async (request, reply) => {
      const note = await noteOf(request.params.id);
      if (!note) throw new AppError('NOT_FOUND');
      return reply.type('text/html').send(`<p>${note.text}</p>`);
    },
  );
  // …and its correct twin.
  app.get(
    '/harness-test/notes/:id/own',
    {
      config: { access: RESIDENT, owner: { fixture: 'harness-test.note' } },
      schema: { params: idParams, querystring: noQuery },
    },
    async (request, reply) => {
      const note = await noteOf(request.params.id);
      if (!note || note.owner_id !== request.user!.id) throw new AppError('NOT_FOUND');
      return reply.type('text/html').send(`<p>${note.text}</p>`);
    },
  );
  // The administrators' list is fine; its CSV export, a second path to the same data, was declared for anyone signed in.
  const allNotes = async () =>
    (await db().executeSql('select text from harness_test_notes')).rows
      .map((r) => (r as { text: string }).text)
      .join('\n');
  app.get(
    '/harness-test/admin/notes',
    { config: { access: ADMIN }, schema: { querystring: noQuery } },
    async (_request, reply) => reply.type('text/html').send(`<pre>${await allNotes()}</pre>`),
  );
  app.get(
    '/harness-test/admin/notes.csv',
    { config: { access: 'authenticated' }, schema: { querystring: noQuery } },
    async (_request, reply) => reply.type('text/csv').send(await allNotes()),
  );
  // Declared for administrators, but the handler lets only caseworkers through.
  app.post(
    '/harness-test/admin/purge',
    { config: { access: ADMIN }, schema: { body: z.object({}) } },
    async (request, reply) => {
      if (!request.user!.roles.includes('caseworker')) throw new AppError('FORBIDDEN');
      return reply.redirect('/', 303);
    },
  );

  // Bad input: an unbounded string goes straight into a varchar(40) column.
  app.post(
    '/harness-test/notes',
    { config: { access: RESIDENT }, schema: { body: z.object({ text: z.string() }) } },
    async (request, reply) => {
      await db().executeSql('insert into harness_test_notes (owner_id, text) values ($1, $2)', [
        request.user!.id,
        request.body.text,
      ]);
      return reply.redirect('/', 303);
    },
  );
  // Writes first, validates afterwards: a refused request leaves a row behind.
  app.post(
    '/harness-test/notes/checked-late',
    { config: { access: RESIDENT }, schema: { body: z.object({ text: z.string().max(40) }) } },
    async (request, reply) => {
      const { text } = request.body;
      await db().executeSql('insert into harness_test_notes (owner_id, text) values ($1, $2)', [
        request.user!.id,
        text,
      ]);
      if (!/^[\p{L} ]*$/u.test(text))
        throw new AppError('VALIDATION_FAILED', 'letters only', { fields: [{ field: 'text', code: 'invalid' }] });
      return reply.redirect('/', 303);
    },
  );
  // Refuses bad input, but with a bare text answer instead of an error page in the user's language.
  app.get(
    '/harness-test/search',
    {
      config: { access: 'public' },
      attachValidation: true,
      schema: { querystring: z.object({ q: z.string().max(5).optional() }) },
    },
    async (request, reply) => {
      if (request.validationError) return reply.status(400).type('text/plain').send('bad query');
      return reply.type('text/html').send('<p>results</p>');
    },
  );
  // The correct twin of the bad-input routes: bounded, NUL refused, validated before anything is written.
  app.post(
    '/harness-test/notes/checked',
    {
      config: { access: RESIDENT },
      schema: {
        body: z.object({
          text: z
            .string()
            .min(1)
            .max(40)
            .refine((s) => !s.includes('\u0000'), 'controlCharacters'),
        }),
      },
    },
    async (request, reply) => {
      await db().executeSql('insert into harness_test_notes (owner_id, text) values ($1, $2)', [
        request.user!.id,
        request.body.text,
      ]);
      return reply.redirect('/', 303);
    },
  );

  // Route contract: no body schema; URL parameters and a query without schemas.
  app.post('/harness-test/raw', { config: { access: RESIDENT } }, async (_request, reply) => reply.redirect('/', 303));
  app.get('/harness-test/raw/:id', { config: { access: RESIDENT } }, async (_request, reply) => reply.send('ok'));
}

const ours =
  (...urls: string[]) =>
  (entry: RouteTableEntry) =>
    urls.includes(entry.url);

describe('the quality harnesses catch broken routes and name them', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ routes: brokenRoutes });
    database = t.database;
    await t.database.executeSql(
      'create table harness_test_notes (id uuid primary key default gen_random_uuid(), owner_id uuid not null, text varchar(40) not null)',
    );
  });
  afterAll(async () => t.close());

  it('the route contract names a route without a body schema and one without params and query schemas', () => {
    const report = formatViolations(
      checkRouteContract(t.app.routeTable.filter((e) => e.url.startsWith('/harness-test/'))),
    );
    expect(report).toBe(
      [
        'POST /harness-test/raw: is a POST route without a body schema',
        'GET /harness-test/raw/:id: has URL parameters (id) but no params schema',
        'GET /harness-test/raw/:id: is a GET route without a querystring schema (declare the query it reads, z.object({}) if none)',
      ].join('\n'),
    );
  });

  it('the permission matrix names a route that shows one resident’s object to another, a second path that leaks it, and a route that refuses the role it declares', async () => {
    const findings = await runPermissionMatrix(t, {
      fixtures,
      routes: ours(
        '/harness-test/notes/:id',
        '/harness-test/notes/:id/own',
        '/harness-test/admin/notes',
        '/harness-test/admin/notes.csv',
        '/harness-test/admin/purge',
      ),
    });
    const report = formatFindings(findings);
    expect(report).toMatch(
      /GET \/harness-test\/notes\/:id — as oleksandr \(second resident\): expected denied \(403 or 404: the object is amina’s\), got 200/,
    );
    expect(report).toMatch(
      /GET \/harness-test\/notes\/:id — as oleksandr \(second resident\): expected none of amina’s data in the answer, got 200 containing "note-secret-/,
    );
    expect(report).toMatch(
      /GET \/harness-test\/admin\/notes\.csv — as oleksandr \(second resident\): expected none of amina’s data in the answer, got 200 containing "note-secret-/,
    );
    expect(report).toMatch(
      /POST \/harness-test\/admin\/purge — as admin \(admin\): expected allowed \(not 401\/403\/5xx\), got 403/,
    );
    // The correct routes pass: every finding is about one of the three broken ones.
    expect(new Set(findings.map((f) => f.route))).toEqual(
      new Set(['GET /harness-test/notes/:id', 'GET /harness-test/admin/notes.csv', 'POST /harness-test/admin/purge']),
    );
  });

  it('the bad-input fuzzer names a route whose bad input reaches the database (500), one that writes before refusing, and one that refuses without an error page', async () => {
    const findings = await runBadInput(t, {
      runs: 100,
      seed: 7,
      fixtures,
      routes: ours(
        '/harness-test/notes',
        '/harness-test/notes/checked-late',
        '/harness-test/search',
        '/harness-test/notes/checked',
      ),
    });
    const report = formatFuzzFindings(findings);
    const byRoute = Object.fromEntries(findings.map((f) => [f.route, f]));
    expect(byRoute['POST /harness-test/notes']?.problem, report).toBe('answered 500');
    expect(byRoute['POST /harness-test/notes/checked-late']?.problem, report).toMatch(
      /^answered 422 but wrote: INSERT public\.harness_test_notes/,
    );
    expect(byRoute['GET /harness-test/search']?.problem, report).toMatch(
      /^a 400 answered as text\/plain.*, not an HTML error page$/,
    );
    expect(byRoute['POST /harness-test/notes/checked'], report).toBeUndefined();
    // The report says how to replay each failure.
    expect(report).toContain("replay: FUZZ_SEED=7 FUZZ_ROUTES='^POST /harness-test/notes$'");
  }, 300_000);
});
