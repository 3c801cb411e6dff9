import { z } from 'zod';
import { AppError } from '../../platform/http/errors.ts';
import { ALL_LOCALES, type Locale } from '../../platform/i18n/index.ts';
import { parseLegalReference } from '../../platform/legal/legal-reference.ts';
import type {
  CaseActorKind,
  CaseStatus,
  DecisionKind,
  DecisionOutcome,
  DecisionReceivedVia,
  DocumentContentType,
  DocumentKind,
  TaskKind,
} from './e-services.table.ts';

export type {
  CaseStatus,
  DecisionKind,
  DecisionOutcome,
  DecisionReceivedVia,
  DocumentContentType,
  DocumentKind,
  TaskKind,
} from './e-services.table.ts';

const noControl = /^[^\p{Cc}]*$/u;
/** Control characters other than tab and line breaks: never part of text a person writes (and PostgreSQL refuses NUL). */
const CONTROL_IN_TEXT = /(?![\t\n\r])\p{Cc}/u;

/** Free text a person writes (messages, appeals, motivations): trimmed, 1–max characters, line breaks allowed. */
export function freeTextSchema(max: number) {
  return z
    .string()
    .trim()
    .min(1, 'required')
    .max(max)
    .refine((text) => !CONTROL_IN_TEXT.test(text), { message: 'controlCharacters' });
}

/** The same rule for services (the API and jobs call them without a form): the trimmed text, or VALIDATION_FAILED on `field`. */
export function checkFreeText(field: string, text: string, max: number): string {
  const parsed = freeTextSchema(max).safeParse(text);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const code =
    issue.code === 'too_big' ? 'tooLong' : issue.message === 'controlCharacters' ? 'controlCharacters' : 'required';
  throw new AppError('VALIDATION_FAILED', `The ${field} is not valid.`, {
    fields: [{ field, code, ...(code === 'tooLong' ? { params: { max } } : {}) }],
  });
}

/** JSON the database can store: jsonb refuses the NUL character in strings. */
export function hasNulCharacter(value: unknown): boolean {
  return JSON.stringify(value ?? null).includes('\\u0000');
}
const line = (max: number) => z.string().trim().min(1).max(max).regex(noControl, 'controlCharacters');

/** Contact details the applicant gave (the e-ID path fills name and e-mail from the sign-in). */
export const applicantContactSchema = z.strictObject({
  name: line(200),
  email: z.email().max(254).nullable().default(null),
  phone: z
    .string()
    .trim()
    .max(40)
    .regex(/^[0-9+()\- ]*$/, 'invalid')
    .nullable()
    .default(null),
  /**
   * The postal address the applicant gave (the no-e-ID path: decisions go by post). Never shown
   * for a case with protected identity (skyddad identitet).
   */
  address: z
    .strictObject({
      /** "c/o" line: whose name is on the mailbox. Rows stored before it existed lack it. */
      careOf: line(100).nullable().default(null),
      street: line(200),
      postalCode: z
        .string()
        .trim()
        .regex(/^\d{3} ?\d{2}$/, 'invalid'),
      city: line(100),
    })
    .nullable()
    .default(null),
});
export type ApplicantContact = z.output<typeof applicantContactSchema>;

/** Outcomes that may be final without a human. `manual` never can: it means "a human decides". */
export const autoFinalOutcomes = ['admit', 'refuse'] as const;
export const policySchema = z.strictObject({ autoFinal: z.array(z.enum(autoFinalOutcomes)).max(2) });
export type EServicePolicy = z.output<typeof policySchema>;
export const DEFAULT_POLICY: EServicePolicy = { autoFinal: ['admit'] };

/** A version of an e-service's definition: its names per language and what a manual decision cites. */
export const serviceDefinitionSchema = z.looseObject({
  names: z
    .looseObject({ sv: z.string().min(1), en: z.string().min(1) })
    .and(z.partialRecord(z.enum(ALL_LOCALES), z.string().min(1))),
  /** The provision a caseworker's decision rests on when no rule reason applies, e.g. "SkolL 20 kap. 33 §". */
  manualDecisionLegalRef: z.string().min(1).optional(),
});
export type ServiceDefinition = z.output<typeof serviceDefinitionSchema>;

/**
 * A definition as code registers it: its legal reference must read as a structured reference
 * (letters, My pages and the caseworker page render it so). Stored versions are read as they are.
 */
export const registeredServiceDefinitionSchema = serviceDefinitionSchema.superRefine((definition, ctx) => {
  const ref = definition.manualDecisionLegalRef;
  if (ref !== undefined && parseLegalReference(ref) === null) {
    ctx.addIssue({
      code: 'custom',
      path: ['manualDecisionLegalRef'],
      message: 'must be a legal reference the platform can read, e.g. "SkolL 20 kap. 33 §"',
    });
  }
});

