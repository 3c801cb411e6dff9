import type { CliCommands } from '../cli/cli.ts';
import { checkpointAuditHead, verifyAuditChain } from './audit.service.ts';

/** `--head <id>:<hash>`: a head recorded outside the database (the scheduled "audit head" log line). */
function parseKnownHead(flag: string | true | undefined): { id: number; hash: string } | undefined | 'invalid' {
  if (flag === undefined) return undefined;
  const match = typeof flag === 'string' ? /^(\d+):([0-9a-f]{64})$/.exec(flag) : null;
  return match ? { id: Number(match[1]), hash: match[2]! } : 'invalid';
}

export const auditCommands = {
  'audit verify': {
    summary: 'Verify the audit log hash chain against its signed checkpoints; exits 1 at the first break.',
    usage: 'audit verify [--head <id>:<hash>]   (a head from the "audit head" log line, kept outside the database)',
    async run({ config, database, flags }) {
      const knownHead = parseKnownHead(flags.head);
      if (knownHead === 'invalid') {
        console.error('--head must be <id>:<hash>, as in the "audit head" log line (headId, headHash).');
        return 2;
      }
      const result = await verifyAuditChain(database.db, { key: config.AUDIT_HMAC_KEY, knownHead });
      if (result.ok) {
        console.log(`ok (${result.count} events)`);
        // Compare with a head kept outside the database (the log's "audit head" lines, via --head):
        // that also exposes rolling back the events and their checkpoints together.
        if (result.headHash) console.error(`head ${result.headId}:${result.headHash}`);
        return 0;
      }
      console.log(`broken at event ${result.id} (${result.reason}): ${result.message}`);
      return 1;
    },
  },
  'audit checkpoint': {
    summary: 'Sign the audit chain’s current head in a checkpoint, once, for a chain written before checkpoints.',
    async run({ database }) {
      const head = await database.db.transaction().execute((trx) => checkpointAuditHead(trx));
      console.log(head ? `checkpoint ${head.headId}:${head.headHash}` : 'the audit log is empty: nothing to sign');
      return 0;
    },
  },
} satisfies CliCommands;
