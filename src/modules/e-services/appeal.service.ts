import './appeal.audit.ts';
import { createHash } from 'node:crypto';
import { recordAudit } from '../../platform/audit/audit.service.ts';
import type { User } from '../../platform/auth/roles.ts';
import type { Trx } from '../../platform/db/database.ts';
import { AppError } from '../../platform/http/errors.ts';
import { legalReferenceText } from '../../platform/legal/legal-reference.ts';
import { listAppealsByCase, lockPendingAppeal, updateAppeal, type AppealRecord } from './appeal.repository.ts';
import { stockholmDate } from './calendar.ts';
import { assertAppealTransition } from './case-lifecycle.ts';
import { formatValue, labelOne, labelValues, NO_LABELS, swedishValueWords, type CaseLabels } from './case-labels.ts';
import { renderCaseDocument } from './case-file-pdf.ts';
import {
  closeOpenTasks,
  findDocument,
  findDocumentsOfCases,
  insertCaseEvent,
  insertDocument,
  listCaseFacts,
  listDecisionsByCase,
  lockCaseById,
} from './case.repository.ts';
import { attachLetters } from './case.service.ts';
import type { LetterAddress } from './delivery/delivery.service.ts';
import { recordCaseworkerDecision, type CaseworkerDeps } from './caseworker.service.ts';
import { findEService } from './e-service.repository.ts';
import { checkFreeText, type CaseDetail, type DecisionReason, type DecisionRecord } from './e-services.schema.ts';

/** The reason of a dismissal: the appeal came in after its last day. */
export const APPEAL_LATE = 'APPEAL_LATE';
export const APPEAL_LATE_LEGAL_REF = 'förvaltningslagen (2017:900) 45 §';
/** Where appeals go when an e-service names no appeal body of its own. */
export const DEFAULT_APPEAL_BODY = 'förvaltningsrätten';

export interface AppealDeps extends CaseworkerDeps {
  /** Each e-service's appeal body (service id → name), e.g. sfi → Skolväsendets överklagandenämnd. */
  appealBodies?: Readonly<Record<string, string>> | undefined;
  /** Each e-service's labels, so the case file reads like the caseworker's screen. */
  caseLabels?: Readonly<Record<string, CaseLabels>> | undefined;
  /**
   * Where each e-service sends letters (service id → resolver), e.g. SFI: folkbokföring's address
   * for a verified identity. An e-service without one: the address the applicant gave.
   */
  letterAddresses?: Readonly<Record<string, (subject: CaseDetail) => Promise<LetterAddress>>> | undefined;
}

/** Where a letter to the case's applicant goes: the e-service's own answer, else the address given. */
async function letterAddressOf(deps: AppealDeps, subject: CaseDetail): Promise<LetterAddress> {
  const resolve = deps.letterAddresses?.[subject.serviceId];
  if (resolve) return resolve(subject);
  return {
    postalAddress: subject.protectedIdentity ? null : subject.applicant.address,
    protectedIdentity: subject.protectedIdentity,
  };
}

interface AppealActionInput {
  caseId: string;
  caseworker: User;
  now: Date;
  requestId?: string | null;
}

/** The case locked, and its appeal waiting for the municipality; CONFLICT when there is none. */
async function lockAppealed(trx: Trx, caseId: string): Promise<{ subject: CaseDetail; appeal: AppealRecord }> {
  const subject = await lockCaseById(trx, caseId);
  if (!subject || subject.status === 'draft') throw new AppError('NOT_FOUND');
  const appeal = subject.status === 'appealed' ? await lockPendingAppeal(trx, caseId) : undefined;
  if (!appeal) throw new AppError('CONFLICT', 'The case has no appeal waiting for the municipality.');
  return { subject, appeal };
}

async function appealEvent(
  trx: Trx,
  input: AppealActionInput,
  type: 'case.appeal-reconsidered' | 'case.appeal-lapsed' | 'case.appeal-dismissed' | 'case.appeal-forwarded',
  data: Record<string, unknown>,
): Promise<void> {
  await insertCaseEvent(trx, {
    caseId: input.caseId,
    type,
    actor: { kind: 'caseworker', userId: input.caseworker.id },
    occurredAt: input.now,
    data,
  });
}

