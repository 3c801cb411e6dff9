import { z } from 'zod';
import { findUserById } from '../../../platform/auth/user.repository.ts';
import type { Db, Trx } from '../../../platform/db/database.ts';
import type { InTransaction } from '../../../platform/db/deferred-writes.ts';
import {
  defineJob,
  type BatchJob,
  type JobDefinition,
  type JobLog,
  type RetryPolicy,
} from '../../../platform/jobs/job-definition.ts';
import type { Jobs } from '../../../platform/jobs/jobs.service.ts';
import type { Notifier } from '../../../platform/mail/notifier.service.ts';
import {
  attachLetters,
  getAutomatedDecision,
  getAutomatedDecisions,
  getCaseForProcessing,
  getCasesForProcessing,
  getCasesOfSameApplicants,
  listDecisions,
  listLetterNames,
  notifyApplicantsOfDecisions,
  postSystemMessages,
  recordCaseEvents,
  recordDecisions,
  recordFactsOfCases,
  setProtectedIdentity,
  stockholmDate,
  type CaseDetail,
  type DecisionRecord,
  type FactInput,
  type LetterAddress,
  type PostalAddress,
  type SameApplicantCase,
  requireSettingsInForce,
} from '../../e-services/index.ts';
import { evaluate, loadRuleSet, type Evaluation, type RuleSet } from '../../rules/index.ts';
import {
  claimEnrolments,
  claimStep,
  claimSteps,
  findEnrolments,
  listRecordedFactsOfCases,
  listSchools,
  setEnrolmentSchools,
  takeSeat,
} from '../enrolment.repository.ts';
import { gatherFacts, type MunicipalitySettings, type PlatformCases } from '../facts/gather-facts.service.ts';
import type { PopulationRegister, StudentRecords } from '../facts/registers.ts';
import { renderDecisionLetter } from '../letters/decision-letter.ts';
import { letterSources, type DecisionLetterInput } from '../letters/decision-letter.schema.ts';
import { storedSfiAnswersSchema } from '../sfi-application.schema.ts';
import { factsForRules, sfiFactsSchema, sfiRuleSet, type SfiDecision, type SfiFacts } from '../sfi-facts.schema.ts';
import { letterMunicipalityOf, offersSfiToTemporaryProtection } from '../sfi-e-service.ts';
import { sfiTranslator } from '../sfi.i18n.ts';

/**
 * The SFI automation pipeline: submitted → gather facts and decide (one step, one transaction;
 * a final decision is notified to the applicant — My pages + e-mail — in that transaction, as a
 * caseworker's is) → (admission) enrol → letter; (refusal) letter; (not final) caseworker queue +
 * "being reviewed" notification. Each step is a job whose payload is the case id; each step
 * commits its work and the enqueueing of the next step in ONE transaction, and is a no-op when
 * run again (at-least-once delivery): facts are upserted, the decision is unique per case, the
 * enrolment is keyed by case, letters by file name, notifications by a claimed step row.
 *
 * A caseworker's final decision on an SFI case (`onDecided`, in the deciding transaction) joins
 * the same chain with the decision's id in the payload: an admission is enrolled and gets its
 * letter, a refusal gets its letter with the appeal information. The caseworker's transaction
 * already notified the applicant, so that chain too ends with the letter.
 */

export type SfiStep = 'gather-facts' | 'enrol' | 'letter';

export interface SfiPipelineDeps {
  jobs: Jobs;
  notifier: Notifier;
  clock: () => Date;
  register: PopulationRegister;
  records: StudentRecords;
  /** Kommunkod of the municipality (its facts' `municipality.code`). */
  municipalityCode: string;
  baseUrl: string;
  municipalityName: string;
  /** Rule set; loaded from rules/sfi on first use when not given. */
  ruleSet?: RuleSet;
  /** Renders decision letters (e.g. in worker threads: createLetterThreads); default renderDecisionLetter on the event loop. */
  renderLetter?: (input: DecisionLetterInput) => Promise<Uint8Array>;
  /** Days from the decision to the knowledge assessment (moved to a weekday). Default 14. */
  assessmentAfterDays?: number;
}

