import './e-services.audit.ts';
import { z } from 'zod';
import { recordAudit } from '../../platform/audit/audit.service.ts';
import type { User } from '../../platform/auth/roles.ts';
import type { Db, Trx } from '../../platform/db/database.ts';
import { AppError } from '../../platform/http/errors.ts';
import { parsePersonalNumber } from '../../platform/identity/personal-number.ts';
import { appealForwardDueDay, stockholmDate } from './calendar.ts';
import { AWAITING_CASEWORKER, assertTransition } from './case-lifecycle.ts';
import { notifyApplicantOfDecision, notifyApplicantOfMessage, type NotifyDeps } from './case-notifications.ts';
import {
  assignOpenTasks,
  closeOpenTasks,
  countQueue,
  findCaseById,
  findDocument,
  insertCaseEvent,
  insertManualDecision,
  insertMessage,
  listCaseEvents,
  listCaseFacts,
  listCaseworkers,
  listDecisionsByCase,
  listDocuments,
  listMessages,
  listQueue as listQueueRows,
  listOtherCasesOfSameApplicants,
  listReasonCodes,
  listTasks,
  lockCaseById,
  markIdentityVerified,
  markMessagesReadFrom,
  updateCaseAssignee,
  updateCaseStatus,
  type QueueFilter,
  type QueueRow,
  type SameApplicantCase,
} from './case.repository.ts';
import { listAppealsByCase, lockPendingAppeal, type AppealRecord } from './appeal.repository.ts';
import { findEService } from './e-service.repository.ts';
import { auditActorOf } from './case.service.ts';
import { caseworkerTranslator } from './caseworker.i18n.ts';
import { toCsv } from './csv.ts';
import {
  checkFreeText,
  DEFAULT_MANUAL_LEGAL_REF,
  MANUAL_DECISION,
  type CaseActor,
  type CaseDetail,
  type CaseDocument,
  type CaseDocumentInfo,
  type CaseEvent,
  type CaseFact,
  type CaseMessage,
  type CaseStatus,
  type CaseTask,
  type DecisionReason,
  type DecisionRecord,
  type Page,
} from './e-services.schema.ts';

export const QUEUE_PAGE_SIZE = 25;
/** A CSV export is for a working list, not a data dump. */
export const CSV_EXPORT_LIMIT = 10_000;

/** The staff roles that work in the case workspace. */
export const CASEWORKER_ROLES = ['caseworker', 'admin'] as const;

/** A member of staff's decisions and messages also need a hook for what follows a decision (enrolment …). */
export interface CaseworkerDeps extends NotifyDeps {
  db: Db;
  /**
   * Runs in the deciding transaction after a caseworker's decision is stored: the service built
   * on the machinery enqueues its follow-up (enrolment, letter) here.
   */
  onDecided?: ((trx: Trx, input: { case: CaseDetail; decision: DecisionRecord }) => Promise<void>) | undefined;
}

export interface QueueQuery {
  serviceId?: string | undefined;
  status?: CaseStatus | 'open' | 'all' | 'appeal-pending' | undefined;
  reasonCode?: string | undefined;
  /** Only cases waiting longer than this many days. */
  waitingLongerThanDays?: number | undefined;
  assignedTo?: string | undefined;
  page?: number | undefined;
  now: Date;
}

function filterOf(query: QueueQuery): QueueFilter {
  return {
    serviceId: query.serviceId,
    status: query.status,
    reasonCode: query.reasonCode,
    assignedTo: query.assignedTo,
    waitingSince: query.waitingLongerThanDays
      ? new Date(query.now.getTime() - query.waitingLongerThanDays * 86_400_000)
      : undefined,
  };
}

/** The caseworker queue: filters, longest-waiting first, 25 a page. Lists no personal data, so reading it is not access-logged. */
export async function listQueue(db: Db, query: QueueQuery): Promise<Page<QueueRow>> {
  const filter = filterOf(query);
  const page = Math.max(1, query.page ?? 1);
  const [total, items] = await Promise.all([
    countQueue(db, filter),
    listQueueRows(db, filter, { limit: QUEUE_PAGE_SIZE, offset: (page - 1) * QUEUE_PAGE_SIZE }),
  ]);
  return { items, page, pageCount: Math.max(1, Math.ceil(total / QUEUE_PAGE_SIZE)), total };
}

/** What the queue's filter lists offer: reason codes seen in decisions, and who can be assigned. */
export async function getQueueOptions(
  db: Db,
): Promise<{ reasonCodes: string[]; caseworkers: { id: string; name: string }[] }> {
  const [reasonCodes, caseworkers] = await Promise.all([listReasonCodes(db), listCaseworkers(db)]);
  return { reasonCodes, caseworkers };
}

