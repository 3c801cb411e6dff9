import type { JdmGraph, RuleSetVersion } from './rule-engine.ts';

/**
 * The public page "Så fattas besluten" shows each rule set as readable tables generated from
 * the JDM itself — the very file the decisions are made with — never from a hand-written copy.
 * This module turns a graph into a view model: decision tables as rows of conditions and
 * outcomes, expression nodes (derived dates, the combination of rows into one decision) as
 * key, description and expression. Cells are parsed only to be shown: a cell this reader does
 * not recognise is shown as its expression, verbatim.
 */

export interface RuleSetView {
  id: string;
  /** Newest first. */
  versions: VersionView[];
  /** The version in force on `today`, if any. */
  inForce: string | null;
}

export type VersionStatus = 'inForce' | 'past' | 'future';

export interface VersionView {
  version: string;
  /** The last day this version applies (the day before the next one takes effect), or null: until further notice. */
  until: string | null;
  status: VersionStatus;
  contentHash: string;
  description: string | null;
  sections: SectionView[];
}

export type SectionView = TableView | ExpressionsView;

export interface TableView {
  kind: 'table';
  /** Unique on the page: version + node id. */
  anchor: string;
  name: string;
  description: string | null;
  hitPolicy: 'first' | 'collect' | string;
  columns: Array<{ id: string; name: string; field: string }>;
  outputs: Array<{ id: string; name: string; field: string }>;
  rows: RowView[];
}

export interface RowView {
  id: string;
  description: string | null;
  /** Only the cells that are set: an empty cell does not matter for the row. */
  conditions: Array<{ column: string; test: CellTest }>;
  outputs: Array<{ field: string; value: OutputValue }>;
}

export type CellItem =
  | { kind: 'yes' }
  | { kind: 'no' }
  | { kind: 'null' }
  | { kind: 'text'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'compare'; op: '<' | '<=' | '>' | '>=' | '==' | '!='; value: string }
  | { kind: 'range'; low: number; high: number; lowInclusive: boolean; highInclusive: boolean }
  | { kind: 'expression'; source: string };

/** A cell: any of its items may hold (`'asylum-seeker', 'no-permit'`). */
export interface CellTest {
  items: CellItem[];
}

export type OutputValue =
  | { kind: 'text'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'null' }
  | { kind: 'expression'; source: string };

export interface ExpressionsView {
  kind: 'expressions';
  anchor: string;
  name: string;
  description: string | null;
  items: Array<{ key: string; description: string | null; source: string }>;
}

