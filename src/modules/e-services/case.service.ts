import './e-services.audit.ts';
import { createHash, randomBytes } from 'node:crypto';
import { recordAudit, recordAudits, type AuditActor } from '../../platform/audit/audit.service.ts';
import { isPgError, type Db, type Trx } from '../../platform/db/database.ts';
import { withDeferredWrites, type DeferredWrites } from '../../platform/db/deferred-writes.ts';
import { AppError, type FieldError } from '../../platform/http/errors.ts';
import type { Locale } from '../../platform/i18n/index.ts';
import { isValidPersonalNumber } from '../../platform/identity/personal-number.ts';
import { stockholmDate } from './calendar.ts';
import { assertTransition } from './case-lifecycle.ts';
import { notifyApplicantOfDecision, type NotifyDeps } from './case-notifications.ts';
import {
  deleteDraft,
  findAutomatedDecision,
  findAutomatedDecisions,
  findCaseById,
  findCasesByIds,
  findCaseByIdempotencyKey,
  findCasesByIdempotencyKeys,
  findDocumentsOfCases,
  findDraft,
  insertAutomatedDecisions,
  insertCase,
  insertCases,
  insertCaseEvent,
  insertCaseEvents,
  insertDocuments,
  insertMessages,
  isUuid,
  listDecisionsByCase,
  listOtherCasesOfSameApplicants,
  lockCaseById,
  lockCasesByIds,
  openTasks,
  updateCaseProtectedIdentity,
  updateCaseStatus,
  updateCasesStatus,
  updateDraftAnswers,
  upsertFactsOfCases,
  type DraftOwner,
  type NewFact,
  type SameApplicantCase,
} from './case.repository.ts';
import { findEService, nextCaseSerials } from './e-service.repository.ts';
import { isFinalUnderPolicy } from './e-service.service.ts';
import {
  applicantContactSchema,
  type ApplicantContact,
  hasNulCharacter,
  reasonSchema,
  type CaseActor,
  type CaseDetail,
  type CaseDocumentInfo,
  type CaseEventType,
  type DecisionReason,
  type DecisionRecord,
} from './e-services.schema.ts';
import { eDb, type PostalAddress } from './e-services.table.ts';
import { planDeliveries } from './delivery/delivery.service.ts';
import { sniffContentType } from './evidence-file.ts';

/** The audit log's view of a case actor. An applicant without e-ID has no user id. */
export function auditActorOf(actor: CaseActor): AuditActor {
  switch (actor.kind) {
    case 'applicant':
      return { kind: 'resident', id: actor.userId ?? 'anonymous' };
    case 'caseworker':
      return { kind: 'user', id: actor.userId };
    case 'system':
      return { kind: 'system', id: actor.component };
  }
}

// ---------------------------------------------------------------------------------------------
// Submission

export interface SubmitCaseInput {
  serviceId: string;
  applicant: {
    /** The signed-in resident; null on the no-e-ID path. */
    userId: string | null;
    /** 12 digits (personnummer or samordningsnummer), or null when the applicant has none. */
    personalNumber: string | null;
    /** Contact details: name, e-mail, phone, address (see applicantContactSchema). */
    contact: unknown;
  };
  answers: Record<string, unknown>;
  /**
   * A random value the form (or API client) made once per application; the same key again is a
   * no-op returning the first case. It is scoped to the service and the signed-in user, so one
   * person's key can never return another person's case. Null: no idempotency.
   */
  idempotencyKey: string | null;
  /** True when the identity was proven with e-ID at submission. */
  identityVerified: boolean;
  locale: Locale;
  now: Date;
  requestId?: string | null;
  /** The draft this submission completes; deleted in the same transaction. */
  draft?: DraftOwnerInput | undefined;
  /**
   * Runs inside the submitting transaction after the case and its time line entry are written:
   * enqueue the first pipeline job here (`jobs.enqueue(deferred, …)`), so the case, its audit
   * event and its job commit together or not at all. What it holds in `deferred` is written with
   * the rest of its group's at the end of the group's hooks (one INSERT per kind). Write only
   * through `deferred` or `deferred.trx`: in a group commit that rolls back, the hook has run for
   * a case that is then written again alone, so it may run twice.
   */
  onSubmitted?: ((deferred: DeferredWrites, submitted: CaseDetail) => Promise<void>) | undefined;
}

export interface SubmitCaseResult {
  /** False when the idempotency key matched an earlier submission (nothing was written). */
  created: boolean;
  case: CaseDetail;
}

