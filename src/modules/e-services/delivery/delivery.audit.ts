/** The print queue's audit events: who printed and who posted a batch of decision letters (counts only). */
declare module '../../../platform/audit/audit.service.ts' {
  interface AuditEventTypes {
    'print-batch.created': { subject: 'print_batch'; values: { letters: number } };
    'print-batch.posted': { subject: 'print_batch'; values: { letters: number; presumedReceivedOn: string } };
  }
}
export {};
