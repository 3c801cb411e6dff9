import './e-services.audit.ts';
import { createHash } from 'node:crypto';
import { recordAudit, recordAudits } from '../../platform/audit/audit.service.ts';
import type { Db, Trx } from '../../platform/db/database.ts';
import { AppError } from '../../platform/http/errors.ts';
import type { Locale } from '../../platform/i18n/index.ts';
import { insertAppeal } from './appeal.repository.ts';
import { appealLastDay, isAppealLate, startOfStockholmDay, stockholmDate } from './calendar.ts';
import { assertTransition } from './case-lifecycle.ts';
import {
  claimVerifiedCases,
  findCaseById,
  findDocument,
  insertCaseEvent,
  insertCaseEvents,
  insertDocument,
  insertMessage,
  listCaseEvents,
  listCasesByApplicant,
  listDraftsByApplicant,
  listDecisionsByCase,
  listDocuments,
  listMessages,
  lockCaseById,
  recordDecisionsReceived,
  markMessagesReadFrom,
  openTask,
  updateCaseStatus,
} from './case.repository.ts';
import { findEService, listEServiceIds } from './e-service.repository.ts';
import {
  checkFreeText,
  type CaseActor,
  type CaseDetail,
  type CaseDocument,
  type CaseDocumentInfo,
  type CaseEvent,
  type CaseMessage,
  type CaseSummary,
  type DecisionReceivedVia,
  type DecisionRecord,
} from './e-services.schema.ts';
import { safeFilename, sniffContentType } from './evidence-file.ts';

/** Evidence uploads: 10 MB unless the routes are given another limit. */
export const DEFAULT_UPLOAD_MAX_BYTES = 10 * 1024 * 1024;

type ServiceNames = Partial<Record<Locale, string>> & { sv: string; en: string };

async function serviceNames(db: Db, now: Date): Promise<Map<string, ServiceNames>> {
  const ids = await listEServiceIds(db);
  const services = await Promise.all(ids.map((id) => findEService(db, id, stockholmDate(now))));
  return new Map(services.filter((s) => !!s).map((s) => [s.id, s.definition.names as ServiceNames]));
}

/** A case belongs to the signed-in resident who applied; anyone else gets NOT_FOUND, never a hint it exists. */
async function ownCase(db: Db, userId: string, caseId: string): Promise<CaseDetail> {
  const found = await findCaseById(db, caseId);
  if (!found || found.applicantUserId !== userId || found.status === 'draft') throw new AppError('NOT_FOUND');
  return found;
}

export interface MyCaseSummary extends CaseSummary {
  serviceName: ServiceNames;
}

/**
 * The resident's cases beyond the draft stage, newest first (drafts: listMyDrafts). Cases the
 * resident made without e-ID join them here once a caseworker has verified the identity number
 * the resident now signed in with (a time line entry and an audit event each).
 */
export async function listMyCases(
  db: Db,
  input: { userId: string; personalNumber: string | null; now: Date },
): Promise<MyCaseSummary[]> {
  if (input.personalNumber)
    await joinVerifiedCases(db, { userId: input.userId, personalNumber: input.personalNumber, now: input.now });
  const [cases, names] = await Promise.all([listCasesByApplicant(db, input.userId), serviceNames(db, input.now)]);
  return cases.map((c) => ({ ...c, serviceName: names.get(c.serviceId) ?? { sv: c.serviceId, en: c.serviceId } }));
}

async function joinVerifiedCases(db: Db, input: { userId: string; personalNumber: string; now: Date }): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const joined = await claimVerifiedCases(trx, input.userId, input.personalNumber);
    if (joined.length === 0) return;
    await insertCaseEvents(
      trx,
      joined.map((caseId) => ({
        caseId,
        type: 'case.joined-my-pages',
        actor: { kind: 'applicant' as const, userId: input.userId },
        occurredAt: input.now,
        data: {},
      })),
    );
    await recordAudits(
      trx,
      joined.map((caseId) => ({
        type: 'case.joined-my-pages' as const,
        actor: { kind: 'resident' as const, id: input.userId },
        occurredAt: input.now,
        subject: { type: 'case' as const, id: caseId },
        newValue: {},
      })),
    );
  });
}

