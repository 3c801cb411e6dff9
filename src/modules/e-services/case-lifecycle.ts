import { AppError } from '../../platform/http/errors.ts';
import type { CaseStatus } from './e-services.table.ts';

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
