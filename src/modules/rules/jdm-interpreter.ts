import { compileStandard, compileUnary, JdmUnsupportedError, type Compiled, type JdmObject, type JdmValue, type Scope } from './jdm-expression.ts';

/**
 * Our own evaluator for the JDM graphs our rule sets are made of — an input node, expression
 * nodes, decision tables (hit policy `first` or `collect`) and an output node — producing the
 * same result and the same trace as the Zen Engine 0.54 (minus its timings).
 *
 * Why: through the Node binding one Zen evaluation with trace costs ~100 µs, nearly all of it
 * marshalling the nested facts into the engine and the trace back out; that caps a process at
 * ~10,000 decisions a second, under the 20,000 the platform needs. Evaluated here, in the same
 * heap, a decision takes a few microseconds and its full trace as JSON text some more.
 *
 * Zen stays the reference: a graph with anything outside the subset does not compile here (the
 * rule set runs on Zen), a value outside it throws `JdmUnsupportedError` during evaluation (that
 * evaluation runs on Zen), and jdm-interpreter.test.ts compares both, result and trace, on every
 * rule test case and on thousands of generated fact sets.
 *
 * The graph walk, the merging of parent outputs and the trace follow Zen's implementation
 * (decision_graph/walker.rs, variable merge, nodes/*): parents are visited newest edge first, a
 * node's input is its parents' outputs deep-merged into an empty object (a null value removes
 * the key), a table row matches when every non-empty cell's unary test holds.
 */

/** One node's entry in the trace, as Zen writes it (without `performance`). */
export interface JdmTraceNode {
  id: string;
  name: string;
  order: number;
  input: JdmValue;
  output: JdmValue;
  traceData: JdmValue;
}

export type JdmTrace = Record<string, JdmTraceNode>;

export interface JdmResult {
  result: JdmObject;
  trace: JdmTrace;
}

export interface CompiledGraph {
  evaluate(context: JdmObject): JdmResult;
}

export { JdmUnsupportedError, type JdmObject, type JdmValue };

interface RawNode {
  id: string;
  type: string;
  name: string;
  content?: unknown;
}

interface RawEdge {
  sourceId: string;
  targetId: string;
}

type NodeRun = (input: JdmObject) => { output: JdmValue; traceData: JdmValue };

interface GraphNode {
  id: string;
  name: string;
  kind: 'input' | 'output' | 'run';
  run: NodeRun;
  /** Parent node indexes, newest edge first (petgraph's order). */
  incoming: number[];
  /** Child node indexes, newest edge first. */
  outgoing: number[];
}

