import { createHash, randomBytes, randomUUID } from 'node:crypto';
import pino from 'pino';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSfiAutomation } from '../../src/modules/sfi/pipeline/sfi-automation.ts';
import { exampleApplication } from '../../src/modules/sfi/sfi-application.schema.ts';
import { verifyAuditChain } from '../../src/platform/audit/audit.service.ts';
import { createJobs } from '../../src/platform/jobs/jobs.service.ts';
import { createNotifier } from '../../src/platform/mail/notifier.service.ts';
import { testConfig } from '../helpers/app.ts';
import { testEngines } from '../helpers/database.ts';
import { runCrashHarness, type CrashRun } from './crash.ts';

/**
 * The SFI submission under SIGKILL: applications are POSTed (with an Idempotency-Key) to the
 * real app — test/harness/crash-target.ts, which composes it as src/main.ts does, workers
 * included — while the process is killed at random moments and restarted on the same data. Half
 * come with a resident's API token (e-ID: the full chain facts → decision → enrolment → letter →
 * notification), half without (facts → decision → caseworker queue + "being reviewed" message).
 * A client whose request a kill cut off does what a careful client does: it sends the same key
 * again after the restart; some keys the server acknowledged before a kill are sent again too.
 *
 * Then: every acknowledged submission is exactly one case, the same case for every answer on
 * its key; no case is half written (its events, audit event and first pipeline job committed
 * with it); and after draining the jobs every case has exactly one decision and its chain's end
 * state exactly once. Draining: the real workers start in this process, as a restarted process
 * would; the jobs a killed worker held come back through crash recovery (platform/jobs: claims and
 * heartbeats), and every application must be decided within 30 s of that start.
 *
 * CRASH_KILLS and CRASH_SEED make a longer or different run, as for crash.db.test.ts.
 */
const KILLS = Number(process.env.CRASH_KILLS ?? 2); // each start migrates and seeds: ~10 s on a busy 2-core machine
const SEED = Number(process.env.CRASH_SEED ?? 20261128);
const ROUTE = 'POST /api/v1/e-services/sfi/applications';

interface Submission {
  key: string;
  eId: boolean;
  /** The case id the server answered (202), if it answered. */
  caseId?: string;
  /** For a key sent again after it was acknowledged: the case the first answer named. */
  expected?: string;
}

const anonymousScope = (key: string) => createHash('sha256').update(`sfi\u0000anonymous\u0000${key}`).digest('hex');