/**
 * Omprövning (förvaltningslagen 38–39 §§). `change`: the caseworker changes the refusal as the
 * applicant asked — a new final decision (admission) by the manual-decision path, with its letter;
 * the appeal lapses ("faller", 39 §), its task is done and the case is decided. Without `change`
 * the decision stands: the reconsideration is recorded and the appeal must still be forwarded.
 * A second submission finds no appeal waiting (CONFLICT) or one already reconsidered (no-op).
 */
export async function reconsiderAppeal(
  deps: CaseworkerDeps,
  input: AppealActionInput & { change: boolean; motivation: string },
): Promise<{ decision: DecisionRecord | null }> {
  const motivation = checkFreeText('motivation', input.motivation, 5000);
  return deps.db.transaction().execute(async (trx) => {
    const { subject, appeal } = await lockAppealed(trx, input.caseId);
    if (!input.change) {
      if (appeal.reconsideredAt) return { decision: null };
      await updateAppeal(trx, appeal.id, { reconsideredAt: input.now });
      await appealEvent(trx, input, 'case.appeal-reconsidered', { appealId: appeal.id, changed: false, motivation });
      await recordAudit(trx, {
        type: 'case.appeal-reconsidered',
        actor: { kind: 'user', id: input.caseworker.id },
        occurredAt: input.now,
        subject: { type: 'case', id: subject.id },
        newValue: { appealId: appeal.id, changed: false, decisionId: null },
        requestId: input.requestId ?? null,
      });
      return { decision: null };
    }
    // The appeal is against a refusal: admission is the change the applicant asked for.
    const decision = await recordCaseworkerDecision(trx, deps, subject, {
      outcome: 'admit',
      motivation,
      caseworker: input.caseworker,
      now: input.now,
      requestId: input.requestId ?? null,
      result: { reconsideredAppealId: appeal.id },
      followUp: true,
    });
    assertAppealTransition(appeal.state, 'lapsed');
    await updateAppeal(trx, appeal.id, {
      state: 'lapsed',
      reconsideredAt: input.now,
      resolvedByDecisionId: decision.id,
      closedAt: input.now,
    });
    await appealEvent(trx, input, 'case.appeal-lapsed', { appealId: appeal.id, decisionId: decision.id });
    await recordAudit(trx, {
      type: 'case.appeal-reconsidered',
      actor: { kind: 'user', id: input.caseworker.id },
      occurredAt: input.now,
      subject: { type: 'case', id: subject.id },
      newValue: { appealId: appeal.id, changed: true, decisionId: decision.id },
      requestId: input.requestId ?? null,
    });
    return { decision };
  });
}

/**
 * Avvisning (förvaltningslagen 45 §): an appeal that came in after its last day (the verdict
 * stored when it came in) is dismissed. Recorded as a caseworker's final decision — outcome
 * refuse, reason APPEAL_LATE under 45 § — so it is itself appealable, counted, notified and
 * delivered like any decision; its own letter says so and how to appeal it. An appeal on time:
 * CONFLICT.
 */