function scopedKey(serviceId: string, userId: string | null, key: string): string {
  return createHash('sha256')
    .update(`${serviceId}\u0000${userId ?? 'anonymous'}\u0000${key}`)
    .digest('hex');
}

function validationError(fields: FieldError[]): AppError {
  return new AppError('VALIDATION_FAILED', 'The application is not valid.', { fields });
}

/**
 * Where applications are submitted: one per process and database (e-services' setup makes it and
 * hands it to the e-services that take applications; tests make their own).
 *
 * `submit` writes, in ONE transaction, the case (status submitted, with its case number), its time
 * line entry, its `case.submitted` audit event and whatever `onSubmitted` enqueues. The same
 * idempotency key again returns the existing case unchanged (`created: false`), also when two
 * identical submissions race (the unique key decides; the loser's transaction leaves nothing).
 *
 * Submissions that arrive together are committed together (a group commit): every submitting
 * transaction queues on its e-service's case-number counter row (gap-free numbers: its lock is
 * held until commit), so one at a time they would cap a process at a few hundred per second.
 * While one group's transaction runs, the submissions that arrive wait and then go in the next
 * group; a group takes its serials, inserts its cases and appends its audit events with a
 * statement each. Alone, a submission starts at once (no timer, no added wait). A group that
 * fails rolls back whole, and then each of its submissions is tried again alone, so only the one
 * at fault fails. Each caller gets its own answer after its case has committed.
 */
export interface CaseSubmissions {
  submit(input: SubmitCaseInput): Promise<SubmitCaseResult>;
}

/** A submission checked and ready to write. */
interface ReadySubmission {
  input: SubmitCaseInput;
  contact: ApplicantContact;
  /** The scoped idempotency key, or null. */
  key: string | null;
}

/** Most submissions one transaction takes; a larger crowd waits for the next. */
const GROUP_LIMIT = 64;

/** The submissions of `db`, committed in groups (see CaseSubmissions). */
export function createCaseSubmissions(db: Db): CaseSubmissions {
  type Waiting = {
    submission: ReadySubmission;
    resolve: (result: SubmitCaseResult) => void;
    reject: (error: unknown) => void;
  };
  const waiting: Waiting[] = [];
  let running = false;
  async function runGroup(group: Waiting[]): Promise<void> {
    try {
      const results = await writeSubmissions(
        db,
        group.map((w) => w.submission),
      );
      group.forEach((w, i) => w.resolve(results[i]!));
    } catch (error) {
      if (group.length === 1) return group[0]!.reject(error);
      for (const w of group) {
        try {
          w.resolve((await writeSubmissions(db, [w.submission]))[0]!);
        } catch (alone) {
          w.reject(alone);
        }
      }
    }
  }
  function pump(): void {
    if (running || waiting.length === 0) return;
    running = true;
    void runGroup(waiting.splice(0, GROUP_LIMIT)).finally(() => {
      running = false;
      pump();
    });
  }
  /** Queues a checked submission for the next group; settles when its group has committed. */
  const inNextGroup = (submission: ReadySubmission) =>
    new Promise<SubmitCaseResult>((resolve, reject) => {
      waiting.push({ submission, resolve, reject });
      pump();
    });
  return {
    async submit(input) {
      const contact = applicantContactSchema.safeParse(input.applicant.contact);
      if (!contact.success) {
        throw validationError(
          contact.error.issues.map((i) => ({
            field: ['applicant', ...i.path.map(String)].join('.'),
            code: KNOWN_MESSAGE.has(i.message) ? i.message : 'invalid',
          })),
        );
      }
      const personalNumber = input.applicant.personalNumber;
      if (
        personalNumber !== null &&
        (!/^\d{12}$/.test(personalNumber) ||
          !isValidPersonalNumber(personalNumber, { today: stockholmDate(input.now) }))
      ) {
        throw validationError([{ field: 'applicant.personalNumber', code: 'invalidPersonalNumber' }]);
      }
      if (hasNulCharacter(input.answers)) throw validationError([{ field: 'answers', code: 'controlCharacters' }]);
      const key = input.idempotencyKey
        ? scopedKey(input.serviceId, input.applicant.userId, input.idempotencyKey)
        : null;
      try {
        // The group looks the key up (with the others of its group, in one query) before writing.
        return await inNextGroup({ input, contact: contact.data, key });
      } catch (error) {
        if (key && isPgError(error, '23505')) {
          const existing = await findCaseByIdempotencyKey(db, key);
          if (existing) return { created: false, case: existing };
        }
        throw error;
      }
    },
  };
}

