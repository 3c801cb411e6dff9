import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { testEngines } from '../helpers/database.ts';
import { formatFindings, runPermissionMatrix } from './permission-matrix.ts';

/**
 * Every route of the app × anonymous, both residents and each staff role: allowed or denied as
 * the route declares, another resident's object answered with 403/404 and none of its data.
 * The rules are in permission-matrix.ts; a new route is covered by being registered.
 */
describe.each(testEngines())('permission matrix on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ engine });
  });
  afterAll(async () => t.close());

  it('every route answers every role as its access declaration says, and never shows amina’s data to anyone else who may not see it', async () => {
    const findings = await runPermissionMatrix(t);
    expect(findings.length, formatFindings(findings)).toBe(0);
  });
});