export interface SfiPipeline {
  definitions: readonly JobDefinition[];
  /** Enqueues the first step for a submitted case, in the submitting transaction (held, given its DeferredWrites). */
  start(to: InTransaction, caseId: string): Promise<void>;
  /** Runs every step of a case in order in this process, as the workers would (tests, CLI). */
  runPipelineFor(db: Db, caseId: string): Promise<SfiStep[]>;
  /** Runs one step once (tests simulate a retried job with it). */
  runStep(db: Db, step: SfiStep, caseId: string, decisionId?: string): Promise<SfiStep[]>;
  /**
   * The follow-up of a caseworker's final decision on an SFI case (CaseworkerDeps.onDecided):
   * enqueues enrolment (admit) or the letter (refuse) in the caseworker's transaction, once per
   * decision (a claimed step row). Other services' cases and non-final decisions are ignored.
   */
  onDecided(trx: Trx, input: { case: CaseDetail; decision: DecisionRecord }): Promise<void>;
  /** Where a letter to a case's applicant goes (every SFI letter, an appeal's dismissal too). */
  letterAddress(subject: CaseDetail): Promise<LetterAddress>;
  /** Runs a caseworker decision's follow-up steps in this process, as the workers would (tests). */
  runFollowUpFor(db: Db, caseId: string, decisionId: string): Promise<SfiStep[]>;
}

// decisionId: a caseworker's decision being followed up; absent: the rules' (automated) decision.
/** The e-service whose cases this pipeline handles (its id in the catalogue). */
const SFI_SERVICE_ID = 'sfi';
const payload = z.object({ caseId: z.uuid(), decisionId: z.uuid().optional() });
/** A case in these statuses waits for a decision (an earlier one makes a new application a caseworker's). */
const OPEN_STATUSES: readonly string[] = ['submitted', 'in_progress', 'appealed'];
const RETRY: RetryPolicy = { retryLimit: 6, retryDelay: 2, retryBackoff: true };
/**
 * How many jobs of each step one worker process runs at once (see JobDefinition.worker). The
 * steps mostly wait for the database, so several interleave; the letter step renders its PDF on
 * the event loop, so fewer. The sum stays near DATABASE_POOL_SIZE (PostgreSQL); on PGlite (one
 * connection) concurrency buys little but costs nothing.
 */
const WORKER: Record<SfiStep, NonNullable<JobDefinition['worker']>> = {
  'gather-facts': { batchSize: 32, concurrency: 64, batchWindowMs: 100 },
  enrol: { batchSize: 32, concurrency: 32, batchWindowMs: 100 },
  letter: { batchSize: 16, concurrency: 16, batchWindowMs: 100 },
};
const JOB_NAMES: Record<SfiStep, string> = {
  'gather-facts': 'sfi-gather-facts',
  enrol: 'sfi-enrol',
  letter: 'sfi-letter',
};

/** Enqueues a step for these cases (none: nothing) in `to`. */
type Next = (to: InTransaction, step: SfiStep, caseIds: readonly string[], decisionId?: string) => Promise<void>;

/** The preliminary placement and dates an admission needs (from the rules' decision). */
interface Placement {
  studyPath: 1 | 2 | 3;
  startCourse: 'A' | 'B' | 'C';
  eligibleFrom: string | null;
  rightExpires: string | null;
}

/**
 * The placement the rules worked out for a case. A `manual` outcome carries it; a refusal does
 * not, so for an admission after a refusal (on appeal) it is read from the rule trace, whose
 * placement table and derived dates run for every application.
 */
function placementOf(automated: DecisionRecord | undefined): Placement | null {
  if (!automated) return null;
  const result = automated.result as Partial<SfiDecision>;
  if (result.studyPath && result.startCourse) {
    return {
      studyPath: result.studyPath,
      startCourse: result.startCourse,
      eligibleFrom: result.eligibleFrom ?? null,
      rightExpires: result.rightExpires ?? null,
    };
  }
  const trace = (typeof automated.trace === 'string' ? JSON.parse(automated.trace) : automated.trace) as Record<
    string,
    { output?: Record<string, unknown> | null }
  > | null;
  let placement: { studyPath?: unknown; startCourse?: unknown } | undefined;
  let derived: { eligibleFrom?: unknown; rightExpires?: unknown } | undefined;
  for (const node of Object.values(trace ?? {})) {
    const output = node?.output;
    if (output && typeof output.placement === 'object' && output.placement)
      placement = output.placement as typeof placement;
    if (output && typeof output.derived === 'object' && output.derived) derived = output.derived as typeof derived;
  }
  const studyPath = placement?.studyPath;
  const startCourse = placement?.startCourse;
  if (
    (studyPath !== 1 && studyPath !== 2 && studyPath !== 3) ||
    (startCourse !== 'A' && startCourse !== 'B' && startCourse !== 'C')
  )
    return null;
  return {
    studyPath,
    startCourse,
    eligibleFrom: typeof derived?.eligibleFrom === 'string' ? derived.eligibleFrom : null,
    rightExpires: typeof derived?.rightExpires === 'string' ? derived.rightExpires : null,
  };
}

