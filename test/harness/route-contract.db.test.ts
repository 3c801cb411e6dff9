import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkRouteContract, formatViolations, routeName } from '../../src/platform/http/route-contract.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { bodyTypeOf, examplesFor, wireObject, zodSchemaOf, type Input } from './examples.ts';
import { FIXTURES } from './fixtures.ts';
import { harnessRoutes } from './routes.ts';

/**
 * The route contract on the real app: every route the app registers (all modules, dev mode so
 * the dev identity provider's routes are in) declares who may call it and a schema for each
 * input it takes; its examples and owner fixtures are usable by the harnesses.
 */
describe('route contract', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it('has recorded the routes of every part of the app', () => {
    const names = t.app.routeTable.map(routeName);
    for (const expected of [
      'GET /',
      'GET /healthz',
      'GET /auth/sign-in',
      'GET /admin/jobs',
      'GET /api/v1/me',
      'POST /dev/idp/interaction/:uid/login',
    ]) {
      expect(names).toContain(expected);
    }
  });

  it('every route declares access and a schema for params, query and body as it takes them', () => {
    const violations = checkRouteContract(t.app.routeTable);
    expect(violations, `Routes breaking the route contract:\n${formatViolations(violations)}`).toEqual([]);
  });

  it("every declared example is accepted by the route's own schema", () => {
    const problems: string[] = [];
    for (const entry of harnessRoutes(t.app)) {
      const declared = entry.config.examples;
      if (!declared) continue;
      const checks: [Input, Record<string, unknown> | undefined][] = [
        ['params', declared.params],
        ['query', declared.query],
        ['body', declared.body],
      ];
      for (const [input, value] of checks) {
        const schema = zodSchemaOf(entry, input);
        if (!value || !schema) continue;
        const result = schema.safeParse(wireObject(value, input === 'body' ? bodyTypeOf(entry) : 'form'));
        if (!result.success)
          problems.push(
            `${routeName(entry)}: examples.${input} is refused by its schema: ${result.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`,
          );
      }
    }
    expect(problems, problems.join('\n')).toEqual([]);
  });

  it('every owner fixture a route names exists in test/harness/fixtures.ts', () => {
    const unknown = harnessRoutes(t.app)
      .filter((entry) => entry.config.owner && !FIXTURES[entry.config.owner.fixture])
      .map(
        (entry) =>
          `${routeName(entry)}: config.owner.fixture "${entry.config.owner!.fixture}" is not in test/harness/fixtures.ts`,
      );
    expect(unknown, unknown.join('\n')).toEqual([]);
  });

  it('every route can be called: each input it takes has a declared or derivable example; derived ones are listed', () => {
    const derived: string[] = [];
    const uncallable: string[] = [];
    for (const entry of harnessRoutes(t.app)) {
      const examples = examplesFor(entry);
      const needsObject =
        Object.keys(examples.params).length > 0 && !entry.config.owner && !entry.config.examples?.params;
      // An empty derived query or body ("no optional fields") is a normal request: not worth listing.
      const values = { params: examples.params, query: examples.query, body: examples.body ?? {} };
      // Derived params of an object route are replaced by its fixture's: not worth listing either.
      const nonTrivial = examples.derived.filter(
        (input) => Object.keys(values[input]).length > 0 && !(input === 'params' && entry.config.owner),
      );
      if (nonTrivial.length > 0 || examples.missing.length > 0 || needsObject) {
        const notes = [
          nonTrivial.length > 0 ? `derived ${nonTrivial.join(', ')}` : '',
          examples.missing.length > 0 ? `NO VALUE for ${examples.missing.join(', ')}` : '',
          needsObject ? 'URL parameters without examples or owner fixture' : '',
        ].filter(Boolean);
        derived.push(`${routeName(entry)}: ${notes.join('; ')}`);
      }
      if (examples.missing.length > 0)
        uncallable.push(
          `${routeName(entry)}: declare config.examples.${examples.missing.join(', ')} (no value its schema accepts could be derived)`,
        );
    }
    // Derived values are a report, not a failure: they make every route callable, but a route
    // that acts on an object is only exercised fully with its owner fixture.
    if (derived.length > 0) console.info(`Routes called with schema-derived examples:\n  ${derived.join('\n  ')}`);
    expect(uncallable, uncallable.join('\n')).toEqual([]);
  });
});