/**
 * Writes submissions in ONE transaction: consecutive case numbers per e-service, the cases, their
 * time line entries, each one's onSubmitted work (what the hooks hold, inserted together) and
 * their audit events. A key given twice in the group is written once; the second gets the first
 * case with `created: false`. Results in the order given.
 */
async function writeSubmissions(db: Db, submissions: readonly ReadySubmission[]): Promise<SubmitCaseResult[]> {
  const keys = submissions.flatMap((s) => (s.key ? [s.key] : []));
  const known = new Map((await findCasesByIdempotencyKeys(db, keys)).map((found) => [found.key, found.case]));
  if (known.size === submissions.length) return submissions.map((s) => ({ created: false, case: known.get(s.key!)! }));
  return db.transaction().execute(async (trx) => {
    const fresh = submissions.filter(
      (s, i) => !s.key || (!known.has(s.key) && submissions.findIndex((o) => o.key === s.key) === i),
    );
    const created = new Map<ReadySubmission, CaseDetail>();
    for (const group of groupBy(fresh, (s) => `${s.input.serviceId} ${stockholmDate(s.input.now)}`)) {
      const { serviceId, now } = group[0]!.input;
      const today = stockholmDate(now);
      const service = await findEService(trx, serviceId, today);
      if (!service) throw new AppError('NOT_FOUND', `There is no e-service "${serviceId}".`);
      const year = Number(today.slice(0, 4));
      const first = await nextCaseSerials(trx, service.id, year, group.length);
      const cases = await insertCases(
        trx,
        group.map(({ input, contact, key }, i) => ({
          case_number: `${service.caseNumberPrefix}-${year}-${String(first + i).padStart(6, '0')}`,
          service_id: service.id,
          service_version: service.version,
          status: 'submitted' as const,
          applicant_user_id: input.applicant.userId,
          applicant_personal_number: input.applicant.personalNumber,
          identity_verified: input.identityVerified,
          applicant: JSON.stringify(contact),
          locale: input.locale,
          answers: JSON.stringify(input.answers),
          idempotency_key: key,
          submitted_at: input.now,
          created_at: input.now,
          updated_at: input.now,
        })),
      );
      group.forEach((s, i) => created.set(s, cases[i]!));
    }
    const actorOf = (s: ReadySubmission): CaseActor => ({ kind: 'applicant', userId: s.input.applicant.userId });
    await insertCaseEvents(
      trx,
      fresh.map((s) => ({
        caseId: created.get(s)!.id,
        type: 'case.submitted',
        actor: actorOf(s),
        occurredAt: s.input.now,
      })),
    );
    // Before the audit append: the chain's lock is then held only for the append and the commit.
    await withDeferredWrites(trx, async (deferred) => {
      for (const s of fresh) {
        if (s.input.draft) {
          const draft = await findDraft(trx, s.input.serviceId, draftOwnerOf(s.input.draft));
          if (draft) await deleteDraft(trx, draft.id);
        }
        await s.input.onSubmitted?.(deferred, created.get(s)!);
      }
    });
    await recordAudits(
      trx,
      fresh.map((s) => ({
        type: 'case.submitted' as const,
        actor: auditActorOf(actorOf(s)),
        occurredAt: s.input.now,
        subject: { type: 'case' as const, id: created.get(s)!.id },
        newValue: {
          serviceId: s.input.serviceId,
          caseNumber: created.get(s)!.caseNumber!,
          identityVerified: s.input.identityVerified,
        },
        requestId: s.input.requestId ?? null,
      })),
    );
    const byKey = new Map([...known, ...fresh.filter((s) => s.key).map((s) => [s.key!, created.get(s)!] as const)]);
    return submissions.map((s) => {
      const mine = created.get(s);
      return mine ? { created: true, case: mine } : { created: false, case: byKey.get(s.key!)! };
    });
  });
}

const KNOWN_MESSAGE = new Set(['controlCharacters', 'invalid', 'required']);

/**
 * What a confirmation page may show to whoever holds the case id: no personal data. The
 * applicant's user id (null without e-ID) lets the page show a signed-in applicant their own receipt.
 */
export async function getSubmissionReceipt(
  db: Db,
  caseId: string,
): Promise<{
  id: string;
  caseNumber: string;
  serviceId: string;
  submittedAt: Date;
  status: CaseDetail['status'];
  applicantUserId: string | null;
  /** Whether it was sent with e-ID: what happens next differs. */
  identityVerified: boolean;
  /** Whether the applicant gave an e-mail address (a receipt went there). */
  emailed: boolean;
}> {
  const found = await findCaseById(db, caseId);
  if (!found || !found.caseNumber || !found.submittedAt) throw new AppError('NOT_FOUND');
  return {
    id: found.id,
    caseNumber: found.caseNumber,
    serviceId: found.serviceId,
    submittedAt: found.submittedAt,
    status: found.status,
    applicantUserId: found.applicantUserId,
    identityVerified: found.identityVerified,
    emailed: found.applicant.email !== null,
  };
}