/** Compiles a JDM graph, or throws `JdmUnsupportedError` naming what is outside the subset. */
export function compileGraph(content: { nodes: readonly RawNode[]; edges: readonly RawEdge[] }): CompiledGraph {
  const index = new Map<string, number>();
  content.nodes.forEach((node, i) => {
    if (index.has(node.id)) throw new JdmUnsupportedError(`duplicate node id ${node.id}`);
    if (node.id === '__proto__') throw new JdmUnsupportedError('a node id __proto__');
    index.set(node.id, i);
  });
  const nodes: GraphNode[] = content.nodes.map((node) => ({
    id: node.id,
    name: node.name,
    kind: node.type === 'inputNode' ? 'input' : node.type === 'outputNode' ? 'output' : 'run',
    run: compileNode(node),
    incoming: [],
    outgoing: [],
  }));
  for (const edge of content.edges) {
    const source = index.get(edge.sourceId);
    const target = index.get(edge.targetId);
    if (source === undefined || target === undefined) throw new JdmUnsupportedError('an edge to a missing node');
    if ('sourceHandle' in edge && (edge as { sourceHandle?: unknown }).sourceHandle != null) throw new JdmUnsupportedError('edges from switch handles');
    nodes[source]!.outgoing.unshift(target);
    nodes[target]!.incoming.unshift(source);
  }
  const inputs = nodes.flatMap((node, i) => (node.kind === 'input' ? [i] : []));
  if (inputs.length !== 1) throw new JdmUnsupportedError(`${inputs.length} input nodes`);
  // Zen merges the data of every visited node without children into the result, in place; with
  // more than one such node that merge mutates shared data. One output node keeps it simple.
  const leaves = nodes.filter((node) => node.outgoing.length === 0);
  if (leaves.length !== 1 || leaves[0]!.kind !== 'output') throw new JdmUnsupportedError('a graph whose only leaf is not one output node');
  if (isCyclic(nodes)) throw new JdmUnsupportedError('a cyclic graph');
  const schedule = visitOrder(nodes, inputs[0]!);

  return {
    evaluate(context) {
      if (Object.hasOwn(context, '$')) throw new JdmUnsupportedError('a context with a "$" key');
      const data: Array<JdmValue | undefined> = new Array(nodes.length);
      const trace: JdmTrace = {};
      let order = 0;
      let lastData: JdmValue = null;
      for (const i of schedule) {
        const node = nodes[i]!;
        if (node.kind === 'input') {
          data[i] = context;
          trace[node.id] = { id: node.id, name: node.name, order: order++, input: null, output: context, traceData: null };
          continue;
        }
        let input: JdmValue = {};
        for (const parent of node.incoming) input = mergeClone(input, data[parent] ?? null);
        if (node.kind === 'output') {
          trace[node.id] = { id: node.id, name: node.name, order, input, output: null, traceData: null };
          lastData = input;
          break;
        }
        if (!isObject(input) || Object.hasOwn(input, '$')) throw new JdmUnsupportedError(`node ${node.id}: an input that is not an object without "$"`);
        const { output, traceData } = node.run(input);
        data[i] = output;
        trace[node.id] = { id: node.id, name: node.name, order: order++, input, output, traceData };
      }
      // The result: the output node's data merged into an empty object (nulls at the top dropped).
      const result = mergeClone({}, lastData) as JdmObject;
      return { result, trace };
    },
  };
}

/**
 * The order Zen's graph walker visits the nodes in, up to the output node. Without switch nodes
 * it does not depend on the data, so it is worked out once: a stack seeded with the input node;
 * a node whose parents are not all visited goes back with its unvisited parents on top; a
 * visited node pushes its children (newest edge first, as petgraph lists them).
 */
function visitOrder(nodes: GraphNode[], inputIndex: number): number[] {
  const schedule: number[] = [];
  const visited = new Uint8Array(nodes.length);
  const toVisit = [inputIndex];
  while (toVisit.length > 0) {
    const i = toVisit.pop()!;
    if (visited[i]) continue;
    const node = nodes[i]!;
    const unresolved = node.incoming.filter((parent) => !visited[parent]);
    if (unresolved.length > 0) {
      toVisit.push(i, ...unresolved);
      continue;
    }
    visited[i] = 1;
    toVisit.push(...node.outgoing);
    schedule.push(i);
    if (node.kind === 'output') break;
  }
  return schedule;
}

function isCyclic(nodes: GraphNode[]): boolean {
  const state = new Uint8Array(nodes.length);
  const visit = (i: number): boolean => {
    if (state[i] === 1) return true;
    if (state[i] === 2) return false;
    state[i] = 1;
    for (const child of nodes[i]!.outgoing) if (visit(child)) return true;
    state[i] = 2;
    return false;
  };
  return nodes.some((_, i) => visit(i));
}

// ---------------------------------------------------------------------------------------------
// Nodes

interface TransformAttributes {
  passThrough: boolean;
  outputPath: readonly string[] | null;
}

function transformAttributes(node: RawNode, content: Record<string, unknown>): TransformAttributes {
  if (content.inputField != null && content.inputField !== '') throw new JdmUnsupportedError(`node ${node.id}: inputField`);
  if (content.executionMode != null && content.executionMode !== 'single') throw new JdmUnsupportedError(`node ${node.id}: executionMode ${String(content.executionMode)}`);
  const outputPath = typeof content.outputPath === 'string' && content.outputPath !== '' ? content.outputPath : null;
  return { passThrough: content.passThrough === true, outputPath: outputPath === null ? null : outputPath.split('.') };
}

