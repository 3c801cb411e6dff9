/**
 * The rule engine's trace as rows a caseworker can read: each step of the rule set (in the
 * order the engine ran it), the table rows that matched (by their description), and what the
 * step produced. The trace is stored as the engine gave it; this only presents it.
 */
export interface TraceRow {
  step: string;
  matched: string[];
  output: string;
}

interface TraceNode {
  name?: unknown;
  order?: unknown;
  output?: unknown;
  traceData?: unknown;
}

const MAX_OUTPUT = 400;

function compactJson(value: unknown): string {
  if (value === undefined || value === null) return '';
  const text = JSON.stringify(value);
  return text.length > MAX_OUTPUT ? `${text.slice(0, MAX_OUTPUT - 1)}…` : text;
}

function ruleLabel(hit: unknown): string | undefined {
  if (!hit || typeof hit !== 'object') return undefined;
  const { rule, index } = hit as { rule?: Record<string, unknown>; index?: unknown };
  if (!rule) return undefined;
  const description = typeof rule._description === 'string' && rule._description ? rule._description : undefined;
  const id = typeof rule._id === 'string' ? rule._id : undefined;
  return description ?? id ?? (typeof index === 'number' ? `#${index + 1}` : undefined);
}

function matchedOf(traceData: unknown): string[] {
  if (Array.isArray(traceData)) return traceData.map(ruleLabel).filter((x): x is string => !!x);
  if (!traceData || typeof traceData !== 'object') return [];
  const single = ruleLabel(traceData);
  if (single) return [single];
  // An expression node: key → { result }.
  return Object.entries(traceData as Record<string, unknown>)
    .filter(([, v]) => v && typeof v === 'object' && 'result' in (v as object))
    .map(([key, v]) => `${key} = ${compactJson((v as { result: unknown }).result)}`);
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
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return [];
  return Object.entries(parsed as Record<string, TraceNode>)
    .filter(([, node]) => node && typeof node === 'object')
    .sort(([, a], [, b]) => Number(a.order ?? 0) - Number(b.order ?? 0))
    .map(([id, node]) => ({
      step: typeof node.name === 'string' && node.name ? node.name : id,
      matched: matchedOf(node.traceData),
      output: compactJson(node.output),
    }));
}
