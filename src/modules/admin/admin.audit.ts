/** The admin module's audit events (see platform/audit/audit.service.ts). */
declare module '../../platform/audit/audit.service.ts' {
  interface AuditEventTypes {
    /** An administrator put a failed job back in its queue. */
    'job.retried': { subject: 'job'; values: { queue: string; state: 'failed' | 'retry' } };
  }
}
export {};
