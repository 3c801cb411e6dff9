/**
 * The e-service machinery's audit events (see platform/audit/audit.service.ts). Values hold
 * ids, codes and states only: names, identity numbers, messages and motivations stay in the
 * case tables, which can be corrected and thinned out (gallring); the audit log cannot.
 */
declare module '../../platform/audit/audit.service.ts' {
  interface AuditEventTypes {
    /** An application came in (every channel: form, API, no-e-ID). */
    'case.submitted': { subject: 'case'; values: { serviceId: string; caseNumber: string; identityVerified: boolean } };
    /** A decision record was stored: by the rules (actor system) or by a caseworker. */
    'case.decided': {
      subject: 'case';
      values: {
        decisionId: string;
        kind: 'automated' | 'manual';
        outcome: 'admit' | 'refuse' | 'manual';
        isFinal: boolean;
        reasonCodes: string[];
      };
    };
    /** A member of staff read a case's personal data (access log: who and which case, nothing else). */
    'case.viewed': { subject: 'case'; values: Record<string, never> };
    /** A member of staff downloaded a document of a case. */
    'case.document-viewed': { subject: 'case'; values: { documentId: string } };
    'case.assigned': { subject: 'case'; values: { assignedTo: string | null } };
    'case.evidence-uploaded': { subject: 'case'; values: { documentId: string; contentType: string; size: number } };
    /** The applicant received a decision (the day the appeal time starts): how, and which decision. */
    'case.decision-received': { subject: 'case'; values: { decisionId: string; via: string } };
    'case.appealed': { subject: 'case'; values: { decisionId: string; late: boolean; lastDay: string | null } };
    'case.closed': { subject: 'case'; values: { status: string } };
    /** A caseworker verified the applicant's identity of a case made without e-ID (how, not the number). */
    'case.identity-verified': { subject: 'case'; values: { method: string } };
    /** A case made without e-ID, its identity since verified, joined the resident's My pages at sign-in. */
    'case.joined-my-pages': { subject: 'case'; values: Record<string, never> };
    /**
     * Retention (gallring) deleted drafts not changed for `retentionDays` (one event per batch,
     * in its transaction; subject id null: the drafts are gone, so only the count is kept).
     */
    'case.drafts-deleted': {
      subject: 'case';
      values: { deleted: number; retentionDays: number; changedBefore: string; anonymousChangedBefore: string };
    };
    /** An administrator changed which outcomes are final without a human. */
    'e-service.policy-changed': { subject: 'e_service'; values: { autoFinal: string[]; minutesPerManualCase: number } };
    /**
     * An administrator saved a version of an e-service's municipal settings (board, delegations,
     * the authority's address and contact, local parameters: no personal data). Old: the version
     * it replaces on its effective day, if any.
     */
    'e-service.settings-changed': {
      subject: 'e_service';
      values: { version: number; effectiveFrom: string; settings: Record<string, unknown> };
    };
  }
}
export {};