// ---------------------------------------------------------------------------------------------
// Drafts

/** A draft belongs to a signed-in resident, or to whoever holds the anonymous draft token. */
export type DraftOwnerInput = { userId: string } | { draftToken: string };

/** A new anonymous draft token for a browser to keep (in a cookie): 256 random bits. */
export function newDraftToken(): string {
  return randomBytes(32).toString('base64url');
}

function draftOwnerOf(owner: DraftOwnerInput): DraftOwner {
  if ('userId' in owner) return { userId: owner.userId };
  if (!/^[A-Za-z0-9_-]{32,128}$/.test(owner.draftToken))
    throw new AppError('BAD_REQUEST', 'The draft token is not valid.');
  return { draftTokenHash: createHash('sha256').update(owner.draftToken).digest('hex') };
}

export interface Draft {
  id: string;
  serviceId: string;
  answers: Record<string, unknown>;
  locale: Locale;
  updatedAt: Date;
}

/** Saves the answers so far (one draft per service and owner; saving again replaces the answers). */
export async function saveDraft(
  db: Db,
  input: { serviceId: string; owner: DraftOwnerInput; answers: Record<string, unknown>; locale: Locale; now: Date },
): Promise<{ id: string }> {
  const owner = draftOwnerOf(input.owner);
  if (hasNulCharacter(input.answers)) throw validationError([{ field: 'answers', code: 'controlCharacters' }]);
  return db.transaction().execute(async (trx) => {
    const existing = await findDraft(trx, input.serviceId, owner);
    if (existing) {
      await updateDraftAnswers(trx, existing.id, input.answers, input.locale, input.now);
      return { id: existing.id };
    }
    const service = await findEService(trx, input.serviceId, stockholmDate(input.now));
    if (!service) throw new AppError('NOT_FOUND', `There is no e-service "${input.serviceId}".`);
    const created = await insertCase(trx, {
      service_id: service.id,
      service_version: service.version,
      status: 'draft',
      applicant_user_id: 'userId' in owner ? owner.userId : null,
      draft_token_hash: 'draftTokenHash' in owner ? owner.draftTokenHash : null,
      locale: input.locale,
      answers: JSON.stringify(input.answers),
      created_at: input.now,
      updated_at: input.now,
    });
    return { id: created.id };
  });
}

export async function getDraft(
  db: Db,
  input: { serviceId: string; owner: DraftOwnerInput },
): Promise<Draft | undefined> {
  const draft = await findDraft(db, input.serviceId, draftOwnerOf(input.owner));
  return (
    draft && {
      id: draft.id,
      serviceId: draft.serviceId,
      answers: draft.answers,
      locale: draft.locale,
      updatedAt: draft.updatedAt,
    }
  );
}

export async function discardDraft(db: Db, input: { serviceId: string; owner: DraftOwnerInput }): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const draft = await findDraft(trx, input.serviceId, draftOwnerOf(input.owner));
    if (draft) await deleteDraft(trx, draft.id);
  });
}

// ---------------------------------------------------------------------------------------------
// The pipeline's verbs: each runs in the caller's transaction and is safe to run twice.

/** The case with everything the pipeline needs (answers, identity, contact); NOT_FOUND when missing. */
export async function getCaseForProcessing(db: Db | Trx, caseId: string): Promise<CaseDetail> {
  const found = await findCaseById(db, caseId);
  if (!found || found.status === 'draft') throw new AppError('NOT_FOUND', `There is no case ${caseId}.`);
  return found;
}

/** getCaseForProcessing for several cases (one query); NOT_FOUND when any is missing. In the order of `caseIds`. */
export async function getCasesForProcessing(db: Db | Trx, caseIds: readonly string[]): Promise<CaseDetail[]> {
  const found = new Map((await findCasesByIds(db, caseIds)).map((c) => [c.id, c]));
  return caseIds.map((id) => {
    const subject = found.get(id);
    if (!subject || subject.status === 'draft') throw new AppError('NOT_FOUND', `There is no case ${id}.`);
    return subject;
  });
}

/**
 * The other submitted cases of the same applicant (personal number) in the same e-service, by
 * case id, oldest first; one query for the lot. For a decision (earlier admissions and open
 * applications are facts) and for the caseworker — never for the applicant who typed a number.
 */
