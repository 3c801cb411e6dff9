import { z } from 'zod';
import type { Db, Trx } from '../../platform/db/database.ts';
import { defineJob, type JobDefinition, type RetryPolicy } from '../../platform/jobs/job-definition.ts';
import type { Jobs } from '../../platform/jobs/jobs.service.ts';
import type { Notifier } from '../../platform/mail/notifier.service.ts';
import {
  attachLetter,
  getAutomatedDecision,
  getCaseForProcessing,
  notifyDecision,
  postSystemMessage,
  recordCaseEvent,
  recordDecision,
  recordFacts,
  setProtectedIdentity,
  stockholmDate,
  type CaseDetail,
  type FactInput,
} from '../e-services/index.ts';
import { evaluate, loadRuleSet, type RuleSet } from '../rules/index.ts';
import {
  gatherFacts,
  renderDecisionLetter,
  sfiDecisionSchema,
  sfiFactsSchema,
  type DecisionLetterInput,
  type MunicipalitySettings,
  type PopulationRegister,
  type SfiDecision,
  type SfiFacts,
  type StudentRecords,
} from '../sfi/index.ts';
import { claimEnrolment, claimStep, findEnrolment, listRecordedFacts, listSchools, setEnrolmentSchool, sfiTranslator, takeSeat, type StoredSfiAnswers } from '../sfi/index.ts';

/**
 * The SFI automation pipeline: submitted → gather facts → decide → (final admission) enrol →
 * letter → notify; (final refusal) letter → notify; (not final) caseworker queue + "being
 * reviewed" notification. Each step is a job whose payload is the case id; each step commits its
 * work and the enqueueing of the next step in ONE transaction, and is a no-op when run again
 * (at-least-once delivery): facts are upserted, the decision is unique per case, the enrolment
 * is keyed by case, letters by file name, notifications by a claimed step row.
 */

export type SfiStep = 'gather-facts' | 'decide' | 'enrol' | 'letter' | 'notify';

export interface SfiPipelineDeps {
  jobs: Jobs;
  notifier: Notifier;
  clock: () => Date;
  register: PopulationRegister;
  records: StudentRecords;
  municipality: MunicipalitySettings;
  /** The sender block of decision letters (where appeals go). */
  letterMunicipality: DecisionLetterInput['municipality'];
  baseUrl: string;
  municipalityName: string;
  /** Rule set; loaded from rules/sfi on first use when not given. */
  ruleSet?: RuleSet;
  /** Days from the decision to the knowledge assessment (moved to a weekday). Default 14. */
  assessmentAfterDays?: number;
}

export interface SfiPipeline {
  definitions: readonly JobDefinition[];
  /** Enqueues the first step for a submitted case, in the submitting transaction. */
  start(trx: Trx, caseId: string): Promise<void>;
  /** Runs every step of a case in order in this process, as the workers would (tests, CLI). */
  runPipelineFor(db: Db, caseId: string): Promise<SfiStep[]>;
  /** Runs one step once (tests simulate a retried job with it). */
  runStep(db: Db, step: SfiStep, caseId: string): Promise<SfiStep[]>;
}

const payload = z.object({ caseId: z.uuid() });
const RETRY: RetryPolicy = { retryLimit: 6, retryDelay: 2, retryBackoff: true };
const JOB_NAMES: Record<SfiStep, string> = {
  'gather-facts': 'sfi-gather-facts',
  decide: 'sfi-decide',
  enrol: 'sfi-enrol',
  letter: 'sfi-letter',
  notify: 'sfi-notify',
};

type Next = (trx: Trx, step: SfiStep, caseId: string) => Promise<void>;

/** Sets a dotted path in a nested object. */
function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let node = target;
  for (const part of parts.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>;
  node[parts.at(-1)!] = value;
}