/** An application the resident started and has not sent: where it is and when it was last changed. */
export interface MyDraft {
  serviceId: string;
  serviceName: ServiceNames;
  updatedAt: Date;
}

/** The resident's unsent applications (drafts with answers), so My pages can say how long they are kept. */
export async function listMyDrafts(db: Db, input: { userId: string; now: Date }): Promise<MyDraft[]> {
  const drafts = await listDraftsByApplicant(db, input.userId);
  if (drafts.length === 0) return [];
  const names = await serviceNames(db, input.now);
  return drafts.map((d) => ({
    serviceId: d.serviceId,
    serviceName: names.get(d.serviceId) ?? { sv: d.serviceId, en: d.serviceId },
    updatedAt: d.updatedAt,
  }));
}

export interface AppealState {
  /** The refusal an appeal would concern. */
  decisionId: string;
  /** The day the applicant received it (YYYY-MM-DD, Stockholm): the three weeks run from it. */
  receivedOn: string;
  /** Last day to appeal on time (YYYY-MM-DD, Stockholm), moved off weekends and holidays. */
  deadline: string;
  /** True when the deadline has passed: an appeal is still accepted, marked late. */
  late: boolean;
}

export interface MyCase {
  case: CaseDetail;
  serviceName: ServiceNames;
  /** Every decision record, oldest first, without facts or rule trace. */
  decisions: Omit<DecisionRecord, 'facts' | 'trace'>[];
  /** The decision that stands, if any; otherwise the latest record (e.g. "a caseworker will decide"). */
  current: Omit<DecisionRecord, 'facts' | 'trace'> | null;
  events: CaseEvent[];
  messages: CaseMessage[];
  letters: CaseDocumentInfo[];
  evidence: CaseDocumentInfo[];
  /** Set when the applicant may appeal now (a final refusal, no appeal pending). */
  appeal: AppealState | null;
  canUpload: boolean;
  canMessage: boolean;
}

function appealStateOf(subject: CaseDetail, current: DecisionRecord | undefined, now: Date): AppealState | null {
  if (!current || !current.isFinal || current.outcome !== 'refuse' || !current.received) return null;
  if (subject.status !== 'decided' && subject.status !== 'closed') return null;
  return {
    decisionId: current.id,
    receivedOn: stockholmDate(current.received.at),
    deadline: appealLastDay(current.received.at)!,
    late: isAppealLate(current.received.at, now),
  };
}

function withoutInternals(d: DecisionRecord): Omit<DecisionRecord, 'facts' | 'trace'> {
  const { facts: _facts, trace: _trace, ...rest } = d;
  return rest;
}

/**
 * One of the resident's own cases for My pages: status, time line, decision with reasons,
 * letters, messages, and whether an appeal is open. Opening it marks the caseworker's and the
 * system's messages as read (their read receipt) and its final decisions as received: the
 * applicant has now taken part of them, so the time to appeal starts today (förvaltningslagen
 * 44 §) unless they reached the applicant earlier. Protected identity: the address is left out.
 */