export async function getCasesOfSameApplicants(
  db: Db | Trx,
  caseIds: readonly string[],
): Promise<Map<string, SameApplicantCase[]>> {
  const byCase = new Map<string, SameApplicantCase[]>(caseIds.map((id) => [id, []]));
  for (const other of await listOtherCasesOfSameApplicants(db, caseIds)) byCase.get(other.forCaseId)?.push(other);
  return byCase;
}

export interface FactInput {
  /** Dotted path in the rule set's facts, e.g. `applicant.birthDate`. */
  name: string;
  value: unknown;
  /** Where it came from: `population-register`, `student-records`, `application` … */
  source: string;
  /** True for what the applicant stated rather than a register. */
  selfDeclared: boolean;
  retrievedAt: Date;
}

/**
 * Stores facts with their source and time as the case's current facts (gathering again
 * replaces them). Adds one time line entry when anything changed; a repeated run changes nothing.
 */
export async function recordFacts(
  trx: Trx,
  caseId: string,
  facts: readonly FactInput[],
  options: { now: Date; actor?: string },
): Promise<{ changed: number }> {
  return { changed: (await recordFactsOfCases(trx, [{ caseId, facts }], options)).get(caseId) ?? 0 };
}

/** recordFacts for several cases with a handful of statements; how many facts changed, per case. */
export async function recordFactsOfCases(
  trx: Trx,
  items: readonly { caseId: string; facts: readonly FactInput[] }[],
  options: { now: Date; actor?: string },
): Promise<Map<string, number>> {
  const changed = await upsertFactsOfCases(trx, items as readonly { caseId: string; facts: readonly NewFact[] }[]);
  const actor: CaseActor = { kind: 'system', component: options.actor ?? 'pipeline' };
  await insertCaseEvents(
    trx,
    items
      .filter((item) => changed.has(item.caseId))
      .map((item) => ({
        caseId: item.caseId,
        type: 'case.facts-gathered',
        actor,
        occurredAt: options.now,
        data: { sources: [...new Set(item.facts.map((f) => f.source))].sort() },
      })),
  );
  return changed;
}

/** Marks the case as one with protected identity (skyddad identitet): address data is then never shown. */
export async function setProtectedIdentity(
  trx: Trx,
  caseId: string,
  protectedIdentity: boolean,
  now: Date,
): Promise<void> {
  await updateCaseProtectedIdentity(trx, caseId, protectedIdentity, now);
}

export interface RecordDecisionInput {
  caseId: string;
  outcome: DecisionRecord['outcome'];
  reasons: readonly DecisionReason[];
  ruleSet: { id: string; version: string };
  /** sha256 of the rule-set file that decided. */
  contentHash: string;
  /** The facts exactly as evaluated. */
  facts: unknown;
  /** The engine's trace: JSON text as produced (`Evaluation.traceJson`) or a value. */
  trace: string | unknown;
  /** The whole decision object the rule set returned (study path, dates, …). */
  result: Record<string, unknown>;
  decidedAt: Date;
  /** The component that decided, for the record and the audit log; default `pipeline`. */
  component?: string;
  requestId?: string | null;
  /**
   * Work that belongs in the decision's transaction (enqueueing the follow-up, notifying), run
   * when the record was created, just before the audit append: the audit chain's lock (held to
   * commit) then covers only the append and the commit.
   */
  beforeAudit?: (trx: Trx, recorded: { decision: DecisionRecord; isFinal: boolean }) => Promise<void>;
}

export interface RecordDecisionResult {
  decision: DecisionRecord;
  /** False when the case already had its automated decision (a retried step): nothing was written. */
  created: boolean;
  /** Whether the e-service's policy let the outcome stand without a human. */
  isFinal: boolean;
}

/** A decision recordDecisions created, with its case as locked before the change. */
export interface RecordedDecision {
  case: CaseDetail;
  decision: DecisionRecord;
  isFinal: boolean;
}

/**
 * Stores the automated decision record. The e-service's policy decides whether it is final:
 * then the case becomes decided; otherwise it goes to the caseworker queue (in progress, with a
 * manual-review task). A case has at most one automated decision — the database enforces it,
 * and a second call returns the first record with `created: false`.
 */
export async function recordDecision(trx: Trx, input: RecordDecisionInput): Promise<RecordDecisionResult> {
  const { beforeAudit, ...decision } = input;
  const [result] = await recordDecisions(
    trx,
    [decision],
    beforeAudit && ((trx, recorded) => beforeAudit(trx, recorded[0]!)),
  );
  return result!;
}