/** A value as it comes back from a jsonb column (dates as ISO strings, undefined as null). */
function jsonRoundTrip(value: unknown): unknown {
  return value === undefined ? null : JSON.parse(JSON.stringify(value));
}

function addWeekdays(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  while (d.getUTCDay() === 0 || d.getUTCDay() === 6) d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

export function createSfiPipeline(deps: SfiPipelineDeps): SfiPipeline {
  let ruleSet: Promise<RuleSet> | undefined = deps.ruleSet ? Promise.resolve(deps.ruleSet) : undefined;
  const rules = () => (ruleSet ??= loadRuleSet('sfi', sfiRuleSet));
  const notifyDeps = { notifier: deps.notifier, baseUrl: deps.baseUrl, municipalityName: deps.municipalityName };
  const renderLetter = deps.renderLetter ?? (async (input: DecisionLetterInput) => renderDecisionLetter(input));

  /** A case's facts gathered (registers, answers) and its decision evaluated, in memory. */
  interface Prepared {
    subject: CaseDetail;
    factInputs: FactInput[];
    facts: SfiFacts;
    evaluation: Evaluation;
    protectedIdentity: boolean;
  }

  /**
   * The platform's own cases of the applicant as facts: admissions (their latest final decision
   * admits) and earlier applications still open. Only for an identity proved with e-ID: a number
   * anyone could type must not make the platform act on (or tell) what that number has.
   */
  function platformCasesOf(subject: CaseDetail, others: readonly SameApplicantCase[], now: Date): PlatformCases | null {
    if (!subject.identityVerified || !subject.applicantPersonalNumber) return null;
    return {
      admissionDates: others.flatMap((o) =>
        o.decision?.outcome === 'admit' ? [stockholmDate(o.decision.decidedAt)] : [],
      ),
      openEarlierApplications: others.filter((o) => o.earlier && OPEN_STATUSES.includes(o.status)).length,
      readAt: now.toISOString(),
    };
  }

  async function prepare(
    subject: CaseDetail,
    ruleSet: RuleSet,
    now: Date,
    others: readonly SameApplicantCase[],
    municipality: MunicipalitySettings,
  ): Promise<Prepared> {
    const answers = storedSfiAnswersSchema.parse(subject.answers);
    const gathered = await gatherFacts(
      { register: deps.register, records: deps.records, clock: deps.clock, municipality },
      {
        personalNumber: subject.applicantPersonalNumber,
        birthDate: subject.applicantPersonalNumber ? null : answers.birthDate,
        residenceBasis: answers.residenceBasis,
        swedishLevel: answers.swedishLevel,
        nordicLanguageSufficient: answers.nordicLanguageSufficient,
        yearsOfSchooling: answers.yearsOfSchooling,
        literateInOwnLanguage: answers.literateInOwnLanguage,
        knowsLatinAlphabet: answers.knowsLatinAlphabet,
        earlierSfi: answers.earlierSfi,
        specialReasonsStated: !!answers.specialReasons,
        platformCases: platformCasesOf(subject, others, now),
      },
    );
    const byName = new Map<string, FactInput>();
    byName.set('decisionDate', {
      name: 'decisionDate',
      value: gathered.facts.decisionDate,
      source: 'platform',
      selfDeclared: false,
      retrievedAt: now,
    });
    for (const p of gathered.provenance) {
      if (p.used)
        byName.set(p.name, {
          name: p.name,
          value: p.value,
          source: p.source,
          selfDeclared: p.selfDeclared,
          retrievedAt: new Date(p.retrievedAt),
        });
    }
    if (!subject.identityVerified && gathered.facts.applicant.identityKind !== 'none') {
      // Applied without e-ID: a number anyone could type proves nobody's identity. The register's
      // answers stay recorded for the caseworker; the identity itself is unverified.
      byName.set('applicant.identityKind', {
        name: 'applicant.identityKind',
        value: 'none',
        source: 'platform',
        selfDeclared: false,
        retrievedAt: now,
      });
    }
    const factInputs = [...byName.values()];
    const facts = factsFrom(factInputs.map((f) => ({ name: f.name, value: jsonRoundTrip(f.value), source: f.source })));
    return {
      subject,
      factInputs,
      facts,
      evaluation: await evaluate(ruleSet, facts),
      protectedIdentity: gathered.facts.applicant.protectedIdentity === true,
    };
  }

  /**
   * Gathers the facts and decides for a batch of cases (one job, or the jobs of one fetch), in
   * ONE transaction: the facts are recorded and each decision is made on exactly those (as they
   * read back from their rows), so a decision never runs without its facts stored and no second
   * job re-reads them. Set-based: a handful of statements for the whole batch. A case
   * decided already (a late retry) is skipped; a case that cannot be read fails the batch, whose
   * jobs then run alone (JobDefinition.handleBatch).
   */
  async function gather(db: Db, caseIds: readonly string[], next: Next): Promise<void> {
    const subjects = await getCasesForProcessing(db, [...new Set(caseIds)]);
    const decided = new Set((await getAutomatedDecisions(db, caseIds)).map((d) => d.caseId));
    const todo = subjects.filter((subject) => subject.status === 'submitted' && !decided.has(subject.id));
    if (todo.length === 0) return;
    const ruleSet = await rules();
    const now = deps.clock();
    // The municipality's choices (temporary protection) as its settings in force today say.
    const settings = await requireSettingsInForce(db, SFI_SERVICE_ID, stockholmDate(now));
    const municipality: MunicipalitySettings = {
      code: deps.municipalityCode,
      offersSfiToTemporaryProtection: offersSfiToTemporaryProtection(settings),
    };
    // One statement for the batch: the applicants' other cases (earlier admissions, open applications).
    const others = await getCasesOfSameApplicants(
      db,
      todo.map((subject) => subject.id),
    );
    const prepared = await Promise.all(
      todo.map((subject) => prepare(subject, ruleSet, now, others.get(subject.id) ?? [], municipality)),
    );
    await db.transaction().execute(async (trx) => {
      await recordFactsOfCases(
        trx,
        prepared.map((p) => ({ caseId: p.subject.id, facts: p.factInputs })),
        { now, actor: 'sfi-pipeline' },
      );
      for (const p of prepared) if (p.protectedIdentity) await setProtectedIdentity(trx, p.subject.id, true, now);
      await storeDecisions(trx, prepared, now, next);
    });
  }

  /** The rules' input from the facts as stored rows give them back (unknown facts left out: factsForRules). */
  function factsFrom(rows: readonly { name: string; value: unknown; source: string }[]): SfiFacts {
    return factsForRules(rows);
  }

  /**
   * Stores the rules' decisions: a final one is notified to the applicant and its follow-up
   * enqueued (enrol, or the letter); another goes to a caseworker and the applicant hears so.
   */
  async function storeDecisions(trx: Trx, decided: readonly Prepared[], now: Date, next: Next): Promise<void> {
    await recordDecisions(
      trx,
      decided.map(({ subject, facts, evaluation }) => {
        const decision = evaluation.decision as SfiDecision;
        return {
          caseId: subject.id,
          outcome: decision.outcome,
          reasons: decision.reasons,
          ruleSet: decision.ruleSet,
          contentHash: evaluation.contentHash,
          facts,
          trace: evaluation.traceJson,
          result: decision as unknown as Record<string, unknown>,
          decidedAt: now,
          component: 'sfi-pipeline',
        };
      }),
      // In the decisions' transaction, before their audit append (see RecordDecisionInput.beforeAudit).
      async (trx, recorded) => {
        // The applicant hears of a final decision with it, as of a caseworker's (the reasons are
        // on My pages now); the enrolment and the letter follow in their own steps.
        const finals = recorded.filter((r) => r.isFinal);
        const notify = await claimSteps(
          trx,
          finals.map((r) => r.case.id),
          'decision-notified',
          now,
        );
        await notifyApplicantsOfDecisions(
          trx,
          notifyDeps,
          finals.filter((r) => notify.has(r.case.id)).map((r) => ({ case: r.case, decision: r.decision, now })),
        );
        await next(
          trx,
          'enrol',
          finals.filter((r) => r.decision.outcome === 'admit').map((r) => r.case.id),
        );
        await next(
          trx,
          'letter',
          finals.filter((r) => r.decision.outcome !== 'admit').map((r) => r.case.id),
        );
        // To the caseworker queue (recordDecisions opened the tasks); the applicants hear their cases are being reviewed.
        const reviews = recorded.filter((r) => !r.isFinal);
        const review = await claimSteps(
          trx,
          reviews.map((r) => r.case.id),
          'review-notified',
          now,
        );
        await notifyReviews(
          trx,
          reviews.filter((r) => review.has(r.case.id)).map((r) => r.case),
          now,
        );
      },
    );
  }

  async function notifyReviews(trx: Trx, subjects: readonly CaseDetail[], now: Date): Promise<void> {
    const messages = [];
    const emails = [];
    for (const subject of subjects) {
      const t = sfiTranslator(subject.locale);
      const caseNumber = subject.caseNumber ?? '';
      messages.push({ caseId: subject.id, body: t.t('review.message', { caseNumber }), now });
      const to = subject.applicant.email;
      if (to) {
        emails.push({
          to,
          subject: t.t('review.email.subject', { caseNumber }),
          text: t.t('review.email.body', {
            name: subject.applicant.name,
            caseNumber,
            municipality: deps.municipalityName,
          }),
        });
      }
    }
    await postSystemMessages(trx, messages);
    await deps.notifier.sendEmails(trx, emails);
  }

  /** The final decision a step follows up: the caseworker's decision named in the job, else the rules'. */
  async function decisionToFollow(
    db: Db,
    caseId: string,
    decisionId: string | undefined,
  ): Promise<DecisionRecord | undefined> {
    if (!decisionId) return getAutomatedDecision(db, caseId);
    return (await listDecisions(db, caseId)).find((d) => d.id === decisionId && d.kind === 'manual');
  }

  /**
   * Enrols admitted cases — the rules' admissions of a batch (one transaction), or one case a
   * caseworker admitted (`decisionId`): the preliminary study path, a seat at a school by
   * preference and free seats, the invitation to the knowledge assessment, then the letter.
   */
  async function enrol(db: Db, caseIds: readonly string[], next: Next, decisionId?: string): Promise<void> {
    const admitted: { caseId: string; placement: Placement }[] = [];
    if (decisionId) {
      const caseId = caseIds[0]!;
      const decision = await decisionToFollow(db, caseId, decisionId);
      if (!decision || !decision.isFinal || decision.outcome !== 'admit') return;
      // A caseworker's admission keeps the rules' preliminary placement (the kartläggning sets the final one).
      const placement = placementOf(await getAutomatedDecision(db, caseId));
      if (!placement) throw new Error(`case ${caseId}: no preliminary study path in the rules' decision to enrol with`);
      admitted.push({ caseId, placement });
    } else {
      for (const decision of await getAutomatedDecisions(db, [...new Set(caseIds)])) {
        if (!decision.isFinal || decision.outcome !== 'admit') continue;
        const placement = placementOf(decision);
        if (!placement)
          throw new Error(`case ${decision.caseId}: no preliminary study path in the rules' decision to enrol with`);
        admitted.push({ caseId: decision.caseId, placement });
      }
    }
    if (admitted.length === 0) return;
    const subjects = new Map(
      (
        await getCasesForProcessing(
          db,
          admitted.map((a) => a.caseId),
        )
      ).map((c) => [c.id, { ...c, answers: storedSfiAnswersSchema.parse(c.answers) }]),
    );
    const now = deps.clock();
    const assessmentDate = addWeekdays(stockholmDate(now), deps.assessmentAfterDays ?? 14);
    const actor = { kind: 'system' as const, component: 'sfi-pipeline' };
    await db.transaction().execute(async (trx) => {
      // Claimed: not enrolled by an earlier run (which also enqueued the letter).
      const claimed = await claimEnrolments(
        trx,
        admitted.map(({ caseId, placement }) => {
          const { answers } = subjects.get(caseId)!;
          return {
            caseId,
            studyForm: answers.preferences.studyForm,
            pace: answers.preferences.pace,
            studyPath: placement.studyPath,
            startCourse: placement.startCourse,
            rightExpires: placement.rightExpires,
            assessmentDate,
            enrolledAt: now,
          };
        }),
      );
      const enrolled = admitted.filter((a) => claimed.has(a.caseId));
      if (enrolled.length === 0) return;
      const schools = await listSchools(trx);
      const events: Parameters<typeof recordCaseEvents>[1][number][] = [];
      const messages: { caseId: string; body: string; now: Date }[] = [];
      const seats: { caseId: string; schoolId: string }[] = [];
      for (const { caseId, placement } of enrolled) {
        const subject = subjects.get(caseId)!;
        const { answers } = subject;
        events.push({
          caseId,
          type: 'case.enrolled',
          actor,
          now,
          data: { studyPath: placement.studyPath, startCourse: placement.startCourse },
        });
        // By preference, then the school with most free seats; a full school is skipped atomically.
        const form = answers.preferences.studyForm;
        const candidates = schools
          .filter((s) => s[form] && s.enrolled < s.capacity)
          .sort(
            (a, b) =>
              Number(b.id === answers.preferences.preferredSchool) -
                Number(a.id === answers.preferences.preferredSchool) ||
              b.capacity - b.enrolled - (a.capacity - a.enrolled) ||
              a.id.localeCompare(b.id),
          );
        let school: (typeof schools)[number] | null = null;
        for (const candidate of candidates) {
          if (await takeSeat(trx, candidate.id, form)) {
            school = candidate;
            candidate.enrolled++; // as the database now counts it, for the next case of the batch
            break;
          }
          candidate.enrolled = candidate.capacity; // full, as another enrolment found
        }
        const t = sfiTranslator(subject.locale);
        if (school) {
          seats.push({ caseId, schoolId: school.id });
          events.push({ caseId, type: 'case.school-assigned', actor, now, data: { schoolId: school.id } });
        }
        events.push({ caseId, type: 'case.assessment-invited', actor, now, data: { date: assessmentDate } });
        messages.push({
          caseId,
          body: school
            ? t.t('invitation.message', { school: school.name, form: t.t(`form.${form}`), date: assessmentDate })
            : t.t('invitation.noSeat', { form: t.t(`form.${form}`), date: assessmentDate }),
          now,
        });
      }
      await setEnrolmentSchools(trx, seats);
      await recordCaseEvents(trx, events);
      await postSystemMessages(trx, messages);
      await next(
        trx,
        'letter',
        enrolled.map((a) => a.caseId),
        decisionId,
      );
    });
  }

  /**
   * Makes the decision letters (PDF/A) — of the rules' final decisions of a batch, or of one
   * caseworker decision (`decisionId`) — and attaches them in one transaction. A letter made
   * before (a retried job) is neither rendered nor attached again.
   */
  async function letter(db: Db, caseIds: readonly string[], _next: Next, decisionId?: string): Promise<void> {
    const followed = decisionId
      ? [await decisionToFollow(db, caseIds[0]!, decisionId)]
      : await getAutomatedDecisions(db, [...new Set(caseIds)]);
    const decisions = followed.filter((d): d is DecisionRecord => !!d && d.isFinal && d.outcome !== 'manual');
    if (decisions.length === 0) return;
    const ids = decisions.map((d) => d.caseId);
    const subjects = new Map((await getCasesForProcessing(db, ids)).map((c) => [c.id, c]));
    // One letter per decision: a later decision on the same case (on appeal) gets a file of its own.
    const filenameOf = (d: DecisionRecord) =>
      `beslut-${subjects.get(d.caseId)!.caseNumber}${d.kind === 'manual' ? `-${d.id.slice(0, 8)}` : ''}.pdf`;
    const made = new Set((await listLetterNames(db, ids)).map((l) => `${l.caseId} ${l.filename}`));
    const todo = decisions.filter((d) => !made.has(`${d.caseId} ${filenameOf(d)}`));
    if (todo.length === 0) return;
    const factsOf = await listRecordedFactsOfCases(
      db,
      todo.map((d) => d.caseId),
    );
    const enrolments = new Map(
      (
        await findEnrolments(
          db,
          todo.filter((d) => d.outcome === 'admit').map((d) => d.caseId),
        )
      ).map((e) => [e.caseId, e]),
    );
    const inputs = await Promise.all(
      todo.map((decision) =>
        letterInput(
          db,
          subjects.get(decision.caseId)!,
          decision,
          factsOf.get(decision.caseId) ?? [],
          enrolments.get(decision.caseId),
        ),
      ),
    );
    const pdfs = await Promise.all(inputs.map((input) => renderLetter(input)));
    const now = deps.clock();
    await db.transaction().execute(async (trx) => {
      // The applicant was notified with the decision (the rules' or a caseworker's): the letter ends the chain.
      await attachLetters(
        trx,
        todo.map((decision, i) => ({
          caseId: decision.caseId,
          filename: filenameOf(decision),
          content: pdfs[i]!,
          component: 'sfi-pipeline',
          now,
          // Sent the way it can reach the applicant: My pages, or by post to the address it prints.
          decision: {
            id: decision.id,
            postalAddress: postalAddressOf(inputs[i]!),
            protectedIdentity: inputs[i]!.protectedIdentity,
          },
        })),
      );
    });
  }

  /** Where a letter goes by post: the address it prints in the envelope window, if any. */
  function postalAddressOf(input: DecisionLetterInput): PostalAddress | null {
    const address = input.applicant.postalAddress;
    return address ? { name: input.applicant.name, ...address } : null;
  }

  /**
   * Where a letter to the case's applicant goes: folkbokföring's address at the time of the
   * letter for a verified identity; otherwise (no e-ID, or the register has none) the one the
   * applicant gave. Never an address for a protected identity, whichever source says so (the
   * case, the facts, or the register now): such a letter goes through Skatteverket's forwarding.
   */
  async function letterAddress(subject: CaseDetail, protectedByFacts = false): Promise<LetterAddress> {
    let hidden = subject.protectedIdentity || protectedByFacts;
    let postalAddress: LetterAddress['postalAddress'] = null;
    if (!hidden && subject.identityVerified && subject.applicantPersonalNumber) {
      const person = await deps.register.lookup(subject.applicantPersonalNumber);
      if (person?.protectedIdentity) hidden = true;
      else if (person?.postalAddress) postalAddress = { ...person.postalAddress };
    }
    if (!hidden && !postalAddress && subject.applicant.address) postalAddress = { ...subject.applicant.address };
    return { postalAddress: hidden ? null : postalAddress, protectedIdentity: hidden };
  }

  /** What a decision letter says: the decision, its facts and their sources, the school, the address (never a protected one). */
  async function letterInput(
    db: Db,
    subject: CaseDetail,
    decision: DecisionRecord,
    factRows: readonly { name: string; value: unknown; source: string }[],
    enrolment: { schoolName: string | null } | undefined,
  ): Promise<DecisionLetterInput> {
    const sources: Record<string, string> = {};
    for (const row of factRows) sources[row.name] = row.source;
    const manual = decision.kind === 'manual';
    // A caseworker decided on the case's facts as they stand (the record keeps them with their sources).
    const facts = manual ? factsFrom(factRows) : sfiFactsSchema.parse(decision.facts);
    const { postalAddress, protectedIdentity } = await letterAddress(
      subject,
      facts.applicant.protectedIdentity === true,
    );
    // Facts stored before every fact had one of these sources ('pipeline', 'e-service') are printed without one.
    const factSources = Object.fromEntries(
      Object.entries(sources).filter(([, s]) => (letterSources as readonly string[]).includes(s)),
    );
    let letterDecision = decision.result as unknown as DecisionLetterInput['decision'];
    let decidedBy: DecisionLetterInput['decidedBy'] = { kind: 'automated' };
    if (manual) {
      const placement = decision.outcome === 'admit' ? placementOf(await getAutomatedDecision(db, subject.id)) : null;
      letterDecision = { outcome: decision.outcome, reasons: decision.reasons, ...placement, ruleSet: null };
      const caseworker = await findUserById(db, decision.actor.id);
      if (!caseworker) throw new Error(`case ${subject.id}: the deciding caseworker ${decision.actor.id} is unknown`);
      decidedBy = { kind: 'caseworker', name: caseworker.displayName };
    }
    const decisionDate = stockholmDate(decision.decidedAt);
    // The board, delegation, appeal address and contact in force on the decision date: a later
    // change of the settings is not what this decision was made under.
    const settings = await requireSettingsInForce(db, SFI_SERVICE_ID, decisionDate);
    return {
      municipality: letterMunicipalityOf(settings),
      caseNumber: subject.caseNumber!,
      decisionDate,
      applicant: { name: subject.applicant.name, postalAddress },
      protectedIdentity,
      decision: letterDecision,
      facts,
      factSources: factSources as DecisionLetterInput['factSources'],
      decidedBy,
      motivation: manual ? decision.motivation : null,
      school: enrolment?.schoolName ?? null,
    };
  }

  const handlers: Record<SfiStep, (db: Db, caseId: string, next: Next, decisionId?: string) => Promise<void>> = {
    'gather-facts': (db, caseId, next) => gather(db, [caseId], next),
    enrol: (db, caseId, next, decisionId) => enrol(db, [caseId], next, decisionId),
    letter: (db, caseId, next, decisionId) => letter(db, [caseId], next, decisionId),
  };

  const definitions = {} as Record<SfiStep, JobDefinition<z.infer<typeof payload>>>;
  const enqueueNext: Next = async (to, step, caseIds, decisionId) => {
    await deps.jobs.enqueueMany(
      to,
      definitions[step],
      caseIds.map((caseId) => (decisionId ? { caseId, decisionId } : { caseId })),
    );
  };
  for (const step of Object.keys(handlers) as SfiStep[]) {
    definitions[step] = defineJob({
      name: JOB_NAMES[step],
      payload,
      retry: RETRY,
      // A step takes milliseconds (a batch of letters about a second): a run still going after a
      // minute is stuck. A killed process's steps come back sooner, through crash recovery (jobs).
      expireInSeconds: 60,
      worker: WORKER[step],
      handler: ({ caseId, decisionId }, ctx) => handlers[step](ctx.db, caseId, enqueueNext, decisionId),
    });
    // The first step takes the jobs of a fetch together: one transaction, set-based writes.
    if (step === 'gather-facts')
      definitions[step].handleBatch = (jobs, ctx) =>
        gather(
          ctx.db,
          jobs.map((job) => job.payload.caseId),
          enqueueNext,
        );
    // Admissions by the rules are enrolled a batch at a time; a caseworker's (with its decision id) alone.
    if (step === 'letter')
      definitions[step].handleBatch = (jobs, ctx) =>
        inBatches(
          jobs,
          (caseIds) => letter(ctx.db, caseIds, enqueueNext),
          (job) => letter(ctx.db, [job.caseId], enqueueNext, job.decisionId),
          ctx,
        );
    if (step === 'enrol')
      definitions[step].handleBatch = (jobs, ctx) =>
        inBatches(
          jobs,
          (caseIds) => enrol(ctx.db, caseIds, enqueueNext),
          (job) => enrol(ctx.db, [job.caseId], enqueueNext, job.decisionId),
          ctx,
        );
  }

  /**
   * Runs the rules' jobs of a fetched batch (no decision id) together and a caseworker's follow-ups
   * one by one; a failing follow-up fails alone (JobDefinition.handleBatch).
   */
  async function inBatches(
    jobs: readonly BatchJob<z.infer<typeof payload>>[],
    together: (caseIds: string[]) => Promise<void>,
    alone: (job: z.infer<typeof payload>) => Promise<void>,
    ctx: { log: JobLog },
  ): Promise<Map<string, Error>> {
    const failures = new Map<string, Error>();
    await together(jobs.filter((job) => !job.payload.decisionId).map((job) => job.payload.caseId));
    for (const job of jobs.filter((j) => j.payload.decisionId)) {
      try {
        await alone(job.payload);
      } catch (error) {
        ctx.log.warn({ jobId: job.id, errorName: (error as Error)?.name }, 'follow-up failed');
        failures.set(job.id, error instanceof Error ? error : new Error(String(error)));
      }
    }
    return failures;
  }

  async function runStep(db: Db, step: SfiStep, caseId: string, decisionId?: string): Promise<SfiStep[]> {
    const queued: SfiStep[] = [];
    await handlers[step](
      db,
      caseId,
      async (_trx, nextStep, caseIds) => {
        if (caseIds.length > 0) queued.push(nextStep);
      },
      decisionId,
    );
    return queued;
  }

  async function runChain(db: Db, caseId: string, first: SfiStep, decisionId?: string): Promise<SfiStep[]> {
    const ran: SfiStep[] = [];
    const pending: SfiStep[] = [first];
    while (pending.length > 0) {
      const step = pending.shift()!;
      ran.push(step);
      pending.push(...(await runStep(db, step, caseId, decisionId)));
    }
    return ran;
  }

  /** The step a caseworker's final decision starts with; null when it has no follow-up here. */
  function followUpOf(subject: CaseDetail, decision: DecisionRecord): SfiStep | null {
    if (subject.serviceId !== SFI_SERVICE_ID || decision.kind !== 'manual' || !decision.isFinal) return null;
    return decision.outcome === 'admit' ? 'enrol' : decision.outcome === 'refuse' ? 'letter' : null;
  }

  return {
    definitions: Object.values(definitions) as JobDefinition[],
    start: (to, caseId) => enqueueNext(to, 'gather-facts', [caseId]),
    runStep,
    runPipelineFor: (db, caseId) => runChain(db, caseId, 'gather-facts'),
    letterAddress: (subject) => letterAddress(subject),
    async onDecided(trx, { case: subject, decision }) {
      const first = followUpOf(subject, decision);
      if (!first) return;
      if (!(await claimStep(trx, subject.id, `follow-up:${decision.id}`, decision.decidedAt))) return;
      await enqueueNext(trx, first, [subject.id], decision.id);
    },
    async runFollowUpFor(db, caseId, decisionId) {
      const decision = (await listDecisions(db, caseId)).find((d) => d.id === decisionId);
      const first = decision ? followUpOf(await getCaseForProcessing(db, caseId), decision) : null;
      return first ? runChain(db, caseId, first, decisionId) : [];
    },
  };
}
