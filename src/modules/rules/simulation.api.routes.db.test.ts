import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { sfiRuleSet } from '../sfi/index.ts';
import { defaultRulesDir, evaluate, evaluateWithVersion, loadRuleSet } from './rule-engine.ts';

// The public simulation API through the real app: the same decision as `evaluate`, explained,
// validated in the caller's language, rate-limited, and nothing written to the database.

const URL = '/api/v1/rules/sfi/evaluate';

/** Synthetic facts: a made-up applicant, no personal data. */
function facts(overrides: { applicant?: Record<string, unknown>; decisionDate?: string } = {}) {
  return {
    decisionDate: overrides.decisionDate ?? '2026-07-01',
    municipality: { code: '1280', offersSfiToTemporaryProtection: false },
    applicant: {
      birthDate: '1990-03-14',
      identityKind: 'personnummer',
      protectedIdentity: false,
      residenceBasis: 'folkbokford',
      registeredMunicipality: '1280',
      swedishLevel: 'none',
      nordicLanguageSufficient: false,
      yearsOfSchooling: 9,
      literateInOwnLanguage: true,
      knowsLatinAlphabet: true,
      ...overrides.applicant,
    },
    history: {
      firstAdmissionDate: null,
      completedCourseD: false,
      extensionGrantedUntil: null,
      specialReasonsStated: false,
    },
  };
}

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

const post = (body: unknown, options: { url?: string; headers?: Record<string, string> } = {}) =>
  t.app.inject({
    method: 'POST',
    url: options.url ?? URL,
    headers: { 'content-type': 'application/json', ...options.headers },
    payload: typeof body === 'string' ? body : JSON.stringify(body),
  });

