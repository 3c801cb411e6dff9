import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { testConfig } from '../../../test/helpers/app.ts';
import { createTestDatabase, testEngines } from '../../../test/helpers/database.ts';
import type { CliContext } from '../../platform/cli/cli.ts';
import { openDatabase, type DatabaseHandle } from '../../platform/db/database.ts';
import { migrateToLatest } from '../../platform/db/migrate.ts';
import { migrations } from '../../modules.ts';
import type { SfiFacts } from '../sfi/index.ts';
import { evaluate } from './rule-engine.ts';
import { ruleSets } from '../../modules.ts';
import { loadCatalogRuleSet } from './rule-set-catalog.ts';
import { replayCommands } from './replay.commands.ts';
import { sfiFacts } from '../../../test/fixtures/sfi-facts.ts';

// The command reads the e-services module's `decisions` table (migration 0003-e-services);
// these tests write rows into that real table, as the pipeline would.

const sfi = (await loadCatalogRuleSet(ruleSets, 'sfi'))!;

const facts: SfiFacts = sfiFacts({ applicant: { birthDate: '1990-05-02', yearsOfSchooling: 12 } });

let caseCounter = 0;

/** A decided SFI case with the automated decision the pipeline would store; `tamper` edits the record first. */
async function caseWithDecision(
  database: DatabaseHandle,
  tamper: (record: Record<string, unknown>) => void = () => {},
): Promise<{ id: string; caseNumber: string }> {
  const caseNumber = `SFI-2026-${String(++caseCounter).padStart(5, '0')}`;
  const inserted = await sql<{ id: string }>`
    insert into cases (service_id, service_version, status, case_number, locale, submitted_at, decided_at)
    values ('sfi', 1, 'decided', ${caseNumber}, 'sv', now(), now()) returning id`.execute(database.db);
  const caseId = inserted.rows[0]!.id;
  const { decision, contentHash, traceJson } = await evaluate(sfi, facts);
  const record: Record<string, unknown> = {
    outcome: decision.outcome,
    reasons: decision.reasons,
    rule_set_id: decision.ruleSet.id,
    rule_set_version: decision.ruleSet.version,
    content_hash: contentHash,
    facts,
    result: decision,
  };
  tamper(record);
  await sql`
    insert into decisions (case_id, kind, outcome, reasons, rule_set_id, rule_set_version, content_hash, facts, trace, result, actor_kind, actor_id, is_final, decided_at)
    values (${caseId}, 'automated', ${record.outcome}, ${JSON.stringify(record.reasons)}::jsonb, ${record.rule_set_id}, ${record.rule_set_version},
            ${record.content_hash}, ${JSON.stringify(record.facts)}::jsonb, ${traceJson}::jsonb, ${JSON.stringify(record.result)}::jsonb,
            'system', 'system', true, '2026-07-01T10:00:00Z')`.execute(database.db);
  return { id: caseId, caseNumber };
}

async function replay(database: DatabaseHandle, flags: CliContext['flags']) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void stdout.push(args.join(' ')));
  const error = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void stderr.push(args.join(' ')));
  const write = vi
    .spyOn(process.stdout, 'write')
    .mockImplementation((chunk: string | Uint8Array) => (stdout.push(String(chunk)), true));
  try {
    const ctx: CliContext = { config: testConfig(), database, args: [], flags, stdin: async () => '' };
    return {
      code: await replayCommands(ruleSets)['decisions replay']!.run(ctx),
      stdout: stdout.join('\n'),
      stderr: stderr.join('\n'),
    };
  } finally {
    log.mockRestore();
    error.mockRestore();
    write.mockRestore();
  }
}

