import type { User } from '../../platform/auth/roles.ts';
import type { DeferredWrites } from '../../platform/db/deferred-writes.ts';
import { AppError, type FieldError } from '../../platform/http/errors.ts';
import type { Locale } from '../../platform/i18n/index.ts';
import type { Notifier } from '../../platform/mail/notifier.service.ts';
import { parsePersonalNumber } from '../../platform/identity/personal-number.ts';
import { stockholmDate, type CaseStatus, type CaseSubmissions } from '../e-services/index.ts';
import type { SfiApplication, StoredSfiAnswers } from './sfi-application.schema.ts';
import { SFI_SERVICE } from './sfi-e-service.ts';
import { sfiTranslator } from './sfi.i18n.ts';

export interface SubmitSfiDeps {
  /** The process's submissions (committed in groups). */
  submissions: CaseSubmissions;
  clock: () => Date;
  /** Enqueues the pipeline's first step for the case, held with the submission's other writes. */
  startPipeline: (deferred: DeferredWrites, caseId: string) => Promise<void>;
  /** Queues the receipt e-mail (outbox) in the submitting transaction. */
  notifier: Notifier;
  /** The sender named in the receipt. */
  municipalityName: string;
}

export interface SubmitSfiInput {
  /** The application, checked against its schema (the API's route schema, or parseSfiApplication). */
  application: SfiApplication;
  /** The signed-in resident (e-ID path), or null (no e-ID). */
  user: User | null;
  idempotencyKey: string | null;
  locale: Locale;
  requestId?: string | null;
}

export interface SubmitSfiResult {
  created: boolean;
  caseId: string;
  caseNumber: string;
  status: CaseStatus;
}

function invalid(fields: FieldError[]): AppError {
  return new AppError('VALIDATION_FAILED', 'The application is not valid.', { fields });
}

/**
 * Checks what an SFI application's schema cannot (the personal number's check digit, dates
 * against today, what e-ID supplies) and submits it as a case, with the pipeline's first job enqueued
 * in the same transaction. With e-ID the signed-in resident's verified personal number is used
 * (identity verified); without, the number given (if any) is kept but the identity is
 * unverified — the rules then send the case to a caseworker (IDENTITY_UNVERIFIED) — and a postal
 * address is required, since the decision letter goes by post. The same
 * idempotency key again returns the first case and writes nothing. Bad input: VALIDATION_FAILED
 * with field errors, nothing stored. With an e-mail address the applicant gets a receipt (case
 * number, in the language they applied in), queued in the same transaction: exactly once.
 */
export async function submitSfiApplication(deps: SubmitSfiDeps, input: SubmitSfiInput): Promise<SubmitSfiResult> {
  const now = deps.clock();
  const today = stockholmDate(now);
  const { application } = input;
  const eId = !!input.user?.roles.includes('resident') && !!input.user.personalNumber;
  const fields: FieldError[] = [];

  let personalNumber: string | null = null;
  let birthDate: string | null = application.identity.birthDate ?? null;
  const given = eId ? input.user!.personalNumber! : (application.identity.personalNumber ?? '').trim();
  if (given) {
    const result = parsePersonalNumber(given, { today });
    if (!result.ok)
      fields.push({
        field: 'identity.personalNumber',
        code: result.error === 'future' ? 'dateInFuture' : 'invalidPersonalNumber',
      });
    else {
      personalNumber = result.personalNumber.value;
      // The number carries the birth date; a different one typed beside it is ignored.
      birthDate = result.personalNumber.birthDate;
    }
  } else if (!birthDate) {
    fields.push({ field: 'identity.birthDate', code: 'required' });
  }
  if (birthDate && birthDate > today) fields.push({ field: 'identity.birthDate', code: 'dateInFuture' });
  const name = application.identity.name ?? (eId ? input.user!.displayName : undefined);
  if (!name) fields.push({ field: 'identity.name', code: 'required' });
  const email = application.contact.email ?? (eId ? input.user!.email : null) ?? null;
  const phone = application.contact.phone ?? null;
  if (!email && !phone) fields.push({ field: 'contact.email', code: 'required' });
  // Without e-ID the decision can only reach the applicant by post: no address, no application.
  // With e-ID the population register's address is used (one given is kept for when it has none).
  const givenAddress = application.contact.address ?? null;
  const address = givenAddress && { ...givenAddress, careOf: givenAddress.careOf || null };
  if (!eId && !address) fields.push({ field: 'contact.address', code: 'required' });
  const earlier = application.earlierSfi;
  if (earlier && `${earlier.firstAdmissionMonth}-01` > today)
    fields.push({ field: 'earlierSfi.firstAdmissionMonth', code: 'dateInFuture' });
  if (fields.length > 0) throw invalid(fields);

  const answers: StoredSfiAnswers = {
    birthDate,
    residenceBasis: application.identity.residenceBasis,
    languages: application.languages,
    yearsOfSchooling: application.yearsOfSchooling,
    literateInOwnLanguage: application.literateInOwnLanguage,
    knowsLatinAlphabet: application.knowsLatinAlphabet,
    swedishLevel: application.swedishLevel,
    nordicLanguageSufficient: application.nordicLanguageSufficient,
    earlierSfi: earlier
      ? { firstAdmissionDate: `${earlier.firstAdmissionMonth}-01`, completedCourseD: earlier.completedCourseD }
      : null,
    specialReasons: application.specialReasons || null,
    preferences: application.preferences,
    adaptationNeeds: application.adaptationNeeds || null,
  };

  const result = await deps.submissions.submit({
    serviceId: SFI_SERVICE.id,
    applicant: { userId: eId ? input.user!.id : null, personalNumber, contact: { name, email, phone, address } },
    answers,
    idempotencyKey: input.idempotencyKey,
    identityVerified: eId,
    locale: input.locale,
    now,
    requestId: input.requestId ?? null,
    onSubmitted: async (deferred, submitted) => {
      await deps.startPipeline(deferred, submitted.id);
      if (email)
        await sendReceipt(deferred, deps, {
          to: email,
          caseNumber: submitted.caseNumber!,
          locale: input.locale,
          identityVerified: eId,
        });
    },
  });
  return {
    created: result.created,
    caseId: result.case.id,
    caseNumber: result.case.caseNumber!,
    status: result.case.status,
  };
}

/**
 * The receipt the confirmation page promises: the case number and what happens next on the path
 * taken (without e-ID a caseworker always handles the case), nothing else about the applicant.
 */
async function sendReceipt(
  deferred: DeferredWrites,
  deps: Pick<SubmitSfiDeps, 'notifier' | 'municipalityName'>,
  input: { to: string; caseNumber: string; locale: Locale; identityVerified: boolean },
): Promise<void> {
  const t = sfiTranslator(input.locale);
  const params = { caseNumber: input.caseNumber, municipality: deps.municipalityName };
  await deps.notifier.sendEmail(deferred, {
    to: input.to,
    subject: t.t('receipt.email.subject', { caseNumber: input.caseNumber }),
    text: input.identityVerified ? t.t('receipt.email.body', params) : t.t('receipt.email.bodyNoEid', params),
  });
}