export async function dismissLateAppeal(
  deps: AppealDeps,
  input: AppealActionInput,
): Promise<{ decision: DecisionRecord; letterId: string }> {
  return deps.db.transaction().execute(async (trx) => {
    const { subject, appeal } = await lockAppealed(trx, input.caseId);
    if (!appeal.late) throw new AppError('CONFLICT', 'Only an appeal that came in late can be dismissed as late.');
    assertAppealTransition(appeal.state, 'dismissed');
    const receivedOn = stockholmDate(appeal.receivedAt);
    const reasons: DecisionReason[] = [{ code: APPEAL_LATE, legalRef: APPEAL_LATE_LEGAL_REF }];
    const decision = await recordCaseworkerDecision(trx, deps, subject, {
      outcome: 'refuse',
      motivation:
        `Överklagandet kom in ${receivedOn}. Sista dagen att överklaga i tid var ${appeal.lastDay ?? 'okänd'}. ` +
        'Ett överklagande som har kommit in för sent ska avvisas.',
      caseworker: input.caseworker,
      now: input.now,
      requestId: input.requestId ?? null,
      reasons,
      result: { kind: 'appeal-dismissal', dismissedAppealId: appeal.id, appealedDecisionId: appeal.decisionId },
      // Not the e-service's decision letter: the dismissal has its own, below.
      followUp: false,
    });
    await updateAppeal(trx, appeal.id, {
      state: 'dismissed',
      resolvedByDecisionId: decision.id,
      closedAt: input.now,
    });
    const appealBody = deps.appealBodies?.[subject.serviceId] ?? DEFAULT_APPEAL_BODY;
    // The same address as the e-service's own letters (the register's for a verified identity).
    const { postalAddress: address, protectedIdentity } = await letterAddressOf(deps, subject);
    const pdf = await renderCaseDocument({
      title: `Avvisning av överklagande, ärende ${subject.caseNumber ?? ''}`,
      cover: dismissalLetter(subject, appeal, decision, {
        appealBody,
        caseworker: input.caseworker.displayName,
        address,
      }),
      sections: [],
      attachments: [],
      now: input.now,
    });
    const [letter] = await attachLetters(trx, [
      {
        caseId: subject.id,
        filename: `avvisning-${subject.caseNumber ?? subject.id}-${decision.id.slice(0, 8)}.pdf`,
        content: pdf,
        component: 'appeals',
        now: input.now,
        decision: {
          id: decision.id,
          postalAddress: address ? { name: subject.applicant.name, ...address } : null,
          protectedIdentity,
        },
      },
    ]);
    await appealEvent(trx, input, 'case.appeal-dismissed', { appealId: appeal.id, decisionId: decision.id });
    await recordAudit(trx, {
      type: 'case.appeal-dismissed',
      actor: { kind: 'user', id: input.caseworker.id },
      occurredAt: input.now,
      subject: { type: 'case', id: subject.id },
      newValue: { appealId: appeal.id, decisionId: decision.id },
      requestId: input.requestId ?? null,
    });
    return { decision, letterId: letter!.document.id };
  });
}

const longDate = new Intl.DateTimeFormat('sv-SE', { dateStyle: 'long', timeZone: 'Europe/Stockholm' });
const dayInWords = (day: string) => longDate.format(new Date(`${day}T12:00:00Z`));

function dismissalLetter(
  subject: CaseDetail,
  appeal: AppealRecord,
  decision: DecisionRecord,
  context: { appealBody: string; caseworker: string; address: LetterAddress['postalAddress'] },
) {
  const { address } = context;
  const addressee = [
    subject.applicant.name,
    ...(address
      ? [...(address.careOf ? [`c/o ${address.careOf}`] : []), address.street, `${address.postalCode} ${address.city}`]
      : []),
  ].join('\n');
  return {
    addressee,
    heading: 'Ditt överklagande har kommit in för sent och avvisas',
    rows: [
      { label: 'Ärende', value: subject.caseNumber ?? '–' },
      { label: 'Beslutsdatum', value: dayInWords(stockholmDate(decision.decidedAt)) },
      { label: 'Beslutet fattades av', value: context.caseworker },
    ],
    paragraphs: [
      `Ditt överklagande kom in till oss den ${dayInWords(stockholmDate(appeal.receivedAt))}. ` +
        (appeal.lastDay
          ? `Sista dagen för att överklaga i tid var den ${dayInWords(appeal.lastDay)}, tre veckor från den dag du tog del av beslutet.`
          : 'Det kom in mer än tre veckor efter den dag du tog del av beslutet.'),
      'Ett överklagande som har kommit in för sent ska avvisas (45 § förvaltningslagen (2017:900)). ' +
        'Därför prövas inte ditt överklagande, och beslutet som du överklagade gäller.',
      'Så överklagar du det här beslutet: om du anser att beslutet att avvisa ditt överklagande är fel kan du ' +
        `överklaga det till ${context.appealBody}. Skicka ditt överklagande till oss inom tre veckor från den dag ` +
        'du tog del av det här beslutet, på Mina sidor eller med post. Skriv vilket ärende det gäller, varför du ' +
        'anser att beslutet är fel och om något hindrade dig från att överklaga i tid. Vi skickar det vidare.',
    ],
  };
}