describe.each(testEngines())('decisions replay command (%s)', (engine) => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await createTestDatabase(engine);
    await sql`insert into e_services (id, case_number_prefix) values ('sfi', 'SFI')`.execute(database.db);
  });
  afterAll(async () => database.close());

  it('replays a stored decision identically and exits 0, found by case number or case id', async () => {
    const stored = await caseWithDecision(database);
    const byNumber = await replay(database, { case: stored.caseNumber });
    expect(byNumber.code).toBe(0);
    expect(byNumber.stdout).toContain(`case ${stored.caseNumber} (${stored.id})`);
    expect(byNumber.stdout).toMatch(
      /rule set sfi 2026-01-01: IDENTICAL — replayed on the Zen Engine: admit \(ELIGIBLE\)/,
    );
    expect((await replay(database, { case: stored.id })).code).toBe(0);
  });

  it('reports a different outcome and exits 1', async () => {
    const stored = await caseWithDecision(database, (record) => {
      record.outcome = 'refuse';
      record.reasons = [{ code: 'AGE_BELOW_THRESHOLD', legalRef: 'SkolL 20 kap. 31 §' }];
      record.result = {
        ...(record.result as object),
        outcome: 'refuse',
        reasons: record.reasons,
        studyPath: null,
        startCourse: null,
        rightExpires: null,
      };
    });
    const { code, stdout } = await replay(database, { case: stored.caseNumber });
    expect(code).toBe(1);
    expect(stdout).toContain('DIFFERENT');
    expect(stdout).toContain('  - outcome: stored "refuse", replayed "admit"');
    expect(stdout).toContain('  - studyPath: stored null, replayed 3');
  });

  it('reports a rule file changed since the decision (another content hash) and exits 1', async () => {
    const stored = await caseWithDecision(database, (record) => {
      record.content_hash = 'f'.repeat(64);
    });
    const { code, stdout } = await replay(database, { case: stored.caseNumber });
    expect(code).toBe(1);
    expect(stdout).toMatch(
      / {2}- the rule file sfi\/2026-01-01\.json has changed since the decision \(content hash ffffffffffff then, [0-9a-f]{12} now\)/,
    );
  });

  it('reports a record whose outcome column disagrees with its stored decision', async () => {
    const stored = await caseWithDecision(database, (record) => {
      record.outcome = 'refuse';
    });
    const { code, stdout } = await replay(database, { case: stored.caseNumber });
    expect(code).toBe(1);
    expect(stdout).toContain("the record's outcome/reasons columns (refuse) disagree with its stored decision (admit)");
  });

  it('prints machine-readable JSON with --json', async () => {
    const stored = await caseWithDecision(database);
    const { code, stdout } = await replay(database, { case: stored.caseNumber, json: true });
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({
      case: { id: stored.id, caseNumber: stored.caseNumber },
      identical: true,
      decisions: [{ kind: 'automated', ruleSet: { id: 'sfi', version: '2026-01-01' }, result: { identical: true } }],
    });
  });

  it('exits 2 for an unknown case, a case without an automated decision, and a missing --case', async () => {
    expect(await replay(database, { case: 'SFI-1999-99999' })).toMatchObject({
      code: 2,
      stderr: 'no case SFI-1999-99999',
    });
    const undecided = await sql<{ id: string }>`
      insert into cases (service_id, service_version, status, case_number, locale, submitted_at)
      values ('sfi', 1, 'submitted', 'SFI-2026-90000', 'sv', now()) returning id`.execute(database.db);
    expect(undecided.rows[0]).toBeDefined();
    expect(await replay(database, { case: 'SFI-2026-90000' })).toMatchObject({
      code: 2,
      stderr: 'the case has no decision yet',
    });
    expect((await replay(database, {})).code).toBe(2);
  });
});

describe('npm run cli -- decisions replay', () => {
  const root = fileURLToPath(new URL('../../../', import.meta.url));
  let dataDir: string;
  let stored: { id: string; caseNumber: string };
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'replay-cli-'));
    const database = await openDatabase({ dataDir });
    await migrateToLatest(database.db, migrations);
    await sql`insert into e_services (id, case_number_prefix) values ('sfi', 'SFI')`.execute(database.db);
    stored = await caseWithDecision(database);
    await database.close();
  });
  afterAll(async () => rm(dataDir, { recursive: true, force: true }));

  it('is registered with the CLI and replays from the configured database', { timeout: 60_000 }, async () => {
    const result = await new Promise<{ code: number | null; stdout: string }>((resolve, reject) => {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', 'src/cli.ts', 'decisions', 'replay', '--case', stored.caseNumber],
        {
          cwd: root,
          env: { NODE_ENV: 'test', DATA_DIR: dataDir, LOG_LEVEL: 'silent' },
        },
      );
      let stdout = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout }));
    });
    expect(result.stdout).toContain('IDENTICAL');
    expect(result.code).toBe(0);
  });
});