/** The filtered queue as CSV (headers in sv or en), safe to open in a spreadsheet. */
export async function exportQueueCsv(db: Db, query: QueueQuery & { locale: 'sv' | 'en' }): Promise<string> {
  const c = caseworkerTranslator(query.locale);
  const rows = await listQueueRows(db, filterOf(query), { limit: CSV_EXPORT_LIMIT, offset: 0 });
  return toCsv(
    [
      c.t('queue.caseNumber'),
      c.t('queue.service'),
      c.t('queue.status'),
      c.t('queue.submitted'),
      c.t('queue.waitingSince'),
      c.t('queue.task'),
      c.t('queue.reasons'),
      c.t('queue.assignedTo'),
      c.t('queue.identity'),
    ],
    rows.map((r) => [
      r.caseNumber,
      r.serviceId,
      c.t(`status.${r.status}`),
      r.submittedAt.toISOString(),
      r.waitingSince?.toISOString() ?? '',
      r.openTask ? c.t(`task.${r.openTask}`) : '',
      r.reasonCodes.join(' '),
      r.assignedTo?.name ?? '',
      r.identityVerified ? c.t('identity.verified') : c.t('identity.unverified'),
    ]),
  );
}

/** An appeal as the applicant sent it (from its time line entry): their words, and whether it came in on time. */
export interface CaseAppeal {
  receivedAt: Date;
  /** The applicant's own words, in whatever language they wrote. */
  text: string | null;
  /** The day the applicant received the decision (YYYY-MM-DD, Stockholm): the three weeks ran from it. */
  decisionReceivedOn: string | null;
  /** The last day to appeal on time (YYYY-MM-DD, Stockholm), as computed when the appeal came in. */
  deadline: string | null;
  late: boolean | null;
  /** Registered by a caseworker from paper: it came in on a day, at no known time of it. */
  onPaper: boolean;
}

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const appealEventData = z.object({
  text: z.string().nullish(),
  receivedOn: isoDay.nullish(),
  deadline: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .nullish(),
  late: z.boolean().nullish(),
  onPaper: z.boolean().nullish(),
});

/** The appeals of a case, oldest first, from their `case.appealed` entries; a field an entry lacks is null. */
export function appealsOf(events: readonly CaseEvent[]): CaseAppeal[] {
  return events
    .filter((event) => event.type === 'case.appealed')
    .map((event) => {
      const parsed = appealEventData.safeParse(event.data);
      const data = parsed.success ? parsed.data : {};
      return {
        receivedAt: event.occurredAt,
        text: data.text ?? null,
        decisionReceivedOn: data.receivedOn ?? null,
        deadline: data.deadline ?? null,
        late: data.late ?? null,
        onPaper: data.onPaper === true,
      };
    });
}

function forwardDueOf(appeals: readonly AppealRecord[], now: Date): CaseworkerCase['appealForwardDue'] {
  const pending = appeals.find((a) => a.state === 'pending');
  if (!pending) return null;
  const dueOn = appealForwardDueDay(pending.receivedAt);
  return { dueOn, overdue: stockholmDate(now) > dueOn };
}

export interface CaseworkerCase {
  case: CaseDetail;
  serviceName: { sv: string; en: string };
  assignee: { id: string; name: string } | null;
  facts: CaseFact[];
  decisions: DecisionRecord[];
  documents: CaseDocumentInfo[];
  messages: CaseMessage[];
  events: CaseEvent[];
  appeals: CaseAppeal[];
  /** The appeals as the municipality handles them (case_appeals), oldest first. */
  appealRecords: AppealRecord[];
  /** For an appeal waiting for the municipality: the day it should be forwarded by, and whether that has passed. */
  appealForwardDue: { dueOn: string; overdue: boolean } | null;
  tasks: CaseTask[];
  /** Reason codes a caseworker may cite in a decision: those the rules gave. */
  reasonOptions: DecisionReason[];
  canDecide: boolean;
  caseworkers: { id: string; name: string }[];
  /** The applicant's other cases in the same e-service (same personal number), oldest first. */
  sameApplicantCases: SameApplicantCase[];
}

/** Protected identity (skyddad identitet): the address never leaves the database, for staff either. */
function withoutProtectedAddress(subject: CaseDetail): CaseDetail {
  return subject.protectedIdentity ? { ...subject, applicant: { ...subject.applicant, address: null } } : subject;
}