/**
 * Överlämnande (förvaltningslagen 46 §): the appeal and the case file go to the appeal body. The
 * case file is one PDF (case-file-pdf.ts) kept as a case document of kind 'case-file'; the appeal
 * is marked forwarded and its task done; the case stays appealed until the appeal body decides.
 * Forwarding again returns the first case file (`created` false): no second bundle.
 */
export async function forwardAppeal(
  deps: AppealDeps,
  input: AppealActionInput,
): Promise<{ documentId: string; created: boolean }> {
  return deps.db.transaction().execute(async (trx) => {
    const subject = await lockCaseById(trx, input.caseId);
    if (!subject || subject.status === 'draft') throw new AppError('NOT_FOUND');
    const appeal = subject.status === 'appealed' ? await lockPendingAppeal(trx, subject.id) : undefined;
    if (!appeal) {
      const forwarded = (await listAppealsByCase(trx, subject.id)).at(-1);
      if (forwarded?.state === 'forwarded' && forwarded.caseFileDocumentId)
        return { documentId: forwarded.caseFileDocumentId, created: false };
      throw new AppError('CONFLICT', 'The case has no appeal waiting for the municipality.');
    }
    assertAppealTransition(appeal.state, 'forwarded');
    const appealBody = deps.appealBodies?.[subject.serviceId] ?? DEFAULT_APPEAL_BODY;
    const pdf = await renderCaseDocument(
      await caseFileOf(trx, subject, appeal, {
        appealBody,
        labels: deps.caseLabels?.[subject.serviceId] ?? NO_LABELS,
        caseworker: input.caseworker.displayName,
        now: input.now,
      }),
    );
    const document = await insertDocument(trx, {
      caseId: subject.id,
      kind: 'case-file',
      filename: `overlamnande-${subject.caseNumber ?? subject.id}-${appeal.id.slice(0, 8)}.pdf`,
      contentType: 'application/pdf',
      content: pdf,
      sha256: createHash('sha256').update(pdf).digest('hex'),
      uploadedBy: input.caseworker.id,
      createdAt: input.now,
    });
    await updateAppeal(trx, appeal.id, {
      state: 'forwarded',
      forwardedAt: input.now,
      caseFileDocumentId: document.id,
      closedAt: input.now,
    });
    await closeOpenTasks(trx, subject.id, input.now);
    await appealEvent(trx, input, 'case.appeal-forwarded', {
      appealId: appeal.id,
      documentId: document.id,
      appealBody,
    });
    await recordAudit(trx, {
      type: 'case.appeal-forwarded',
      actor: { kind: 'user', id: input.caseworker.id },
      occurredAt: input.now,
      subject: { type: 'case', id: subject.id },
      newValue: { appealId: appeal.id, documentId: document.id },
      requestId: input.requestId ?? null,
    });
    return { documentId: document.id, created: true };
  });
}