/**
 * An e-service as its code registers it: the definition names it in every language residents
 * read (stored versions from before may have fewer; `nameIn` falls back for those).
 */
export interface EServiceEntry {
  id: string;
  caseNumberPrefix: string;
  version: number;
  effectiveFrom: string;
  definition: ServiceDefinition & { names: Record<Locale, string> };
}

export const reasonSchema = z.strictObject({ code: z.string().min(1).max(100), legalRef: z.string().min(1).max(200) });
export type DecisionReason = z.output<typeof reasonSchema>;

/** The reason of a caseworker's decision when none of the rule reasons is chosen. */
export const MANUAL_DECISION = 'MANUAL_DECISION';
export const DEFAULT_MANUAL_LEGAL_REF = 'förvaltningslagen (2017:900) 32 §';

/** Who acts on a case: the applicant (null user id: the no-e-ID path), a caseworker, or a system component (`pipeline:decide`). */
export type CaseActor =
  | { kind: 'applicant'; userId: string | null }
  | { kind: 'caseworker'; userId: string }
  | { kind: 'system'; component: string };

export interface EService {
  id: string;
  caseNumberPrefix: string;
  policy: EServicePolicy;
  minutesPerManualCase: number;
  /** The version in force today and its definition. */
  version: number;
  definition: ServiceDefinition;
}

/** A case as lists show it: no personal data. */
export interface CaseSummary {
  id: string;
  caseNumber: string | null;
  serviceId: string;
  status: CaseStatus;
  locale: Locale;
  identityVerified: boolean;
  protectedIdentity: boolean;
  submittedAt: Date | null;
  decidedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** A case with the applicant's data and answers: for the applicant, caseworkers and the pipeline. */
export interface CaseDetail extends CaseSummary {
  serviceVersion: number;
  applicantUserId: string | null;
  applicantPersonalNumber: string | null;
  applicant: ApplicantContact;
  answers: Record<string, unknown>;
  assignedTo: string | null;
}

export interface DecisionRecord {
  id: string;
  caseId: string;
  kind: DecisionKind;
  outcome: DecisionOutcome;
  reasons: DecisionReason[];
  /** The rule set that decided; null for a caseworker's decision. */
  ruleSet: { id: string; version: string } | null;
  contentHash: string | null;
  facts: unknown;
  /** The rule engine's trace (automated decisions). */
  trace: unknown;
  /** The whole decision as the rule set gave it (study path, dates, …); for a caseworker's decision, what the form recorded. */
  result: Record<string, unknown>;
  actor: { kind: 'system' | 'caseworker'; id: string };
  motivation: string | null;
  isFinal: boolean;
  decidedAt: Date;
  /** When and how the applicant received it (the appeal time runs from that day); null until then. */
  received: { at: Date; via: DecisionReceivedVia } | null;
}

export interface CaseEvent {
  id: number;
  type: string;
  actor: { kind: CaseActorKind; id: string | null };
  occurredAt: Date;
  data: Record<string, unknown>;
}

export interface CaseFact {
  name: string;
  value: unknown;
  source: string;
  selfDeclared: boolean;
  retrievedAt: Date;
}

export interface CaseMessage {
  id: string;
  senderKind: CaseActorKind;
  senderId: string | null;
  body: string;
  createdAt: Date;
  readAt: Date | null;
}

export interface CaseDocumentInfo {
  id: string;
  kind: DocumentKind;
  filename: string;
  contentType: DocumentContentType;
  size: number;
  sha256: string;
  uploadedBy: string;
  createdAt: Date;
}

export interface CaseDocument extends CaseDocumentInfo {
  content: Buffer;
}

export interface CaseTask {
  id: string;
  kind: TaskKind;
  status: 'open' | 'done';
  assignedTo: string | null;
  createdAt: Date;
  doneAt: Date | null;
}

export interface Page<T> {
  items: T[];
  page: number;
  /** At least 1, so an empty list still has a page. */
  pageCount: number;
  total: number;
}

/** Every time line entry the machinery writes; services built on it add theirs with `recordCaseEvent`. */
export const caseEventTypes = [
  'case.submitted',
  'case.facts-gathered',
  'case.decided',
  'case.sent-to-caseworker',
  'case.assigned',
  'case.message-sent',
  'case.evidence-uploaded',
  'case.letter-added',
  'case.decision-received',
  'case.identity-verified',
  'case.joined-my-pages',
  'case.appealed',
  'case.appeal-reconsidered',
  'case.appeal-lapsed',
  'case.appeal-dismissed',
  'case.appeal-forwarded',
  'case.closed',
  'case.enrolled',
  'case.school-assigned',
  'case.assessment-invited',
] as const;
export type CaseEventType = (typeof caseEventTypes)[number];
