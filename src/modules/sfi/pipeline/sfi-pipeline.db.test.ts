import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { testEngines } from '../../../../test/helpers/database.ts';
import { readPdfText } from '../../../../test/helpers/pdf.ts';
import { csrfFor, sessionCookieFor } from '../../../../test/helpers/sessions.ts';
import { verifyAuditChain } from '../../../platform/audit/audit.service.ts';
import { createApiToken } from '../../../platform/auth/tokens.ts';
import { findUserByPersonalNumber, findUserByUsername } from '../../../platform/auth/user.repository.ts';
import {
  appeal,
  getAutomatedDecision,
  getCaseForProcessing,
  listDecisions,
  setPolicy,
  formFieldsOf,
  getSettingsInForce,
  saveSettingsFromForm,
} from '../../e-services/index.ts';
import { loadRuleSet, replayDecision } from '../../rules/index.ts';
import { findEnrolment } from '../enrolment.repository.ts';
import { createFakeRegisters } from '../facts/fake-registers.ts';
import { defaultSyntheticPopulation, type DemoPersonaKey } from '../facts/synthetic-population.ts';
import { exampleApplication, type SfiApplicationBody } from '../sfi-application.schema.ts';
import { SFI_SETTINGS_PARAMETERS } from '../sfi-e-service.ts';
import { sfiDecisionSchema, sfiFactsSchema } from '../sfi-facts.schema.ts';
import { sfiDb } from '../sfi.table.ts';
import { createSfiPipeline, type SfiPipeline } from './sfi-pipeline.ts';

const URL_ = '/api/v1/e-services/sfi/applications';
const population = defaultSyntheticPopulation();

