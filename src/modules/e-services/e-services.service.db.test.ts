import type { KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { testEngines } from '../../../test/helpers/database.ts';
import { recordInsertStatements } from '../../../test/helpers/insert-statements.ts';
import type { User } from '../../platform/auth/roles.ts';
import { verifyAuditChain } from '../../platform/audit/audit.service.ts';
import { isPgError, sqlExecutorFor, type Db, type Trx } from '../../platform/db/database.ts';
import type { DeferredWrites } from '../../platform/db/deferred-writes.ts';
import { AppError } from '../../platform/http/errors.ts';
import { defineJob } from '../../platform/jobs/job-definition.ts';
import { appeal, getMyCase, listMyCases, sendMessage } from './applicant.service.ts';
import { reconsiderAppeal } from './appeal.service.ts';
import {
  closeCase,
  discardDraft,
  getDraft,
  recordFacts,
  saveDraft,
  createCaseSubmissions,
  type CaseSubmissions,
  type SubmitCaseResult,
} from './case.service.ts';
import {
  decideManually,
  exportQueueCsv,
  getCaseForCaseworker,
  listQueue,
  reassign,
  sendCaseworkerMessage,
} from './caseworker.service.ts';
import { listDecisionsByCase } from './case.repository.ts';
import { findEService } from './e-service.repository.ts';
import { ensureEService, setPolicy } from './e-service.service.ts';
import type { CaseDetail } from './e-services.schema.ts';
import { eDb } from './e-services.table.ts';
import {
  decideByRules,
  ensureTestService,
  REASONS,
  submission,
  submitFor,
  TEST_SERVICE,
  user,
} from './e-services.fixtures.ts';
import { getStatistics } from './statistics.service.ts';

const firstStep = defineJob({
  name: 'test-e-services-first-step',
  payload: z.object({ caseId: z.uuid() }),
  retry: { retryLimit: 0, retryDelay: 0, retryBackoff: false },
  async handler() {},
});

/** The job the group-commit tests' onSubmitted hooks enqueue (its own queue: the tests above count firstStep's jobs). */
const groupStep = defineJob({
  name: 'test-e-services-group-step',
  payload: z.object({ caseId: z.uuid() }),
  retry: { retryLimit: 0, retryDelay: 0, retryBackoff: false },
  async handler() {},
});

const DAY = 86_400_000;

/**
 * The same database seen through a plugin that records, per INSERT INTO cases, how many rows it
 * carried: how a CaseSubmissions made on this handle grouped the submissions (a group is one INSERT).
 */
function observingCaseInserts(db: Db): { db: Db; inserts: number[] } {
  const inserts: number[] = [];
  const plugin: KyselyPlugin = {
    transformQuery({ node }) {
      if (node.kind === 'InsertQueryNode' && node.into?.table.identifier.name === 'cases') {
        const values = node.values as { kind: string; values?: readonly unknown[] } | undefined;
        inserts.push(values?.kind === 'ValuesNode' ? values.values!.length : 1);
      }
      return node;
    },
    async transformResult({ result }) {
      return result;
    },
  };
  return { db: db.withPlugin(plugin), inserts };
}

/** The serial of a case number (SFI-2026-000123 → 123). */
const serialOf = (caseNumber: string | null) => Number(/^SFI-2026-(\d{6})$/.exec(caseNumber ?? '')?.[1] ?? NaN);

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
  return 'no error';
}