describe.each(testEngines())('SFI submission and pipeline under SIGKILL on %s', (engine) => {
  let run: CrashRun<Submission>;
  const token = `smb_${randomBytes(24).toString('base64url')}`;
  /** Sent, but the kill cut the answer off: the client does not know whether it was stored. */
  const unknown: Submission[] = [];
  /** Keys never sent again after their outcome became unknown (the run ended first). */
  let neverRetried: Submission[] = [];
  let resentAfterCutOff = 0;
  /** Seconds from the restart of the workers until every SFI job had run. */
  let drainSeconds = Number.NaN;
  const body = JSON.stringify(exampleApplication());

  beforeAll(async () => {
    const acknowledgedBefore: (Submission & { cycle: number })[] = [];
    run = await runCrashHarness<Submission>({
      entry: 'test/harness/crash-target.ts',
      engine,
      seed: SEED,
      kills: KILLS,
      concurrency: 4,
      loadMs: [600, 1800],
      finalLoadMs: 500,
      env: { CRASH_RESIDENT_TOKEN: token, JOB_POLL_SECONDS: '0.5' },
      async request({ baseUrl, cycle, n, random, signal }) {
        let submission: Submission;
        const earlier = acknowledgedBefore.filter((a) => a.cycle < cycle);
        if (cycle > 1 && unknown.length > 0 && random() < 0.6) {
          submission = unknown.shift()!; // the careful client: same key again after the outage
          resentAfterCutOff++;
        } else if (earlier.length > 0 && random() < 0.15) {
          const first = earlier[Math.floor(random() * earlier.length)]!;
          submission = { key: first.key, eId: first.eId, expected: first.caseId! };
        } else {
          submission = { key: randomUUID(), eId: n % 2 === 0 };
        }
        const headers: Record<string, string> = {
          'content-type': 'application/json',
          'idempotency-key': submission.key,
        };
        if (submission.eId) headers.authorization = `Bearer ${token}`;
        let response: Response;
        let answer: { caseId?: string } | null;
        try {
          response = await fetch(`${baseUrl}/api/v1/e-services/sfi/applications`, {
            method: 'POST',
            headers,
            body,
            signal,
          });
          answer = (await response.json().catch(() => null)) as { caseId?: string } | null;
        } catch (error) {
          if (!submission.expected) unknown.push({ key: submission.key, eId: submission.eId });
          throw error;
        }
        const outcome = { ...submission, ...(answer?.caseId ? { caseId: answer.caseId } : {}) };
        if (response.status === 202 && !submission.expected) acknowledgedBefore.push({ ...outcome, cycle });
        return { route: ROUTE, status: response.status, value: outcome };
      },
    });
    neverRetried = [...unknown];
    console.log(
      JSON.stringify({
        harness: 'sfi-crash',
        engine,
        seed: SEED,
        cycles: run.cycles,
        resentAfterCutOff,
        resentAcknowledged: run.acknowledged.filter((a) => a.value.expected).length,
        unknownAtEnd: neverRetried.length,
      }),
    );

    // Drain: the real workers in this process, started as a restarted process would be. The
    // killed processes' jobs come back through crash recovery (their claims, no heartbeat), not
    // through their expiry: every application is decided within 30 s of this start.
    const config = testConfig({ JOB_POLL_SECONDS: '0.5' });
    const clock = () => new Date();
    const jobs = createJobs({ database: run.database, clock, log: pino({ level: 'silent' }), config });
    const notifier = createNotifier({ config, jobs, clock });
    for (const definition of createSfiAutomation({ config, jobs, notifier, clock }).definitions)
      jobs.register(definition);
    await jobs.start();
    const restarted = Date.now();
    await jobs.work();
    try {
      for (;;) {
        const { rows } = await sql<{
          n: number;
        }>`select count(*)::int as n from pgboss.job where name like 'sfi-%' and state in ('created', 'retry', 'active')`.execute(
          run.database.db,
        );
        if (rows[0]!.n === 0) break;
        if (Date.now() - restarted > 30_000) {
          const { rows: pending } =
            await sql`select name, state::text, retry_count, start_after, started_on, output, now() as now from pgboss.job where name like 'sfi-%' and state in ('created', 'retry', 'active')`.execute(
              run.database.db,
            );
          const { rows: procs } = await sql`select * from job_processes`.execute(run.database.db);
          throw new Error(
            `SFI jobs still pending 30 s after the restart: ${rows[0]!.n} ${JSON.stringify(pending)} ${JSON.stringify(procs)}`,
          );
        }
        await new Promise((r) => setTimeout(r, 200));
      }
      drainSeconds = (Date.now() - restarted) / 1000;
    } finally {
      await jobs.stop();
    }
    console.log(JSON.stringify({ harness: 'sfi-crash', engine, decidedWithinSecondsOfRestart: drainSeconds }));
  }, 240_000);

  afterAll(async () => {
    await run?.close();
  });

  async function casesWithKey(submission: Submission, residentId: string): Promise<string[]> {
    const scoped = submission.eId
      ? createHash('sha256').update(`sfi\u0000${residentId}\u0000${submission.key}`).digest('hex')
      : anonymousScope(submission.key);
    const { rows } = await sql<{ id: string }>`select id from cases where idempotency_key = ${scoped}`.execute(
      run.database.db,
    );
    return rows.map((r) => r.id);
  }

  async function residentId(): Promise<string> {
    const { rows } = await sql<{ id: string }>`select id from users where username = 'amina'`.execute(run.database.db);
    return rows[0]!.id;
  }

  it(`restarts after each of ${KILLS} SIGKILLs and acknowledges submissions in every cycle, on both paths`, () => {
    expect(run.cycles.map((c) => c.ended)).toEqual([...Array<string>(KILLS).fill('SIGKILL'), 'SIGTERM']);
    for (const cycle of run.cycles)
      expect(cycle.acknowledged, `cycle ${cycle.cycle} acknowledged nothing`).toBeGreaterThan(0);
    expect(run.acknowledged.some((a) => a.value.eId)).toBe(true);
    expect(run.acknowledged.some((a) => !a.value.eId)).toBe(true);
  });

  it('every acknowledged submission is exactly one case, the one its answer named; the same key again answers the same case', async () => {
    const resident = await residentId();
    const problems: string[] = [];
    for (const ack of run.acknowledged) {
      const ids = await casesWithKey(ack.value, resident);
      if (ids.length !== 1) problems.push(`#${ack.n} (cycle ${ack.cycle}): ${ids.length} cases for its key`);
      else if (ids[0] !== ack.value.caseId)
        problems.push(`#${ack.n}: answered case ${ack.value.caseId}, stored ${ids[0]}`);
      if (ack.value.expected && ack.value.caseId !== ack.value.expected)
        problems.push(`#${ack.n}: key sent again answered ${ack.value.caseId}, first ${ack.value.expected}`);
    }
    // A submission whose answer a kill cut off and that was never sent again: stored at most once.
    for (const submission of neverRetried) {
      const ids = await casesWithKey(submission, resident);
      if (ids.length > 1) problems.push(`unanswered key ${submission.key}: ${ids.length} cases`);
    }
    expect(problems, `seed ${SEED}`).toEqual([]);
  });

  it('no case is half written: each has its submitted event, its audit event and its first pipeline job', async () => {
    const { rows } = await sql<{ id: string; events: number; audits: number; jobs: number }>`
      select c.id,
        (select count(*)::int from case_events e where e.case_id = c.id and e.type = 'case.submitted') as events,
        (select count(*)::int from audit_events a where a.event_type = 'case.submitted' and a.subject_id = c.id::text) as audits,
        (select count(*)::int from pgboss.job j where j.name = 'sfi-gather-facts' and j.data->>'caseId' = c.id::text) as jobs
      from cases c where c.service_id = 'sfi'`.execute(run.database.db);
    expect(rows.length).toBeGreaterThanOrEqual(run.acknowledged.length > 0 ? 1 : 0);
    const broken = rows.filter((r) => r.events !== 1 || r.audits !== 1 || r.jobs !== 1);
    expect(broken, `seed ${SEED}`).toEqual([]);
  });

  it('after draining the jobs every case has exactly one decision and its chain’s end exactly once', async () => {
    const { rows } = await sql<{
      id: string;
      eid: boolean;
      status: string;
      decisions: number;
      outcome: string | null;
      decided_audits: number;
      enrolments: number;
      letters: number;
      decision_notified: number;
      review_notified: number;
    }>`
      select c.id, c.identity_verified as eid, c.status,
        (select count(*)::int from decisions d where d.case_id = c.id) as decisions,
        (select d.outcome from decisions d where d.case_id = c.id and d.kind = 'automated') as outcome,
        (select count(*)::int from audit_events a where a.event_type = 'case.decided' and a.subject_id = c.id::text) as decided_audits,
        (select count(*)::int from sfi_enrolments e where e.case_id = c.id) as enrolments,
        (select count(*)::int from case_documents d where d.case_id = c.id and d.kind = 'letter') as letters,
        (select count(*)::int from sfi_pipeline_steps s where s.case_id = c.id and s.step = 'decision-notified') as decision_notified,
        (select count(*)::int from sfi_pipeline_steps s where s.case_id = c.id and s.step = 'review-notified') as review_notified
      from cases c where c.service_id = 'sfi'`.execute(run.database.db);
    const expected = (eid: boolean) =>
      eid
        ? {
            status: 'decided',
            decisions: 1,
            outcome: 'admit',
            decided_audits: 1,
            enrolments: 1,
            letters: 1,
            decision_notified: 1,
            review_notified: 0,
          }
        : {
            status: 'in_progress',
            decisions: 1,
            outcome: 'manual',
            decided_audits: 1,
            enrolments: 0,
            letters: 0,
            decision_notified: 0,
            review_notified: 1,
          };
    const wrong = rows.filter((r) => {
      const want = expected(r.eid);
      return (Object.keys(want) as (keyof typeof want)[]).some((k) => r[k] !== want[k]);
    });
    expect(wrong.slice(0, 5), `seed ${SEED}: ${wrong.length} of ${rows.length} cases`).toEqual([]);
    expect(rows.some((r) => r.eid)).toBe(true);
    expect(await verifyAuditChain(run.database.db)).toMatchObject({ ok: true });
  });
});