describe.each(testEngines())('SFI application API and automation pipeline on %s', (engine) => {
  let t: TestApp;
  let pipeline: SfiPipeline;
  const db = () => t.database.db;
  const e = () => sfiDb(t.database.db) as unknown as import('kysely').Kysely<any>;

  beforeAll(async () => {
    t = await createTestApp({ engine });
    // The same pipeline as the app's, run in this process step by step (no worker polling).
    pipeline = createSfiPipeline({
      jobs: t.jobs,
      notifier: t.notifier,
      clock: t.clock,
      ...createFakeRegisters(population),
      municipalityCode: t.config.MUNICIPALITY_CODE,
      baseUrl: t.config.BASE_URL,
      municipalityName: t.config.MUNICIPALITY_NAME,
    });
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  /** A resident signed in with e-ID as a persona of the synthetic register, as an API token (the seeded demo user who is that persona, if any). */
  async function residentToken(key: DemoPersonaKey): Promise<string> {
    const persona = population.persona(key);
    const seeded = await findUserByPersonalNumber(db(), persona.personalNumber!);
    if (seeded) return (await createApiToken(db(), seeded.id, 'test')).token;
    const username = `p-${persona.personalNumber}`;
    await e()
      .insertInto('users')
      .values({
        username,
        subject: `dev:${username}`,
        display_name: 'Testperson',
        kind: 'resident',
        roles: ['resident'],
        email: `${username}@example.test`,
        personal_number: persona.personalNumber,
      })
      .onConflict((oc: any) => oc.column('username').doNothing())
      .execute();
    const user = await findUserByUsername(db(), username);
    return (await createApiToken(db(), user!.id, 'test')).token;
  }

  function apply(body: SfiApplicationBody | Record<string, unknown>, options: { key?: string; token?: string } = {}) {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (options.key !== null) headers['idempotency-key'] = options.key ?? randomUUID();
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    return t.app.inject({ method: 'POST', url: URL_, headers, payload: JSON.stringify(body) });
  }

  const countCases = async () =>
    Number(
      (
        (await e()
          .selectFrom('cases')
          .select((eb: any) => eb.fn.countAll().as('n'))
          .where('status', '<>', 'draft')
          .executeTakeFirstOrThrow()) as { n: unknown }
      ).n,
    );
  const outboxTo = (to: string) =>
    e().selectFrom('outbox_messages').select(['subject', 'body_text']).where('recipient', '=', to).execute();
  const letters = (caseId: string) =>
    e()
      .selectFrom('case_documents')
      .select(['id', 'content'])
      .where('case_id', '=', caseId)
      .where('kind', '=', 'letter')
      .execute();

  it('admits a demo persona applying with e-ID automatically: decision record, enrolment at a school, invitation, letter and an e-mail', async () => {
    const token = await residentToken('admitted-automatically');
    const response = await apply(exampleApplication({ identity: { residenceBasis: 'folkbokford' }, contact: {} }), {
      token,
    });
    expect(response.statusCode).toBe(202);
    const { caseId, caseNumber, status } = response.json();
    expect(caseNumber).toMatch(/^SFI-2026-\d{6}$/);
    expect(status).toBe('submitted');
    expect(await pipeline.runPipelineFor(db(), caseId)).toEqual(['gather-facts', 'enrol', 'letter']);

    const decision = await getAutomatedDecision(db(), caseId);
    expect(decision).toMatchObject({ outcome: 'admit', isFinal: true, ruleSet: { id: 'sfi', version: '2026-01-01' } });
    expect(decision!.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect((await getCaseForProcessing(db(), caseId)).status).toBe('decided');
    const enrolment = await findEnrolment(db(), caseId);
    expect(enrolment).toMatchObject({
      studyForm: 'daytime',
      studyPath: decision!.result.studyPath,
      schoolId: expect.any(String),
    });
    expect(enrolment!.assessmentDate > '2026-11-28').toBe(true);
    const [letter] = await letters(caseId);
    expect(letter).toBeDefined();
    expect(await readPdfText(letter!.content)).toContain(caseNumber);
    const mail = await outboxTo('amina@example.test'); // the demo resident amina is this persona
    expect(mail.map((m) => m.subject)).toEqual([
      expect.stringMatching(new RegExp(`^Kvitto: .*${caseNumber}`)),
      expect.stringContaining(caseNumber),
    ]);
  });

  it('sends an application without e-ID to the caseworker queue with IDENTITY_UNVERIFIED, even with a valid personal number, and says it is being reviewed', async () => {
    const persona = population.persona('admitted-automatically');
    const response = await apply(
      exampleApplication({
        identity: {
          personalNumber: persona.personalNumber!,
          name: 'Utan E-legitimation',
          residenceBasis: 'folkbokford',
        },
        contact: { email: 'no-eid@example.test' },
      }),
    );
    expect(response.statusCode).toBe(202);
    const { caseId } = response.json();
    expect(await pipeline.runPipelineFor(db(), caseId)).toEqual(['gather-facts']);
    const decision = await getAutomatedDecision(db(), caseId);
    expect(decision).toMatchObject({ outcome: 'manual', isFinal: false });
    expect(decision!.reasons.map((r) => r.code)).toContain('IDENTITY_UNVERIFIED');
    expect((await getCaseForProcessing(db(), caseId)).status).toBe('in_progress');
    const tasks = await e()
      .selectFrom('case_tasks')
      .select('kind')
      .where('case_id', '=', caseId)
      .where('status', '=', 'open')
      .execute();
    expect(tasks).toEqual([{ kind: 'manual-review' }]);
    expect(await letters(caseId)).toHaveLength(0);
    expect((await outboxTo('no-eid@example.test')).map((m) => m.subject)).toEqual([
      expect.stringContaining('Kvitto'),
      expect.stringContaining('granskas'),
    ]);
  });

  it('sends a refusal (asylum seeker) to the queue under the default policy; with refusals final it gets a letter with appeal instructions', async () => {
    const token = await residentToken('refused-asylum-seeker');
    const first = (
      await apply(exampleApplication({ identity: { residenceBasis: 'asylum-seeker' }, contact: {} }), { token })
    ).json();
    await pipeline.runPipelineFor(db(), first.caseId);
    expect(await getAutomatedDecision(db(), first.caseId)).toMatchObject({ outcome: 'refuse', isFinal: false });
    expect(await letters(first.caseId)).toHaveLength(0);

    const admin = (await findUserByUsername(db(), 'admin'))!;
    await setPolicy(db(), {
      serviceId: 'sfi',
      autoFinal: ['admit', 'refuse'],
      minutesPerManualCase: 30,
      actor: admin,
      now: t.clock(),
    });
    try {
      const second = (
        await apply(exampleApplication({ identity: { residenceBasis: 'asylum-seeker' }, contact: {} }), { token })
      ).json();
      expect(await pipeline.runPipelineFor(db(), second.caseId)).toEqual(['gather-facts', 'letter']);
      expect(await getAutomatedDecision(db(), second.caseId)).toMatchObject({ outcome: 'refuse', isFinal: true });
      const [letter] = await letters(second.caseId);
      const text = await readPdfText(letter!.content);
      expect(text).toContain('överklagandenämnd');
      expect(text).toContain('tre veckor');
    } finally {
      await setPolicy(db(), {
        serviceId: 'sfi',
        autoFinal: ['admit'],
        minutesPerManualCase: 30,
        actor: admin,
        now: t.clock(),
      });
    }
  });

  it('prints the board, delegation and appeal address in force on the decision date: a change reaches the next letter, not an earlier one', async () => {
    const token = await residentToken('refused-asylum-seeker');
    const admin = (await findUserByUsername(db(), 'admin'))!;
    const policy = (autoFinal: ('admit' | 'refuse')[]) =>
      setPolicy(db(), { serviceId: 'sfi', autoFinal, minutesPerManualCase: 30, actor: admin, now: t.clock() });
    const refusal = async () =>
      (
        await apply(exampleApplication({ identity: { residenceBasis: 'asylum-seeker' }, contact: {} }), { token })
      ).json().caseId as string;
    const letterOf = async (caseId: string) => readPdfText((await letters(caseId))[0]!.content);
    const start = t.clock().toISOString();
    await policy(['admit', 'refuse']);
    try {
      // Decided on 28 November, under the seeded settings.
      const earlier = await refusal();
      await pipeline.runPipelineFor(db(), earlier);
      const before = await letterOf(earlier);
      expect(before).toContain(
        'Arbetsmarknads- och vuxenutbildningsnämnden, Malmö stad, genom automatiserat beslutsfattande',
      );
      expect(before).toContain('skicka ett brev till Malmö stad, Vuxenutbildningen, Box 100, 205 80 Malmö.');
      // Decided on 28 November too, its letter made only after the change below takes effect.
      const lateLetter = await refusal();
      await pipeline.runStep(db(), 'gather-facts', lateLetter);

      const seeded = (await getSettingsInForce(db(), 'sfi', '2026-11-28'))!;
      await saveSettingsFromForm(db(), {
        serviceId: 'sfi',
        values: {
          ...formFieldsOf(seeded.settings, '2026-11-30'),
          board: 'Vuxenutbildningsnämnden',
          delegationAutomated: 'Delegationsordning för vuxenutbildningsnämnden, punkt 2.1',
          street: 'Box 200',
          postalCode: '21120',
        },
        parameters: SFI_SETTINGS_PARAMETERS,
        actor: admin,
        now: t.clock(),
      });
      t.clock.set('2026-12-01T09:00:00Z');
      await pipeline.runStep(db(), 'letter', lateLetter);
      const later = await refusal();
      await pipeline.runPipelineFor(db(), later);

      expect(await letterOf(earlier)).toBe(before);
      expect(await letterOf(lateLetter)).toContain('Arbetsmarknads- och vuxenutbildningsnämnden, Malmö stad');
      const after = await letterOf(later);
      expect(after).toContain(
        'Beslutet har fattats av Vuxenutbildningsnämnden, Malmö stad, genom automatiserat beslutsfattande enligt Delegationsordning för vuxenutbildningsnämnden, punkt 2.1.',
      );
      expect(after).toContain('skicka ett brev till Malmö stad, Vuxenutbildningen, Box 200, 211 20 Malmö.');
      expect(after).not.toContain('Box 100');
    } finally {
      t.clock.set(start);
      await policy(['admit']);
    }
  });

  it('reads whether SFI is offered under temporary protection from the settings in force, as a municipality-config fact', async () => {
    const token = await residentToken('refused-asylum-seeker');
    const admin = (await findUserByUsername(db(), 'admin'))!;
    const apply_ = async () =>
      (
        await apply(exampleApplication({ identity: { residenceBasis: 'temporary-protection' }, contact: {} }), {
          token,
        })
      ).json().caseId as string;
    const start = t.clock().toISOString();
    try {
      const refused = await apply_();
      await pipeline.runPipelineFor(db(), refused);
      expect((await getAutomatedDecision(db(), refused))?.reasons.map((r) => r.code)).toEqual([
        'NOT_ENTITLED_TEMPORARY_PROTECTION',
      ]);
      const inForce = (await getSettingsInForce(db(), 'sfi', '2026-11-28'))!;
      await saveSettingsFromForm(db(), {
        serviceId: 'sfi',
        values: { ...formFieldsOf(inForce.settings, '2026-11-29'), 'parameter-offersSfiToTemporaryProtection': 'yes' },
        parameters: SFI_SETTINGS_PARAMETERS,
        actor: admin,
        now: t.clock(),
      });
      t.clock.set('2026-11-29T09:00:00Z');
      const offered = await apply_();
      await pipeline.runPipelineFor(db(), offered);
      expect((await getAutomatedDecision(db(), offered))?.reasons.map((r) => r.code)).toEqual([
        'OFFER_TEMPORARY_PROTECTION',
      ]);
      const fact = await e()
        .selectFrom('case_facts')
        .select(['value', 'source'])
        .where('case_id', '=', offered)
        .where('name', '=', 'municipality.offersSfiToTemporaryProtection')
        .executeTakeFirst();
      expect(fact).toEqual({ value: true, source: 'municipality-config' });
    } finally {
      // Back to not offering it, from the next day on (a version cannot take effect in the past).
      const inForce = (await getSettingsInForce(db(), 'sfi', '2026-11-29'))!;
      await saveSettingsFromForm(db(), {
        serviceId: 'sfi',
        values: { ...formFieldsOf(inForce.settings, '2026-11-30'), 'parameter-offersSfiToTemporaryProtection': 'no' },
        parameters: SFI_SETTINGS_PARAMETERS,
        actor: admin,
        now: t.clock(),
      });
      t.clock.set(start);
    }
  });

  it('queues a receipt e-mail at submission in the applicant’s language with the case number and nothing personal; once on a double or racing submission; none without an e-mail', async () => {
    const key = randomUUID();
    const body = exampleApplication({
      identity: { personalNumber: '199104121018', name: 'Kvittot Testar', residenceBasis: 'folkbokford' },
      contact: { email: 'receipt@example.test' },
    });
    const send = () =>
      t.app.inject({
        method: 'POST',
        url: `${URL_}?lang=ar`,
        headers: { 'content-type': 'application/json', 'idempotency-key': key },
        payload: JSON.stringify(body),
      });
    const [first, second] = await Promise.all([send(), send()]);
    const third = await send();
    expect([first.statusCode, second.statusCode, third.statusCode]).toEqual([202, 202, 202]);
    const { caseNumber } = first.json();
    const mail = await outboxTo('receipt@example.test');
    expect(mail).toHaveLength(1);
    expect(mail[0]!.subject).toContain(caseNumber);
    expect(mail[0]!.subject).toContain('إيصال'); // Arabic: the language the application was made in
    for (const personal of ['Kvittot', '199104121018', '1991']) expect(mail[0]!.body_text).not.toContain(personal);

    const phoneOnly = await apply(exampleApplication({ contact: { phone: '070-123 45 67' } }));
    expect(phoneOnly.statusCode).toBe(202);
    const queued = await e()
      .selectFrom('outbox_messages')
      .select('subject')
      .where('subject', 'like', `%${phoneOnly.json().caseNumber}%`)
      .execute();
    expect(queued).toEqual([]);
  });

  it('requires a postal address without e-ID (the decision goes by post) and stores it normalised; with e-ID it is not required', async () => {
    const before = await countCases();
    const missing = await apply(exampleApplication({ contact: { email: 'no-address@example.test', address: null } }));
    expect(missing.statusCode).toBe(422);
    expect(missing.json().errors).toEqual([
      { field: 'contact.address', code: 'required', message: expect.any(String) },
    ]);
    const badCode = await apply(
      exampleApplication({
        contact: { email: 'no-address@example.test', address: { street: 'Gatan 1', postalCode: '0123', city: 'X' } },
      }),
    );
    expect(badCode.statusCode).toBe(422);
    expect(badCode.json().errors).toEqual([
      { field: 'contact.address.postalCode', code: 'invalid', message: expect.any(String) },
    ]);
    expect(await countCases()).toBe(before);

    const given = await apply(
      exampleApplication({
        contact: {
          email: 'with-address@example.test',
          address: { street: ' Gatan 1 ', postalCode: '21145', city: 'Malmö' },
        },
      }),
    );
    expect(given.statusCode).toBe(202);
    expect((await getCaseForProcessing(db(), given.json().caseId)).applicant.address).toEqual({
      careOf: null,
      street: 'Gatan 1',
      postalCode: '211 45',
      city: 'Malmö',
    });

    const token = await residentToken('admitted-automatically');
    const eId = await apply(
      exampleApplication({ identity: { residenceBasis: 'folkbokford' }, contact: { address: null } }),
      {
        token,
      },
    );
    expect(eId.statusCode).toBe(202);
    expect((await getCaseForProcessing(db(), eId.json().caseId)).applicant.address).toBeNull();
  });

  it('answers the same Idempotency-Key again with the same case and creates nothing', async () => {
    const key = randomUUID();
    const body = exampleApplication({ contact: { email: 'twice@example.test' } });
    const first = await apply(body, { key });
    const before = await countCases();
    const again = await apply(body, { key });
    expect(again.statusCode).toBe(202);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(again.json()).toEqual(first.json());
    expect(await countCases()).toBe(before);
  });

  it('makes one case for an Idempotency-Key raced 8 times: one 202, the other 7 its replay marked Idempotent-Replayed', async () => {
    const key = randomUUID();
    const body = exampleApplication({ contact: { email: 'raced@example.test' } });
    const before = await countCases();
    const answers = await Promise.all(Array.from({ length: 8 }, () => apply(body, { key })));
    expect(await countCases()).toBe(before + 1);
    expect(answers.map((a) => a.statusCode)).toEqual(Array(8).fill(202));
    const originals = answers.filter((a) => a.headers['idempotent-replayed'] === undefined);
    expect(originals).toHaveLength(1);
    for (const answer of answers.filter((a) => a !== originals[0])) {
      expect(answer.headers['idempotent-replayed']).toBe('true');
      expect(answer.json()).toEqual(originals[0]!.json());
    }
    expect(await outboxTo('raced@example.test')).toHaveLength(1); // one receipt
  });

  it('refuses bad input with 422 field errors and stores nothing: check digit, future birth date, overlong text, wrong types, missing key', async () => {
    const before = await countCases();
    const cases: Array<[Record<string, unknown>, string]> = [
      [
        exampleApplication({ identity: { personalNumber: '19910412-1019', name: 'X', residenceBasis: 'folkbokford' } }),
        'identity.personalNumber',
      ],
      [
        exampleApplication({ identity: { birthDate: '2099-01-01', name: 'X', residenceBasis: 'folkbokford' } }),
        'identity.birthDate',
      ],
      [exampleApplication({ adaptationNeeds: 'x'.repeat(500_000) }), 'adaptationNeeds'],
      [{ ...exampleApplication(), yearsOfSchooling: 'nine' }, 'yearsOfSchooling'],
    ];
    for (const [body, field] of cases) {
      const response = await apply(body);
      expect(response.statusCode, field).toBe(422);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(JSON.stringify(response.json())).toContain(field);
    }
    expect((await apply(exampleApplication({ adaptationNeeds: 'x'.repeat(1_100_000) }))).statusCode).toBe(413);
    expect((await apply(exampleApplication(), { key: null as unknown as string })).statusCode).toBe(422);
    expect(await countCases()).toBe(before);
  });

  it('makes a retried step after a crash a no-op: one decision, one letter, one e-mail', async () => {
    const token = await residentToken('admitted-study-path-3');
    const { caseId } = (
      await apply(exampleApplication({ contact: { email: 'retry@example.test' } }), { token })
    ).json();
    await pipeline.runPipelineFor(db(), caseId);
    // Every step delivered again (a worker died after committing, before completing the job).
    for (const step of ['gather-facts', 'enrol', 'letter'] as const)
      expect(await pipeline.runStep(db(), step, caseId)).toEqual([]);
    expect(await listDecisions(db(), caseId)).toHaveLength(1);
    expect(await letters(caseId)).toHaveLength(1);
    expect(await outboxTo('retry@example.test')).toHaveLength(2); // the receipt and the decision
    const seats = await e().selectFrom('sfi_enrolments').select('case_id').where('case_id', '=', caseId).execute();
    expect(seats).toHaveLength(1);
  });

  it('replays a stored decision identically (rules module replayDecision)', async () => {
    const token = await residentToken('admitted-study-path-1');
    const { caseId } = (await apply(exampleApplication({ yearsOfSchooling: 4 }), { token })).json();
    await pipeline.runPipelineFor(db(), caseId);
    const stored = (await getAutomatedDecision(db(), caseId))!;
    const replay = await replayDecision(
      await loadRuleSet('sfi', { facts: sfiFactsSchema, decision: sfiDecisionSchema }),
      { facts: stored.facts, ruleSet: stored.ruleSet!, contentHash: stored.contentHash!, decision: stored.result },
    );
    expect(replay.identical).toBe(true);
  });

  /** The gather-facts step's batch handler, called as the job system calls it with the jobs of one fetch. */
  function gatherAsOneBatch(caseIds: readonly string[]) {
    const definition = pipeline.definitions.find((d) => d.name === 'sfi-gather-facts')!;
    expect(definition.handleBatch).toBeTypeOf('function');
    const jobs = caseIds.map((caseId) => ({ id: randomUUID(), payload: { caseId } }));
    return definition.handleBatch!(jobs, { db: db(), clock: t.clock, log: pino({ level: 'silent' }) });
  }

  /** Every row the gather-facts step writes for these cases (and the whole outbox, mail jobs and audit chain), counted per kind. */
  async function writtenFor(caseIds: readonly string[]) {
    const n = async (query: ReturnType<typeof sql<{ n: unknown }>>) => Number((await query.execute(db())).rows[0]!.n);
    const ofCases = (table: string) =>
      n(sql<{ n: unknown }>`select count(*) as n from ${sql.table(table)} where case_id in (${sql.join(caseIds)})`);
    return {
      decisions: await ofCases('decisions'),
      facts: await ofCases('case_facts'),
      events: await ofCases('case_events'),
      messages: await ofCases('case_messages'),
      tasks: await ofCases('case_tasks'),
      steps: await ofCases('sfi_pipeline_steps'),
      outbox: await n(sql<{ n: unknown }>`select count(*) as n from outbox_messages`),
      followUpJobs: await n(
        sql<{
          n: unknown;
        }>`select count(*) as n from pgboss.job where name like 'sfi-%' and name <> 'sfi-gather-facts' and data->>'caseId' in (${sql.join(caseIds)})`,
      ),
      mailJobs: await n(sql<{ n: unknown }>`select count(*) as n from pgboss.job where name = 'send-email'`),
      audits: await n(sql<{ n: unknown }>`select count(*) as n from audit_events`),
    };
  }

  it('decides a batch of cases of every kind in one run of the gather-facts step (handleBatch), as each would be decided alone; the same batch again writes nothing', async () => {
    const admin = (await findUserByUsername(db(), 'admin'))!;
    // Refusals final, so the batch holds every branch: admit (enrol), refuse (letter), manual (caseworker).
    await setPolicy(db(), {
      serviceId: 'sfi',
      autoFinal: ['admit', 'refuse'],
      minutesPerManualCase: 30,
      actor: admin,
      now: t.clock(),
    });
    try {
      const noEid = population.persona('admitted-automatically');
      const applications: {
        label: string;
        body: SfiApplicationBody;
        token?: string;
        outcome: string;
        status: string;
        event: string;
        step: string;
        followUp: string[];
        mail: RegExp;
      }[] = [
        {
          label: 'admitted with e-ID',
          body: exampleApplication({
            identity: { residenceBasis: 'folkbokford' },
            contact: { email: 'batch-admit-1@example.test' },
          }),
          token: await residentToken('admitted-automatically'),
          outcome: 'admit',
          status: 'decided',
          event: 'case.decided',
          step: 'decision-notified',
          followUp: ['sfi-enrol'],
          mail: /^Beslut i ditt ärende /,
        },
        {
          label: 'admitted with e-ID, study path 3',
          body: exampleApplication({ contact: { email: 'batch-admit-2@example.test' } }),
          token: await residentToken('admitted-study-path-3'),
          outcome: 'admit',
          status: 'decided',
          event: 'case.decided',
          step: 'decision-notified',
          followUp: ['sfi-enrol'],
          mail: /^Beslut i ditt ärende /,
        },
        {
          label: 'without e-ID',
          body: exampleApplication({
            identity: {
              personalNumber: noEid.personalNumber!,
              name: 'Batch Utan E-legitimation',
              residenceBasis: 'folkbokford',
            },
            contact: { email: 'batch-manual@example.test' },
          }),
          outcome: 'manual',
          status: 'in_progress',
          event: 'case.sent-to-caseworker',
          step: 'review-notified',
          followUp: [],
          mail: /granskas/,
        },
        {
          label: 'refused (asylum seeker)',
          body: exampleApplication({
            identity: { residenceBasis: 'asylum-seeker' },
            contact: { email: 'batch-refuse@example.test' },
          }),
          token: await residentToken('refused-asylum-seeker'),
          outcome: 'refuse',
          status: 'decided',
          event: 'case.decided',
          step: 'decision-notified',
          followUp: ['sfi-letter'],
          mail: /^Beslut i ditt ärende /,
        },
      ];
      expect(population.persona('admitted-automatically').expected.outcome).toBe('admit');
      expect(population.persona('admitted-study-path-3').expected.outcome).toBe('admit');
      expect(population.persona('refused-asylum-seeker').expected.outcome).toBe('refuse');
      const submitted: { caseId: string; caseNumber: string }[] = [];
      for (const a of applications) {
        const response = await apply(a.body, a.token ? { token: a.token } : {});
        expect(response.statusCode, a.label).toBe(202);
        submitted.push(response.json());
      }
      const ids = submitted.map((s) => s.caseId);
      const auditBefore = await verifyAuditChain(db());
      expect(auditBefore.ok).toBe(true);

      // One batch, as one fetch of the queue hands it over (the first case's job delivered twice
      // within it); no job of it fails.
      const failures = await gatherAsOneBatch([...ids, ids[0]!]);
      expect(failures === undefined || failures.size === 0).toBe(true);

      for (const [i, a] of applications.entries()) {
        const { caseId, caseNumber } = submitted[i]!;
        const decisions = await listDecisions(db(), caseId);
        expect(decisions, a.label).toHaveLength(1);
        expect(decisions[0], a.label).toMatchObject({
          kind: 'automated',
          outcome: a.outcome,
          isFinal: a.outcome !== 'manual',
        });
        expect((await getCaseForProcessing(db(), caseId)).status, a.label).toBe(a.status);

        const facts = await e()
          .selectFrom('case_facts')
          .select(['name', 'source'])
          .where('case_id', '=', caseId)
          .execute();
        expect(facts.length, a.label).toBeGreaterThan(3);
        expect(facts, a.label).toContainEqual({ name: 'decisionDate', source: 'platform' });
        if (a.token)
          expect(
            facts.map((f: { source: string }) => f.source),
            a.label,
          ).toContain('population-register');
        else expect(facts, a.label).toContainEqual({ name: 'applicant.identityKind', source: 'platform' });

        const events = (await e().selectFrom('case_events').select('type').where('case_id', '=', caseId).execute()).map(
          (x: { type: string }) => x.type,
        );
        expect(
          events.filter((type: string) => type === 'case.facts-gathered'),
          a.label,
        ).toHaveLength(1);
        expect(
          events.filter((type: string) => type === a.event),
          a.label,
        ).toHaveLength(1);
        expect(
          events.filter((type: string) => ['case.decided', 'case.sent-to-caseworker'].includes(type)),
          a.label,
        ).toHaveLength(1);

        const steps = await e().selectFrom('sfi_pipeline_steps').select('step').where('case_id', '=', caseId).execute();
        expect(
          steps.map((s: { step: string }) => s.step),
          a.label,
        ).toEqual([a.step]);
        const tasks = await e()
          .selectFrom('case_tasks')
          .select('kind')
          .where('case_id', '=', caseId)
          .where('status', '=', 'open')
          .execute();
        expect(tasks, a.label).toEqual(a.outcome === 'manual' ? [{ kind: 'manual-review' }] : []);

        // The receipt (at submission) and one e-mail about the decision or the review.
        const mail = (await outboxTo(a.body.contact.email!)).map((m) => m.subject);
        expect(mail, a.label).toHaveLength(2);
        expect(
          mail.filter((subject) => a.mail.test(subject) && subject.includes(caseNumber)),
          a.label,
        ).toHaveLength(1);
        expect(
          mail.filter((subject) => subject.includes('Kvitto')),
          a.label,
        ).toHaveLength(1);

        const jobs = (
          await sql<{
            name: string;
            data: { caseId: string };
          }>`select name, data from pgboss.job where name like 'sfi-%' and name <> 'sfi-gather-facts' and data->>'caseId' = ${caseId}`.execute(
            db(),
          )
        ).rows;
        expect(jobs, a.label).toEqual(a.followUp.map((name) => ({ name, data: { caseId } })));

        const audits = await e()
          .selectFrom('audit_events')
          .select(['new_value'])
          .where('event_type', '=', 'case.decided')
          .where('subject_id', '=', caseId)
          .execute();
        expect(audits, a.label).toHaveLength(1);
        expect(audits[0]!.new_value, a.label).toMatchObject({
          decisionId: decisions[0]!.id,
          kind: 'automated',
          outcome: a.outcome,
          isFinal: a.outcome !== 'manual',
        });
      }
      const audit = await verifyAuditChain(db());
      expect(audit).toMatchObject({ ok: true });
      expect(audit.count).toBe(auditBefore.count + applications.length);

      // At-least-once delivery: the whole batch delivered again writes nothing more.
      const before = await writtenFor(ids);
      expect(before).toMatchObject({ decisions: 4, steps: 4, followUpJobs: 3 });
      expect(await gatherAsOneBatch(ids)).toBeUndefined();
      expect(await writtenFor(ids)).toEqual(before);
      expect(await verifyAuditChain(db())).toMatchObject({ ok: true, count: audit.count });
    } finally {
      await setPolicy(db(), {
        serviceId: 'sfi',
        autoFinal: ['admit'],
        minutesPerManualCase: 30,
        actor: admin,
        now: t.clock(),
      });
    }
  });

  it('a batch naming a case that does not exist throws (its jobs then run alone) and writes nothing for the other cases of the batch', async () => {
    const token = await residentToken('admitted-study-path-1');
    const persona = population.persona('admitted-automatically');
    const ids = [
      (
        await apply(exampleApplication({ yearsOfSchooling: 4, contact: { email: 'batch-missing-1@example.test' } }), {
          token,
        })
      ).json().caseId as string,
      (
        await apply(
          exampleApplication({
            identity: { personalNumber: persona.personalNumber!, name: 'Batch Saknas', residenceBasis: 'folkbokford' },
            contact: { email: 'batch-missing-2@example.test' },
          }),
        )
      ).json().caseId as string,
    ];
    const before = await writtenFor(ids);
    expect(before).toMatchObject({ decisions: 0, facts: 0, steps: 0, followUpJobs: 0 });

    await expect(gatherAsOneBatch([ids[0]!, randomUUID(), ids[1]!])).rejects.toThrow(/There is no case/);
    expect(await writtenFor(ids)).toEqual(before);
    for (const caseId of ids) {
      expect(await listDecisions(db(), caseId)).toEqual([]);
      expect((await getCaseForProcessing(db(), caseId)).status).toBe('submitted');
    }
    expect(await verifyAuditChain(db())).toMatchObject({ ok: true });

    // As the job system then does: each job alone. The good cases are decided; the missing one fails alone.
    const definition = pipeline.definitions.find((d) => d.name === 'sfi-gather-facts')!;
    const alone = (caseId: string) =>
      definition.handler(
        { caseId },
        { db: db(), clock: t.clock, log: pino({ level: 'silent' }), jobId: randomUUID(), retryCount: 0 },
      );
    await expect(alone(randomUUID())).rejects.toThrow(/There is no case/);
    for (const caseId of ids) await alone(caseId);
    expect((await getAutomatedDecision(db(), ids[0]!))?.outcome).toBe('admit');
    expect((await getAutomatedDecision(db(), ids[1]!))?.outcome).toBe('manual');
  });

  // Before the pg-boss workers start (next test): a live worker would take these cases' jobs.
  describe("a resident applies again (rule set from 2026-12-07: the platform's own cases are facts)", () => {
    // Residents of the synthetic register no other test applies with.
    const residents = population.people.filter((p) => p.scenario === 'resident' && p.personalNumber).slice(-3);
    const onDay = async <T>(iso: string, run: () => Promise<T>): Promise<T> => {
      const before = t.clock().toISOString();
      t.clock.set(iso);
      try {
        return await run();
      } finally {
        t.clock.set(before);
      }
    };
    async function tokenFor(personalNumber: string): Promise<string> {
      const username = `r-${personalNumber}`;
      await e()
        .insertInto('users')
        .values({
          username,
          subject: `dev:${username}`,
          display_name: 'Testperson',
          kind: 'resident',
          roles: ['resident'],
          email: `${username}@example.test`,
          personal_number: personalNumber,
        })
        .onConflict((oc: any) => oc.column('username').doNothing())
        .execute();
      return (await createApiToken(db(), (await findUserByUsername(db(), username))!.id, 'test')).token;
    }
    const seatsTaken = async () =>
      Number(
        (
          (await e()
            .selectFrom('sfi_schools')
            .select((eb: any) => eb.fn.sum('enrolled').as('n'))
            .executeTakeFirstOrThrow()) as { n: unknown }
        ).n,
      );
    const rightExpiresOf = async (caseId: string) =>
      (
        (await e()
          .selectFrom('sfi_enrolments')
          .select(sql<string>`to_char(right_expires, 'YYYY-MM-DD')`.as('d'))
          .where('case_id', '=', caseId)
          .executeTakeFirst()) as { d: string } | undefined
      )?.d;

    it('does not admit or enrol an admitted resident again: seats and the end of the three-year right unchanged', async () => {
      const person = residents[0]!;
      const token = await tokenFor(person.personalNumber!);
      const first = await onDay('2026-12-08T09:00:00Z', async () => {
        const { caseId } = (await apply(exampleApplication(), { token })).json();
        expect(await pipeline.runPipelineFor(db(), caseId)).toEqual(['gather-facts', 'enrol', 'letter']);
        return caseId as string;
      });
      expect(await getAutomatedDecision(db(), first)).toMatchObject({
        outcome: 'admit',
        ruleSet: { version: '2026-12-07' },
      });
      expect(await rightExpiresOf(first)).toBe('2029-12-08');
      const seats = await seatsTaken();
      const enrolments = await e().selectFrom('sfi_enrolments').select('case_id').execute();

      // Minutes later, and again a year later: a caseworker looks, nobody is enrolled twice.
      // The second time the first repeat is still open too (nobody decided it yet).
      for (const [day, reasons] of [
        ['2026-12-08T09:05:00Z', ['ALREADY_ADMITTED']],
        ['2027-12-01T09:00:00Z', ['ALREADY_ADMITTED', 'EARLIER_APPLICATION_OPEN']],
      ] as const) {
        const again = await onDay(day, async () => {
          const { caseId } = (await apply(exampleApplication(), { token })).json();
          expect(await pipeline.runPipelineFor(db(), caseId), day).toEqual(['gather-facts']);
          return caseId as string;
        });
        const decision = (await getAutomatedDecision(db(), again))!;
        expect(decision, day).toMatchObject({ outcome: 'manual', isFinal: false });
        expect(
          decision.reasons.map((r) => r.code),
          day,
        ).toEqual(reasons);
        expect(decision.reasons[0], day).toEqual({ code: 'ALREADY_ADMITTED', legalRef: 'SkolL 20 kap. 33 §' });
        // The right runs from the first admission: the same end date, not three years from today.
        expect(decision.result.rightExpires, day).toBe('2029-12-08');
        const facts = await e()
          .selectFrom('case_facts')
          .select(['name', 'value', 'source'])
          .where('case_id', '=', again)
          .where('name', 'in', ['history.platformAdmissionDate', 'history.firstAdmissionDate'])
          .orderBy('name')
          .execute();
        expect(facts, day).toEqual([
          { name: 'history.firstAdmissionDate', value: '2026-12-08', source: 'platform' },
          { name: 'history.platformAdmissionDate', value: '2026-12-08', source: 'platform' },
        ]);
        expect(await findEnrolment(db(), again), day).toBeUndefined();
        expect(await letters(again), day).toHaveLength(0);
      }
      expect(await seatsTaken()).toBe(seats);
      expect(await e().selectFrom('sfi_enrolments').select('case_id').execute()).toHaveLength(enrolments.length);
      expect(await rightExpiresOf(first)).toBe('2029-12-08');
    });

    it('sends a second application to a caseworker while the first is undecided, also when both are in one batch', async () => {
      const person = residents[1]!;
      const token = await tokenFor(person.personalNumber!);
      await onDay('2026-12-09T09:00:00Z', async () => {
        const a = (await apply(exampleApplication(), { token })).json().caseId as string;
        t.clock.advance(60_000);
        const b = (await apply(exampleApplication(), { token })).json().caseId as string;
        // The worker takes both jobs in one fetch: one gather-facts batch.
        const gatherJob = pipeline.definitions.find((d) => d.name === 'sfi-gather-facts')!;
        await gatherJob.handleBatch!(
          [a, b].map((caseId, i) => ({ id: `job-${i}`, payload: { caseId } })) as never,
          { db: db(), log: pino({ level: 'silent' }) } as never,
        );
        expect(await getAutomatedDecision(db(), a)).toMatchObject({ outcome: 'admit' });
        const second = (await getAutomatedDecision(db(), b))!;
        expect(second).toMatchObject({ outcome: 'manual' });
        expect(second.reasons.map((r) => r.code)).toEqual(['EARLIER_APPLICATION_OPEN']);
      });
    });

    it('tells nobody without e-ID that the number has a case: no platform facts, IDENTITY_UNVERIFIED only, the usual e-mails', async () => {
      const person = residents[0]!; // admitted in the first test of this block
      const { caseId } = await onDay('2026-12-10T09:00:00Z', async () => {
        const response = await apply(
          exampleApplication({
            identity: { personalNumber: person.personalNumber!, name: 'Någon Annan', residenceBasis: 'folkbokford' },
            contact: { email: 'typed-a-number@example.test' },
          }),
        );
        expect(response.statusCode).toBe(202);
        expect(Object.keys(response.json()).sort()).toEqual(['caseId', 'caseNumber', 'status']);
        const { caseId } = response.json();
        await pipeline.runPipelineFor(db(), caseId);
        return { caseId: caseId as string };
      });
      const decision = (await getAutomatedDecision(db(), caseId))!;
      expect(decision.reasons.map((r) => r.code)).toEqual(['IDENTITY_UNVERIFIED']);
      const platformFacts = await e()
        .selectFrom('case_facts')
        .select(['name', 'value', 'source'])
        .where('case_id', '=', caseId)
        .where('name', 'in', ['history.platformAdmissionDate', 'history.openApplication'])
        .orderBy('name')
        .execute();
      expect(platformFacts).toEqual([
        { name: 'history.openApplication', value: null, source: 'unknown' },
        { name: 'history.platformAdmissionDate', value: null, source: 'unknown' },
      ]);
      const mail = await outboxTo('typed-a-number@example.test');
      expect(mail.map((m) => m.subject)).toEqual([
        expect.stringContaining('Kvitto'),
        expect.stringContaining('granskas'),
      ]);
      expect(mail.map((m) => m.body_text).join('\n')).not.toMatch(/antagen|admitted|tidigare ansökan/i);

      // The caseworker sees the number's other cases, the admission among them.
      const [admitted] = await e()
        .selectFrom('cases as c')
        .innerJoin('sfi_enrolments as s', 's.case_id', 'c.id')
        .select('c.case_number')
        .where('c.applicant_personal_number', '=', person.personalNumber!)
        .execute();
      const page = await t.app.inject({
        method: 'GET',
        url: `/handlaggning/arenden/${caseId}`,
        cookies: await sessionCookieFor(t, 'sara'),
      });
      expect(page.statusCode).toBe(200);
      const section = page.body.slice(page.body.indexOf('data-section="same-applicant-cases"'));
      expect(section).toContain('Sökandens andra ärenden i e-tjänsten');
      expect(section).toContain('utan e-legitimation');
      expect(section).toContain(admitted!.case_number);
      expect(section).toContain('Antagen 2026-12-08');
    });
  });

  it('runs the pipeline through real pg-boss workers to a decision and a queued notification', async () => {
    const token = await residentToken('admitted-earlier-admission');
    const { caseId } = (
      await apply(exampleApplication({ contact: { email: 'worker@example.test' } }), { token })
    ).json();
    await t.jobs.work();
    const deadline = Date.now() + 30_000;
    // The receipt was queued at submission; the decision's e-mail is the second, queued with the
    // decision; the letter is the chain's last step.
    while (Date.now() < deadline && (await letters(caseId)).length < 1) await new Promise((r) => setTimeout(r, 100));
    expect(await getAutomatedDecision(db(), caseId)).toMatchObject({ outcome: 'admit', isFinal: true });
    expect(await letters(caseId)).toHaveLength(1);
    expect(await outboxTo('worker@example.test')).toHaveLength(2);
  }, 40_000);

  describe('a caseworker decides a manual case (the follow-up wired in app.ts)', () => {
    /** The caseworker's decision form, sent as Sara through the real route. */
    async function decideAsCaseworker(caseId: string, fields: Record<string, string>, action = 'beslut') {
      const cookies = await sessionCookieFor(t, 'sara');
      const pageUrl = `/handlaggning/arenden/${caseId}`;
      const form = await csrfFor(t, cookies, pageUrl);
      const body = new URLSearchParams({ _csrf: form.token, ...fields });
      const response = await t.app.inject({
        method: 'POST',
        url: `${pageUrl}/${action}`,
        cookies: form.cookies,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: body.toString(),
      });
      expect(
        response.statusCode,
        response.body
          .replace(/<[^>]+>/g, ' ')
          .replace(/\s+/g, ' ')
          .slice(0, 1500),
      ).toBe(303);
      const decision = (await listDecisions(db(), caseId)).at(-1)!;
      expect(decision).toMatchObject({ kind: 'manual', isFinal: true });
      return decision;
    }
    const followUpJobs = async (caseId: string) =>
      (
        await sql<{
          name: string;
          data: { caseId: string; decisionId?: string };
        }>`select name, data from pgboss.job where name in ('sfi-enrol', 'sfi-letter') and data->>'caseId' = ${caseId}`.execute(
          db(),
        )
      ).rows;
    const letterText = async (caseId: string) =>
      Promise.all((await letters(caseId)).map((l) => readPdfText(l.content)));

    it('admits a manual case: enrolment and a letter naming the caseworker and her motivation, enqueued in her transaction; one decision e-mail; a rerun adds nothing', async () => {
      const persona = population.persona('admitted-automatically');
      const { caseId, caseNumber } = (
        await apply(
          exampleApplication({
            identity: {
              personalNumber: persona.personalNumber!,
              name: 'Manuellt Antagen',
              residenceBasis: 'folkbokford',
            },
            contact: { email: 'manual-admit@example.test' },
          }),
        )
      ).json();
      await pipeline.runPipelineFor(db(), caseId);
      expect(await getAutomatedDecision(db(), caseId)).toMatchObject({ outcome: 'manual' });

      const decision = await decideAsCaseworker(caseId, {
        outcome: 'admit',
        reasonCodes: 'IDENTITY_UNVERIFIED',
        motivation: 'Identiteten styrktes med pass vid besök i receptionen.',
      });
      // The app's pipeline enqueued the first follow-up step in the deciding transaction.
      expect(await followUpJobs(caseId)).toEqual([{ name: 'sfi-enrol', data: { caseId, decisionId: decision.id } }]);

      expect(await pipeline.runFollowUpFor(db(), caseId, decision.id)).toEqual(['enrol', 'letter']);
      const automated = (await getAutomatedDecision(db(), caseId))!;
      expect(await findEnrolment(db(), caseId)).toMatchObject({
        studyPath: automated.result.studyPath,
        startCourse: automated.result.startCourse,
        schoolId: expect.any(String),
      });
      const [text] = await letterText(caseId);
      expect(text).toContain(caseNumber);
      expect(text).toContain('Sara Nilsson');
      expect(text).toContain('Identiteten styrktes med pass');
      const mail = await outboxTo('manual-admit@example.test');
      // The outbox has no order among rows written at the same (fake) instant: compare as a set.
      expect(mail).toHaveLength(3);
      expect(mail.map((m) => m.subject)).toEqual(
        expect.arrayContaining([
          expect.stringContaining('Kvitto'),
          expect.stringContaining('granskas'),
          expect.stringContaining(`Beslut i ditt ärende ${caseNumber}`),
        ]),
      );

      // Retried jobs and a second call of the hook change nothing.
      expect(await pipeline.runFollowUpFor(db(), caseId, decision.id)).toEqual(['enrol']);
      for (const step of ['enrol', 'letter'] as const)
        expect(await pipeline.runStep(db(), step, caseId, decision.id)).toEqual([]);
      await db()
        .transaction()
        .execute(async (trx) => pipeline.onDecided(trx, { case: await getCaseForProcessing(trx, caseId), decision }));
      expect(await followUpJobs(caseId)).toHaveLength(1);
      expect(await letters(caseId)).toHaveLength(1);
      expect(await outboxTo('manual-admit@example.test')).toHaveLength(3);
      expect(
        await e().selectFrom('sfi_enrolments').select('case_id').where('case_id', '=', caseId).execute(),
      ).toHaveLength(1);
    });

    it('records what nobody said as unknown, through facts, rules input, and the caseworker’s letter: never "annan eller oklar (dina egna uppgifter)"', async () => {
      // No e-ID, no number, "folkbokförd": no register could be asked about anything.
      const { caseId } = (
        await apply(
          exampleApplication({
            identity: { name: 'Utan Nummer', birthDate: '1988-04-02', residenceBasis: 'folkbokford' },
            contact: { email: 'no-number@example.test' },
          }),
        )
      ).json();
      await pipeline.runPipelineFor(db(), caseId);
      const stored = await e()
        .selectFrom('case_facts')
        .select(['name', 'value', 'source', 'self_declared'])
        .where('case_id', '=', caseId)
        .execute();
      const fact = (name: string) => stored.find((f: { name: string }) => f.name === name);
      for (const name of [
        'applicant.protectedIdentity',
        'applicant.registeredMunicipality',
        'applicant.residenceBasis',
        'history.extensionGrantedUntil',
      ])
        expect(fact(name), name).toEqual({ name, value: null, source: 'unknown', self_declared: false });
      expect(fact('applicant.birthDate')).toMatchObject({ value: '1988-04-02', source: 'self-declared' });

      // The rules got the unknown facts as absent, the residence basis as unclear: a caseworker looks.
      const automated = (await getAutomatedDecision(db(), caseId))!;
      const input = sfiFactsSchema.parse(automated.facts);
      expect(input.applicant).not.toHaveProperty('protectedIdentity');
      expect(input.applicant).not.toHaveProperty('registeredMunicipality');
      expect(input.applicant.residenceBasis).toBe('other');
      expect(automated.reasons.map((r) => r.code).sort()).toEqual(['IDENTITY_UNVERIFIED', 'RESIDENCE_UNCLEAR']);

      const refusal = await decideAsCaseworker(caseId, {
        outcome: 'refuse',
        reasonCodes: 'RESIDENCE_UNCLEAR',
        motivation: 'Du har inte visat att du bor i kommunen.',
      });
      await pipeline.runFollowUpFor(db(), caseId, refusal.id);
      const [text] = await letterText(caseId);
      expect(text).toContain('Grund för att bo i Sverige: okänt, uppgift saknas');
      expect(text).not.toContain('annan eller oklar');
      expect(text).not.toContain('Folkbokförd i kommun: nej');
    });

    it('sends the refusal letter of an applicant without e-ID to the postal address she gave, c/o line included', async () => {
      const { caseId } = (
        await apply(
          exampleApplication({
            identity: { name: 'Utan Legitimation', birthDate: '1990-05-17', residenceBasis: 'asylum-seeker' },
            contact: {
              email: 'by-post@example.test',
              address: {
                careOf: 'Exempel Värdsson',
                street: 'Brevvägen 7 lgh 1102',
                postalCode: '21433',
                city: 'Malmö',
              },
            },
          }),
        )
      ).json();
      await pipeline.runPipelineFor(db(), caseId);
      const refusal = await decideAsCaseworker(caseId, {
        outcome: 'refuse',
        reasonCodes: 'NOT_ENTITLED_RESIDENCE',
        motivation: 'Du är asylsökande och har därför inte rätt till sfi.',
      });
      expect(await pipeline.runFollowUpFor(db(), caseId, refusal.id)).toEqual(['letter']);
      const [text] = await letterText(caseId);
      expect(text).toContain('Utan Legitimation');
      expect(text).toContain('c/o Exempel Värdsson');
      expect(text).toContain('Brevvägen 7 lgh 1102');
      expect(text).toContain('214 33 Malmö');
      // The letter waits in the print queue for the post room, to the address it prints.
      const delivery = await e()
        .selectFrom('decision_deliveries')
        .select(['channel', 'status', 'postal_address'])
        .where('case_id', '=', caseId)
        .executeTakeFirstOrThrow();
      expect(delivery).toEqual({
        channel: 'post',
        status: 'pending',
        postal_address: {
          name: 'Utan Legitimation',
          careOf: 'Exempel Värdsson',
          street: 'Brevvägen 7 lgh 1102',
          postalCode: '214 33',
          city: 'Malmö',
        },
      });
    });

    it('never prints the address an applicant gave when the case has protected identity', async () => {
      const { caseId } = (
        await apply(
          exampleApplication({
            identity: { name: 'Skyddad Sökande', birthDate: '1990-05-17', residenceBasis: 'asylum-seeker' },
            contact: {
              email: 'protected@example.test',
              address: { careOf: null, street: 'Hemliga vägen 3', postalCode: '211 11', city: 'Malmö' },
            },
          }),
        )
      ).json();
      await pipeline.runPipelineFor(db(), caseId);
      await e().updateTable('cases').set({ protected_identity: true }).where('id', '=', caseId).execute();
      const refusal = await decideAsCaseworker(caseId, {
        outcome: 'refuse',
        reasonCodes: 'NOT_ENTITLED_RESIDENCE',
        motivation: 'Du är asylsökande och har därför inte rätt till sfi.',
      });
      expect(await pipeline.runFollowUpFor(db(), caseId, refusal.id)).toEqual(['letter']);
      const [text] = await letterText(caseId);
      expect(text).toContain('Skyddad Sökande');
      expect(text).not.toContain('Hemliga vägen');
      expect(text).not.toContain('211 11');
      // With no address it may print and no identity number to forward by, a caseworker must act.
      const delivery = await e()
        .selectFrom('decision_deliveries')
        .select(['channel', 'postal_address'])
        .where('case_id', '=', caseId)
        .executeTakeFirstOrThrow();
      expect(delivery).toEqual({ channel: 'undeliverable', postal_address: null });
    });

    it('a protected identity found in the register without e-ID: no address printed, the letter goes through Skatteverket', async () => {
      const persona = population.persona('manual-protected-identity');
      const { caseId } = (
        await apply(
          exampleApplication({
            identity: {
              personalNumber: persona.personalNumber!,
              name: 'Skyddad Utan Legitimation',
              residenceBasis: 'folkbokford',
            },
            contact: {
              email: 'protected-paper@example.test',
              address: { careOf: null, street: 'Skrivna gatan 9', postalCode: '212 12', city: 'Malmö' },
            },
          }),
        )
      ).json();
      // The register's marking alone protects the case: nobody sets the flag by hand here.
      await pipeline.runPipelineFor(db(), caseId);
      const refusal = await decideAsCaseworker(caseId, {
        outcome: 'refuse',
        motivation: 'Du har inte rätt till sfi.',
      });
      expect(await pipeline.runFollowUpFor(db(), caseId, refusal.id)).toEqual(['letter']);
      const [text] = await letterText(caseId);
      expect(text).not.toContain('Skrivna gatan');
      expect(text).not.toContain('212 12');
      const delivery = await e()
        .selectFrom('decision_deliveries')
        .select(['channel', 'status', 'postal_address'])
        .where('case_id', '=', caseId)
        .executeTakeFirstOrThrow();
      expect(delivery).toEqual({ channel: 'post-via-skatteverket', status: 'pending', postal_address: null });
    });

    it('refuses a manual case: a letter with the appeal instructions and the notification, no enrolment; on appeal an admission gets its own letter and the rules’ placement', async () => {
      const token = await residentToken('refused-asylum-seeker');
      const { caseId, caseNumber } = (
        await apply(
          exampleApplication({
            identity: { residenceBasis: 'asylum-seeker' },
            contact: { email: 'manual-refuse@example.test' },
          }),
          { token },
        )
      ).json();
      await pipeline.runPipelineFor(db(), caseId);
      expect(await getAutomatedDecision(db(), caseId)).toMatchObject({ outcome: 'refuse', isFinal: false });

      const refusal = await decideAsCaseworker(caseId, {
        outcome: 'refuse',
        reasonCodes: 'NOT_ENTITLED_RESIDENCE',
        motivation: 'Du är asylsökande och har därför inte rätt till sfi.',
      });
      expect(await followUpJobs(caseId)).toEqual([{ name: 'sfi-letter', data: { caseId, decisionId: refusal.id } }]);
      expect(await pipeline.runFollowUpFor(db(), caseId, refusal.id)).toEqual(['letter']);
      const [text] = await letterText(caseId);
      expect(text).toContain('överklagandenämnd');
      expect(text).toContain('tre veckor');
      expect(text).toContain('asylsökande');
      expect(await findEnrolment(db(), caseId)).toBeUndefined();
      expect(
        (await outboxTo('manual-refuse@example.test')).filter(
          (m) => m.subject.includes(caseNumber) && !/granskas|Kvitto/.test(m.subject),
        ),
      ).toHaveLength(1);

      // The applicant appeals; the caseworker admits: the refusal by the rules had no study path, the rule trace has it.
      const applicant = (await getCaseForProcessing(db(), caseId)).applicantUserId!;
      // A minute later: two decisions at one instant have no order (listDecisions sorts by time).
      t.clock.advance(60_000);
      await appeal(db(), { userId: applicant, caseId, text: 'Jag har fått uppehållstillstånd.', now: t.clock() });
      // Reconsidered and changed as asked (förvaltningslagen 39 §): the appeal lapses, the admission follows.
      const admission = await decideAsCaseworker(
        caseId,
        { change: 'yes', motivation: 'Uppehållstillstånd beviljat; folkbokföring pågår.', confirmReconsider: 'yes' },
        'overklagande/omprovning',
      );
      expect(await pipeline.runFollowUpFor(db(), caseId, admission.id)).toEqual(['enrol', 'letter']);
      expect((await getAutomatedDecision(db(), caseId))!.result.studyPath).toBeNull();
      // exampleApplication: nine years of schooling, Latin alphabet → path 2, course B.
      expect(await findEnrolment(db(), caseId)).toMatchObject({ studyPath: 2, startCourse: 'B' });
      const texts = await letterText(caseId);
      expect(texts).toHaveLength(2);
      expect(texts.some((l) => l.includes('Uppehållstillstånd beviljat'))).toBe(true);
      expect(
        (await outboxTo('manual-refuse@example.test')).filter(
          (m) => m.subject.includes(caseNumber) && !/granskas|Kvitto/.test(m.subject),
        ),
      ).toHaveLength(2);
    });
  });
});