describe.each(testEngines())('e-service machinery on %s', (engine) => {
  let t: TestApp;
  let amina: User;
  let oleksandr: User;
  let sara: User;
  let admin: User;
  const e = () => eDb(t.database.db);
  const notify = () => ({
    db: t.database.db,
    notifier: t.notifier,
    baseUrl: 'https://tjanster.example',
    municipalityName: 'Malmö stad',
  });
  const jobsFor = async (caseId: string) =>
    (
      await t.database.executeSql(`select id from pgboss.job where name = $1 and data->>'caseId' = $2`, [
        firstStep.name,
        caseId,
      ])
    ).rows.length;
  const auditsOf = (type: string, caseId: string) =>
    e()
      .selectFrom('audit_events')
      .selectAll()
      .where('event_type', '=', type)
      .where('subject_id', '=', caseId)
      .execute();

  let submissions: CaseSubmissions;

  beforeAll(async () => {
    t = await createTestApp({ engine, jobs: [firstStep, groupStep] });
    submissions = createCaseSubmissions(t.database.db);
    await ensureTestService(t.database.db);
    amina = await user(t.database.db, 'amina');
    oleksandr = await user(t.database.db, 'oleksandr');
    sara = await user(t.database.db, 'sara');
    admin = await user(t.database.db, 'admin');
  });
  afterAll(async () => t.close());

  it('reads the definition version in force on a day; before any is, the earliest', async () => {
    const definition = (await findEService(t.database.db, 'sfi', '2026-06-01'))!.definition;
    await e().insertInto('e_services').values({ id: 'versioned', case_number_prefix: 'VER' }).execute();
    const version = (n: number, from: string) => ({
      service_id: 'versioned',
      version: n,
      effective_from: from,
      definition: JSON.stringify(definition),
    });
    await e()
      .insertInto('e_service_versions')
      .values([version(1, '2026-01-01'), version(2, '2027-01-01'), version(3, '2027-01-01'), version(4, '2028-01-01')])
      .execute();
    const versionOn = async (day: string) => (await findEService(t.database.db, 'versioned', day))?.version;
    expect(await versionOn('2025-06-01')).toBe(1);
    expect(await versionOn('2026-12-31')).toBe(1);
    expect(await versionOn('2027-01-01')).toBe(3); // two from the same day: the later version
    expect(await versionOn('2029-01-01')).toBe(4);
    expect(await findEService(t.database.db, 'no-such-service', '2027-01-01')).toBeUndefined();
  });

  it('adds the names a stored version lacks at start, and never changes a stored name or anything else', async () => {
    await e().insertInto('e_services').values({ id: 'older', case_number_prefix: 'OLD' }).execute();
    await e()
      .insertInto('e_service_versions')
      .values({
        service_id: 'older',
        version: 1,
        effective_from: '2025-01-01',
        definition: JSON.stringify({
          names: { sv: 'Gammalt namn', en: 'Old name' },
          manualDecisionLegalRef: 'SkolL 1 §',
        }),
      })
      .execute();
    const entry = {
      ...TEST_SERVICE,
      id: 'older',
      caseNumberPrefix: 'OLD',
      definition: { ...TEST_SERVICE.definition, manualDecisionLegalRef: 'SkolL 2 §' },
    };
    await ensureEService(t.database.db, entry);
    await ensureEService(t.database.db, entry); // at every start: the same result
    const { definition } = (await findEService(t.database.db, 'older', '2026-01-01'))!;
    expect(definition).toEqual({
      names: { ...TEST_SERVICE.definition.names, sv: 'Gammalt namn', en: 'Old name' },
      manualDecisionLegalRef: 'SkolL 1 §',
    });
  });

  describe('submission', () => {
    it('a resubmitted form (same idempotency key) is a no-op: same case, one audit event, one job enqueued in the same transaction', async () => {
      const input = submission({
        applicant: {
          userId: amina.id,
          personalNumber: amina.personalNumber,
          contact: { name: 'Amina Yusuf', email: 'amina@example.test' },
        },
        identityVerified: true,
        idempotencyKey: 'form-4f1d0b0e-7d3a-4c1b-9e55-2c8f0a1b2c3d',
        now: t.clock(),
        onSubmitted: (deferred, submitted) =>
          t.jobs.enqueue(deferred, firstStep, { caseId: submitted.id }).then(() => {}),
      });
      const first = await submissions.submit(input);
      const again = await submissions.submit(input);
      expect(first.created).toBe(true);
      expect(again).toEqual({ created: false, case: first.case });
      expect(first.case).toMatchObject({
        status: 'submitted',
        serviceId: 'sfi',
        serviceVersion: 1,
        identityVerified: true,
        applicantUserId: amina.id,
      });
      expect(first.case.caseNumber).toMatch(/^SFI-2026-\d{6}$/);
      expect(await auditsOf('case.submitted', first.case.id)).toHaveLength(1);
      expect(await jobsFor(first.case.id)).toBe(1);
      const events = await e().selectFrom('case_events').select('type').where('case_id', '=', first.case.id).execute();
      expect(events.map((x) => x.type)).toEqual(['case.submitted']);
    });

    it('identical submissions racing each other still make one case', async () => {
      const input = submission({
        idempotencyKey: 'race-3b0e5c1a-8f7d-4e2b-a1c9-6d5e4f3a2b1c',
        now: t.clock(),
        onSubmitted: (deferred, c) => t.jobs.enqueue(deferred, firstStep, { caseId: c.id }).then(() => {}),
      });
      const results = await Promise.all(Array.from({ length: 5 }, () => submissions.submit(input)));
      const ids = new Set(results.map((r) => r.case.id));
      expect(ids.size).toBe(1);
      expect(results.filter((r) => r.created)).toHaveLength(1);
      expect(await jobsFor([...ids][0]!)).toBe(1);
    });

    it('an idempotency key is scoped to the applicant: another person’s identical key makes their own case', async () => {
      const key = 'shared-key-0000000000000000';
      const a = await submitFor(t.database.db, amina, t.clock(), { idempotencyKey: key });
      const b = await submitFor(t.database.db, oleksandr, t.clock(), { idempotencyKey: key });
      expect(a.id).not.toBe(b.id);
      expect(b.applicantUserId).toBe(oleksandr.id);
    });

    it('a failure inside the transaction leaves nothing: no case, no audit event, no job, and the case number is not used up', async () => {
      const before = await e()
        .selectFrom('cases')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      const auditBefore = await e()
        .selectFrom('audit_events')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      const counter = await e()
        .selectFrom('case_number_counters')
        .select('last_value')
        .where('service_id', '=', 'sfi')
        .executeTakeFirstOrThrow();
      await expect(
        submissions.submit(
          submission({
            idempotencyKey: 'rollback-key-000000000000',
            now: t.clock(),
            onSubmitted: async (deferred, c) => {
              await t.jobs.enqueue(deferred, firstStep, { caseId: c.id });
              throw new Error('queue unavailable');
            },
          }),
        ),
      ).rejects.toThrow('queue unavailable');
      const after = await e()
        .selectFrom('cases')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      const auditAfter = await e()
        .selectFrom('audit_events')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(after.n)).toBe(Number(before.n));
      expect(Number(auditAfter.n)).toBe(Number(auditBefore.n));
      expect(
        (await t.database.executeSql(`select count(*)::int as n from pgboss.job where name = $1`, [firstStep.name]))
          .rows[0],
      ).toEqual({ n: 2 });
      const next = await submitFor(t.database.db, amina, t.clock());
      expect(next.caseNumber).toBe(`SFI-2026-${String(counter.last_value + 1).padStart(6, '0')}`);
    });

    it('identical submissions racing through two processes’ submissions still make one case', async () => {
      // Each process groups its own submissions; across processes only the unique key can judge.
      const processes = [createCaseSubmissions(t.database.db), createCaseSubmissions(t.database.db)];
      const input = submission({
        idempotencyKey: 'two-processes-7c2d9e41-3a5b-4f18-b6e0-1d9c8a7f6e53',
        now: t.clock(),
        onSubmitted: (deferred, c) => t.jobs.enqueue(deferred, firstStep, { caseId: c.id }).then(() => {}),
      });
      const results = await Promise.all(Array.from({ length: 8 }, (_, i) => processes[i % 2]!.submit(input)));
      const ids = new Set(results.map((r) => r.case.id));
      expect(ids.size).toBe(1);
      expect(results.filter((r) => r.created)).toHaveLength(1);
      const [id] = [...ids];
      expect(await jobsFor(id!)).toBe(1);
      expect(await auditsOf('case.submitted', id!)).toHaveLength(1);
    });

    it('case numbers are distinct and gap-free under concurrent submissions', async () => {
      const created = await Promise.all(
        Array.from({ length: 12 }, () => submitFor(t.database.db, oleksandr, t.clock())),
      );
      const serials = created.map((c) => Number(c.caseNumber!.slice(-6))).sort((a, b) => a - b);
      expect(new Set(serials).size).toBe(12);
      expect(serials.at(-1)! - serials[0]!).toBe(11);
    });

    it('refuses an invalid identity number or contact details before writing anything', async () => {
      expect(
        await codeOf(
          submissions.submit(
            submission({
              applicant: { userId: null, personalNumber: '198803052384', contact: { name: 'X' } },
              now: t.clock(),
            }),
          ),
        ),
      ).toBe('VALIDATION_FAILED');
      expect(
        await codeOf(
          submissions.submit(
            submission({
              applicant: { userId: null, personalNumber: null, contact: { name: '', email: 'nope' } },
              now: t.clock(),
            }),
          ),
        ),
      ).toBe('VALIDATION_FAILED');
    });

    it('saves one draft per owner (signed in or by anonymous token); submitting removes it; drafts are not cases on My pages', async () => {
      const owner = { userId: amina.id };
      const first = await saveDraft(t.database.db, {
        serviceId: 'sfi',
        owner,
        answers: { step: 1 },
        locale: 'ar',
        now: t.clock(),
      });
      const second = await saveDraft(t.database.db, {
        serviceId: 'sfi',
        owner,
        answers: { step: 2 },
        locale: 'ar',
        now: t.clock(),
      });
      expect(second.id).toBe(first.id);
      expect(await getDraft(t.database.db, { serviceId: 'sfi', owner })).toMatchObject({
        id: first.id,
        answers: { step: 2 },
        locale: 'ar',
      });
      const token = { draftToken: 'A'.repeat(43) };
      const anonymous = await saveDraft(t.database.db, {
        serviceId: 'sfi',
        owner: token,
        answers: { step: 1 },
        locale: 'so',
        now: t.clock(),
      });
      expect(anonymous.id).not.toBe(first.id);
      expect(
        await getDraft(t.database.db, { serviceId: 'sfi', owner: { draftToken: 'B'.repeat(43) } }),
      ).toBeUndefined();
      expect(
        (
          await listMyCases(t.database.db, { userId: amina.id, personalNumber: amina.personalNumber, now: t.clock() })
        ).some((c) => c.id === first.id),
      ).toBe(false);
      await submitFor(t.database.db, amina, t.clock(), { draft: owner });
      expect(await getDraft(t.database.db, { serviceId: 'sfi', owner })).toBeUndefined();
      await discardDraft(t.database.db, { serviceId: 'sfi', owner: token });
      expect(await getDraft(t.database.db, { serviceId: 'sfi', owner: token })).toBeUndefined();
    });
  });

  describe('group commit', () => {
    type Totals = { cases: number; events: number; audits: number; jobs: number };
    /** Rows in cases, case_events and audit_events, and groupStep jobs: what a test wrote is the difference. */
    const totals = async (): Promise<Totals> =>
      (
        await t.database.executeSql(
          `select (select count(*)::int from cases) as cases, (select count(*)::int from case_events) as events,
                  (select count(*)::int from audit_events) as audits, (select count(*)::int from pgboss.job where name = $1) as jobs`,
          [groupStep.name],
        )
      ).rows[0] as Totals;
    const grown = (before: Totals, after: Totals): Totals => ({
      cases: after.cases - before.cases,
      events: after.events - before.events,
      audits: after.audits - before.audits,
      jobs: after.jobs - before.jobs,
    });
    const lastSerial = async () =>
      (
        await e()
          .selectFrom('case_number_counters')
          .select('last_value')
          .where('service_id', '=', 'sfi')
          .where('year', '=', 2026)
          .executeTakeFirst()
      )?.last_value ?? 0;

    /** The case numbers are the serials after `last`, one each, without a gap. */
    function expectSerialsAfter(last: number, cases: readonly CaseDetail[]): void {
      const serials = cases.map((c) => serialOf(c.caseNumber)).sort((a, b) => a - b);
      expect(serials).toEqual(Array.from({ length: cases.length }, (_, i) => last + 1 + i));
    }

    /** Per case: its case.submitted time line entries, the case numbers its case.submitted audit events name, and the groupStep jobs naming it. */
    async function writtenPerCase(cases: readonly CaseDetail[]) {
      const ids = cases.map((c) => c.id);
      const events = await e()
        .selectFrom('case_events')
        .select('case_id')
        .where('type', '=', 'case.submitted')
        .where('case_id', 'in', ids)
        .execute();
      const audits = await e()
        .selectFrom('audit_events')
        .select(['subject_id', 'new_value'])
        .where('event_type', '=', 'case.submitted')
        .where('subject_id', 'in', ids)
        .execute();
      const jobs = (
        await t.database.executeSql(`select data->>'caseId' as "caseId" from pgboss.job where name = $1`, [
          groupStep.name,
        ])
      ).rows as { caseId: string }[];
      return cases.map((c) => ({
        caseNumber: c.caseNumber,
        events: events.filter((x) => x.case_id === c.id).length,
        audits: audits
          .filter((x) => x.subject_id === c.id)
          .map((x) => (x.new_value as { caseNumber?: unknown }).caseNumber),
        jobs: jobs.filter((j) => j.caseId === c.id).length,
      }));
    }

    const created = (settled: PromiseSettledResult<SubmitCaseResult>) => {
      if (settled.status === 'rejected') throw settled.reason;
      expect(settled.value.created).toBe(true);
      return settled.value.case;
    };

    it('25 submissions at once: all created in groups, consecutive case numbers, one time line entry, audit event, hook run and job each', async () => {
      const { db, inserts } = observingCaseInserts(t.database.db);
      const observed = createCaseSubmissions(db);
      const before = await totals();
      const last = await lastSerial();
      const hookRuns: { n: number; caseId: string }[] = [];
      const results = await Promise.all(
        Array.from({ length: 25 }, (_, n) =>
          observed.submit(
            submission({
              answers: { swedishLevel: 'none', n },
              idempotencyKey: `crowd-${n}-6c0f2b9e-1d4a-4e8b-9f3c-2a7d5e1b0c4f`,
              now: t.clock(),
              onSubmitted: async (deferred, submitted) => {
                hookRuns.push({ n, caseId: submitted.id });
                await t.jobs.enqueue(deferred, groupStep, { caseId: submitted.id });
              },
            }),
          ),
        ),
      );
      expect(results.map((r) => r.created)).toEqual(Array(25).fill(true));
      const cases = results.map((r) => r.case);
      expect(new Set(cases.map((c) => c.id)).size).toBe(25);
      // Each caller got its own case back (the answers tell them apart).
      expect(cases.map((c) => c.answers.n)).toEqual(Array.from({ length: 25 }, (_, n) => n));
      // They went in groups (one INSERT each), and no group failed (no case inserted twice).
      expect(
        inserts.reduce((sum, rows) => sum + rows, 0),
        JSON.stringify(inserts),
      ).toBe(25);
      expect(Math.max(...inserts), JSON.stringify(inserts)).toBeGreaterThan(1);
      expectSerialsAfter(last, cases);
      // Every hook ran exactly once, with its own submission's case.
      expect([...hookRuns].sort((a, b) => a.n - b.n)).toEqual(cases.map((c, n) => ({ n, caseId: c.id })));
      expect(await writtenPerCase(cases)).toEqual(
        cases.map((c) => ({ caseNumber: c.caseNumber, events: 1, audits: [c.caseNumber], jobs: 1 })),
      );
      expect(grown(before, await totals())).toEqual({ cases: 25, events: 25, audits: 25, jobs: 25 });
      expect(await verifyAuditChain(t.database.db)).toMatchObject({ ok: true });
    });

    it('a group writes what its hooks enqueue and send at the end of its hooks, with one INSERT of jobs and one of outbox rows', async () => {
      const { db, inserts } = observingCaseInserts(t.database.db);
      const observed = createCaseSubmissions(db);
      const statements = await recordInsertStatements(t.database, ['pgboss.job', 'public.outbox_messages']);
      const before = await totals();
      const ours = (trx: Trx, caseId: string) =>
        sqlExecutorFor(trx).executeSql(
          `select (select count(*)::int from pgboss.job where name = $1 and data->>'caseId' = $2) as jobs,
                  (select count(*)::int from outbox_messages where subject = $3) as outbox`,
          [groupStep.name, caseId, `Kvitto ${caseId}`],
        );
      const seenInHooks: unknown[] = [];
      const outboxIds: string[] = [];
      // As above: 0 alone, then 1–5 as one group.
      const results = await Promise.all(
        Array.from({ length: 6 }, (_, n) =>
          observed.submit(
            submission({
              answers: { swedishLevel: 'none', n },
              now: t.clock(),
              onSubmitted: async (deferred, submitted) => {
                await t.jobs.enqueue(deferred, groupStep, { caseId: submitted.id });
                const { id } = await t.notifier.sendEmail(deferred, {
                  to: `applicant-${n}@example.test`,
                  subject: `Kvitto ${submitted.id}`,
                  text: 'Vi har tagit emot din ansökan.',
                });
                outboxIds.push(id); // known at once, though the row is not written yet
                seenInHooks.push(...(await ours(deferred.trx, submitted.id)).rows);
              },
            }),
          ),
        ),
      );
      const written = await statements.take();
      await statements.remove();
      expect(inserts).toEqual([1, 5]);
      // Nothing a hook held was in the table while the hooks ran …
      expect(seenInHooks).toEqual(Array(6).fill({ jobs: 0, outbox: 0 }));
      // … then each group wrote its jobs (groupStep's and the receipts' send-email) and its receipts
      // with a statement each, in the order first held.
      const transactions = [...new Set(written.map((w) => w.transaction))];
      expect(transactions).toHaveLength(2);
      expect(
        transactions.map((tx) => written.filter((w) => w.transaction === tx).map((w) => [w.table, w.rows])),
      ).toEqual([
        [
          ['pgboss.job', 2],
          ['public.outbox_messages', 1],
        ],
        [
          ['pgboss.job', 10],
          ['public.outbox_messages', 5],
        ],
      ]);
      const cases = results.map((r) => r.case);
      expect(await writtenPerCase(cases)).toEqual(
        cases.map((c) => ({ caseNumber: c.caseNumber, events: 1, audits: [c.caseNumber], jobs: 1 })),
      );
      const receipts = await e()
        .selectFrom('outbox_messages')
        .select(['id', 'subject'])
        .where('id', 'in', outboxIds)
        .execute();
      expect(receipts.map((r) => r.subject).sort()).toEqual(cases.map((c) => `Kvitto ${c.id}`).sort());
      const deliveries = (
        await t.database.executeSql(`select data->>'outboxId' as "outboxId" from pgboss.job where name = 'send-email'`)
      ).rows as { outboxId: string }[];
      expect(outboxIds.every((id) => deliveries.some((d) => d.outboxId === id))).toBe(true);
      expect(grown(before, await totals())).toEqual({ cases: 6, events: 6, audits: 6, jobs: 6 });
    });

    it('the same idempotency key twice in one group is written once: both answers name the one case, one of them created', async () => {
      const { db, inserts } = observingCaseInserts(t.database.db);
      const observed = createCaseSubmissions(db);
      const before = await totals();
      const keyedRuns: Trx[] = [];
      let mateTrx: Trx | undefined;
      const input = submission({
        applicant: {
          userId: amina.id,
          personalNumber: amina.personalNumber,
          contact: { name: 'Amina Yusuf', email: 'amina@example.test' },
        },
        identityVerified: true,
        idempotencyKey: 'twice-in-a-group-2e9a7c41-5b3d-4f60-8a1e-9c7b3d2f1e05',
        now: t.clock(),
        onSubmitted: async (deferred, submitted) => {
          keyedRuns.push(deferred.trx);
          await t.jobs.enqueue(deferred, groupStep, { caseId: submitted.id });
        },
      });
      // Queued in one synchronous loop: the opener finds no group running and starts alone; the
      // two with the key and the keyless mate wait while its transaction runs and go together as
      // the next group. Groups are taken from the queue in order, so the second keyed submission,
      // queued between the first and the mate, is in the group the two of them share.
      const [opener, first, second, mate] = await Promise.all([
        observed.submit(submission({ now: t.clock() })),
        observed.submit(input),
        observed.submit(input),
        observed.submit(submission({ now: t.clock(), onSubmitted: async (deferred) => void (mateTrx = deferred.trx) })),
      ]);
      expect(keyedRuns).toHaveLength(1); // the key's hook ran once …
      expect(keyedRuns[0]).toBe(mateTrx); // … in the mate's transaction: one group
      // The opener's INSERT, then the group's: three submissions, two rows (the key written once).
      expect(inserts).toEqual([1, 2]);
      expect(first.case.id).toBe(second.case.id);
      expect([first.created, second.created].filter(Boolean)).toHaveLength(1);
      expect(first.case).toEqual(second.case);
      expect([opener.created, mate.created]).toEqual([true, true]);
      expect(new Set([opener.case.id, first.case.id, mate.case.id]).size).toBe(3);
      expect(await writtenPerCase([first.case])).toEqual([
        { caseNumber: first.case.caseNumber, events: 1, audits: [first.case.caseNumber], jobs: 1 },
      ]);
      expect(grown(before, await totals())).toEqual({ cases: 3, events: 3, audits: 3, jobs: 1 });

      // The same key twice in a later group, now that its case exists: both get it, nothing is written for them.
      const again = await totals();
      inserts.length = 0;
      const [, third, fourth] = await Promise.all([
        observed.submit(submission({ now: t.clock() })),
        observed.submit(input),
        observed.submit(input),
      ]);
      expect(third).toEqual({ created: false, case: first.case });
      expect(fourth).toEqual({ created: false, case: first.case });
      expect(inserts).toEqual([1]); // the opener's
      expect(keyedRuns).toHaveLength(1);
      expect(grown(again, await totals())).toEqual({ cases: 1, events: 1, audits: 1, jobs: 0 });
      expect(await verifyAuditChain(t.database.db)).toMatchObject({ ok: true });
    });

    it('a submission whose onSubmitted throws fails alone: the rest of its group are created with their own numbers, nothing of it is stored', async () => {
      const { db, inserts } = observingCaseInserts(t.database.db);
      const observed = createCaseSubmissions(db);
      const before = await totals();
      const last = await lastSerial();
      const BAD = 4;
      const marker = 'bad-hook-7d1e4a90-3c2b-4f8e-b6a5-0e9d8c7b6a51';
      const hookRuns: { n: number; trx: Trx; caseId: string }[] = [];
      const hook = (n: number) => async (deferred: DeferredWrites, submitted: CaseDetail) => {
        hookRuns.push({ n, trx: deferred.trx, caseId: submitted.id });
        await t.jobs.enqueue(deferred, groupStep, { caseId: submitted.id });
        if (n === BAD) throw new Error(`the hook of submission ${n} failed`);
      };
      // One synchronous loop (submit queues a submission without awaiting anything first): 0
      // finds no group running and starts alone at once; 1–7 queue while its transaction runs and
      // go together as the next group, 4 among them. That group fails on 4's hook and rolls back
      // whole; only the fallback (each of its submissions again alone) lets 1–3 and 5–7 through.
      // Without it, the group's error would reach all seven and the six good ones would reject.
      const settled = await Promise.allSettled(
        Array.from({ length: 8 }, (_, n) =>
          observed.submit(
            submission({
              answers: { swedishLevel: 'none', n, ...(n === BAD ? { marker } : {}) },
              now: t.clock(),
              onSubmitted: hook(n),
            }),
          ),
        ),
      );
      // The bad one rejects with its own error.
      expect(settled[BAD]).toMatchObject({ status: 'rejected', reason: new Error('the hook of submission 4 failed') });
      const good = [0, 1, 2, 3, 5, 6, 7];
      const cases = good.map((n) => created(settled[n]!));
      expect(cases.map((c) => c.answers.n)).toEqual(good);
      // They really shared a group: 0 alone, then 1–7 in one INSERT (then, alone, each again).
      expect(inserts.slice(0, 2), JSON.stringify(inserts)).toEqual([1, 7]);
      const groupTrx = hookRuns.find((r) => r.n === BAD)!.trx;
      expect(hookRuns.filter((r) => r.trx === groupTrx).map((r) => r.n)).toEqual([1, 2, 3, BAD]);
      // Numbers: consecutive after the last one before the test (the rolled-back group's serials were not used up).
      expectSerialsAfter(last, cases);
      expect(new Set(cases.map((c) => c.id)).size).toBe(good.length);
      expect(await writtenPerCase(cases)).toEqual(
        cases.map((c) => ({ caseNumber: c.caseNumber, events: 1, audits: [c.caseNumber], jobs: 1 })),
      );
      // The last hook run of each good submission was with the case it got; no other case from a hook run exists.
      for (const [i, n] of good.entries()) expect(hookRuns.filter((r) => r.n === n).at(-1)!.caseId).toBe(cases[i]!.id);
      const phantoms = hookRuns.map((r) => r.caseId).filter((id) => !cases.some((c) => c.id === id));
      expect(phantoms.length).toBeGreaterThan(0); // 1–3 and 4 ran in the rolled-back group, 4 again alone
      expect(await e().selectFrom('cases').select('id').where('id', 'in', phantoms).execute()).toEqual([]);
      // Nothing of the bad one: no case, no time line entry, no audit event, no job.
      expect(
        (await t.database.executeSql(`select count(*)::int as n from cases where answers->>'marker' = $1`, [marker]))
          .rows,
      ).toEqual([{ n: 0 }]);
      expect(grown(before, await totals())).toEqual({ cases: 7, events: 7, audits: 7, jobs: 7 });
      expect(await verifyAuditChain(t.database.db)).toMatchObject({ ok: true });
    });

    it('a submission to an e-service that does not exist fails alone, though its group had inserted the others’ cases', async () => {
      const { db, inserts } = observingCaseInserts(t.database.db);
      const observed = createCaseSubmissions(db);
      const before = await totals();
      const last = await lastSerial();
      // As above: 0 alone, then 1–4 as one group; 3 names a service that does not exist.
      const settled = await Promise.allSettled(
        Array.from({ length: 5 }, (_, n) =>
          observed.submit(
            submission({
              serviceId: n === 3 ? 'no-such-service' : 'sfi',
              answers: { swedishLevel: 'none', n },
              now: t.clock(),
            }),
          ),
        ),
      );
      expect(settled[3]).toMatchObject({ status: 'rejected', reason: { code: 'NOT_FOUND' } });
      expect((settled[3] as PromiseRejectedResult).reason).toBeInstanceOf(AppError);
      const good = [0, 1, 2, 4];
      const cases = good.map((n) => created(settled[n]!));
      expect(cases.map((c) => c.answers.n)).toEqual(good);
      // The group inserted the cases of 1, 2 and 4 (the sfi part) before it failed on 3's service.
      expect(inserts.slice(0, 2), JSON.stringify(inserts)).toEqual([1, 3]);
      expectSerialsAfter(last, cases);
      expect(await writtenPerCase(cases)).toEqual(
        cases.map((c) => ({ caseNumber: c.caseNumber, events: 1, audits: [c.caseNumber], jobs: 0 })),
      );
      expect(grown(before, await totals())).toEqual({ cases: 4, events: 4, audits: 4, jobs: 0 });
      expect(await e().selectFrom('cases').select('id').where('service_id', '=', 'no-such-service').execute()).toEqual(
        [],
      );
      expect(await verifyAuditChain(t.database.db)).toMatchObject({ ok: true });
    });
  });

  describe('facts and decisions', () => {
    it('stores facts with source, time and the self-declared mark; gathering again changes nothing and adds no event', async () => {
      const c = await submitFor(t.database.db, amina, t.clock());
      const facts = [
        {
          name: 'applicant.birthDate',
          value: '1988-03-05',
          source: 'population-register',
          selfDeclared: false,
          retrievedAt: t.clock(),
        },
        {
          name: 'applicant.swedishLevel',
          value: 'none',
          source: 'application',
          selfDeclared: true,
          retrievedAt: t.clock(),
        },
        {
          name: 'municipality',
          value: { offersSfiToTemporaryProtection: false, code: '1280' },
          source: 'configuration',
          selfDeclared: false,
          retrievedAt: t.clock(),
        },
      ];
      expect(
        await t.database.db.transaction().execute((trx) => recordFacts(trx, c.id, facts, { now: t.clock() })),
      ).toEqual({ changed: 3 });
      expect(
        await t.database.db.transaction().execute((trx) => recordFacts(trx, c.id, facts, { now: t.clock() })),
      ).toEqual({ changed: 0 });
      const rows = await e().selectFrom('case_facts').selectAll().where('case_id', '=', c.id).orderBy('name').execute();
      expect(rows.map((r) => [r.name, r.source, r.self_declared])).toEqual([
        ['applicant.birthDate', 'population-register', false],
        ['applicant.swedishLevel', 'application', true],
        ['municipality', 'configuration', false],
      ]);
      const events = await e()
        .selectFrom('case_events')
        .select('type')
        .where('case_id', '=', c.id)
        .where('type', '=', 'case.facts-gathered')
        .execute();
      expect(events).toHaveLength(1);
    });

    it('an admission is final under the default policy: the case is decided; recording it again returns the first record', async () => {
      const c = await submitFor(t.database.db, amina, t.clock());
      const first = await decideByRules(t.database.db, c.id, 'admit', [REASONS.ELIGIBLE!], t.clock());
      expect(first).toMatchObject({
        created: true,
        isFinal: true,
        decision: {
          kind: 'automated',
          outcome: 'admit',
          actor: { kind: 'system', id: 'pipeline' },
          ruleSet: { id: 'sfi', version: '2026-01-01' },
        },
      });
      const again = await decideByRules(
        t.database.db,
        c.id,
        'refuse',
        [REASONS.REGISTERED_IN_OTHER_MUNICIPALITY!],
        t.clock(),
      );
      expect(again).toMatchObject({ created: false, decision: { id: first.decision.id, outcome: 'admit' } });
      const row = await e()
        .selectFrom('cases')
        .select(['status', 'decided_at'])
        .where('id', '=', c.id)
        .executeTakeFirstOrThrow();
      expect(row.status).toBe('decided');
      expect(await auditsOf('case.decided', c.id)).toHaveLength(1);
    });

    it('the database itself refuses a second automated decision for a case', async () => {
      const c = await submitFor(t.database.db, amina, t.clock());
      await decideByRules(t.database.db, c.id, 'admit', [REASONS.ELIGIBLE!], t.clock());
      const copy = await e().selectFrom('decisions').selectAll().where('case_id', '=', c.id).executeTakeFirstOrThrow();
      const { id: _id, ...rest } = copy;
      const error = await e()
        .insertInto('decisions')
        .values({
          ...rest,
          reasons: JSON.stringify(rest.reasons),
          facts: JSON.stringify(rest.facts),
          trace: JSON.stringify(rest.trace),
          result: JSON.stringify(rest.result),
        })
        .execute()
        .catch((err: unknown) => err);
      expect(isPgError(error, '23505')).toBe(true);
    });

    it('a refusal is not final under the default policy: the case goes to the queue with a manual-review task', async () => {
      const c = await submitFor(t.database.db, amina, t.clock());
      const result = await decideByRules(
        t.database.db,
        c.id,
        'refuse',
        [REASONS.REGISTERED_IN_OTHER_MUNICIPALITY!],
        t.clock(),
      );
      expect(result.isFinal).toBe(false);
      const row = await e()
        .selectFrom('cases')
        .select(['status', 'decided_at'])
        .where('id', '=', c.id)
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ status: 'in_progress', decided_at: null });
      const tasks = await e().selectFrom('case_tasks').select(['kind', 'status']).where('case_id', '=', c.id).execute();
      expect(tasks).toEqual([{ kind: 'manual-review', status: 'open' }]);
    });

    it('an administrator can let refusals be final too (audited); manual is never final', async () => {
      await setPolicy(t.database.db, {
        serviceId: 'sfi',
        autoFinal: ['admit', 'refuse'],
        minutesPerManualCase: 45,
        actor: admin,
        now: t.clock(),
      });
      try {
        const refused = await submitFor(t.database.db, amina, t.clock());
        expect(
          (
            await decideByRules(
              t.database.db,
              refused.id,
              'refuse',
              [REASONS.REGISTERED_IN_OTHER_MUNICIPALITY!],
              t.clock(),
            )
          ).isFinal,
        ).toBe(true);
        const manual = await submitFor(t.database.db, amina, t.clock());
        expect(
          (await decideByRules(t.database.db, manual.id, 'manual', [REASONS.IDENTITY_UNVERIFIED!], t.clock())).isFinal,
        ).toBe(false);
        const audit = await e()
          .selectFrom('audit_events')
          .selectAll()
          .where('event_type', '=', 'e-service.policy-changed')
          .executeTakeFirstOrThrow();
        expect(audit).toMatchObject({
          actor_id: admin.id,
          subject_id: 'sfi',
          old_value: { autoFinal: ['admit'], minutesPerManualCase: 30 },
          new_value: { autoFinal: ['admit', 'refuse'], minutesPerManualCase: 45 },
        });
      } finally {
        await setPolicy(t.database.db, {
          serviceId: 'sfi',
          autoFinal: ['admit'],
          minutesPerManualCase: 30,
          actor: admin,
          now: t.clock(),
        });
      }
    });

    it('refuses illegal lifecycle moves: deciding a case not waiting for a caseworker, closing an undecided case, appealing an undecided case', async () => {
      const submitted = await submitFor(t.database.db, amina, t.clock());
      expect(
        await codeOf(
          decideManually(notify(), {
            caseId: submitted.id,
            outcome: 'admit',
            motivation: 'Ok',
            caseworker: sara,
            now: t.clock(),
          }),
        ),
      ).toBe('CONFLICT');
      expect(
        await codeOf(
          t.database.db
            .transaction()
            .execute((trx) =>
              closeCase(trx, { caseId: submitted.id, actor: { kind: 'system', component: 'test' }, now: t.clock() }),
            ),
        ),
      ).toBe('CONFLICT');
      expect(
        await codeOf(appeal(t.database.db, { userId: amina.id, caseId: submitted.id, text: 'Fel', now: t.clock() })),
      ).toBe('CONFLICT');
      const admitted = await submitFor(t.database.db, amina, t.clock());
      await decideByRules(t.database.db, admitted.id, 'admit', [REASONS.ELIGIBLE!], t.clock());
      expect(
        await codeOf(
          decideManually(notify(), {
            caseId: admitted.id,
            outcome: 'refuse',
            motivation: 'Nej',
            caseworker: sara,
            now: t.clock(),
          }),
        ),
      ).toBe('CONFLICT');
      await t.database.db
        .transaction()
        .execute((trx) =>
          closeCase(trx, { caseId: admitted.id, actor: { kind: 'system', component: 'test' }, now: t.clock() }),
        );
      expect(
        (await e().selectFrom('cases').select('status').where('id', '=', admitted.id).executeTakeFirstOrThrow()).status,
      ).toBe('closed');
    });
  });

  describe('caseworker', () => {
    it('decides manually: a decision record in the same format with actor caseworker, the task closed, the applicant notified by e-mail and on My pages, audited', async () => {
      const c = await submitFor(t.database.db, amina, t.clock(), { locale: 'en' });
      await decideByRules(t.database.db, c.id, 'manual', [REASONS.EVIDENCE_OF_RESIDENCE_REQUIRED!], t.clock());
      expect(
        await codeOf(
          decideManually(notify(), {
            caseId: c.id,
            outcome: 'admit',
            motivation: '   ',
            caseworker: sara,
            now: t.clock(),
          }),
        ),
      ).toBe('VALIDATION_FAILED');
      expect(
        await codeOf(
          decideManually(notify(), {
            caseId: c.id,
            outcome: 'admit',
            motivation: 'x',
            reasonCodes: ['AGE_BELOW_THRESHOLD'],
            caseworker: sara,
            now: t.clock(),
          }),
        ),
      ).toBe('VALIDATION_FAILED');
      const outboxBefore = await e().selectFrom('outbox_messages').select('id').execute();
      const decision = await decideManually(notify(), {
        caseId: c.id,
        outcome: 'admit',
        motivation: 'Intyget om uppehållsrätt visar att sökanden bor i kommunen.',
        reasonCodes: ['EVIDENCE_OF_RESIDENCE_REQUIRED'],
        caseworker: sara,
        now: t.clock(),
      });
      expect(decision).toMatchObject({
        kind: 'manual',
        outcome: 'admit',
        actor: { kind: 'caseworker', id: sara.id },
        reasons: [REASONS.EVIDENCE_OF_RESIDENCE_REQUIRED],
        ruleSet: null,
        isFinal: true,
        motivation: 'Intyget om uppehållsrätt visar att sökanden bor i kommunen.',
      });
      const row = await e().selectFrom('cases').select(['status']).where('id', '=', c.id).executeTakeFirstOrThrow();
      expect(row.status).toBe('decided');
      const tasks = await e().selectFrom('case_tasks').select(['status']).where('case_id', '=', c.id).execute();
      expect(tasks.every((task) => task.status === 'done')).toBe(true);
      const outbox = await e()
        .selectFrom('outbox_messages')
        .selectAll()
        .where(
          'id',
          'not in',
          outboxBefore.length ? outboxBefore.map((o) => o.id) : ['00000000-0000-0000-0000-000000000000'],
        )
        .execute();
      expect(outbox).toHaveLength(1);
      expect(outbox[0]).toMatchObject({
        channel: 'email',
        recipient: 'amina@example.test',
        subject: `Decision in your case ${c.caseNumber}`,
      });
      expect(outbox[0]!.body_text).toContain('You have been admitted');
      expect(outbox[0]!.body_text).toContain(`https://tjanster.example/mina-sidor/arenden/${c.id}`);
      expect(outbox[0]!.body_text).not.toContain('uppehållsrätt'); // the motivation stays on My pages
      const messages = await e()
        .selectFrom('case_messages')
        .select(['sender_kind', 'body'])
        .where('case_id', '=', c.id)
        .execute();
      expect(messages).toEqual([
        {
          sender_kind: 'system',
          body: 'Your case has a decision: You have been admitted. You can read the reasons under Decision.',
        },
      ]);
      const audit = await auditsOf('case.decided', c.id);
      expect(audit.at(-1)).toMatchObject({
        actor_kind: 'user',
        actor_id: sara.id,
        new_value: { kind: 'manual', outcome: 'admit', isFinal: true },
      });
    });

    it('without chosen reasons the decision cites MANUAL_DECISION with the service’s legal reference', async () => {
      const c = await submitFor(t.database.db, amina, t.clock());
      await decideByRules(t.database.db, c.id, 'refuse', [REASONS.REGISTERED_IN_OTHER_MUNICIPALITY!], t.clock());
      const decision = await decideManually(notify(), {
        caseId: c.id,
        outcome: 'admit',
        motivation: 'Flyttar hit nästa vecka.',
        caseworker: sara,
        now: t.clock(),
      });
      expect(decision.reasons).toEqual([{ code: 'MANUAL_DECISION', legalRef: 'SkolL 20 kap. 33 §' }]);
    });

    it('reassigns a case and its open task to a caseworker, audited; staff without the role cannot be given cases', async () => {
      const c = await submitFor(t.database.db, amina, t.clock());
      await decideByRules(t.database.db, c.id, 'manual', [REASONS.IDENTITY_UNVERIFIED!], t.clock());
      await reassign(t.database.db, { caseId: c.id, assignTo: sara.id, by: admin, now: t.clock() });
      const task = await e()
        .selectFrom('case_tasks')
        .select('assigned_to')
        .where('case_id', '=', c.id)
        .executeTakeFirstOrThrow();
      expect(task.assigned_to).toBe(sara.id);
      expect(await auditsOf('case.assigned', c.id)).toHaveLength(1);
      const erik = await user(t.database.db, 'erik');
      expect(
        await codeOf(reassign(t.database.db, { caseId: c.id, assignTo: erik.id, by: admin, now: t.clock() })),
      ).toBe('VALIDATION_FAILED');
    });

    it('reading a case logs the access (case.viewed: caseworker id and case id, nothing else) and marks the applicant’s messages read', async () => {
      const c = await submitFor(t.database.db, amina, t.clock());
      await sendMessage(t.database.db, {
        userId: amina.id,
        caseId: c.id,
        body: 'Jag har skickat intyget.',
        now: t.clock(),
      });
      const view = await getCaseForCaseworker(t.database.db, {
        caseId: c.id,
        viewer: sara,
        now: t.clock(),
        channel: 'web',
      });
      expect(view.case.applicant.name).toBe('Amina Yusuf');
      const audit = await auditsOf('case.viewed', c.id);
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({
        actor_kind: 'user',
        actor_id: sara.id,
        subject_type: 'case',
        subject_id: c.id,
        old_value: null,
        new_value: null,
      });
      const messages = await e().selectFrom('case_messages').select('read_at').where('case_id', '=', c.id).execute();
      expect(messages[0]!.read_at).not.toBeNull();
      expect(await verifyAuditChain(t.database.db)).toMatchObject({ ok: true });
    });

    it('never shows a protected-identity applicant’s address, to staff either', async () => {
      const c = await submitFor(t.database.db, amina, t.clock(), {
        applicant: {
          userId: amina.id,
          personalNumber: amina.personalNumber,
          contact: {
            name: 'Amina Yusuf',
            email: null,
            address: { street: 'Hemlig väg 1', postalCode: '211 11', city: 'Malmö' },
          },
        },
      });
      await e().updateTable('cases').set({ protected_identity: true }).where('id', '=', c.id).execute();
      const view = await getCaseForCaseworker(t.database.db, {
        caseId: c.id,
        viewer: sara,
        now: t.clock(),
        channel: 'web',
      });
      expect(view.case.applicant.address).toBeNull();
      expect(JSON.stringify(view)).not.toContain('Hemlig väg');
      const mine = await getMyCase(t.database.db, { userId: amina.id, caseId: c.id, now: t.clock() });
      expect(JSON.stringify(mine)).not.toContain('Hemlig väg');
    });

    it('a caseworker’s message reaches My pages and an e-mail says there is one (without the text)', async () => {
      const c = await submitFor(t.database.db, amina, t.clock());
      await sendCaseworkerMessage(notify(), {
        caseId: c.id,
        caseworker: sara,
        body: 'Skicka ditt intyg om uppehållsrätt.',
        now: t.clock(),
      });
      const outbox = await e()
        .selectFrom('outbox_messages')
        .selectAll()
        .orderBy('created_at', 'desc')
        .limit(1)
        .executeTakeFirstOrThrow();
      expect(outbox.subject).toBe(`Nytt meddelande i ditt ärende ${c.caseNumber}`);
      expect(outbox.body_text).not.toContain('uppehållsrätt');
      const mine = await getMyCase(t.database.db, { userId: amina.id, caseId: c.id, now: t.clock() });
      expect(mine.messages.map((m) => [m.senderKind, m.body])).toEqual([
        ['caseworker', 'Skicka ditt intyg om uppehållsrätt.'],
      ]);
    });
  });

  describe('appeals', () => {
    async function refusedCase(at: Date) {
      const c = await submitFor(t.database.db, amina, at);
      await decideByRules(t.database.db, c.id, 'refuse', [REASONS.REGISTERED_IN_OTHER_MUNICIPALITY!], at);
      await decideManually(notify(), {
        caseId: c.id,
        outcome: 'refuse',
        motivation: 'Folkbokförd i Lund.',
        reasonCodes: ['REGISTERED_IN_OTHER_MUNICIPALITY'],
        caseworker: sara,
        now: at,
      });
      return c;
    }

    it('an appeal within three weeks of reading the decision is on time: a case event, an appeal task, status appealed, audited', async () => {
      const decidedAt = new Date('2026-11-02T10:00:00Z');
      const c = await refusedCase(decidedAt);
      // The applicant reads the decision on My pages three days later: the three weeks start then.
      const readAt = new Date(decidedAt.getTime() + 3 * DAY);
      const mine = await getMyCase(t.database.db, { userId: amina.id, caseId: c.id, now: readAt });
      expect(mine.appeal).toMatchObject({ receivedOn: '2026-11-05', deadline: '2026-11-26', late: false });
      expect(mine.current?.received).toEqual({ at: readAt, via: 'my-pages' });
      // Reading it again does not move the day it was received.
      const again = await getMyCase(t.database.db, {
        userId: amina.id,
        caseId: c.id,
        now: new Date(readAt.getTime() + DAY),
      });
      expect(again.appeal).toMatchObject({ receivedOn: '2026-11-05', deadline: '2026-11-26' });
      expect(again.events.filter((event) => event.type === 'case.decision-received')).toHaveLength(1);
      expect(await auditsOf('case.decision-received', c.id)).toHaveLength(1);
      expect(
        await appeal(t.database.db, {
          userId: amina.id,
          caseId: c.id,
          text: 'Jag har flyttat till Malmö.',
          now: new Date(readAt.getTime() + 21 * DAY),
        }),
      ).toEqual({ late: false });
      const row = await e().selectFrom('cases').select('status').where('id', '=', c.id).executeTakeFirstOrThrow();
      expect(row.status).toBe('appealed');
      const tasks = await e()
        .selectFrom('case_tasks')
        .select(['kind', 'status'])
        .where('case_id', '=', c.id)
        .where('status', '=', 'open')
        .execute();
      expect(tasks).toEqual([{ kind: 'appeal', status: 'open' }]);
      const event = await e()
        .selectFrom('case_events')
        .select('data')
        .where('case_id', '=', c.id)
        .where('type', '=', 'case.appealed')
        .executeTakeFirstOrThrow();
      expect(event.data).toMatchObject({
        late: false,
        receivedOn: '2026-11-05',
        deadline: '2026-11-26',
        text: 'Jag har flyttat till Malmö.',
      });
      expect(await auditsOf('case.appealed', c.id)).toHaveLength(1);
      // A second appeal while the first is pending is refused.
      expect(
        await codeOf(
          appeal(t.database.db, {
            userId: amina.id,
            caseId: c.id,
            text: 'Igen',
            now: new Date(readAt.getTime() + 21 * DAY),
          }),
        ),
      ).toBe('CONFLICT');
      // The caseworker's changed decision on reconsideration makes the appeal lapse and closes the task.
      await reconsiderAppeal(notify(), {
        caseId: c.id,
        change: true,
        motivation: 'Folkbokförd i Malmö sedan 1 november.',
        caseworker: sara,
        now: new Date(readAt.getTime() + 22 * DAY),
      });
      expect(
        (
          await e()
            .selectFrom('case_tasks')
            .select('status')
            .where('case_id', '=', c.id)
            .where('status', '=', 'open')
            .execute()
        ).length,
      ).toBe(0);
    });

    it('an appeal after the last day is still accepted, marked late', async () => {
      const decidedAt = new Date('2026-11-02T10:00:00Z');
      const c = await refusedCase(decidedAt);
      await getMyCase(t.database.db, { userId: amina.id, caseId: c.id, now: decidedAt });
      // Read on Monday 2 November: the last day is Monday 23 November.
      const late = new Date('2026-11-23T23:00:00Z');
      expect((await getMyCase(t.database.db, { userId: amina.id, caseId: c.id, now: late })).appeal).toMatchObject({
        deadline: '2026-11-23',
        late: true,
      });
      expect(
        await appeal(t.database.db, { userId: amina.id, caseId: c.id, text: 'Sent men viktigt.', now: late }),
      ).toEqual({ late: true });
    });

    it('a decision read on 4 December may be appealed until Monday 28 December (after Christmas)', async () => {
      const c = await refusedCase(new Date('2026-12-01T09:00:00Z'));
      const readAt = new Date('2026-12-04T15:00:00Z');
      expect((await getMyCase(t.database.db, { userId: amina.id, caseId: c.id, now: readAt })).appeal).toMatchObject({
        receivedOn: '2026-12-04',
        deadline: '2026-12-28',
        late: false,
      });
      expect(
        await appeal(t.database.db, {
          userId: amina.id,
          caseId: c.id,
          text: 'Jag bor i Malmö.',
          now: new Date('2026-12-28T15:00:00Z'),
        }),
      ).toEqual({ late: false });
    });

    it('an appeal against a decision not yet marked received starts the time itself: on time', async () => {
      const c = await refusedCase(new Date('2026-01-05T09:00:00Z'));
      const now = new Date('2026-06-01T09:00:00Z');
      expect(await appeal(t.database.db, { userId: amina.id, caseId: c.id, text: 'Fel beslut.', now })).toEqual({
        late: false,
      });
      const [decision] = (await listDecisionsByCase(t.database.db, c.id)).filter((d) => d.isFinal);
      expect(decision?.received).toEqual({ at: now, via: 'appeal' });
    });

    it('an admission cannot be appealed, and nobody can appeal another resident’s case', async () => {
      const c = await submitFor(t.database.db, amina, t.clock());
      await decideByRules(t.database.db, c.id, 'admit', [REASONS.ELIGIBLE!], t.clock());
      expect((await getMyCase(t.database.db, { userId: amina.id, caseId: c.id, now: t.clock() })).appeal).toBeNull();
      expect(await codeOf(appeal(t.database.db, { userId: amina.id, caseId: c.id, text: 'Fel', now: t.clock() }))).toBe(
        'CONFLICT',
      );
      const refused = await refusedCase(t.clock());
      expect(
        await codeOf(appeal(t.database.db, { userId: oleksandr.id, caseId: refused.id, text: 'Fel', now: t.clock() })),
      ).toBe('NOT_FOUND');
      expect(await codeOf(getMyCase(t.database.db, { userId: oleksandr.id, caseId: refused.id, now: t.clock() }))).toBe(
        'NOT_FOUND',
      );
    });
  });
});