/**
 * recordDecision for several cases in one transaction, with a statement per kind of write
 * rather than per case (the pipeline's batches): the cases are locked in id order, the records
 * inserted together, the audit events appended together. `beforeAudit` gets the decisions
 * created (none: it is not called). Results in the order of `inputs`. Any case missing or not
 * decidable fails the whole call, and its transaction with it.
 */
export async function recordDecisions(
  trx: Trx,
  inputs: readonly Omit<RecordDecisionInput, 'beforeAudit'>[],
  beforeAudit?: (trx: Trx, recorded: readonly RecordedDecision[]) => Promise<void>,
): Promise<RecordDecisionResult[]> {
  const reasonsOf = inputs.map((input) => {
    const reasons = input.reasons.map((r) => reasonSchema.parse(r));
    if (reasons.length === 0) throw new AppError('BAD_REQUEST', 'A decision needs at least one reason.');
    return reasons;
  });
  const caseIds = inputs.map((input) => input.caseId);
  const locked = new Map((await lockCasesByIds(trx, caseIds)).map((c) => [c.id, c]));
  for (const id of caseIds) {
    const subject = locked.get(id);
    if (!subject || subject.status === 'draft') throw new AppError('NOT_FOUND', `There is no case ${id}.`);
  }
  const existing = new Map((await findAutomatedDecisions(trx, caseIds)).map((d) => [d.caseId, d]));
  const services = new Map<string, NonNullable<Awaited<ReturnType<typeof findEService>>>>();
  const pending: {
    input: (typeof inputs)[number];
    reasons: DecisionReason[];
    subject: CaseDetail;
    isFinal: boolean;
    component: string;
  }[] = [];
  for (const [i, input] of inputs.entries()) {
    if (existing.has(input.caseId)) continue;
    const subject = locked.get(input.caseId)!;
    const key = `${subject.serviceId} ${stockholmDate(input.decidedAt)}`;
    let service = services.get(key);
    if (!service) {
      service = await findEService(trx, subject.serviceId, stockholmDate(input.decidedAt));
      if (!service) throw new AppError('NOT_FOUND', `There is no e-service "${subject.serviceId}".`);
      services.set(key, service);
    }
    const isFinal = isFinalUnderPolicy(service.policy, input.outcome);
    assertTransition(subject.status, isFinal ? 'decided' : 'in_progress');
    pending.push({ input, reasons: reasonsOf[i]!, subject, isFinal, component: input.component ?? 'pipeline' });
  }
  const inserted = new Map(
    (
      await insertAutomatedDecisions(
        trx,
        pending.map(({ input, reasons, isFinal, component }) => ({
          caseId: input.caseId,
          kind: 'automated',
          outcome: input.outcome,
          reasons,
          ruleSet: input.ruleSet,
          contentHash: input.contentHash,
          facts: input.facts,
          trace: input.trace,
          result: input.result,
          actor: { kind: 'system', id: component },
          motivation: null,
          isFinal,
          decidedAt: input.decidedAt,
        })),
      )
    ).map((d) => [d.caseId, d]),
  );
  // A case missing from `inserted` lost a race with another run of the same step (possible only
  // without the row lock's help, e.g. a retried job on another worker): its first record stands.
  const created = pending.filter((p) => inserted.has(p.input.caseId));
  const lost = pending.filter((p) => !inserted.has(p.input.caseId)).map((p) => p.input.caseId);
  for (const decision of await findAutomatedDecisions(trx, lost)) existing.set(decision.caseId, decision);

  for (const group of groupBy(created, (p) => `${p.isFinal} ${p.input.decidedAt.getTime()}`)) {
    const { isFinal, input } = group[0]!;
    await updateCasesStatus(
      trx,
      group.map((p) => p.input.caseId),
      isFinal ? 'decided' : 'in_progress',
      input.decidedAt,
      isFinal ? input.decidedAt : undefined,
    );
  }
  await openTasks(
    trx,
    created
      .filter((p) => !p.isFinal)
      .map((p) => ({
        caseId: p.input.caseId,
        kind: 'manual-review' as const,
        assignedTo: p.subject.assignedTo,
        createdAt: p.input.decidedAt,
      })),
  );
  await insertCaseEvents(
    trx,
    created.map(({ input, reasons, isFinal, component }) => {
      const decisionId = inserted.get(input.caseId)!.id;
      const actor: CaseActor = { kind: 'system', component };
      return isFinal
        ? {
            caseId: input.caseId,
            type: 'case.decided',
            actor,
            occurredAt: input.decidedAt,
            data: { decisionId, kind: 'automated', outcome: input.outcome },
          }
        : {
            caseId: input.caseId,
            type: 'case.sent-to-caseworker',
            actor,
            occurredAt: input.decidedAt,
            data: { decisionId, reasonCodes: reasons.map((r) => r.code) },
          };
    }),
  );
  if (created.length > 0)
    await beforeAudit?.(
      trx,
      created.map((p) => ({ case: p.subject, decision: inserted.get(p.input.caseId)!, isFinal: p.isFinal })),
    );
  await recordAudits(
    trx,
    created.map(({ input, reasons, isFinal, component }) => ({
      type: 'case.decided' as const,
      actor: auditActorOf({ kind: 'system', component }),
      occurredAt: input.decidedAt,
      subject: { type: 'case' as const, id: input.caseId },
      newValue: {
        decisionId: inserted.get(input.caseId)!.id,
        kind: 'automated' as const,
        outcome: input.outcome,
        isFinal,
        reasonCodes: reasons.map((r) => r.code),
      },
      requestId: input.requestId ?? null,
    })),
  );
  return inputs.map((input) => {
    const decision = inserted.get(input.caseId);
    if (decision) return { decision, created: true, isFinal: decision.isFinal };
    const first = existing.get(input.caseId)!;
    return { decision: first, created: false, isFinal: first.isFinal };
  });
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): T[][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return [...groups.values()];
}