async function rowCounts(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of ['decisions', 'cases', 'case_facts', 'audit_events', 'sessions']) {
    const result = await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}`.execute(t.database.db);
    counts[table] = Number(result.rows[0]!.n);
  }
  return counts;
}

describe('POST /api/v1/rules/sfi/evaluate', () => {
  it('gives the decision evaluate gives for the same facts, with the version in force on the decision date', async () => {
    const ruleSet = await loadRuleSet('sfi', sfiRuleSet);
    const input = facts({ applicant: { residenceBasis: 'eu-free-movement', identityKind: 'none' } });
    const response = await post(input);
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    const body = response.json();
    const expected = await evaluate(ruleSet, input);
    expect(body.decision).toEqual(expected.decision);
    expect(body.ruleSet).toEqual({ id: 'sfi', version: '2026-01-01', contentHash: expected.contentHash });
    expect(body.decision.outcome).toBe('manual');
  });

  it('explains each reason: its legal reference as data, Swedish text and link, and the row that gave it', async () => {
    const body = (await post(facts({ applicant: { residenceBasis: 'asylum-seeker' } }))).json();
    expect(body.decision.outcome).toBe('refuse');
    expect(body.reasons).toEqual([
      {
        code: 'NOT_ENTITLED_RESIDENCE',
        legalRef: 'SkolL 29 kap. 3 §',
        reference: { kind: 'provision', act: 'skollagen', sfs: '2010:800', chapter: 29, section: '3' },
        referenceText: 'skollagen (2010:800) 29 kap. 3 §',
        referenceUrl: 'https://rkrattsbaser.gov.se/sfst?bet=2010%3A800#K29P3',
        row: { id: 'rad-02', description: expect.stringContaining('Asylsökande') },
      },
    ]);
    // The trace names the rows that matched, by id and description, in the order the nodes ran.
    const table = body.trace.find((step: { node: string }) => step.node === 'ratt-till-sfi');
    expect(table.kind).toBe('table');
    expect(table.matchedRows.map((row: { id: string }) => row.id)).toEqual(['rad-02']);
    const derived = body.trace.find((step: { kind: string }) => step.kind === 'expressions');
    expect(derived.values['derived.eligibleFrom']).toBe('2006-07-01');
  });

  it('uses the version asked for, whatever the decision date', async () => {
    const ruleSet = await loadRuleSet('sfi', sfiRuleSet);
    const input = facts();
    const body = (await post(input, { url: `${URL}?ruleSetVersion=2025-01-01` })).json();
    expect(body.ruleSet.version).toBe('2025-01-01');
    expect(body.decision).toEqual((await evaluateWithVersion(ruleSet, ruleSet.versions[0]!, input)).decision);
    const unknown = await post(input, { url: `${URL}?ruleSetVersion=2024-05-05` });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().errors.map((e: { field: string }) => e.field)).toEqual(['ruleSetVersion']);
  });

  it('answers invalid facts with 422 problem+json naming every field, in the caller’s language', async () => {
    const input = facts({ applicant: { birthDate: '1990-02-30', yearsOfSchooling: -1 } });
    const response = await post(input, { headers: { 'accept-language': 'en' } });
    expect(response.statusCode).toBe(422);
    expect(response.headers['content-type']).toContain('application/problem+json');
    const problem = response.json();
    expect(problem.errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['applicant.birthDate', 'applicant.yearsOfSchooling']),
    );
    const swedish = (await post(input, { headers: { 'accept-language': 'sv' } })).json();
    expect(swedish.title).not.toBe(problem.title);
    const missing = await post({ decisionDate: '2026-07-01' });
    expect(missing.statusCode).toBe(422);
    expect(missing.json().errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['municipality', 'applicant', 'history']),
    );
  });

  it('answers a body that is not JSON with 400 problem+json', async () => {
    const response = await post('{"decisionDate": ');
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
  });

  it('refuses a decision date before the first version, naming the field', async () => {
    const response = await post(facts({ decisionDate: '2020-01-01' }));
    expect(response.statusCode).toBe(422);
    expect(response.json().errors.map((e: { field: string }) => e.field)).toEqual(['decisionDate']);
  });

  it('writes nothing: no decision, case, fact, audit event or session', async () => {
    const before = await rowCounts();
    for (const basis of ['folkbokford', 'asylum-seeker', 'other']) {
      expect((await post(facts({ applicant: { residenceBasis: basis } }))).statusCode).toBe(200);
    }
    await post({ nonsense: true });
    expect(await rowCounts()).toEqual(before);
  });

  it('is documented in the OpenAPI document as public, with the facts schema', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
    const operation = doc.paths['/api/v1/rules/sfi/evaluate'].post;
    expect(operation.security).toEqual([]);
    const schema = operation.requestBody.content['application/json'].schema;
    expect(schema.required).toEqual(expect.arrayContaining(['decisionDate', 'applicant']));
    expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['200', '422', '429']));
  });

  it('takes its OpenAPI example from the rule set’s test cases', async () => {
    const entry = t.app.routeTable.find((route) => route.url === URL && route.method === 'POST')!;
    const cases = JSON.parse(await readFile(path.join(defaultRulesDir, 'sfi', 'tests', 'age.json'), 'utf8'));
    expect(entry.config.examples?.body).toEqual(cases[0].facts);
  });
});

describe('the simulation API’s rate limit', () => {
  let limited: TestApp;
  beforeAll(async () => {
    limited = await createTestApp({ config: { RULES_API_RATE_LIMIT_MAX: '3' } });
  });
  afterAll(async () => limited.close());

  it('answers 429 problem+json per client address after the limit, with Retry-After', async () => {
    const call = (ip: string) =>
      limited.app.inject({
        method: 'POST',
        url: URL,
        remoteAddress: ip,
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify(facts()),
      });
    for (let i = 0; i < 3; i++) expect((await call('192.0.2.10')).statusCode).toBe(200);
    const refused = await call('192.0.2.10');
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.headers['retry-after']).toBe('60');
    // Another address has its own allowance.
    expect((await call('192.0.2.11')).statusCode).toBe(200);
  });
});