describe.each(testEngines())('queue and statistics on known data on %s', (engine) => {
  let t: TestApp;
  let amina: User;
  let sara: User;
  const notify = () => ({
    db: t.database.db,
    notifier: t.notifier,
    baseUrl: 'https://tjanster.example',
    municipalityName: 'Malmö stad',
  });

  beforeAll(async () => {
    t = await createTestApp({ engine });
    await ensureTestService(t.database.db);
    amina = await user(t.database.db, 'amina');
    sara = await user(t.database.db, 'sara');
    // Week 2026-W46 (Mon 9 Nov): 3 applications, 2 admitted by the rules after 1 h and 3 h, 1 to a caseworker (IDENTITY_UNVERIFIED) decided after 49 h.
    // Week 2026-W47: 1 application sent to a caseworker (REGISTERED_IN_OTHER_MUNICIPALITY), still waiting.
    const at = (iso: string) => new Date(iso);
    const a1 = await submitFor(t.database.db, amina, at('2026-11-09T08:00:00Z'));
    await decideByRules(t.database.db, a1.id, 'admit', [REASONS.ELIGIBLE!], at('2026-11-09T09:00:00Z'));
    const a2 = await submitFor(t.database.db, amina, at('2026-11-10T08:00:00Z'));
    await decideByRules(t.database.db, a2.id, 'admit', [REASONS.ELIGIBLE!], at('2026-11-10T11:00:00Z'));
    const m1 = await submitFor(t.database.db, amina, at('2026-11-11T08:00:00Z'));
    await decideByRules(t.database.db, m1.id, 'manual', [REASONS.IDENTITY_UNVERIFIED!], at('2026-11-11T08:01:00Z'));
    await decideManually(notify(), {
      caseId: m1.id,
      outcome: 'admit',
      motivation: 'Identiteten styrkt med pass.',
      caseworker: sara,
      now: at('2026-11-13T09:00:00Z'),
    });
    const w1 = await submitFor(t.database.db, amina, at('2026-11-17T08:00:00Z'));
    await decideByRules(
      t.database.db,
      w1.id,
      'refuse',
      [REASONS.REGISTERED_IN_OTHER_MUNICIPALITY!],
      at('2026-11-17T08:01:00Z'),
    );
  });
  afterAll(async () => t.close());

  it('lists the cases waiting for a caseworker by default, longest waiting first, without personal data', async () => {
    const page = await listQueue(t.database.db, { now: t.clock() });
    expect(page.total).toBe(1);
    expect(page.items[0]).toMatchObject({
      status: 'in_progress',
      openTask: 'manual-review',
      reasonCodes: ['REGISTERED_IN_OTHER_MUNICIPALITY'],
      latestOutcome: 'refuse',
    });
    expect(Object.keys(page.items[0]!)).not.toContain('applicant');
  });

  it('filters by status, reason code, service and waiting time', async () => {
    expect((await listQueue(t.database.db, { status: 'all', now: t.clock() })).total).toBe(4);
    expect((await listQueue(t.database.db, { status: 'decided', now: t.clock() })).total).toBe(3);
    expect(
      (await listQueue(t.database.db, { status: 'all', reasonCode: 'IDENTITY_UNVERIFIED', now: t.clock() })).items.map(
        (i) => i.status,
      ),
    ).toEqual(['decided']);
    expect((await listQueue(t.database.db, { status: 'all', reasonCode: 'ELIGIBLE', now: t.clock() })).total).toBe(2);
    expect((await listQueue(t.database.db, { status: 'all', serviceId: 'other', now: t.clock() })).total).toBe(0);
    // The waiting case went to the queue on 17 Nov; "now" is 28 Nov: 11 days.
    expect((await listQueue(t.database.db, { waitingLongerThanDays: 10, now: t.clock() })).total).toBe(1);
    expect((await listQueue(t.database.db, { waitingLongerThanDays: 12, now: t.clock() })).total).toBe(0);
  });

  it('exports the queue as CSV with formula-like cells neutralised', async () => {
    const waiting = (await listQueue(t.database.db, { now: t.clock() })).items[0]!;
    const evil = await eDb(t.database.db)
      .insertInto('users')
      .values({
        username: 'csv-test',
        display_name: '=HYPERLINK("http://evil.example","klicka")',
        kind: 'staff',
        roles: ['caseworker'],
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await reassign(t.database.db, { caseId: waiting.id, assignTo: evil.id, by: sara, now: t.clock() });
    const csv = await exportQueueCsv(t.database.db, { now: t.clock(), locale: 'en' });
    const lines = csv
      .replace(/^\ufeff/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe('Case number,E-service,Status,Received,Waiting since,Task,Reason codes,Caseworker,Identity');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(`"'=HYPERLINK(""http://evil.example"",""klicka"")"`);
    expect(lines[1]).toContain('REGISTERED_IN_OTHER_MUNICIPALITY');
  });

  it('computes applications per ISO week, the share decided automatically, the median time to decision and staff hours saved', async () => {
    const stats = await getStatistics(t.database.db, { serviceId: 'sfi', weeks: 4, now: t.clock() });
    expect(stats.weeks).toEqual([
      { week: '2026-W45', applications: 0, decidedAutomatically: 0, decidedManually: 0 },
      { week: '2026-W46', applications: 3, decidedAutomatically: 2, decidedManually: 1 },
      { week: '2026-W47', applications: 1, decidedAutomatically: 0, decidedManually: 0 },
      { week: '2026-W48', applications: 0, decidedAutomatically: 0, decidedManually: 0 },
    ]);
    expect(stats.applications).toBe(4);
    expect(stats.decided).toBe(3);
    expect(stats.automaticShare).toBeCloseTo(2 / 3);
    expect(stats.medianHoursToDecision).toBe(3); // 1 h, 3 h, 49 h
    expect(stats.staffHoursSaved).toBe(1); // 2 × 30 minutes
    expect(stats.minutesPerManualCase).toBe(30);
  });

  it('leaves weeks outside the window out', async () => {
    const stats = await getStatistics(t.database.db, { serviceId: 'sfi', weeks: 1, now: t.clock() });
    expect(stats).toMatchObject({
      applications: 0,
      decided: 0,
      automaticShare: null,
      medianHoursToDecision: null,
      staffHoursSaved: 0,
    });
  });
});
