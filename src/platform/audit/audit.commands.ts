import type { CliCommands } from '../cli/cli.ts';
import { verifyAuditChain } from './audit.service.ts';

export const auditCommands = {
  'audit verify': {
    summary: 'Verify the audit log hash chain; exits 1 at the first broken link.',
    async run({ database }) {
      const result = await verifyAuditChain(database.db);
      if (result.ok) {
        console.log(`ok (${result.count} events)`);
        // The head hash, kept outside the database (e.g. in the log of a scheduled run), also
        // exposes deletion of the newest events, which the chain alone cannot.
        if (result.headHash) console.error(`head ${result.headHash}`);
        return 0;
      }
      console.log(`broken at event ${result.id} (${result.reason}): ${result.message}`);
      return 1;
    },
  },
} satisfies CliCommands;