/** What the case file says, in Swedish: the cover letter, then the case as the caseworker reads it. */
async function caseFileOf(
  trx: Trx,
  subject: CaseDetail,
  appeal: AppealRecord,
  context: { appealBody: string; labels: CaseLabels; caseworker: string; now: Date },
) {
  const words = swedishValueWords();
  const [facts, decisions, letters, service] = await Promise.all([
    listCaseFacts(trx, subject.id),
    listDecisionsByCase(trx, subject.id),
    findDocumentsOfCases(trx, [subject.id], 'letter'),
    findEService(trx, subject.serviceId, stockholmDate(context.now)),
  ]);
  const appealed = decisions.find((d) => d.id === appeal.decisionId);
  const reasonText = (r: DecisionReason) =>
    `${context.labels.reasons[r.code] ?? r.code} (${legalReferenceText(r.legalRef)})`;
  const outcomeText = (d: DecisionRecord) =>
    d.outcome === 'admit' ? 'Antagning' : d.outcome === 'refuse' ? 'Avslag' : 'Till handläggare';
  const letterFiles = await Promise.all(
    [...letters]
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
      .map(async (l) => ({ title: l.filename, pdf: (await findDocument(trx, subject.id, l.id))!.content })),
  );
  return {
    title: `Överlämnande av överklagande, ärende ${subject.caseNumber ?? ''}`,
    now: context.now,
    cover: {
      addressee: context.appealBody,
      heading: 'Överlämnande av överklagande',
      paragraphs: [
        `Vi överlämnar ett överklagande och handlingarna i ärendet (46 § förvaltningslagen (2017:900)).`,
        appeal.reconsideredAt
          ? `Vi har omprövat beslutet den ${dayInWords(stockholmDate(appeal.reconsideredAt))} och inte ändrat det (38 § förvaltningslagen).`
          : 'Vi har inte omprövat beslutet.',
        appeal.late
          ? 'Överklagandet kom in efter sista dagen men har inte avvisats (45 § andra stycket förvaltningslagen).'
          : 'Överklagandet kom in i rätt tid.',
      ],
      rows: [
        {
          label: 'Ärende',
          value: `${subject.caseNumber ?? '–'} (${service?.definition.names.sv ?? subject.serviceId})`,
        },
        { label: 'Sökande', value: subject.applicant.name },
        {
          label: 'Det överklagade beslutet',
          value: appealed ? `${outcomeText(appealed)}, ${dayInWords(stockholmDate(appealed.decidedAt))}` : '–',
        },
        { label: 'Överklagandet kom in', value: dayInWords(stockholmDate(appeal.receivedAt)) },
        { label: 'Sista dag att överklaga i tid', value: appeal.lastDay ? dayInWords(appeal.lastDay) : 'Okänd' },
        { label: 'Omprövat', value: appeal.reconsideredAt ? 'Ja, beslutet ändrades inte' : 'Nej' },
        { label: 'Överlämnat', value: `${dayInWords(stockholmDate(context.now))} av ${context.caseworker}` },
      ],
    },
    sections: [
      {
        heading: 'Ansökan',
        rows: labelValues(subject.answers, context.labels.answers).map((entry) => ({
          label: entry.label,
          value: formatValue(entry.value, entry.spec, words, context.labels.answers),
        })),
      },
      {
        heading: 'Uppgifter som beslutet grundas på, med källa',
        rows: facts.map((fact) => {
          const labelled = labelOne(fact.name, fact.value, context.labels.facts);
          const source = context.labels.sources[fact.source] ?? fact.source;
          return {
            label: labelled.label,
            value: `${formatValue(fact.value, labelled.spec, words, context.labels.facts)} (källa: ${source}${fact.selfDeclared ? ', sökandens egen uppgift' : ''})`,
          };
        }),
      },
      ...decisions.map((d) => ({
        heading: `Beslut ${dayInWords(stockholmDate(d.decidedAt))}: ${outcomeText(d)}${d.id === appeal.decisionId ? ' (överklagat)' : ''}`,
        rows: [
          { label: 'Beslutsfattare', value: d.kind === 'automated' ? 'Automatiserat beslut' : 'Handläggare' },
          { label: 'Skäl och lagrum', value: d.reasons.map(reasonText).join('\n') },
          ...(d.ruleSet ? [{ label: 'Regelverk', value: `${d.ruleSet.id} ${d.ruleSet.version}` }] : []),
        ],
        paragraphs: d.motivation ? [`Motivering: ${d.motivation}`] : [],
      })),
      { heading: 'Överklagandet, med sökandens egna ord', paragraphs: [appeal.text || '–'] },
      ...(letterFiles.length > 0
        ? [{ heading: 'Bilagor', paragraphs: letterFiles.map((l, i) => `${i + 1}. ${l.title}`) }]
        : []),
    ],
    attachments: letterFiles,
  };
}
