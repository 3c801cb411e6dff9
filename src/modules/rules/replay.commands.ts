import { isDeepStrictEqual } from 'node:util';
import type { CliCommands } from '../../platform/cli/cli.ts';
import type { Db } from '../../platform/db/database.ts';
import { loadCatalogRuleSet, type RuleSetCatalog } from './rule-set-catalog.ts';
import type { RuleSet } from './rule-engine.ts';
import { replayDecision, type ReplayDifference, type ReplayResult } from './replay.ts';

/**
 * `npm run cli -- decisions replay --case <case id or case number>`: every automated decision
 * of the case re-evaluated with the rule-set version it was made with (on the Zen Engine, the
 * reference), compared with the stored record. Exit 0: identical; 1: something differs;
 * 2: bad usage, or nothing to replay.
 *
 * The decision records belong to the e-services module (table `decisions`, migration
 * 0003-e-services); this command reads the columns it needs with a query of its own rather
 * than reaching into that module's internals.
 */

/** The columns of `decisions` (and `cases`) replay reads. */
interface DecisionRecordRow {
  id: string;
  case_id: string;
  kind: string;
  outcome: string;
  reasons: unknown;
  rule_set_id: string | null;
  rule_set_version: string | null;
  content_hash: string | null;
  facts: unknown;
  /** The whole decision as the rule set gave it ({} when only outcome and reasons were kept). */
  result: unknown;
  decided_at: Date;
}