function reasonOptionsOf(decisions: readonly DecisionRecord[]): DecisionReason[] {
  const seen = new Map<string, DecisionReason>();
  for (const d of decisions)
    for (const r of d.reasons)
      if (!seen.has(r.code) && r.code !== 'ELIGIBLE' && r.code !== MANUAL_DECISION) seen.set(r.code, r);
  return [...seen.values()];
}

/**
 * Everything about a case for a caseworker: every fact with value, source and time, the
 * decision records with their trace, documents, messages, time line and tasks. Reading it is
 * access-logged (`case.viewed`: who and which case, nothing else); opening it in the workspace
 * marks the applicant's messages as read (their read receipt).
 */
export async function getCaseForCaseworker(
  db: Db,
  input: { caseId: string; viewer: User; now: Date; requestId?: string | null; channel: 'web' | 'api' },
): Promise<CaseworkerCase> {
  const found = await findCaseById(db, input.caseId);
  if (!found || found.status === 'draft') throw new AppError('NOT_FOUND');
  await db.transaction().execute(async (trx) => {
    if (input.channel === 'web') await markMessagesReadFrom(trx, input.caseId, ['applicant'], input.now);
    await recordAudit(trx, {
      type: 'case.viewed',
      actor: { kind: 'user', id: input.viewer.id },
      occurredAt: input.now,
      subject: { type: 'case', id: input.caseId },
      requestId: input.requestId ?? null,
    });
  });
  const [service, facts, decisions, documents, messages, events, tasks, caseworkers, sameApplicant, appealRecords] =
    await Promise.all([
      findEService(db, found.serviceId, stockholmDate(input.now)),
      listCaseFacts(db, input.caseId),
      listDecisionsByCase(db, input.caseId),
      listDocuments(db, input.caseId),
      listMessages(db, input.caseId),
      listCaseEvents(db, input.caseId),
      listTasks(db, input.caseId),
      listCaseworkers(db),
      listOtherCasesOfSameApplicants(db, [input.caseId]),
      listAppealsByCase(db, input.caseId),
    ]);
  return {
    case: withoutProtectedAddress(found),
    serviceName: {
      sv: service?.definition.names.sv ?? found.serviceId,
      en: service?.definition.names.en ?? found.serviceId,
    },
    assignee: found.assignedTo
      ? (caseworkers.find((c) => c.id === found.assignedTo) ?? { id: found.assignedTo, name: found.assignedTo })
      : null,
    facts,
    decisions,
    documents,
    messages,
    events,
    appeals: appealsOf(events),
    appealRecords,
    appealForwardDue: forwardDueOf(appealRecords, input.now),
    tasks,
    reasonOptions: reasonOptionsOf(decisions),
    // An appeal waiting for the municipality has its own actions instead of the decide form.
    canDecide: AWAITING_CASEWORKER.includes(found.status) && !appealRecords.some((a) => a.state === 'pending'),
    caseworkers,
    sameApplicantCases: sameApplicant,
  };
}

/** A document of a case for a caseworker; the download is access-logged. */
export async function getCaseDocumentForCaseworker(
  db: Db,
  input: { caseId: string; documentId: string; viewer: User; now: Date; requestId?: string | null },
): Promise<CaseDocument> {
  const document = await findDocument(db, input.caseId, input.documentId);
  if (!document) throw new AppError('NOT_FOUND');
  await db.transaction().execute((trx) =>
    recordAudit(trx, {
      type: 'case.document-viewed',
      actor: { kind: 'user', id: input.viewer.id },
      occurredAt: input.now,
      subject: { type: 'case', id: input.caseId },
      newValue: { documentId: input.documentId },
      requestId: input.requestId ?? null,
    }),
  );
  return document;
}

export interface DecideManuallyInput {
  caseId: string;
  outcome: 'admit' | 'refuse';
  /** Required: the caseworker's written reasons (förvaltningslagen 32 §). */
  motivation: string;
  /** Reason codes from the rules' decision the caseworker relies on; none: `MANUAL_DECISION`. */
  reasonCodes?: readonly string[] | undefined;
  caseworker: User;
  now: Date;
  requestId?: string | null;
}

/**
 * A caseworker decides a case waiting for a human (in progress, or appealed): a decision record
 * in the same format as the rules' (kind manual, actor the caseworker, reasons, facts as they
 * stand, motivation), the task closed, the applicant notified (My pages + e-mail), audited.
 */
