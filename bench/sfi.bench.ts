import { randomUUID } from 'node:crypto';
import { admissionLetter } from '../test/fixtures/decision-letters.ts';
import { Agent, request } from 'node:http';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../test/helpers/app.ts';
import { createApiToken } from '../src/platform/auth/tokens.ts';
import { newSessionId, saveSession, SESSION_COOKIE } from '../src/platform/auth/session.ts';
import { findUserByPersonalNumber, findUserByUsername, upsertUser } from '../src/platform/auth/user.repository.ts';
import { evaluate, loadRuleSet } from '../src/modules/rules/index.ts';
import { sfiRuleSet } from '../src/modules/sfi/index.ts';
import { defaultSyntheticPopulation } from '../src/modules/sfi/facts/synthetic-population.ts';
import { renderDecisionLetter } from '../src/modules/sfi/letters/decision-letter.ts';
import type { DecisionLetterInput } from '../src/modules/sfi/letters/decision-letter.schema.ts';
import { exampleApplication } from '../src/modules/sfi/sfi-application.schema.ts';
import { emit } from './lib.ts';

/**
 * The SFI pipeline end to end: applications submitted over HTTP (the real app on a local port)
 * and decided by the real pg-boss workers in the same process. An application counts as decided
 * when its final decision (admit or refuse) is stored AND its notification is queued (the
 * pipeline's decision-notified step row, written in the transaction that queues the e-mail — the
 * decision's own); one handed to a caseworker (`manual`, with its review-notified row) counts
 * as referred, not decided. Meanwhile a prober asks for a visitor's start page and a
 * caseworker's queue every 100 ms: how the pages feel to everyone else while the pipeline runs,
 * and once more after it, alone. Half the applications come with the token of one of the
 * synthetic register's residents (facts → decision + notification, then enrolment → letter: the
 * letters are measured too: submit→letter latency), half without e-ID (facts →
 * decision → caseworker queue + "being reviewed" e-mail).
 *
 * Runs on PGlite, then on PostgreSQL when DATABASE_URL or TEST_DATABASE_URL is set (a scratch
 * database is created and dropped). BENCH_SFI_N applications (default 2000), BENCH_SFI_CONCURRENCY
 * concurrent submitters (default 48), JOB_POLL_SECONDS for the workers (default 0.5), BENCH_SFI_POOL
 * PostgreSQL connections (default 20).
 *
 * The submitters are a closed loop: each waits for its answer before it sends again. With 32 of
 * them the offered load itself stopped near 200/s (each submission takes ~160 ms under load), so
 * the figure measured the clients; 48 is the default, and 64 goes past the knee (p95 ≈ 2 s).
 */

const N = Number(process.env.BENCH_SFI_N ?? 2000);
const CONCURRENCY = Number(process.env.BENCH_SFI_CONCURRENCY ?? 48);
const POLL = process.env.JOB_POLL_SECONDS ?? '0.5';
const POOL = process.env.BENCH_SFI_POOL ?? '20';

/** CPU time (user + system) of these processes (PostgreSQL backends), in ms, from /proc; 0 for one that is gone or without /proc. */
function postgresCpuMs(pids: number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime
    } catch {
      // ended meanwhile, or not Linux
    }
  }
  return (ticks * 1000) / 100; // USER_HZ is 100 on Linux
}

/**
 * The submitters' HTTP client: node:http with keep-alive connections, one per submitter. Lighter
 * than fetch (no WHATWG streams), so less of the machine goes to the load generator, which runs
 * in this process and shares its cores with the system measured.
 */