export async function getMyCase(db: Db, input: { userId: string; caseId: string; now: Date }): Promise<MyCase> {
  const subject = await ownCase(db, input.userId, input.caseId);
  await db.transaction().execute(async (trx) => {
    await markMessagesReadFrom(trx, subject.id, ['caseworker', 'system'], input.now);
    const unreceived = (await listDecisionsByCase(trx, subject.id)).filter((d) => d.isFinal && !d.received);
    await recordReceived(trx, {
      caseId: subject.id,
      userId: input.userId,
      decisions: unreceived,
      via: 'my-pages',
      now: input.now,
    });
  });
  const [decisions, events, messages, documents, service] = await Promise.all([
    listDecisionsByCase(db, subject.id),
    listCaseEvents(db, subject.id),
    listMessages(db, subject.id),
    listDocuments(db, subject.id),
    findEService(db, subject.serviceId, stockholmDate(input.now)),
  ]);
  const finals = decisions.filter((d) => d.isFinal);
  const current = finals.at(-1) ?? decisions.at(-1);
  return {
    case: subject.protectedIdentity ? { ...subject, applicant: { ...subject.applicant, address: null } } : subject,
    serviceName: (service?.definition.names as ServiceNames | undefined) ?? {
      sv: subject.serviceId,
      en: subject.serviceId,
    },
    decisions: decisions.map(withoutInternals),
    current: current ? withoutInternals(current) : null,
    events,
    messages,
    letters: documents.filter((d) => d.kind === 'letter'),
    evidence: documents.filter((d) => d.kind === 'evidence'),
    appeal: appealStateOf(subject, finals.at(-1), input.now),
    canUpload: subject.status !== 'closed',
    canMessage: subject.status !== 'closed',
  };
}

/** The resident writes to the caseworker about their own case. */
export async function sendMessage(
  db: Db,
  input: { userId: string; caseId: string; body: string; now: Date },
): Promise<CaseMessage> {
  const body = checkFreeText('body', input.body, 5000);
  const subject = await ownCase(db, input.userId, input.caseId);
  if (subject.status === 'closed') throw new AppError('CONFLICT', 'The case is closed.');
  return db.transaction().execute(async (trx) => {
    const message = await insertMessage(trx, {
      caseId: subject.id,
      senderKind: 'applicant',
      senderId: input.userId,
      body,
      createdAt: input.now,
    });
    await insertCaseEvent(trx, {
      caseId: subject.id,
      type: 'case.message-sent',
      actor: { kind: 'applicant', userId: input.userId },
      occurredAt: input.now,
      data: { messageId: message.id },
    });
    return message;
  });
}

/** Marks the caseworker's and system's messages on the resident's case as read; returns how many. */
export async function markMessagesRead(db: Db, input: { userId: string; caseId: string; now: Date }): Promise<number> {
  const subject = await ownCase(db, input.userId, input.caseId);
  return db.transaction().execute((trx) => markMessagesReadFrom(trx, subject.id, ['caseworker', 'system'], input.now));
}

/**
 * The resident uploads evidence (PDF, JPEG or PNG — decided by the file's first bytes, never its
 * name) to their own case. Too large: PAYLOAD_TOO_LARGE (413). Wrong type, empty or missing:
 * VALIDATION_FAILED with the field `file`. Nothing is stored when it is refused.
 */
export async function uploadEvidence(
  db: Db,
  input: {
    userId: string;
    caseId: string;
    filename: string;
    content: Uint8Array | null;
    maxBytes: number;
    now: Date;
    requestId?: string | null;
  },
): Promise<CaseDocumentInfo> {
  const subject = await ownCase(db, input.userId, input.caseId);
  if (!input.content)
    throw new AppError('VALIDATION_FAILED', 'No file was chosen.', {
      fields: [{ field: 'file', code: 'fileRequired' }],
    });
  if (input.content.byteLength > input.maxBytes)
    throw new AppError('PAYLOAD_TOO_LARGE', 'The file is larger than allowed.');
  if (input.content.byteLength === 0)
    throw new AppError('VALIDATION_FAILED', 'The file is empty.', { fields: [{ field: 'file', code: 'fileEmpty' }] });
  const contentType = sniffContentType(input.content);
  if (!contentType)
    throw new AppError('VALIDATION_FAILED', 'Only PDF, JPEG and PNG files are accepted.', {
      fields: [{ field: 'file', code: 'fileType' }],
    });
  if (subject.status === 'closed') throw new AppError('CONFLICT', 'The case is closed.');
  return db.transaction().execute(async (trx) => {
    const document = await insertDocument(trx, {
      caseId: subject.id,
      kind: 'evidence',
      filename: safeFilename(input.filename, contentType),
      contentType,
      content: input.content!,
      sha256: createHash('sha256').update(input.content!).digest('hex'),
      uploadedBy: input.userId,
      createdAt: input.now,
    });
    await insertCaseEvent(trx, {
      caseId: subject.id,
      type: 'case.evidence-uploaded',
      actor: { kind: 'applicant', userId: input.userId },
      occurredAt: input.now,
      data: { documentId: document.id },
    });
    await recordAudit(trx, {
      type: 'case.evidence-uploaded',
      actor: { kind: 'resident', id: input.userId },
      occurredAt: input.now,
      subject: { type: 'case', id: subject.id },
      newValue: { documentId: document.id, contentType, size: document.size },
      requestId: input.requestId ?? null,
    });
    return document;
  });
}