export async function decideManually(deps: CaseworkerDeps, input: DecideManuallyInput): Promise<DecisionRecord> {
  const motivation = checkFreeText('motivation', input.motivation, 5000);
  return deps.db.transaction().execute(async (trx) => {
    const subject = await lockCaseById(trx, input.caseId);
    if (!subject || subject.status === 'draft') throw new AppError('NOT_FOUND');
    if (!AWAITING_CASEWORKER.includes(subject.status))
      throw new AppError('CONFLICT', `A case that is ${subject.status} is not waiting for a decision.`);
    // An appeal waiting for the municipality is reconsidered, dismissed or forwarded (appeal.service.ts), not decided.
    if (await lockPendingAppeal(trx, subject.id))
      throw new AppError('CONFLICT', 'An appeal waits: reconsider, dismiss or forward it.');
    return recordCaseworkerDecision(trx, deps, subject, { ...input, motivation, followUp: true });
  });
}

/**
 * Stores a caseworker's final decision on a locked case waiting for one, in the caller's
 * transaction: the record, status decided, open tasks closed, time line, audit, the applicant
 * notified and (with `followUp`) the e-service's follow-up (its letter). `reasons` replaces the
 * reasons chosen from the rules' (a dismissal cites its own provision); `result` adds to the record.
 */
export async function recordCaseworkerDecision(
  trx: Trx,
  deps: CaseworkerDeps,
  subject: CaseDetail,
  input: Omit<DecideManuallyInput, 'caseId'> & {
    reasons?: DecisionReason[];
    result?: Record<string, unknown>;
    followUp: boolean;
  },
): Promise<DecisionRecord> {
  const { motivation } = input;
  const caseId = subject.id;
  assertTransition(subject.status, 'decided');
  const earlier = await listDecisionsByCase(trx, caseId);
  const options = reasonOptionsOf(earlier);
  const chosen = [...new Set(input.reasonCodes ?? [])];
  const unknown = chosen.filter((code) => !options.some((o) => o.code === code));
  if (unknown.length > 0)
    throw new AppError('VALIDATION_FAILED', 'A reason code is not one of the case’s.', {
      fields: [{ field: 'reasonCodes', code: 'chooseOne' }],
    });
  const service = await findEService(trx, subject.serviceId, stockholmDate(input.now));
  const reasons: DecisionReason[] = input.reasons
    ? input.reasons
    : chosen.length > 0
      ? options.filter((o) => chosen.includes(o.code))
      : [{ code: MANUAL_DECISION, legalRef: service?.definition.manualDecisionLegalRef ?? DEFAULT_MANUAL_LEGAL_REF }];
  const facts = Object.fromEntries(
    (await listCaseFacts(trx, caseId)).map((f) => [
      f.name,
      { value: f.value, source: f.source, selfDeclared: f.selfDeclared, retrievedAt: f.retrievedAt.toISOString() },
    ]),
  );
  const basedOn = earlier.at(-1);
  const decision = await insertManualDecision(trx, {
    caseId,
    kind: 'manual',
    outcome: input.outcome,
    reasons,
    ruleSet: null,
    contentHash: null,
    facts,
    trace: null,
    result: {
      outcome: input.outcome,
      reasons,
      basedOnDecisionId: basedOn?.id ?? null,
      onAppeal: subject.status === 'appealed',
      ...input.result,
    },
    actor: { kind: 'caseworker', id: input.caseworker.id },
    motivation,
    isFinal: true,
    decidedAt: input.now,
  });
  const actor: CaseActor = { kind: 'caseworker', userId: input.caseworker.id };
  await updateCaseStatus(trx, caseId, 'decided', input.now, input.now);
  await closeOpenTasks(trx, caseId, input.now);
  await insertCaseEvent(trx, {
    caseId,
    type: 'case.decided',
    actor,
    occurredAt: input.now,
    data: { decisionId: decision.id, kind: 'manual', outcome: input.outcome },
  });
  await recordAudit(trx, {
    type: 'case.decided',
    actor: auditActorOf(actor),
    occurredAt: input.now,
    subject: { type: 'case', id: caseId },
    oldValue: null,
    newValue: {
      decisionId: decision.id,
      kind: 'manual',
      outcome: input.outcome,
      isFinal: true,
      reasonCodes: reasons.map((r) => r.code),
    },
    requestId: input.requestId ?? null,
  });
  const decided = { ...subject, status: 'decided' as const, decidedAt: input.now };
  await notifyApplicantOfDecision(trx, deps, { case: decided, decision, now: input.now });
  if (input.followUp) await deps.onDecided?.(trx, { case: decided, decision });
  return decision;
}

