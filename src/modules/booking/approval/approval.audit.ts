/**
 * The approval flow's audit events (see platform/audit/audit.service.ts). Values hold ids and
 * states only: the reason an approver writes goes to the booker, never into the audit log.
 */
declare module '../../../platform/audit/audit.service.ts' {
  interface AuditEventTypes {
    /** An approver confirmed a pending booking of a room that needs approval. */
    'booking.approved': { subject: 'booking'; values: { roomId: string; status: 'pending' | 'confirmed' } };
    /** An approver rejected a pending booking (the slot is free again); whether a reason was given. */
    'booking.rejected': {
      subject: 'booking';
      values: { roomId: string; status: 'pending' | 'rejected'; withReason?: boolean };
    };
  }
}
export {};