/** The day before `day` (YYYY-MM-DD). */
function dayBefore(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

export function presentRuleSet(
  id: string,
  versions: readonly Pick<RuleSetVersion, 'version' | 'contentHash' | 'content'>[],
  today: string,
): RuleSetView {
  const ascending = [...versions].sort((a, b) => a.version.localeCompare(b.version));
  let inForce: string | null = null;
  for (const candidate of ascending) if (candidate.version <= today) inForce = candidate.version;
  const views = ascending.map((version, i): VersionView => {
    const next = ascending[i + 1];
    const status: VersionStatus = version.version === inForce ? 'inForce' : version.version > today ? 'future' : 'past';
    return {
      version: version.version,
      until: next ? dayBefore(next.version) : null,
      status,
      contentHash: version.contentHash,
      description: text(version.content.description),
      sections: presentGraph(version.version, version.content),
    };
  });
  return { id, versions: views.reverse(), inForce };
}

/** The graph's tables and expression nodes in file order (the order its authors laid it out). */
export function presentGraph(version: string, graph: JdmGraph): SectionView[] {
  const sections: SectionView[] = [];
  for (const node of graph.nodes) {
    const content = (node.content ?? {}) as Record<string, unknown>;
    const anchor = `v${version}-${node.id}`.replace(/[^A-Za-z0-9_-]/g, '-');
    const description = text((node as { description?: unknown }).description);
    if (node.type === 'decisionTableNode') {
      const columns = list(content.inputs).map((input) => ({
        id: String(input.id),
        name: String(input.name ?? input.id),
        field: String(input.field ?? ''),
      }));
      const outputs = list(content.outputs).map((output) => ({
        id: String(output.id),
        name: String(output.name ?? output.id),
        field: String(output.field ?? ''),
      }));
      const rows = list(content.rules).map((rule, index): RowView => ({
        id: typeof rule._id === 'string' && rule._id !== '' ? rule._id : String(index + 1),
        description: text(rule._description),
        conditions: columns.flatMap((column) => {
          const cell = typeof rule[column.id] === 'string' ? (rule[column.id] as string).trim() : '';
          return cell === '' ? [] : [{ column: column.id, test: parseCell(cell) }];
        }),
        outputs: outputs.map((output) => ({
          field: output.field,
          value: parseOutput(typeof rule[output.id] === 'string' ? (rule[output.id] as string) : ''),
        })),
      }));
      sections.push({
        kind: 'table',
        anchor,
        name: node.name,
        description,
        hitPolicy: String(content.hitPolicy ?? ''),
        columns,
        outputs,
        rows,
      });
    } else if (node.type === 'expressionNode') {
      const items = list(content.expressions)
        .filter((expression) => typeof expression.key === 'string' && expression.key !== '')
        .map((expression) => ({
          key: String(expression.key),
          description: text(expression.description),
          source: String(expression.value ?? ''),
        }));
      sections.push({ kind: 'expressions', anchor, name: node.name, description, items });
    }
  }
  return sections;
}

function list(value: unknown): Array<Record<string, unknown>> {
  return Array.isArray(value)
    ? (value.filter((item) => typeof item === 'object' && item !== null) as Array<Record<string, unknown>>)
    : [];
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

/** Splits at commas outside quotes and brackets. */
function splitTopLevel(source: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let start = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === "'" || c === '"') quote = c;
    else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth--;
    else if (c === ',' && depth === 0) {
      parts.push(source.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(source.slice(start).trim());
  return parts;
}

const STRING = /^(['"])([^'"]*)\1$/;
const NUMBER = /^-?\d+$/;
const COMPARE = /^(<=|>=|==|!=|<|>)\s*(.+)$/;
const RANGE = /^([[(])\s*(-?\d+)\s*\.\.\s*(-?\d+)\s*([\])])$/;

export function parseCell(cell: string): CellTest {
  return { items: splitTopLevel(cell).map(parseItem) };
}

function parseItem(item: string): CellItem {
  if (item === 'true') return { kind: 'yes' };
  if (item === 'false') return { kind: 'no' };
  if (item === 'null') return { kind: 'null' };
  const string = STRING.exec(item);
  if (string) return { kind: 'text', value: string[2]! };
  if (NUMBER.test(item)) return { kind: 'number', value: Number(item) };
  const range = RANGE.exec(item);
  if (range) {
    return {
      kind: 'range',
      low: Number(range[2]),
      high: Number(range[3]),
      lowInclusive: range[1] === '[',
      highInclusive: range[4] === ']',
    };
  }
  const compare = COMPARE.exec(item);
  if (compare) {
    const operand = compare[2]!.trim();
    const literal = STRING.exec(operand)?.[2] ?? (NUMBER.test(operand) ? operand : null);
    if (literal !== null) return { kind: 'compare', op: compare[1] as '<', value: literal };
  }
  return { kind: 'expression', source: item };
}

export function parseOutput(cell: string): OutputValue {
  const value = cell.trim();
  if (value === '' || value === 'null') return { kind: 'null' };
  const string = STRING.exec(value);
  if (string) return { kind: 'text', value: string[2]! };
  if (NUMBER.test(value)) return { kind: 'number', value: Number(value) };
  return { kind: 'expression', source: value };
}