/** Gives the case (and its open tasks) to a caseworker, or back to the pool with null. */
export async function reassign(
  db: Db,
  input: { caseId: string; assignTo: string | null; by: User; now: Date; requestId?: string | null },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const subject = await lockCaseById(trx, input.caseId);
    if (!subject || subject.status === 'draft') throw new AppError('NOT_FOUND');
    if (input.assignTo !== null && !(await listCaseworkers(trx)).some((c) => c.id === input.assignTo)) {
      throw new AppError('VALIDATION_FAILED', 'Cases can only be given to caseworkers.', {
        fields: [{ field: 'assignTo', code: 'chooseOne' }],
      });
    }
    if (subject.assignedTo === input.assignTo) return;
    await updateCaseAssignee(trx, input.caseId, input.assignTo, input.now);
    await assignOpenTasks(trx, input.caseId, input.assignTo);
    await insertCaseEvent(trx, {
      caseId: input.caseId,
      type: 'case.assigned',
      actor: { kind: 'caseworker', userId: input.by.id },
      occurredAt: input.now,
      data: { assignedTo: input.assignTo },
    });
    await recordAudit(trx, {
      type: 'case.assigned',
      actor: { kind: 'user', id: input.by.id },
      occurredAt: input.now,
      subject: { type: 'case', id: input.caseId },
      oldValue: { assignedTo: subject.assignedTo },
      newValue: { assignedTo: input.assignTo },
      requestId: input.requestId ?? null,
    });
  });
}

/** How a caseworker verified an applicant's identity. */
export const IDENTITY_METHODS = ['swedish-id', 'foreign-id', 'registry'] as const;
export type IdentityMethod = (typeof IDENTITY_METHODS)[number];

/**
 * A caseworker verifies the identity of an applicant who applied without e-ID, having seen an
 * identity document: the case carries the verified number (so letters use the register's
 * address, and the case joins the resident's My pages when they sign in with e-ID). A number
 * that is not valid: VALIDATION_FAILED. A case already verified: CONFLICT.
 */
export async function verifyIdentity(
  db: Db,
  input: {
    caseId: string;
    personalNumber: string;
    method: IdentityMethod;
    by: User;
    now: Date;
    requestId?: string | null;
  },
): Promise<void> {
  const parsed = parsePersonalNumber(input.personalNumber, { today: stockholmDate(input.now) });
  if (!parsed.ok)
    throw new AppError('VALIDATION_FAILED', 'The identity number is not valid.', {
      fields: [{ field: 'personalNumber', code: 'invalidPersonalNumber' }],
    });
  await db.transaction().execute(async (trx) => {
    const subject = await lockCaseById(trx, input.caseId);
    if (!subject || subject.status === 'draft') throw new AppError('NOT_FOUND');
    if (subject.identityVerified) throw new AppError('CONFLICT', 'The identity is already verified.');
    await markIdentityVerified(trx, subject.id, parsed.personalNumber.value, input.now);
    await insertCaseEvent(trx, {
      caseId: subject.id,
      type: 'case.identity-verified',
      actor: { kind: 'caseworker', userId: input.by.id },
      occurredAt: input.now,
      data: { method: input.method },
    });
    await recordAudit(trx, {
      type: 'case.identity-verified',
      actor: { kind: 'user', id: input.by.id },
      occurredAt: input.now,
      subject: { type: 'case', id: subject.id },
      newValue: { method: input.method },
      requestId: input.requestId ?? null,
    });
  });
}

/** A caseworker writes to the applicant: a message on My pages and an e-mail saying there is one. */
export async function sendCaseworkerMessage(
  deps: CaseworkerDeps,
  input: { caseId: string; caseworker: User; body: string; now: Date },
): Promise<CaseMessage> {
  const body = checkFreeText('body', input.body, 5000);
  return deps.db.transaction().execute(async (trx) => {
    const subject = await findCaseById(trx, input.caseId);
    if (!subject || subject.status === 'draft') throw new AppError('NOT_FOUND');
    const message = await insertMessage(trx, {
      caseId: input.caseId,
      senderKind: 'caseworker',
      senderId: input.caseworker.id,
      body,
      createdAt: input.now,
    });
    await insertCaseEvent(trx, {
      caseId: input.caseId,
      type: 'case.message-sent',
      actor: { kind: 'caseworker', userId: input.caseworker.id },
      occurredAt: input.now,
      data: { messageId: message.id },
    });
    await notifyApplicantOfMessage(trx, deps, { case: subject });
    return message;
  });
}