function addWeekdays(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  while (d.getUTCDay() === 0 || d.getUTCDay() === 6) d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

export function createSfiPipeline(deps: SfiPipelineDeps): SfiPipeline {
  let ruleSet: Promise<RuleSet> | undefined = deps.ruleSet ? Promise.resolve(deps.ruleSet) : undefined;
  const rules = () => (ruleSet ??= loadRuleSet('sfi', { facts: sfiFactsSchema, decision: sfiDecisionSchema }));
  const notifyDeps = { notifier: deps.notifier, baseUrl: deps.baseUrl, municipalityName: deps.municipalityName };

  async function gather(db: Db, caseId: string, next: Next): Promise<void> {
    const subject = await getCaseForProcessing(db, caseId);
    if (subject.status !== 'submitted' || (await getAutomatedDecision(db, caseId))) return; // decided already: a late retry
    const answers = subject.answers as unknown as StoredSfiAnswers;
    const gathered = await gatherFacts(
      { register: deps.register, records: deps.records, clock: deps.clock, municipality: deps.municipality },
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
      },
    );
    const now = deps.clock();
    const byName = new Map<string, FactInput>();
    byName.set('decisionDate', { name: 'decisionDate', value: gathered.facts.decisionDate, source: 'pipeline', selfDeclared: false, retrievedAt: now });
    for (const p of gathered.provenance) {
      if (p.used) byName.set(p.name, { name: p.name, value: p.value, source: p.source, selfDeclared: p.selfDeclared, retrievedAt: new Date(p.retrievedAt) });
    }
    if (!subject.identityVerified && gathered.facts.applicant.identityKind !== 'none') {
      // Applied without e-ID: a number anyone could type proves nobody's identity. The register's
      // answers stay recorded for the caseworker; the identity itself is unverified.
      byName.set('applicant.identityKind', { name: 'applicant.identityKind', value: 'none', source: 'e-service', selfDeclared: false, retrievedAt: now });
    }
    await db.transaction().execute(async (trx) => {
      await recordFacts(trx, caseId, [...byName.values()], { now, actor: 'sfi-pipeline' });
      if (gathered.facts.applicant.protectedIdentity) await setProtectedIdentity(trx, caseId, true, now);
      await next(trx, 'decide', caseId);
    });
  }

  async function recordedFacts(db: Db, caseId: string): Promise<{ facts: SfiFacts; sources: Record<string, string> }> {
    const rows = await listRecordedFacts(db, caseId);
    const raw: Record<string, unknown> = {};
    const sources: Record<string, string> = {};
    for (const row of rows) {
      setPath(raw, row.name, row.value);
      sources[row.name] = row.source;
    }
    return { facts: sfiFactsSchema.parse(raw), sources };
  }

  async function decide(db: Db, caseId: string, next: Next): Promise<void> {
    if (await getAutomatedDecision(db, caseId)) return;
    const { facts } = await recordedFacts(db, caseId);
    const evaluation = await evaluate(await rules(), facts);
    const decision = evaluation.decision as SfiDecision;
    const now = deps.clock();
    await db.transaction().execute(async (trx) => {
      const recorded = await recordDecision(trx, {
        caseId,
        outcome: decision.outcome,
        reasons: decision.reasons,
        ruleSet: decision.ruleSet,
        contentHash: evaluation.contentHash,
        facts,
        trace: evaluation.traceJson,
        result: decision as unknown as Record<string, unknown>,
        decidedAt: now,
        component: 'sfi-pipeline',
      });
      if (!recorded.created) return;
      if (recorded.isFinal) {
        await next(trx, decision.outcome === 'admit' ? 'enrol' : 'letter', caseId);
        return;
      }
      // To the caseworker queue (recordDecision opened the task); the applicant hears it is being reviewed.
      const subject = await getCaseForProcessing(trx, caseId);
      await notifyReview(trx, subject, now);
    });
  }

  async function notifyReview(trx: Trx, subject: CaseDetail, now: Date): Promise<void> {
    if (!(await claimStep(trx, subject.id, 'review-notified', now))) return;
    const t = sfiTranslator(subject.locale);
    const caseNumber = subject.caseNumber ?? '';
    await postSystemMessage(trx, { caseId: subject.id, body: t.t('review.message', { caseNumber }), now });
    const to = subject.applicant.email;
    if (to) {
      await deps.notifier.sendEmail(trx, {
        to,
        subject: t.t('review.email.subject', { caseNumber }),
        text: t.t('review.email.body', { name: subject.applicant.name, caseNumber, municipality: deps.municipalityName }),
      });
    }
  }

  async function enrol(db: Db, caseId: string, next: Next): Promise<void> {
    const decision = await getAutomatedDecision(db, caseId);
    if (!decision || !decision.isFinal || decision.outcome !== 'admit') return;
    const result = decision.result as unknown as SfiDecision;
    const subject = await getCaseForProcessing(db, caseId);
    const answers = subject.answers as unknown as StoredSfiAnswers;
    const now = deps.clock();
    const assessmentDate = addWeekdays(stockholmDate(now), deps.assessmentAfterDays ?? 14);
    const actor = { kind: 'system' as const, component: 'sfi-pipeline' };
    await db.transaction().execute(async (trx) => {
      const claimed = await claimEnrolment(trx, {
        caseId,
        studyForm: answers.preferences.studyForm,
        pace: answers.preferences.pace,
        studyPath: result.studyPath!,
        startCourse: result.startCourse!,
        rightExpires: result.rightExpires,
        assessmentDate,
        enrolledAt: now,
      });
      if (!claimed) return; // enrolled by an earlier run, which also enqueued the letter
      await recordCaseEvent(trx, { caseId, type: 'case.enrolled', actor, now, data: { studyPath: result.studyPath, startCourse: result.startCourse } });
      // By preference, then the school with most free seats; a full school is skipped atomically.
      const form = answers.preferences.studyForm;
      const schools = (await listSchools(trx))
        .filter((s) => s[form] && s.enrolled < s.capacity)
        .sort((a, b) => Number(b.id === answers.preferences.preferredSchool) - Number(a.id === answers.preferences.preferredSchool) || b.capacity - b.enrolled - (a.capacity - a.enrolled) || a.id.localeCompare(b.id));
      let school: { id: string; name: string } | null = null;
      for (const candidate of schools) {
        if (await takeSeat(trx, candidate.id, form)) {
          school = candidate;
          break;
        }
      }
      const t = sfiTranslator(subject.locale);
      if (school) {
        await setEnrolmentSchool(trx, caseId, school.id);
        await recordCaseEvent(trx, { caseId, type: 'case.school-assigned', actor, now, data: { schoolId: school.id } });
      }
      await recordCaseEvent(trx, { caseId, type: 'case.assessment-invited', actor, now, data: { date: assessmentDate } });
      await postSystemMessage(trx, {
        caseId,
        body: school ? t.t('invitation.message', { school: school.name, form: t.t(`form.${form}`), date: assessmentDate }) : t.t('invitation.noSeat', { form: t.t(`form.${form}`), date: assessmentDate }),
        now,
      });
      await next(trx, 'letter', caseId);
    });
  }

  async function letter(db: Db, caseId: string, next: Next): Promise<void> {
    const decision = await getAutomatedDecision(db, caseId);
    if (!decision || !decision.isFinal || decision.outcome === 'manual') return;
    const subject = await getCaseForProcessing(db, caseId);
    const { sources } = await recordedFacts(db, caseId);
    const facts = sfiFactsSchema.parse(decision.facts);
    const protectedIdentity = subject.protectedIdentity || facts.applicant.protectedIdentity;
    // The address comes from folkbokföring at the time of the letter; never for a protected identity.
    let postalAddress: { careOf: string | null; street: string; postalCode: string; city: string } | null = null;
    if (!protectedIdentity && subject.identityVerified && subject.applicantPersonalNumber) {
      const person = await deps.register.lookup(subject.applicantPersonalNumber);
      if (person && !person.protectedIdentity && person.postalAddress) postalAddress = { ...person.postalAddress };
    }
    const enrolment = decision.outcome === 'admit' ? await findEnrolment(db, caseId) : undefined;
    const factSources = Object.fromEntries(Object.entries(sources).filter(([, s]) => ['population-register', 'student-records', 'self-declared', 'municipality-config'].includes(s)));
    const pdf = renderDecisionLetter({
      municipality: deps.letterMunicipality,
      caseNumber: subject.caseNumber!,
      decisionDate: stockholmDate(decision.decidedAt),
      applicant: { name: subject.applicant.name, postalAddress: protectedIdentity ? null : postalAddress },
      protectedIdentity,
      decision: decision.result as unknown as DecisionLetterInput['decision'],
      facts,
      factSources: factSources as DecisionLetterInput['factSources'],
      decidedBy: { kind: 'automated' },
      school: enrolment?.schoolName ?? null,
    });
    const now = deps.clock();
    await db.transaction().execute(async (trx) => {
      const attached = await attachLetter(trx, { caseId, filename: `beslut-${subject.caseNumber}.pdf`, content: pdf, component: 'sfi-pipeline', now });
      if (attached.created) await next(trx, 'notify', caseId);
    });
  }

  async function notify(db: Db, caseId: string): Promise<void> {
    const decision = await getAutomatedDecision(db, caseId);
    if (!decision || !decision.isFinal) return;
    const now = deps.clock();
    await db.transaction().execute(async (trx) => {
      if (!(await claimStep(trx, caseId, 'decision-notified', now))) return;
      await notifyDecision(trx, notifyDeps, { caseId, decisionId: decision.id, now });
    });
  }

  const handlers: Record<SfiStep, (db: Db, caseId: string, next: Next) => Promise<void>> = {
    'gather-facts': gather,
    decide,
    enrol,
    letter,
    notify: (db, caseId) => notify(db, caseId),
  };

  const definitions = {} as Record<SfiStep, JobDefinition<{ caseId: string }>>;
  const enqueueNext: Next = async (trx, step, caseId) => {
    await deps.jobs.enqueue(trx, definitions[step], { caseId });
  };
  for (const step of Object.keys(handlers) as SfiStep[]) {
    definitions[step] = defineJob({
      name: JOB_NAMES[step],
      payload,
      retry: RETRY,
      expireInSeconds: 300,
      handler: ({ caseId }, ctx) => handlers[step](ctx.db, caseId, enqueueNext),
    });
  }

  async function runStep(db: Db, step: SfiStep, caseId: string): Promise<SfiStep[]> {
    const queued: SfiStep[] = [];
    await handlers[step](db, caseId, async (_trx, nextStep) => {
      queued.push(nextStep);
    });
    return queued;
  }

  return {
    definitions: Object.values(definitions) as JobDefinition[],
    start: (trx, caseId) => enqueueNext(trx, 'gather-facts', caseId),
    runStep,
    async runPipelineFor(db, caseId) {
      const ran: SfiStep[] = [];
      const pending: SfiStep[] = ['gather-facts'];
      while (pending.length > 0) {
        const step = pending.shift()!;
        ran.push(step);
        pending.push(...(await runStep(db, step, caseId)));
      }
      return ran;
    },
  };
}
