/**
 * The rule engine's trace as rows a caseworker can read: for each step of the rule set (in the
 * order the engine ran it), each table row that matched — its description, the facts it
 * checked as the engine saw them, and what it gave — or, for a calculation step, what it
 * calculated. Values stay values (keys and data): the view labels and formats them, so no JSON
 * reaches the page. The trace is stored as the engine gave it; this only presents it.
 */
export interface TraceValue {
  /** A dotted key: a fact's path (`applicant.residenceBasis`) or a result's (`placement.studyPath`). */
  key: string;
  value: unknown;
}

export interface TraceRow {
  /** The step of the rule set: its node's name. */
  step: string;
  /** The decision table row that matched; null for a calculation step or a table where none matched. */
  rule: { description: string | null; number: number | null } | null;
  /** The facts the row checked (plain paths; a row's description says what a compound condition means). */
  checked: TraceValue[];
  /** What the row or the calculation gave. */
  result: TraceValue[];
}

interface TraceNode {
  name?: unknown;
  order?: unknown;
  output?: unknown;
  traceData?: unknown;
}

interface RuleHit {
  rule: Record<string, unknown>;
  index?: unknown;
  reference_map?: unknown;
}

const PLAIN_PATH = /^[A-Za-z_][\w]*(\.[A-Za-z_][\w]*)*$/;

function isObject(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

function isRuleHit(value: unknown): value is RuleHit {
  return isObject(value) && isObject(value.rule);
}

/** Nested objects as dotted keys; arrays and primitives stay one value. */
function flatten(value: unknown, prefix = ''): TraceValue[] {
  if (!isObject(value)) return prefix ? [{ key: prefix, value }] : [];
  return Object.entries(value).flatMap(([key, child]) => flatten(child, prefix ? `${prefix}.${key}` : key));
}

/** The plain fact paths a matched row has a condition on, with the values the engine compared. */
function checkedOf(hit: RuleHit): TraceValue[] {
  const seen = isObject(hit.reference_map) ? hit.reference_map : {};
  return Object.entries(hit.rule).flatMap(([column, condition]) => {
    if (column.startsWith('_') || condition === '' || condition === null || condition === undefined) return [];
    const expression = column.replace(/\[[^\]]*\]$/, '');
    return PLAIN_PATH.test(expression) && expression in seen ? [{ key: expression, value: seen[expression] }] : [];
  });
}

function ruleOf(hit: RuleHit): TraceRow['rule'] {
  const description = hit.rule._description;
  return {
    description: typeof description === 'string' && description ? description : null,
    number: typeof hit.index === 'number' ? hit.index + 1 : null,
  };
}

/**
 * A collecting table gives one output per matched row, in the order of the rows: `{ field: [a, b] }`.
 * Row i's result is the i-th; any other shape is the whole step's result.
 */
function resultsPerRow(output: unknown, rows: number): TraceValue[][] | null {
  if (!isObject(output)) return null;
  const entries = Object.entries(output);
  if (entries.length !== 1) return null;
  const [, list] = entries[0]!;
  if (!Array.isArray(list) || list.length !== rows) return null;
  return list.map((item) => flatten(item));
}

function rowsOf(step: string, node: TraceNode): TraceRow[] {
  const data = node.traceData;
  if (Array.isArray(data)) {
    const hits = data.filter(isRuleHit);
    if (hits.length === 0) return [{ step, rule: null, checked: [], result: [] }];
    const perRow = resultsPerRow(node.output, hits.length);
    return hits.map((hit, i) => ({
      step,
      rule: ruleOf(hit),
      checked: checkedOf(hit),
      result: perRow ? perRow[i]! : i === 0 ? flatten(node.output) : [],
    }));
  }
  if (isRuleHit(data)) return [{ step, rule: ruleOf(data), checked: checkedOf(data), result: flatten(node.output) }];
  if (isObject(data)) {
    // A calculation (expression node): key → { result }.
    const result = Object.entries(data)
      .filter(([, v]) => isObject(v) && 'result' in v)
      .map(([key, v]) => ({ key, value: (v as { result: unknown }).result }));
    return [{ step, rule: null, checked: [], result }];
  }
  // The input and output nodes: the facts (shown as such) and the decision (shown above).
  return [];
}

export function traceRows(trace: unknown): TraceRow[] {
  let parsed = trace;
  if (typeof trace === 'string') {
    try {
      parsed = JSON.parse(trace);
    } catch {
      return [];
    }
  }
  if (!isObject(parsed)) return [];
  return Object.entries(parsed)
    .filter((entry): entry is [string, TraceNode] => isObject(entry[1]))
    .sort(([, a], [, b]) => Number(a.order ?? 0) - Number(b.order ?? 0))
    .flatMap(([id, node]) => rowsOf(typeof node.name === 'string' && node.name ? node.name : id, node));
}