// A type alias, not an interface: withTables<T> needs an index-signature-compatible record.
type ReplayTables = {
  decisions: DecisionRecordRow;
  cases: { id: string; case_number: string | null };
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface CaseDecisions {
  caseId: string;
  caseNumber: string | null;
  rows: DecisionRecordRow[];
}

/** The case (by id or case number) and its decision records, oldest first; null when there is no such case. */
async function findCaseDecisions(db: Db, caseRef: string): Promise<CaseDecisions | null> {
  const tables = db.withTables<ReplayTables>();
  const found = await tables
    .selectFrom('cases')
    .select(['id', 'case_number'])
    .where(UUID.test(caseRef) ? 'id' : 'case_number', '=', caseRef)
    .executeTakeFirst();
  if (!found) return null;
  const rows = await tables
    .selectFrom('decisions')
    .select([
      'id',
      'case_id',
      'kind',
      'outcome',
      'reasons',
      'rule_set_id',
      'rule_set_version',
      'content_hash',
      'facts',
      'result',
      'decided_at',
    ])
    .where('case_id', '=', found.id)
    .orderBy('decided_at')
    .orderBy('id')
    .execute();
  return { caseId: found.id, caseNumber: found.case_number, rows };
}

export interface DecisionReplayReport {
  decisionId: string;
  kind: string;
  decidedAt: string;
  ruleSet: { id: string; version: string } | null;
  /** null: not made by rules (a caseworker's decision), nothing to replay. */
  result: ReplayResult | null;
}

/** Replays one stored record: its `result` (the whole decision) or, when empty, its outcome and reasons columns. */
async function replayRow(
  row: DecisionRecordRow,
  loadRuleSet: (id: string) => Promise<RuleSet | null>,
): Promise<DecisionReplayReport> {
  const base = { decisionId: row.id, kind: row.kind, decidedAt: row.decided_at.toISOString() };
  if (row.kind !== 'automated' || !row.rule_set_id || !row.rule_set_version || !row.content_hash) {
    return { ...base, ruleSet: null, result: null };
  }
  const ref = { id: row.rule_set_id, version: row.rule_set_version };
  const ruleSet = await loadRuleSet(row.rule_set_id);
  if (!ruleSet) {
    const difference: ReplayDifference = {
      field: 'ruleSet',
      stored: row.rule_set_id,
      message: `rule set ${row.rule_set_id} is not known to this installation`,
    };
    return { ...base, ruleSet: ref, result: { identical: false, differences: [difference], replayed: null } };
  }
  const whole =
    typeof row.result === 'object' && row.result !== null && Object.keys(row.result).length > 0
      ? (row.result as Record<string, unknown>)
      : null;
  const decision = whole ?? { outcome: row.outcome, reasons: row.reasons };
  const result = await replayDecision(ruleSet, {
    facts: row.facts,
    ruleSet: ref,
    contentHash: row.content_hash,
    decision,
  });
  // The outcome and reasons columns (what the queue and statistics read) must say what the whole decision says.
  const inconsistent: ReplayDifference[] = [];
  if (whole && (whole.outcome !== row.outcome || !isDeepStrictEqual(whole.reasons, row.reasons))) {
    inconsistent.push({
      field: 'record',
      stored: { outcome: row.outcome, reasons: row.reasons },
      message: `the record's outcome/reasons columns (${row.outcome}) disagree with its stored decision (${String(whole.outcome)})`,
    });
  }
  if (inconsistent.length === 0) return { ...base, ruleSet: ref, result };
  const differences = [...(result.identical ? [] : result.differences), ...inconsistent];
  return { ...base, ruleSet: ref, result: { identical: false, differences, replayed: result.replayed } };
}

function describe(report: DecisionReplayReport): string[] {
  const head = `decision ${report.decisionId} (${report.kind}, ${report.decidedAt})`;
  if (!report.result) return [`${head}: made by a caseworker, not by rules — nothing to replay`];
  // A replayed decision exists only when the Zen Engine evaluated one.
  const on = report.result.replayed ? ' on the Zen Engine' : '';
  const ruleSet = `rule set ${report.ruleSet!.id} ${report.ruleSet!.version}`;
  if (report.result.identical) {
    const replayed = report.result.replayed;
    const codes = Array.isArray(replayed.reasons)
      ? replayed.reasons.map((reason: { code?: unknown }) => String(reason.code)).join(', ')
      : '';
    return [`${head}, ${ruleSet}: IDENTICAL — replayed${on}: ${String(replayed.outcome)} (${codes})`];
  }
  return [
    `${head}, ${ruleSet}: DIFFERENT — replayed${on}:`,
    ...report.result.differences.map((difference) => `  - ${difference.message}`),
  ];
}

/** `decisions replay` for the rule sets of `catalog`. */
export function replayCommands(catalog: RuleSetCatalog): CliCommands {
  return {
    'decisions replay': {
      summary: "Re-evaluate a case's automated decision with its stored rule-set version; exit 1 if anything differs.",
      usage: 'npm run cli -- decisions replay --case <case id or case number> [--json]',
      async run({ database, flags }) {
        const caseRef = flags.case;
        if (typeof caseRef !== 'string' || caseRef.trim() === '') {
          console.error('usage: npm run cli -- decisions replay --case <case id or case number> [--json]');
          return 2;
        }
        const found = await findCaseDecisions(database.db, caseRef.trim());
        if (!found) {
          console.error(`no case ${caseRef}`);
          return 2;
        }
        const loaded = new Map<string, Promise<RuleSet>>();
        const loadRuleSet = async (id: string) => {
          if (!loaded.has(id)) {
            const loading = loadCatalogRuleSet(catalog, id);
            if (!loading) return null;
            loaded.set(id, loading);
          }
          return loaded.get(id)!;
        };
        const reports: DecisionReplayReport[] = [];
        for (const row of found.rows) reports.push(await replayRow(row, loadRuleSet));
        const replayed = reports.filter((report) => report.result !== null);
        const identical = replayed.length > 0 && replayed.every((report) => report.result!.identical);

        if (flags.json) {
          process.stdout.write(
            `${JSON.stringify({ case: { id: found.caseId, caseNumber: found.caseNumber }, identical, decisions: reports }, null, 2)}\n`,
          );
        } else {
          console.log(`case ${found.caseNumber ?? '(no number)'} (${found.caseId})`);
          for (const report of reports) for (const line of describe(report)) console.log(line);
        }
        if (replayed.length === 0) {
          console.error(
            found.rows.length === 0 ? 'the case has no decision yet' : 'the case has no automated decision to replay',
          );
          return 2;
        }
        return identical ? 0 : 1;
      },
    },
  };
}