const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
function post(url: string, headers: Record<string, string>, body: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: 'POST', agent, headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

function get(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function endToEnd(engine: 'pglite' | 'postgres'): Promise<void> {
  const t: TestApp = await createTestApp({
    engine,
    config: { RATE_LIMIT_MAX: '1000000000', JOB_POLL_SECONDS: POLL, DATABASE_POOL_SIZE: POOL },
  });
  try {
    const url = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const db = t.database.db as unknown as import('kysely').Kysely<any>;
    // Applicants with e-ID are the synthetic register's residents (568 of them), each signed in
    // with a token of their own, so one person sends one or two applications (N = 2,000), as a
    // city sees it. Until stop 25 one demo resident sent all of them: 600–1,000 applications by
    // one person made the pipeline's look-up of a person's other cases quadratic (the longest
    // statements on PGlite, 37 ms each), which no municipality sees.
    const residents = defaultSyntheticPopulation().people.filter((p) => p.scenario === 'resident' && p.personalNumber);
    const applicants: { token: string; body: string }[] = [];
    for (const person of residents.slice(0, Math.ceil(N / 2))) {
      // The demo seed may have made some of them users already.
      const user =
        (await findUserByPersonalNumber(t.database.db, person.personalNumber!)) ??
        (await upsertUser(t.database.db, {
          username: `bench-${person.id}`,
          subject: `bench-${person.id}`,
          displayName: `${person.name.givenName} ${person.name.familyName}`,
          kind: 'resident',
          roles: ['resident'],
          email: null,
          personalNumber: person.personalNumber,
        }));
      // The form as this person fills it in: their own name and date of birth, as the register has them.
      const body = exampleApplication({
        identity: {
          name: `${person.name.givenName} ${person.name.familyName}`,
          birthDate: person.register!.birthDate,
          residenceBasis: 'folkbokford',
        },
      });
      applicants.push({
        token: (await createApiToken(t.database.db, user.id, 'bench')).token,
        body: JSON.stringify(body),
      });
    }
    await t.jobs.work();

    const submittedAt = new Map<string, number>();
    /** When the pipeline was done with an application: a final decision, or a referral to a caseworker. */
    const settledAt = new Map<string, number>();
    const decidedAt = new Map<string, number>();
    const referred = new Set<string>();
    /** Applications with e-ID (admitted automatically): their decision letter follows the notification. */
    const withEid = new Set<string>();
    const letterAt = new Map<string, number>();
    let done = false;
    // CPU per decided application: this process (HTTP, jobs, letters) and this database's
    // PostgreSQL backends (from /proc; the pool's connections live through the run). On a shared
    // machine these say more than the rates, which depend on what else is running.
    const loopDelay = monitorEventLoopDelay({ resolution: 10 });
    loopDelay.enable();
    const cpuBefore = process.cpuUsage();
    const backends = async () =>
      (
        await sql<{ pid: number }>`select pid from pg_stat_activity where datname = current_database()`.execute(db)
      ).rows.map((r) => r.pid);
    const pgPidsBefore = engine === 'postgres' ? await backends() : [];
    const pgCpuBefore = postgresCpuMs(pgPidsBefore);
    const started = performance.now();
    // Watches for decisions and queued notifications (what the figure counts) while submitting:
    // asks only about submitted cases not yet seen decided, so the watcher's own cost stays flat.
    const watcher = (async () => {
      let round = 0;
      while (!done) {
        round++;
        const pending = [...submittedAt.keys()].filter((id) => !settledAt.has(id));
        if (pending.length > 0) {
          const rows = await sql<{
            case_id: string;
            outcome: string;
          }>`select distinct d.case_id, d.outcome from decisions d join sfi_pipeline_steps s on s.case_id = d.case_id where d.kind = 'automated' and d.case_id = any(${pending}::uuid[])`.execute(
            db,
          );
          const now = performance.now();
          for (const row of rows.rows) {
            if (settledAt.has(row.case_id)) continue;
            settledAt.set(row.case_id, now);
            // A final decision (admit or refuse) is what "decided" counts; `manual` hands the case to a caseworker.
            if (row.outcome === 'manual') referred.add(row.case_id);
            else decidedAt.set(row.case_id, now);
          }
        }
        // Letters lag seconds behind and their list grows long: asked about every 250 ms (that is
        // their figures' resolution), so the watcher's own queries stay a small part of the load.
        const awaitingLetter =
          round % 10 === 0 ? [...withEid].filter((id) => decidedAt.has(id) && !letterAt.has(id)) : [];
        if (awaitingLetter.length > 0) {
          const rows = await sql<{
            case_id: string;
          }>`select case_id from case_documents where kind = 'letter' and case_id = any(${awaitingLetter}::uuid[])`.execute(
            db,
          );
          const now = performance.now();
          for (const row of rows.rows) letterAt.set(row.case_id, now);
        }
        if (submittedAt.size === N && settledAt.size >= N && letterAt.size >= withEid.size) break;
        await new Promise((r) => setTimeout(r, 25));
      }
    })();
    // Pages for everyone else while the pipeline runs: a visitor's start page and a caseworker's
    // queue (signed in, read from the database), one request at a time every 100 ms.
    const caseworker = (await findUserByUsername(t.database.db, 'sara'))!;
    const sid = newSessionId();
    await saveSession(t.database.db, sid, { userId: caseworker.id }, new Date(t.clock().getTime() + 24 * 3600_000));
    const pages: { name: string; path: string; headers: Record<string, string> }[] = [
      { name: 'start page', path: '/', headers: {} },
      { name: 'caseworker queue', path: '/handlaggning', headers: { cookie: `${SESSION_COOKIE}=${sid}` } },
    ];
    const pageTimes = new Map<string, number[]>(pages.map((p) => [p.name, []]));
    let pageErrors = 0;
    const prober = (async () => {
      while (!done) {
        for (const page of pages) {
          const sent = performance.now();
          const status = await get(`${url}${page.path}`, page.headers);
          if (status !== 200) pageErrors++;
          pageTimes.get(page.name)!.push(performance.now() - sent);
        }
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
    let next = 0;
    let errors = 0;
    const withoutEid = JSON.stringify(exampleApplication());
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < N) {
          const i = next++;
          const headers: Record<string, string> = {
            'content-type': 'application/json',
            'idempotency-key': randomUUID(),
          };
          const applicant = i % 2 === 0 ? applicants[(i / 2) % applicants.length]! : undefined;
          if (applicant) headers.authorization = `Bearer ${applicant.token}`;
          const sent = performance.now();
          const response = await post(
            `${url}/api/v1/e-services/sfi/applications`,
            headers,
            applicant?.body ?? withoutEid,
          );
          if (response.status !== 202) {
            errors++;
            continue;
          }
          const { caseId } = JSON.parse(response.body) as { caseId: string };
          submittedAt.set(caseId, sent);
          if (i % 2 === 0) withEid.add(caseId);
        }
      }),
    );
    const submitSeconds = (performance.now() - started) / 1000;
    const deadline = performance.now() + 300_000;
    while (settledAt.size < submittedAt.size && performance.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    const wall = (Math.max(...settledAt.values()) - started) / 1000;
    while (letterAt.size < withEid.size && performance.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    done = true;
    await Promise.all([watcher, prober]);
    // The same pages once the pipeline is done, one at a time: what each costs on its own.
    const aloneTimes = new Map<string, number[]>(pages.map((p) => [p.name, []]));
    for (let i = 0; i < 20; i++)
      for (const page of pages) {
        const sent = performance.now();
        await get(`${url}${page.path}`, page.headers);
        aloneTimes.get(page.name)!.push(performance.now() - sent);
      }
    const latencies = [...submittedAt]
      .filter(([id]) => decidedAt.has(id))
      .map(([id, at]) => decidedAt.get(id)! - at)
      .sort((a, b) => a - b);
    const common = {
      engine,
      applications: N,
      concurrency: CONCURRENCY,
      pollSeconds: Number(POLL),
      ...(engine === 'postgres' ? { pool: Number(POOL) } : {}),
      loadAverage: loadavg().map((l) => Math.round(l * 100) / 100),
    };
    emit({
      bench: 'sfi',
      metric: 'submissions_per_second',
      value: Math.round(submittedAt.size / submitSeconds),
      unit: '1/s',
      ...common,
      errors,
    });
    emit({
      bench: 'sfi',
      metric: 'decided_per_second',
      value: Math.round(decidedAt.size / wall),
      unit: '1/s',
      ...common,
      decided: decidedAt.size,
      counts: 'final decisions (admit, refuse) only',
    });
    emit({
      bench: 'sfi',
      metric: 'referred_to_caseworker_per_second',
      value: Math.round(referred.size / wall),
      unit: '1/s',
      ...common,
      referred: referred.size,
    });
    emit({
      bench: 'sfi',
      metric: 'submit_to_decision_p50',
      value: Math.round(percentile(latencies, 50)),
      unit: 'ms',
      ...common,
    });
    emit({
      bench: 'sfi',
      metric: 'submit_to_decision_p95',
      value: Math.round(percentile(latencies, 95)),
      unit: 'ms',
      ...common,
    });
    // The admitted half's letters (PDF/A, rendered by the letter step after enrolment) while the run
    // goes on: how long after submitting the applicant can download it. (Their rate here is the
    // admitted half's submission rate; the letters' own capacity is letters_per_second above.)
    const letterLatencies = [...withEid]
      .filter((id) => letterAt.has(id))
      .map((id) => letterAt.get(id)! - submittedAt.get(id)!)
      .sort((a, b) => a - b);
    emit({
      bench: 'sfi',
      metric: 'submit_to_letter_p50',
      value: Math.round(percentile(letterLatencies, 50)),
      unit: 'ms',
      ...common,
    });
    emit({
      bench: 'sfi',
      metric: 'submit_to_letter_p95',
      value: Math.round(percentile(letterLatencies, 95)),
      unit: 'ms',
      ...common,
    });
    // Letters made while the run goes on, from the start to the last letter: the letter step's
    // rate under load (its thread shares the cores with everything else), not alone.
    if (letterAt.size > 0) {
      const lettersWall = (Math.max(...letterAt.values()) - started) / 1000;
      emit({
        bench: 'sfi',
        metric: 'letters_per_second_under_load',
        value: Math.round(letterAt.size / lettersWall),
        unit: '1/s',
        ...common,
        letters: letterAt.size,
      });
    }
    const cpu = process.cpuUsage(cpuBefore);
    loopDelay.disable();
    emit({
      bench: 'sfi',
      metric: 'node_cpu_ms_per_application',
      value: Math.round(((cpu.user + cpu.system) / 1000 / settledAt.size) * 100) / 100,
      unit: 'ms',
      ...common,
    });
    if (engine === 'postgres') {
      const pids = [...new Set([...pgPidsBefore, ...(await backends())])];
      emit({
        bench: 'sfi',
        metric: 'postgres_cpu_ms_per_application',
        value: Math.round(((postgresCpuMs(pids) - pgCpuBefore) / settledAt.size) * 100) / 100,
        unit: 'ms',
        ...common,
        backends: pids.length,
      });
    }
    for (const [name, times] of pageTimes) {
      const sorted = times.sort((a, b) => a - b);
      emit({
        bench: 'sfi',
        metric: 'page_p95_during_pipeline',
        value: Math.round(percentile(sorted, 95)),
        unit: 'ms',
        ...common,
        page: name,
        p50: Math.round(percentile(sorted, 50)),
        requests: sorted.length,
        errors: pageErrors,
      });
      const alone = aloneTimes.get(name)!.sort((a, b) => a - b);
      emit({
        bench: 'sfi',
        metric: 'page_p50_after_pipeline',
        value: Math.round(percentile(alone, 50) * 10) / 10,
        unit: 'ms',
        ...common,
        page: name,
        requests: alone.length,
      });
    }
    emit({
      bench: 'sfi',
      metric: 'event_loop_delay_p99',
      value: Math.round(loopDelay.percentile(99) / 1e6),
      unit: 'ms',
      ...common,
    });
  } finally {
    await t.close();
  }
}

async function rulesAlone(): Promise<void> {
  const ruleSet = await loadRuleSet('sfi', sfiRuleSet);
  const sample = {
    decisionDate: '2026-11-28',
    municipality: { code: '1280', offersSfiToTemporaryProtection: false },
    applicant: {
      birthDate: '1990-05-17',
      identityKind: 'personnummer',
      protectedIdentity: false,
      residenceBasis: 'folkbokford',
      registeredMunicipality: '1280',
      swedishLevel: 'none',
      nordicLanguageSufficient: false,
      yearsOfSchooling: 9,
      literateInOwnLanguage: true,
      knowsLatinAlphabet: true,
    },
    history: {
      firstAdmissionDate: null,
      completedCourseD: false,
      extensionGrantedUntil: null,
      specialReasonsStated: false,
    },
  };
  const until = performance.now() + 3000;
  const t0 = performance.now();
  let n = 0;
  while (performance.now() < until) {
    await evaluate(ruleSet, sample);
    n++;
  }
  emit({
    bench: 'sfi',
    metric: 'rule_evaluations_per_second',
    value: Math.round(n / ((performance.now() - t0) / 1000)),
    unit: '1/s',
  });

  const decision = (await evaluate(ruleSet, sample)).decision;
  const letter: DecisionLetterInput = {
    municipality: admissionLetter.municipality,
    caseNumber: 'SFI-2026-000001',
    decisionDate: '2026-11-28',
    applicant: {
      name: 'Exempel Person',
      postalAddress: { careOf: null, street: 'Exempelgatan 1', postalCode: '211 00', city: 'Malmö' },
    },
    protectedIdentity: false,
    decision: decision as DecisionLetterInput['decision'],
    facts: sample as DecisionLetterInput['facts'],
    decidedBy: { kind: 'automated' },
  };
  renderDecisionLetter(letter); // warm-up: fonts parsed once
  const lUntil = performance.now() + 3000;
  const l0 = performance.now();
  let letters = 0;
  while (performance.now() < lUntil) {
    renderDecisionLetter({ ...letter, caseNumber: `SFI-2026-${String(letters).padStart(6, '0')}` });
    letters++;
  }
  emit({
    bench: 'sfi',
    metric: 'letters_per_second',
    value: Math.round(letters / ((performance.now() - l0) / 1000)),
    unit: '1/s',
    threads: 1,
  });
}

export async function run(): Promise<void> {
  // BENCH_SFI_ENGINES=postgres (or pglite) limits the end-to-end runs to one engine.
  const only = process.env.BENCH_SFI_ENGINES;
  await rulesAlone();
  if (only !== 'postgres') await endToEnd('pglite');
  const pgUrl = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (pgUrl && only !== 'pglite') {
    process.env.TEST_DATABASE_URL = pgUrl; // the test helper creates its scratch database there
    await endToEnd('postgres');
  }
}
