import { AppError } from '../../platform/http/errors.ts';
import { presentLegalReference, type LegalReference } from '../../platform/legal/legal-reference.ts';
import {
  evaluate,
  evaluateWithVersion,
  parseTrace,
  type RuleSet,
  type RuleSetVersion,
  type ZenTraceNode,
} from './rule-engine.ts';
import type { BaseDecision, BaseFacts } from './rule-set.schema.ts';

/**
 * "Try the rules": a decision for facts anyone can make up, like OpenFisca's /calculate. It runs
 * the same Zen evaluation as a real case, with the version in force on the facts' decision date
 * (or one asked for), and explains itself: each reason with its legal reference as data, text and
 * link, and a readable trace of the rows that matched. Pure: nothing is stored.
 */

export interface SimulatedReason {
  code: string;
  /** As the rule file writes it (what a stored decision holds). */
  legalRef: string;
  /** The reference as data; null if this platform cannot read it (the rule-file test forbids that). */
  reference: LegalReference | null;
  /** The Swedish citation, e.g. "skollagen (2010:800) 20 kap. 31 §". */
  referenceText: string;
  /** The act's published text, when there is one. */
  referenceUrl: string | null;
  /** The rule row that gave the reason (none for ELIGIBLE, which is what no refusal means). */
  row: { id: string; description: string | null } | null;
}

export interface TraceStep {
  /** The node's id in the rule file, and its name (Swedish, from the rule file). */
  node: string;
  name: string;
  kind: 'table' | 'expressions';
  /** Decision tables: the rows that matched, in order. */
  matchedRows?: Array<{ id: string; description: string | null }>;
  /** Expression nodes: what each expression gave. */
  values?: Record<string, unknown>;
}

export interface Simulation<D extends BaseDecision = BaseDecision> {
  decision: D;
  ruleSet: { id: string; version: string; contentHash: string };
  reasons: SimulatedReason[];
  trace: TraceStep[];
}

/** Evaluates made-up facts and explains the decision; `ruleSetVersion` picks a version by its effective date. */
export async function simulate<F extends BaseFacts, D extends BaseDecision>(
  ruleSet: RuleSet<F, D>,
  facts: unknown,
  options: { ruleSetVersion?: string | undefined } = {},
): Promise<Simulation<D>> {
  let version: RuleSetVersion | undefined;
  if (options.ruleSetVersion !== undefined) {
    version = ruleSet.versions.find((candidate) => candidate.version === options.ruleSetVersion);
    if (!version) {
      throw new AppError('VALIDATION_FAILED', `rule set ${ruleSet.id} has no version ${options.ruleSetVersion}`, {
        fields: [{ field: 'ruleSetVersion', code: 'chooseOne' }],
      });
    }
  }
  const evaluation = version ? await evaluateWithVersion(ruleSet, version, facts) : await evaluate(ruleSet, facts);
  const used = ruleSet.versions.find((candidate) => candidate.contentHash === evaluation.contentHash)!;
  const trace = readableTrace(parseTrace(evaluation.traceJson), used);
  const rowsByCode = reasonRows(used);
  const matched = new Set(trace.flatMap((step) => step.matchedRows?.map((row) => row.id) ?? []));
  return {
    decision: evaluation.decision,
    ruleSet: { id: used.id, version: used.version, contentHash: used.contentHash },
    reasons: evaluation.decision.reasons.map((reason) => {
      const presented = presentLegalReference(reason.legalRef);
      const row = (rowsByCode.get(reason.code) ?? []).find((candidate) => matched.has(candidate.id)) ?? null;
      return {
        code: reason.code,
        legalRef: reason.legalRef,
        reference: presented.reference,
        referenceText: presented.text,
        referenceUrl: presented.url,
        row,
      };
    }),
    trace,
  };
}

interface JdmRow {
  _id?: string;
  _description?: string;
  [column: string]: unknown;
}

interface JdmNodeContent {
  rules?: JdmRow[];
  outputs?: Array<{ id: string; field: string }>;
}

/** Every row of the graph's tables that outputs a reason code: code → rows (id and description). */
function reasonRows(version: RuleSetVersion): Map<string, Array<{ id: string; description: string | null }>> {
  const byCode = new Map<string, Array<{ id: string; description: string | null }>>();
  for (const node of version.content.nodes) {
    const content = (node.content ?? {}) as JdmNodeContent;
    const codeColumn = content.outputs?.find((output) => output.field === 'code');
    if (node.type !== 'decisionTableNode' || !codeColumn) continue;
    for (const row of content.rules ?? []) {
      const cell = typeof row[codeColumn.id] === 'string' ? (row[codeColumn.id] as string).trim() : '';
      const code = /^'([^']*)'$/.exec(cell)?.[1];
      if (!code || !row._id) continue;
      byCode.set(code, [...(byCode.get(code) ?? []), { id: row._id, description: text(row._description) }]);
    }
  }
  return byCode;
}

/** Zen's trace as steps a reader can follow: nodes in the order they ran, matched rows by id and description. */
export function readableTrace(trace: Record<string, ZenTraceNode>, version: RuleSetVersion): TraceStep[] {
  const types = new Map(version.content.nodes.map((node) => [node.id, node.type]));
  return Object.values(trace)
    .sort((a, b) => a.order - b.order)
    .flatMap((node): TraceStep[] => {
      const type = types.get(node.id);
      if (type === 'decisionTableNode') {
        const hits = node.traceData == null ? [] : Array.isArray(node.traceData) ? node.traceData : [node.traceData];
        const matchedRows = hits.flatMap((hit) => {
          const rule = (hit as { rule?: JdmRow }).rule;
          return rule?._id ? [{ id: rule._id, description: text(rule._description) }] : [];
        });
        return [{ node: node.id, name: node.name, kind: 'table', matchedRows }];
      }
      if (type === 'expressionNode' && node.traceData && typeof node.traceData === 'object') {
        const values = Object.fromEntries(
          Object.entries(node.traceData as Record<string, { result?: unknown }>).map(([key, value]) => [
            key,
            value?.result ?? null,
          ]),
        );
        return [{ node: node.id, name: node.name, kind: 'expressions', values }];
      }
      return [];
    });
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}
