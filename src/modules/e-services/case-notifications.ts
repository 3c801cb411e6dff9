import { findUserById } from '../../platform/auth/user.repository.ts';
import type { Trx } from '../../platform/db/database.ts';
import type { Notifier } from '../../platform/mail/notifier.service.ts';
import { insertMessages } from './case.repository.ts';
import type { CaseDetail, DecisionRecord } from './e-services.schema.ts';
import { myPagesTranslator, outcomeKey } from './my-pages.i18n.ts';

/** What notifying an applicant needs: the notifier, the public address for links, the sender's name. */
export interface NotifyDeps {
  notifier: Notifier;
  baseUrl: string;
  municipalityName: string;
}

/** The address to write to: the one the applicant gave, else their account's. None: no e-mail. */
async function recipientOf(trx: Trx, subject: CaseDetail): Promise<string | null> {
  if (subject.applicant.email) return subject.applicant.email;
  if (!subject.applicantUserId) return null;
  return (await findUserById(trx, subject.applicantUserId))?.email ?? null;
}

function caseUrl(deps: NotifyDeps, subject: CaseDetail): string {
  return `${deps.baseUrl}/mina-sidor/arenden/${subject.id}?lang=${subject.locale}`;
}

/**
 * Tells the applicant a decision was made, in the language they applied in: a message on My
 * pages and an e-mail (outbox row + delivery job, in `trx`). The e-mail carries the outcome and
 * where to read it, never the reasons or other personal details beyond the name.
 */
export async function notifyApplicantOfDecision(
  trx: Trx,
  deps: NotifyDeps,
  input: { case: CaseDetail; decision: DecisionRecord; now: Date },
): Promise<void> {
  await notifyApplicantsOfDecisions(trx, deps, [input]);
}

/** notifyApplicantOfDecision for several cases: one message INSERT and one batch of e-mails. */
export async function notifyApplicantsOfDecisions(
  trx: Trx,
  deps: NotifyDeps,
  inputs: readonly { case: CaseDetail; decision: DecisionRecord; now: Date }[],
): Promise<void> {
  if (inputs.length === 0) return;
  const messages = [];
  const emails = [];
  for (const input of inputs) {
    const subject = input.case;
    const t = myPagesTranslator(subject.locale);
    const outcome = t.t(outcomeKey(input.decision));
    messages.push({
      caseId: subject.id,
      senderKind: 'system' as const,
      senderId: null,
      body: t.t('system.decided', { outcome }),
      createdAt: input.now,
    });
    const to = await recipientOf(trx, subject);
    if (!to || !subject.caseNumber) continue;
    const next = subject.applicantUserId
      ? t.t('email.next.myPages', { url: caseUrl(deps, subject) })
      : t.t('email.next.noEid');
    emails.push({
      to,
      subject: t.t('email.decided.subject', { caseNumber: subject.caseNumber }),
      text: t.t('email.decided.body', {
        name: subject.applicant.name || '',
        caseNumber: subject.caseNumber,
        outcome,
        next,
        municipality: deps.municipalityName,
      }),
    });
  }
  await insertMessages(trx, messages);
  await deps.notifier.sendEmails(trx, emails);
}

/** Tells the applicant a caseworker wrote to them: an e-mail that says where to read it, never the message itself. */
export async function notifyApplicantOfMessage(trx: Trx, deps: NotifyDeps, input: { case: CaseDetail }): Promise<void> {
  const subject = input.case;
  const to = await recipientOf(trx, subject);
  if (!to || !subject.caseNumber) return;
  const t = myPagesTranslator(subject.locale);
  const next = subject.applicantUserId
    ? t.t('email.next.myPages', { url: caseUrl(deps, subject) })
    : t.t('email.next.messageNoEid');
  await deps.notifier.sendEmail(trx, {
    to,
    subject: t.t('email.message.subject', { caseNumber: subject.caseNumber }),
    text: t.t('email.message.body', {
      name: subject.applicant.name || '',
      caseNumber: subject.caseNumber,
      next,
      municipality: deps.municipalityName,
    }),
  });
}