/** Zen's transform attributes: the node's output under `outputPath`, merged over its input with `passThrough`. */
function transformed(attributes: TransformAttributes, input: JdmObject, output: JdmValue): JdmValue {
  let result = output;
  if (attributes.outputPath !== null) {
    const wrapper: JdmObject = {};
    dotInsert(wrapper, attributes.outputPath, result);
    result = wrapper;
  }
  if (attributes.passThrough) result = mergeClone(input, result);
  return result;
}

function compileNode(node: RawNode): NodeRun {
  const content = (node.content ?? {}) as Record<string, unknown>;
  switch (node.type) {
    case 'inputNode':
    case 'outputNode':
      if (content.schema != null && content.schema !== '') throw new JdmUnsupportedError(`node ${node.id}: JSON schema validation`);
      return () => unreachable();
    case 'expressionNode':
      return compileExpressionNode(node, content);
    case 'decisionTableNode':
      return compileDecisionTable(node, content);
    default:
      throw new JdmUnsupportedError(`node ${node.id}: type ${node.type}`);
  }
}

function unreachable(): never {
  throw new Error('input and output nodes are handled by the graph walk');
}

function compileExpressionNode(node: RawNode, content: Record<string, unknown>): NodeRun {
  const attributes = transformAttributes(node, content);
  const keys: string[] = [];
  const expressions = ((content.expressions ?? []) as Array<{ key?: string; value?: string }>)
    .filter((expression) => expression.key && expression.value)
    .map((expression) => {
      const key = expression.key!;
      if (key.split('.').some((part) => part === '' || part === '__proto__')) throw new JdmUnsupportedError(`node ${node.id}: key ${key}`);
      // `a` then `a.b` would write into the value of `a`, which may be shared with the input (Zen
      // then changes the input too): not in the subset.
      if (keys.some((other) => other.startsWith(`${key}.`) || key.startsWith(`${other}.`))) throw new JdmUnsupportedError(`node ${node.id}: keys ${key} nested in another key`);
      keys.push(key);
      try {
        const parts = key.split('.');
        return { key, parts, value: compileStandard(expression.value!) };
      } catch (error) {
        throw rethrow(error, `node ${node.id}, ${key}`);
      }
    });
  return (input) => {
    const scope: Scope = { env: input };
    const result: JdmObject = {};
    const traceData: JdmObject = {};
    for (const { key, parts, value } of expressions) {
      const computed = value(scope);
      traceData[key] = { result: computed };
      dotInsert((scope.dollar ??= {}), parts, computed);
      dotInsert(result, parts, computed);
    }
    return { output: transformed(attributes, input, result), traceData };
  };
}

interface Column {
  id: string;
  field: string;
  compiled: Compiled;
}

interface Row {
  /** The row can never match: Zen skips rows that lack a cell for a column. */
  incomplete: boolean;
  tests: Array<{ column: number; test: (reference: JdmValue) => boolean }>;
  outputs: Array<{ field: string; value: Compiled }>;
  /** The `rule` object of the trace: `_id`, `_description`, and `field[columnId]` → cell text. */
  traceRule: Record<string, string>;
}

