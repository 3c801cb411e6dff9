/**
 * Audit events of the municipality's actions on an appeal (förvaltningslagen 38–39, 45, 46 §§).
 * Ids and states only; the motivation and the appeal's words stay in the case tables.
 */
declare module '../../platform/audit/audit.service.ts' {
  interface AuditEventTypes {
    /** Omprövning: changed as asked (the appeal lapsed, `decisionId` the new decision) or not changed. */
    'case.appeal-reconsidered': {
      subject: 'case';
      values: { appealId: string; changed: boolean; decisionId: string | null };
    };
    /** The appeal came in late and was dismissed by the decision `decisionId` (45 §). */
    'case.appeal-dismissed': { subject: 'case'; values: { appealId: string; decisionId: string } };
    /** The appeal and the case file went to the appeal body (46 §). */
    'case.appeal-forwarded': { subject: 'case'; values: { appealId: string; documentId: string } };
  }
}
export {};