/** Every decision record of a case, oldest first (the same format for rules and caseworkers). */
export async function listDecisions(db: Db | Trx, caseId: string): Promise<DecisionRecord[]> {
  return listDecisionsByCase(db, caseId);
}

/** The automated decisions of these cases, those decided (one query). */
export async function getAutomatedDecisions(db: Db | Trx, caseIds: readonly string[]): Promise<DecisionRecord[]> {
  return findAutomatedDecisions(db, caseIds);
}

/** The case's automated decision, if the rules have decided (replay, letters). */
export async function getAutomatedDecision(db: Db | Trx, caseId: string): Promise<DecisionRecord | undefined> {
  return findAutomatedDecision(db, caseId);
}

/** Adds a time line entry (enrolment, school assignment, invitation …) in the caller's transaction. */
export async function recordCaseEvent(
  trx: Trx,
  input: { caseId: string; type: CaseEventType; actor: CaseActor; now: Date; data?: Record<string, unknown> },
): Promise<void> {
  await recordCaseEvents(trx, [input]);
}

/** recordCaseEvent for several entries, one statement, in the order given. */
export async function recordCaseEvents(
  trx: Trx,
  inputs: readonly {
    caseId: string;
    type: CaseEventType;
    actor: CaseActor;
    now: Date;
    data?: Record<string, unknown>;
  }[],
): Promise<void> {
  await insertCaseEvents(
    trx,
    inputs.map((input) => ({
      caseId: input.caseId,
      type: input.type,
      actor: input.actor,
      occurredAt: input.now,
      data: input.data,
    })),
  );
}

/** A letter to attach (attachLetter). */
export interface LetterToAttach {
  caseId: string;
  filename: string;
  content: Uint8Array;
  component?: string;
  now: Date;
  /**
   * A decision letter: which decision, the postal address it prints (null: none, or protected)
   * and whether its applicant has a protected identity. It is sent (planDeliveries).
   */
  decision?: { id: string; postalAddress: PostalAddress | null; protectedIdentity?: boolean };
}

/**
 * Attaches a letter (decision letter PDF) to the case, shown on My pages for download.
 * Idempotent by file name: a retried step that made the same letter again gets the first one.
 */
export async function attachLetter(
  trx: Trx,
  input: LetterToAttach,
): Promise<{ document: CaseDocumentInfo; created: boolean }> {
  return (await attachLetters(trx, [input]))[0]!;
}

