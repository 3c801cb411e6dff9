import { AppError } from '../../platform/http/errors.ts';
import type { AppealState, CaseStatus } from './e-services.table.ts';

export const CASE_STATUSES = [
  'draft',
  'submitted',
  'in_progress',
  'decided',
  'closed',
  'appealed',
] as const satisfies readonly CaseStatus[];

/**
 * The case lifecycle: draft → submitted → in progress → decided → closed, and appealed.
 * An automated decision moves a submitted case straight to decided (when the policy lets the
 * outcome be final) or to in progress (a caseworker must decide). An appeal is possible on a
 * decided case and — late — on a closed one; the decision on the appeal makes it decided again.
 */
const TRANSITIONS: Record<CaseStatus, readonly CaseStatus[]> = {
  draft: ['submitted'],
  submitted: ['in_progress', 'decided'],
  in_progress: ['decided'],
  decided: ['closed', 'appealed'],
  closed: ['appealed'],
  appealed: ['decided'],
};

export function canTransition(from: CaseStatus, to: CaseStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** Throws CONFLICT (409) for a move the lifecycle does not allow. */
export function assertTransition(from: CaseStatus, to: CaseStatus): void {
  if (!canTransition(from, to))
    throw new AppError('CONFLICT', `A case that is ${from} cannot become ${to}.`, { from, to });
}

/** Statuses in which a caseworker can decide: the case waits for a human. */
export const AWAITING_CASEWORKER: readonly CaseStatus[] = ['in_progress', 'appealed'];

/**
 * An appeal's own lifecycle beside the case's (förvaltningslagen 38–39, 45, 46 §§): it waits for
 * the municipality (the case is appealed), then lapses (the decision was changed as asked: the
 * case is decided again), is dismissed as late (a dismissal decision: decided) or is forwarded to
 * the appeal body (the case stays appealed until that body decides). Each end is final.
 */
const APPEAL_TRANSITIONS: Record<AppealState, readonly AppealState[]> = {
  pending: ['lapsed', 'dismissed', 'forwarded'],
  lapsed: [],
  dismissed: [],
  forwarded: [],
};

/** The case status each appeal state leaves the case in. */
export const CASE_STATUS_OF_APPEAL: Record<AppealState, CaseStatus> = {
  pending: 'appealed',
  lapsed: 'decided',
  dismissed: 'decided',
  forwarded: 'appealed',
};

export function canAppealTransition(from: AppealState, to: AppealState): boolean {
  return APPEAL_TRANSITIONS[from].includes(to);
}

/** Throws CONFLICT (409) for an appeal move the lifecycle does not allow. */
export function assertAppealTransition(from: AppealState, to: AppealState): void {
  if (!canAppealTransition(from, to))
    throw new AppError('CONFLICT', `An appeal that is ${from} cannot become ${to}.`, { from, to });
}
