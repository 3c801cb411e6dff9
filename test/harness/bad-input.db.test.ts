import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { testEngines } from '../helpers/database.ts';
import { formatFuzzFindings, fuzzOptionsFromEnv, runBadInput } from './bad-input.ts';

/**
 * Every route with a params, query or body schema gets seeded property-based bad input as a
 * caller it lets in: never a 5xx, a 4xx with a message in the asked-for language (or
 * problem+json with field errors) for what it must refuse, and no row written when it refuses.
 * FUZZ_RUNS sets the cases per route (FUZZ_RUNS_POSTGRES on PostgreSQL), FUZZ_SEED the base seed
 * (or `random`), FUZZ_ROUTES a regular expression on "METHOD /url" (bad-input.ts).
 */
describe.each(testEngines())('bad input on %s', (engine) => {
  const options = fuzzOptionsFromEnv(engine);
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ engine });
  });
  afterAll(async () => t.close());

  it(`no route answers bad input with a 5xx, a silent or wrong-language 4xx, or a written row (${options.runs} cases per route, seed ${options.seed})`, async () => {
    const findings = await runBadInput(t, options);
    expect(findings.length, formatFuzzFindings(findings)).toBe(0);
  }, 600_000);
});