/** attachLetter for several letters: one read of what is attached, one INSERT of the rest, one of their time line entries. */
export async function attachLetters(
  trx: Trx,
  inputs: readonly LetterToAttach[],
): Promise<{ document: CaseDocumentInfo; created: boolean }[]> {
  const key = (caseId: string, filename: string) => `${caseId} ${filename}`;
  const existing = new Map(
    (await findDocumentsOfCases(trx, [...new Set(inputs.map((i) => i.caseId))], 'letter')).map((d) => [
      key(d.caseId, d.filename),
      d,
    ]),
  );
  const fresh = inputs.filter(
    (input, i) =>
      !existing.has(key(input.caseId, input.filename)) &&
      inputs.findIndex((o) => key(o.caseId, o.filename) === key(input.caseId, input.filename)) === i,
  );
  for (const input of fresh) {
    if (sniffContentType(input.content) !== 'application/pdf')
      throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'A letter must be a PDF.');
  }
  const documents = await insertDocuments(
    trx,
    fresh.map((input) => ({
      caseId: input.caseId,
      kind: 'letter' as const,
      filename: input.filename,
      contentType: 'application/pdf' as const,
      content: input.content,
      sha256: createHash('sha256').update(input.content).digest('hex'),
      uploadedBy: `system:${input.component ?? 'letters'}`,
      createdAt: input.now,
    })),
  );
  await insertCaseEvents(
    trx,
    fresh.map((input, i) => ({
      caseId: input.caseId,
      type: 'case.letter-added',
      actor: { kind: 'system' as const, component: input.component ?? 'letters' },
      occurredAt: input.now,
      data: { documentId: documents[i]!.id },
    })),
  );
  await planDeliveries(
    trx,
    fresh.flatMap((input, i) =>
      input.decision
        ? [
            {
              caseId: input.caseId,
              decisionId: input.decision.id,
              documentId: documents[i]!.id,
              postalAddress: input.decision.postalAddress,
              protectedIdentity: input.decision.protectedIdentity,
              now: input.now,
            },
          ]
        : [],
    ),
  );
  const created = new Map(fresh.map((input, i) => [key(input.caseId, input.filename), documents[i]!]));
  return inputs.map((input) => {
    const k = key(input.caseId, input.filename);
    const document = existing.get(k);
    return document ? { document, created: false } : { document: created.get(k)!, created: true };
  });
}

/** The names of the letters already attached to these cases (a step can skip making them again). */
export async function listLetterNames(
  db: Db | Trx,
  caseIds: readonly string[],
): Promise<{ caseId: string; filename: string }[]> {
  return (await findDocumentsOfCases(db, caseIds, 'letter')).map((d) => ({ caseId: d.caseId, filename: d.filename }));
}

/** Bytes of a case document, for the pipeline (e.g. to attach the letter to an e-mail). */
export async function getDocumentContent(db: Db | Trx, caseId: string, documentId: string): Promise<Buffer> {
  if (!isUuid(caseId) || !isUuid(documentId)) throw new AppError('NOT_FOUND');
  const row = await eDb(db)
    .selectFrom('case_documents')
    .select('content')
    .where('case_id', '=', caseId)
    .where('id', '=', documentId)
    .executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  return Buffer.from(row.content);
}

/** Notifies the applicant of a final automated decision (My pages message + e-mail), in `trx`. */
export async function notifyDecision(
  trx: Trx,
  deps: NotifyDeps,
  input: { caseId: string; decisionId: string; now: Date },
): Promise<void> {
  const subject = await getCaseForProcessing(trx, input.caseId);
  const decision = (await listDecisionsByCase(trx, input.caseId)).find((d) => d.id === input.decisionId);
  if (!decision) throw new AppError('NOT_FOUND', `There is no decision ${input.decisionId} on case ${input.caseId}.`);
  await notifyApplicantOfDecision(trx, deps, { case: subject, decision, now: input.now });
}

/** A message from the system on the applicant's My pages (already in their language). */
export async function postSystemMessage(trx: Trx, input: { caseId: string; body: string; now: Date }): Promise<void> {
  await postSystemMessages(trx, [input]);
}

/** postSystemMessage for several cases, one statement. */
export async function postSystemMessages(
  trx: Trx,
  inputs: readonly { caseId: string; body: string; now: Date }[],
): Promise<void> {
  await insertMessages(
    trx,
    inputs.map((input) => ({
      caseId: input.caseId,
      senderKind: 'system' as const,
      senderId: null,
      body: input.body,
      createdAt: input.now,
    })),
  );
}

/** Closes a decided case (nothing more to do). Illegal from any other status. */
export async function closeCase(
  trx: Trx,
  input: { caseId: string; actor: CaseActor; now: Date; requestId?: string | null },
): Promise<void> {
  const subject = await lockCaseById(trx, input.caseId);
  if (!subject) throw new AppError('NOT_FOUND');
  if (subject.status === 'closed') return;
  assertTransition(subject.status, 'closed');
  await updateCaseStatus(trx, input.caseId, 'closed', input.now);
  await insertCaseEvent(trx, { caseId: input.caseId, type: 'case.closed', actor: input.actor, occurredAt: input.now });
  await recordAudit(trx, {
    type: 'case.closed',
    actor: auditActorOf(input.actor),
    occurredAt: input.now,
    subject: { type: 'case', id: input.caseId },
    oldValue: { status: subject.status },
    newValue: { status: 'closed' },
    requestId: input.requestId ?? null,
  });
}