/** A letter or the resident's own evidence from their own case. */
export async function getMyDocument(
  db: Db,
  input: { userId: string; caseId: string; documentId: string },
): Promise<CaseDocument> {
  const subject = await ownCase(db, input.userId, input.caseId);
  const document = await findDocument(db, subject.id, input.documentId);
  if (!document) throw new AppError('NOT_FOUND');
  return document;
}

/** The applicant received decisions: marks them, with a time line entry and an audit event for each one newly received. */
async function recordReceived(
  trx: Trx,
  input: { caseId: string; userId: string; decisions: readonly DecisionRecord[]; via: DecisionReceivedVia; now: Date },
): Promise<void> {
  const { caseId, userId, decisions, via, now } = input;
  const marked = (
    await recordDecisionsReceived(trx, {
      decisionIds: decisions.map((d) => d.id),
      via,
      at: now,
      actor: { kind: 'applicant', userId },
      now,
    })
  ).map((r) => r.decisionId);
  await recordAudits(
    trx,
    marked.map((decisionId) => ({
      type: 'case.decision-received' as const,
      actor: { kind: 'resident' as const, id: userId },
      occurredAt: now,
      subject: { type: 'case' as const, id: caseId },
      newValue: { decisionId, via },
    })),
  );
}

/**
 * The resident appeals a refusal. Within three weeks of the day they received the decision
 * (moved off weekends and holidays) it is on time; after that it is still accepted and marked
 * late. An appeal against a decision not yet marked received shows that it was: the time starts
 * now. It becomes a time line entry and an `appeal` task for a caseworker, and the case becomes
 * appealed. Only a final refusal can be appealed here.
 */
export async function appeal(
  db: Db,
  input: { userId: string; caseId: string; text: string; now: Date; requestId?: string | null },
): Promise<{ late: boolean }> {
  const text = checkFreeText('text', input.text, 5000);
  await ownCase(db, input.userId, input.caseId);
  return db.transaction().execute(async (trx) => {
    const subject = (await lockCaseById(trx, input.caseId))!;
    const decision = (await listDecisionsByCase(trx, subject.id)).filter((d) => d.isFinal).at(-1);
    if (!decision || decision.outcome !== 'refuse') throw new AppError('CONFLICT', 'Only a refusal can be appealed.');
    assertTransition(subject.status, 'appealed');
    if (!decision.received) {
      await recordReceived(trx, {
        caseId: subject.id,
        userId: input.userId,
        decisions: [decision],
        via: 'appeal',
        now: input.now,
      });
    }
    return openAppeal(trx, {
      subject,
      decision,
      decisionReceivedAt: decision.received?.at ?? input.now,
      arrivedAt: input.now,
      text,
      actor: { kind: 'applicant', userId: input.userId },
      auditActor: { kind: 'resident', id: input.userId },
      now: input.now,
      requestId: input.requestId ?? null,
    });
  });
}

/**
 * A caseworker registers an appeal that came in on paper (by post or handed in), on the day it
 * arrived: an applicant without e-ID has no My pages to appeal on. The same record, task and
 * status as an appeal made on My pages; on time or late is judged by the day it arrived, counted
 * from the day the decision was received. A decision not yet marked received is shown received by
 * the appeal, on the day it arrived. Only a final refusal without a pending appeal: CONFLICT
 * otherwise. The arrival day may not be in the future or before the decision: VALIDATION_FAILED.
 */