function compileDecisionTable(node: RawNode, content: Record<string, unknown>): NodeRun {
  const attributes = transformAttributes(node, content);
  const hitPolicy = content.hitPolicy;
  if (hitPolicy !== 'first' && hitPolicy !== 'collect') throw new JdmUnsupportedError(`node ${node.id}: hit policy ${String(hitPolicy)}`);
  const rawInputs = (content.inputs ?? []) as Array<{ id: string; field?: string | null }>;
  const rawOutputs = (content.outputs ?? []) as Array<{ id: string; field: string }>;
  const compile = (source: string, where: string) => {
    try {
      return compileStandard(source);
    } catch (error) {
      throw rethrow(error, `node ${node.id}, ${where}`);
    }
  };
  // A column without a field holds whole expressions per cell; Zen's environment for those is not pinned down.
  const columns: Column[] = rawInputs.map((input) => {
    if (!input.field) throw new JdmUnsupportedError(`node ${node.id}: column ${input.id} without a field`);
    if (input.field === '__proto__') throw new JdmUnsupportedError(`node ${node.id}: column field __proto__`);
    return { id: input.id, field: input.field, compiled: compile(input.field, `column ${input.id}`) };
  });
  for (const output of rawOutputs) {
    if (!output.field || output.field.includes('.') || output.field === '__proto__') throw new JdmUnsupportedError(`node ${node.id}: output field ${output.field}`);
  }
  const rows: Row[] = ((content.rules ?? []) as Array<Record<string, string>>).map((rule, r) => {
    const where = `row ${rule._id ?? r}`;
    const incomplete = rawInputs.some((input) => typeof rule[input.id] !== 'string') || rawOutputs.some((output) => typeof rule[output.id] !== 'string');
    const tests: Row['tests'] = [];
    const outputs: Row['outputs'] = [];
    const traceRule: Record<string, string> = { _id: typeof rule._id === 'string' ? rule._id : '' };
    if (typeof rule._description === 'string') traceRule._description = rule._description;
    if (!incomplete) {
      columns.forEach((column, c) => {
        const cell = rule[column.id]!;
        traceRule[`${column.field}[${column.id}]`] = cell;
        if (cell.trim() === '') return;
        try {
          tests.push({ column: c, test: compileUnary(cell) });
        } catch (error) {
          throw rethrow(error, `node ${node.id}, ${where}, column ${column.id}`);
        }
      });
      for (const output of rawOutputs) {
        const cell = rule[output.id]!;
        if (cell.trim() === '') continue;
        outputs.push({ field: output.field, value: compile(cell, `${where}, output ${output.id}`) });
      }
    }
    return { incomplete, tests, outputs, traceRule };
  });

  const table: Table = { rows, columns, hitPolicy, attributes };
  return (input) => runTable(table, input);
}

interface Table {
  rows: Row[];
  columns: Column[];
  hitPolicy: 'first' | 'collect';
  attributes: TransformAttributes;
}

/** One evaluation of a table: each column's value is the same for every row, so computed once, when first needed. */
interface TableRun {
  table: Table;
  scope: Scope;
  references: Array<JdmValue | undefined>;
}

function reference(run: TableRun, c: number): JdmValue {
  let value = run.references[c];
  if (value === undefined) {
    value = run.table.columns[c]!.compiled(run.scope);
    run.references[c] = value;
  }
  return value;
}

function rowMatches(run: TableRun, row: Row): boolean {
  if (row.incomplete) return false;
  for (const cell of row.tests) if (!cell.test(reference(run, cell.column))) return false;
  return true;
}

function rowHit(run: TableRun, row: Row, index: number): { output: JdmObject; trace: JdmObject } {
  const output: JdmObject = {};
  for (const { field, value } of row.outputs) output[field] = value(run.scope);
  const referenceMap: JdmObject = {};
  const columns = run.table.columns;
  for (let c = 0; c < columns.length; c++) referenceMap[columns[c]!.field] = reference(run, c);
  return { output, trace: { index, reference_map: referenceMap, rule: row.traceRule } };
}

function runTable(table: Table, input: JdmObject): { output: JdmValue; traceData: JdmValue } {
  const run: TableRun = { table, scope: { env: input }, references: new Array(table.columns.length) };
  const { rows, attributes } = table;
  if (table.hitPolicy === 'first') {
    for (let index = 0; index < rows.length; index++) {
      if (!rowMatches(run, rows[index]!)) continue;
      const { output, trace } = rowHit(run, rows[index]!, index);
      return { output: transformed(attributes, input, output), traceData: trace };
    }
    return { output: transformed(attributes, input, null), traceData: null };
  }
  const outputs: JdmValue[] = [];
  const traces: JdmValue[] = [];
  for (let index = 0; index < rows.length; index++) {
    if (!rowMatches(run, rows[index]!)) continue;
    const { output, trace } = rowHit(run, rows[index]!, index);
    outputs.push(output);
    traces.push(trace);
  }
  return { output: transformed(attributes, input, outputs), traceData: traces };
}

