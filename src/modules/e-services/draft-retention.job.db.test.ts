import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeClock } from '../../../test/helpers/app.ts';
import { createTestDatabase, testEngines } from '../../../test/helpers/database.ts';
import type { User } from '../../platform/auth/roles.ts';
import { verifyAuditChain } from '../../platform/audit/audit.service.ts';
import type { DatabaseHandle } from '../../platform/db/database.ts';
import { createJobs, type Jobs } from '../../platform/jobs/jobs.service.ts';
import { seedDemo } from '../../platform/seed/seed.ts';
import { newDraftToken, saveDraft } from './case.service.ts';
import { ANONYMOUS_DRAFT_DAYS, createDraftRetentionJob, deleteAbandonedDrafts } from './draft-retention.job.ts';
import { ensureTestService, submitFor, user } from './e-services.fixtures.ts';
import { eDb } from './e-services.table.ts';

const DAY = 86_400_000;
const silent = pino({ level: 'silent' });

/** What hangs on a case in every child table, so "deleted with its children" can be checked. */
const CHILD_TABLES = [
  'case_events',
  'case_facts',
  'case_messages',
  'case_documents',
  'case_tasks',
  'sfi_pipeline_steps',
] as const;

describe.each(testEngines())('retention of abandoned drafts on %s', (engine) => {
  let database: DatabaseHandle;
  let jobs: Jobs;
  let amina: User;
  let oleksandr: User;
  const clock = fakeClock('2026-11-28T02:30:00Z');
  const daysAgo = (days: number) => new Date(clock().getTime() - days * DAY);
  const e = () => eDb(database.db);

  async function attachChildren(caseId: string, at: Date): Promise<void> {
    const sql = database.executeSql.bind(database);
    await sql(
      `insert into case_events (case_id, type, actor_kind, actor_id, occurred_at) values ($1, 'case.evidence-uploaded', 'applicant', null, $2)`,
      [caseId, at],
    );
    await sql(
      `insert into case_facts (case_id, name, value, source, self_declared, retrieved_at) values ($1, 'applicant.birthDate', '"1990-05-17"', 'applicant', true, $2)`,
      [caseId, at],
    );
    await sql(
      `insert into case_messages (case_id, sender_kind, body, created_at) values ($1, 'applicant', 'Hej', $2)`,
      [caseId, at],
    );
    await sql(
      `insert into case_documents (case_id, kind, filename, content_type, size, sha256, content, uploaded_by, created_at) values ($1, 'evidence', 'intyg.pdf', 'application/pdf', 4, $2, $3, 'applicant', $4)`,
      [caseId, 'a'.repeat(64), Buffer.from('%PDF'), at],
    );
    await sql(`insert into case_tasks (case_id, kind, status, created_at) values ($1, 'manual-review', 'open', $2)`, [
      caseId,
      at,
    ]);
    await sql(`insert into sfi_pipeline_steps (case_id, step, done_at) values ($1, 'receipt', $2)`, [caseId, at]);
  }

  async function childRowsOf(caseId: string): Promise<number> {
    let total = 0;
    for (const table of CHILD_TABLES) {
      const { rows } = await database.executeSql(`select count(*)::int as n from ${table} where case_id = $1`, [
        caseId,
      ]);
      total += (rows[0] as { n: number }).n;
    }
    return total;
  }

  const caseExists = async (id: string) =>
    !!(await e().selectFrom('cases').select('id').where('id', '=', id).executeTakeFirst());
  const deletionAudits = () =>
    e().selectFrom('audit_events').selectAll().where('event_type', '=', 'case.drafts-deleted').orderBy('id').execute();
  const draftFor = async (owner: { userId: string } | { draftToken: string }, changedAt: Date) =>
    (
      await saveDraft(database.db, {
        serviceId: 'sfi',
        owner,
        answers: { identity: { name: 'Testperson Ett' } },
        locale: 'sv',
        now: changedAt,
      })
    ).id;

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    await seedDemo(database.db, { code: '1280', name: 'Malmö stad' });
    await ensureTestService(database.db);
    amina = await user(database.db, 'amina');
    oleksandr = await user(database.db, 'oleksandr');
    jobs = createJobs({ database, clock, log: silent, config: { JOB_POLL_SECONDS: 0.5 } });
    jobs.register(createDraftRetentionJob({ DRAFT_RETENTION_DAYS: 30 }));
    await jobs.start();
  });
  afterAll(async () => {
    await jobs.stop();
    await database.close();
  });

  it('deletes a draft not changed for 31 days with everything attached; keeps a 29-day-old draft and a two-year-old submitted case; a second run is a no-op', async () => {
    const stale = await draftFor({ userId: amina.id }, daysAgo(31));
    await attachChildren(stale, daysAgo(31));
    const staleAnonymous = await draftFor({ draftToken: newDraftToken() }, daysAgo(31));
    const recent = await draftFor({ userId: oleksandr.id }, daysAgo(29));
    // A draft without e-ID is unreachable once its cookie (ANONYMOUS_DRAFT_DAYS) has expired: it goes then.
    const unreachable = await draftFor({ draftToken: newDraftToken() }, daysAgo(ANONYMOUS_DRAFT_DAYS + 1));
    const reachable = await draftFor({ draftToken: newDraftToken() }, daysAgo(ANONYMOUS_DRAFT_DAYS - 1));
    await attachChildren(recent, daysAgo(29));
    const submitted = await submitFor(database.db, amina, daysAgo(730));
    await attachChildren(submitted.id, daysAgo(730));
    const submittedChildren = await childRowsOf(submitted.id); // its own submission event too
    const auditsBefore = (await deletionAudits()).length;

    const job = createDraftRetentionJob({ DRAFT_RETENTION_DAYS: 30 });
    const ctx = { db: database.db, clock, log: silent, jobId: 'test', retryCount: 0 };
    await job.handler({}, ctx);

    expect(await caseExists(stale)).toBe(false);
    expect(await childRowsOf(stale)).toBe(0);
    expect(await caseExists(staleAnonymous)).toBe(false);
    expect(await caseExists(recent)).toBe(true);
    expect(await childRowsOf(recent)).toBe(CHILD_TABLES.length);
    expect(await caseExists(unreachable)).toBe(false);
    expect(await caseExists(reachable)).toBe(true);
    expect(await caseExists(submitted.id)).toBe(true);
    expect(await childRowsOf(submitted.id)).toBe(submittedChildren);
    expect(
      (await e().selectFrom('cases').select('status').where('id', '=', submitted.id).executeTakeFirstOrThrow()).status,
    ).toBe('submitted');

    // One audit event for the run, by the system, with the count and no personal data.
    const audits = (await deletionAudits()).slice(auditsBefore);
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      actor_kind: 'system',
      actor_id: 'job:delete-abandoned-drafts',
      subject_type: 'case',
      subject_id: null,
    });
    expect(audits[0]!.new_value).toEqual({
      deleted: 3,
      retentionDays: 30,
      changedBefore: daysAgo(30).toISOString(),
      anonymousChangedBefore: daysAgo(ANONYMOUS_DRAFT_DAYS).toISOString(),
    });

    await job.handler({}, ctx);
    expect(await caseExists(recent)).toBe(true);
    expect(await caseExists(submitted.id)).toBe(true);
    expect((await deletionAudits()).slice(auditsBefore)).toHaveLength(1);
    expect(await deleteAbandonedDrafts({ db: database.db, clock }, { retentionDays: 30 })).toEqual({
      deleted: 0,
      batches: 0,
    });
    expect((await verifyAuditChain(database.db)).ok).toBe(true);
  });

  it('works through a backlog in bounded batches, each its own transaction with its own audit event', async () => {
    const stale = [];
    for (let i = 0; i < 5; i++) stale.push(await draftFor({ draftToken: newDraftToken() }, daysAgo(40 + i)));
    const auditsBefore = (await deletionAudits()).length;
    const result = await deleteAbandonedDrafts({ db: database.db, clock }, { retentionDays: 30, batchSize: 2 });
    expect(result).toEqual({ deleted: 5, batches: 3 });
    for (const id of stale) expect(await caseExists(id)).toBe(false);
    expect(
      (await deletionAudits()).slice(auditsBefore).map((a) => (a.new_value as { deleted: number }).deleted),
    ).toEqual([2, 2, 1]);
  });

  it('honours the configured retention: with 7 days a 10-day-old draft goes, a 5-day-old one stays', async () => {
    const older = await draftFor({ draftToken: newDraftToken() }, daysAgo(10));
    const newer = await draftFor({ draftToken: newDraftToken() }, daysAgo(5));
    await createDraftRetentionJob({ DRAFT_RETENTION_DAYS: 7 }).handler(
      {},
      { db: database.db, clock, log: silent, jobId: 'test', retryCount: 0 },
    );
    expect(await caseExists(older)).toBe(false);
    expect(await caseExists(newer)).toBe(true);
  });

  it('is scheduled nightly with a singleton key per slot, so two workers never run the same night twice', async () => {
    const { rows } = await database.executeSql(`select cron, timezone, options from pgboss.schedule where name = $1`, [
      'delete-abandoned-drafts',
    ]);
    expect(rows).toEqual([
      {
        cron: '30 3 * * *',
        timezone: 'Europe/Stockholm',
        options: expect.objectContaining({ singletonKey: 'delete-abandoned-drafts', singletonSeconds: 3600 }),
      },
    ]);
  });
});