export async function registerPaperAppeal(
  db: Db,
  input: {
    caseId: string;
    caseworkerId: string;
    text: string;
    arrivedOn: string;
    now: Date;
    requestId?: string | null;
  },
): Promise<{ late: boolean }> {
  const text = checkFreeText('text', input.text, 5000);
  const arrivedAt = startOfStockholmDay(input.arrivedOn);
  return db.transaction().execute(async (trx) => {
    const subject = await lockCaseById(trx, input.caseId);
    if (!subject || subject.status === 'draft') throw new AppError('NOT_FOUND');
    const decision = (await listDecisionsByCase(trx, subject.id)).filter((d) => d.isFinal).at(-1);
    if (!decision || decision.outcome !== 'refuse') throw new AppError('CONFLICT', 'Only a refusal can be appealed.');
    if (input.arrivedOn > stockholmDate(input.now) || input.arrivedOn < stockholmDate(decision.decidedAt))
      throw new AppError('VALIDATION_FAILED', 'The day the appeal arrived is not possible.', {
        fields: [{ field: 'arrivedOn', code: 'invalidDate' }],
      });
    assertTransition(subject.status, 'appealed');
    let decisionReceivedAt = decision.received?.at ?? null;
    if (!decisionReceivedAt) {
      await recordDecisionsReceived(trx, {
        decisionIds: [decision.id],
        via: 'appeal',
        at: arrivedAt,
        actor: { kind: 'caseworker', userId: input.caseworkerId },
        now: input.now,
      });
      decisionReceivedAt = arrivedAt;
    }
    return openAppeal(trx, {
      subject,
      decision,
      decisionReceivedAt,
      arrivedAt,
      text,
      actor: { kind: 'caseworker', userId: input.caseworkerId },
      auditActor: { kind: 'user', id: input.caseworkerId },
      now: input.now,
      requestId: input.requestId ?? null,
      onPaper: true,
    });
  });
}

/**
 * An appeal that has come in, made on My pages or registered from paper: on time or late by the
 * day it arrived, counted from the day the decision was received. The case becomes appealed with
 * an `appeal` task, an appeal record, a time line entry and an audit event.
 */
async function openAppeal(
  trx: Trx,
  input: {
    subject: CaseDetail;
    decision: DecisionRecord;
    decisionReceivedAt: Date;
    arrivedAt: Date;
    text: string;
    actor: CaseActor;
    auditActor: { kind: 'resident' | 'user'; id: string };
    now: Date;
    requestId: string | null;
    onPaper?: boolean;
  },
): Promise<{ late: boolean }> {
  const { subject, decision, decisionReceivedAt, arrivedAt, text } = input;
  const late = isAppealLate(decisionReceivedAt, arrivedAt);
  const lastDay = appealLastDay(decisionReceivedAt)!;
  await updateCaseStatus(trx, subject.id, 'appealed', input.now);
  await openTask(trx, subject.id, 'appeal', subject.assignedTo, input.now);
  await insertAppeal(trx, { caseId: subject.id, decisionId: decision.id, receivedAt: arrivedAt, lastDay, late, text });
  await insertCaseEvent(trx, {
    caseId: subject.id,
    type: 'case.appealed',
    actor: input.actor,
    occurredAt: arrivedAt,
    data: {
      decisionId: decision.id,
      late,
      receivedOn: stockholmDate(decisionReceivedAt),
      deadline: lastDay,
      text,
      ...(input.onPaper ? { onPaper: true } : {}),
    },
  });
  await recordAudit(trx, {
    type: 'case.appealed',
    actor: input.auditActor,
    occurredAt: input.now,
    subject: { type: 'case', id: subject.id },
    newValue: { decisionId: decision.id, late, lastDay },
    requestId: input.requestId,
  });
  return { late };
}