function rethrow(error: unknown, where: string): Error {
  if (error instanceof JdmUnsupportedError) return new JdmUnsupportedError(`${where}: ${error.message}`);
  return error as Error;
}

// ---------------------------------------------------------------------------------------------
// Zen's data operations

function isObject(value: JdmValue | undefined): value is JdmObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Zen's `merge_clone` (copy on write): the patch's keys deep-merged over `doc`; a null in the
 * patch removes the key; at the top level an array patch replaces `doc` and a scalar one is
 * ignored. `doc` is never changed; unchanged branches stay shared, as in Zen.
 */
export function mergeClone(doc: JdmValue, patch: JdmValue): JdmValue {
  if (Array.isArray(patch)) return patch;
  if (!isObject(patch)) return doc;
  return mergeNested(doc, patch);
}

/** The merged value; `doc` itself (the same reference) when the patch changes nothing. */
function mergeNested(doc: JdmValue, patch: JdmValue): JdmValue {
  if (!isObject(doc) || !isObject(patch)) {
    // Zen compares the old and new value before replacing; equal values are interchangeable.
    return sameValue(doc, patch) ? doc : patch;
  }
  if (doc === patch) return doc;
  // Into an empty object, a patch without nulls gives an object equal to the patch: share it.
  // Values are never changed once made, so sharing is as good as Zen's copy, and the trace then
  // serialises a node's input once for every node that reads it.
  if (isEmptyObject(doc) && !hasNullValue(patch)) return patch;
  let copy: JdmObject | undefined;
  for (const key in patch) {
    // JSON.parse makes "__proto__" an ordinary key; assigning it here would set a prototype.
    if (key === '__proto__') throw new JdmUnsupportedError('a "__proto__" key in the data');
    const value = patch[key]!;
    const present = Object.hasOwn(doc, key);
    if (value === null) {
      if (present) {
        copy ??= { ...doc };
        delete copy[key];
      }
      continue;
    }
    const old = present ? doc[key]! : null;
    const merged = mergeNested(old, value);
    if (!present || merged !== old) {
      copy ??= { ...doc };
      copy[key] = merged;
    }
  }
  return copy ?? doc;
}

function isEmptyObject(value: JdmObject): boolean {
  for (const _ in value) return false;
  return true;
}

function hasNullValue(value: JdmObject): boolean {
  for (const key in value) if (value[key] === null) return true;
  return false;
}

function sameValue(a: JdmValue, b: JdmValue): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Zen's `dot_insert`: sets `a.b.c` (split into parts), creating missing objects; gives up where a part is not an object. */
function dotInsert(target: JdmObject, parts: readonly string[], value: JdmValue): void {
  let object: JdmObject = target;
  const last = parts.length - 1;
  for (let i = 0; i < last; i++) {
    const part = parts[i]!;
    let next = Object.hasOwn(object, part) ? object[part] : undefined;
    if (next === undefined) {
      next = {};
      object[part] = next;
    }
    if (!isObject(next)) return;
    object = next;
  }
  object[parts[last]!] = value;
}

// ---------------------------------------------------------------------------------------------
// Trace as JSON text

/**
 * The trace as JSON. Plain JSON.stringify: measured against a serialiser that writes objects
 * shared between node inputs once, it is as fast once the text is flattened for storage, and
 * simpler. A date value (which Zen would write as a date-time) refuses to serialise.
 */
export function traceToJson(trace: JdmTrace): string {
  return JSON.stringify(trace);
}
