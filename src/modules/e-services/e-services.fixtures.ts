import type { User } from '../../platform/auth/roles.ts';
import { findUserByUsername } from '../../platform/auth/user.repository.ts';
import type { Db } from '../../platform/db/database.ts';
import { ensureEService } from './e-service.service.ts';
import { createCaseSubmissions, recordDecision, type SubmitCaseInput } from './case.service.ts';
import type { CaseDetail, DecisionOutcome, DecisionReason, EServiceEntry } from './e-services.schema.ts';

/**
 * Test fixtures for the e-service machinery (used by its tests only): a registered service and
 * submitted cases with synthetic applicants. Identity numbers are made up with a valid check digit.
 */
export const TEST_SERVICE: EServiceEntry = {
  id: 'sfi',
  caseNumberPrefix: 'SFI',
  version: 1,
  effectiveFrom: '2025-01-01',
  definition: {
    names: {
      sv: 'Ansökan till sfi',
      en: 'Application for SFI',
      ar: 'طلب الالتحاق بتعليم اللغة السويدية للمهاجرين (SFI)',
      fa: 'درخواست آموزش زبان سوئدی ویژه مهاجران (SFI)',
      so: 'Codsiga waxbarashada af-Iswiidhishka ee soogalootiga (SFI)',
      ti: 'መመልከቲ ንትምህርቲ ቋንቋ ሽወደን ንስደተኛታት (SFI)',
      uk: 'Заява на курс шведської мови для іммігрантів (SFI)',
    },
    manualDecisionLegalRef: 'SkolL 20 kap. 33 §',
  },
};

export async function ensureTestService(db: Db): Promise<void> {
  await ensureEService(db, TEST_SERVICE);
}

export async function user(db: Db, username: string): Promise<User> {
  const found = await findUserByUsername(db, username);
  if (!found) throw new Error(`no demo user ${username}`);
  return found;
}

export function submission(overrides: Partial<SubmitCaseInput> & { now: Date }): SubmitCaseInput {
  return {
    serviceId: 'sfi',
    applicant: {
      userId: null,
      personalNumber: null,
      contact: { name: 'Testperson Ett', email: 'testperson@example.test' },
    },
    answers: { swedishLevel: 'none' },
    idempotencyKey: null,
    identityVerified: false,
    locale: 'sv',
    ...overrides,
  };
}

/** A resident's submitted case (e-ID path). */
export async function submitFor(
  db: Db,
  resident: User,
  now: Date,
  overrides: Partial<SubmitCaseInput> = {},
): Promise<CaseDetail> {
  const result = await createCaseSubmissions(db).submit(
    submission({
      applicant: {
        userId: resident.id,
        personalNumber: resident.personalNumber,
        contact: { name: resident.displayName, email: resident.email },
      },
      identityVerified: true,
      now,
      ...overrides,
    }),
  );
  return result.case;
}

export const REASONS: Record<string, DecisionReason> = {
  ELIGIBLE: { code: 'ELIGIBLE', legalRef: 'SkolL 20 kap. 31 §' },
  REGISTERED_IN_OTHER_MUNICIPALITY: { code: 'REGISTERED_IN_OTHER_MUNICIPALITY', legalRef: 'SkolL 20 kap. 31 §' },
  IDENTITY_UNVERIFIED: { code: 'IDENTITY_UNVERIFIED', legalRef: '(process rule)' },
  EVIDENCE_OF_RESIDENCE_REQUIRED: { code: 'EVIDENCE_OF_RESIDENCE_REQUIRED', legalRef: 'SkolL 29 kap. 2 §' },
};

/** Records the rules' decision as the pipeline would. */
export async function decideByRules(
  db: Db,
  caseId: string,
  outcome: DecisionOutcome,
  reasons: DecisionReason[],
  decidedAt: Date,
) {
  return db.transaction().execute((trx) =>
    recordDecision(trx, {
      caseId,
      outcome,
      reasons,
      ruleSet: { id: 'sfi', version: '2026-01-01' },
      contentHash: 'a'.repeat(64),
      facts: { decisionDate: decidedAt.toISOString().slice(0, 10), applicant: { identityKind: 'personnummer' } },
      trace: JSON.stringify({
        'ratt-till-sfi': {
          id: 'ratt-till-sfi',
          name: 'Rätt till sfi',
          order: 2,
          input: {},
          output: {},
          traceData: [{ index: 4, rule: { _id: 'row-5', _description: 'Folkbokförd i en annan kommun' } }],
        },
      }),
      result: { outcome, reasons, studyPath: outcome === 'refuse' ? null : 2 },
      decidedAt,
    }),
  );
}
