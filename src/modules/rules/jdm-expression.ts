/**
 * A compiler for the subset of the ZEN expression language (GoRules JDM) our rule sets use,
 * into plain JavaScript closures. It exists for speed: the Zen Engine's Node binding spends most
 * of an evaluation marshalling the facts and the trace across the native boundary, and the
 * pipeline must make well over 20,000 decisions a second (see jdm-interpreter.ts).
 *
 * The rule is "compile exactly, or refuse": a construct outside the subset throws
 * `JdmUnsupportedError` at compile time (the rule set then runs on the Zen Engine), and a value
 * whose Zen semantics we have not pinned down (a comparison with null, a non-integer sum, a
 * date that is not YYYY-MM-DD, …) throws it at evaluation time (that one evaluation then runs on
 * Zen). Every supported construct is proven against Zen's own `evaluateExpressionSync` and
 * `evaluateUnaryExpressionSync` in jdm-expression.test.ts.
 */

/** Thrown when an expression or a value is outside the proven subset: the caller falls back to Zen. */
export class JdmUnsupportedError extends Error {
  override name = 'JdmUnsupportedError';
}

function unsupported(message: string): never {
  throw new JdmUnsupportedError(message);
}

/** A calendar day, what `d('YYYY-MM-DD')` yields. Never leaves an expression (no Zen-faithful serialisation). */
export class JdmDate {
  readonly time: number;
  constructor(
    readonly year: number,
    readonly month: number,
    readonly day: number,
  ) {
    this.time = Date.UTC(year, month - 1, day);
  }

  /** Zen writes a date as a date-time string; one that escapes an expression is outside the subset. */
  toJSON(): never {
    return unsupported('a date value in a result or trace');
  }
}

export type JdmValue = null | boolean | number | string | JdmDate | JdmValue[] | { [key: string]: JdmValue };
export type JdmObject = { [key: string]: JdmValue };

/** What an expression reads: the node's environment, the unary reference `$` and a closure's `#`. */
export interface Scope {
  env: JdmObject;
  /**
   * In an expression node, Zen adds each computed value to the environment under `$` (`$.key`).
   * Kept apart from `env` so the input need not be copied; undefined until the first value.
   */
  dollar?: JdmObject | undefined;
  ref?: JdmValue;
  item?: JdmValue;
}

export type Compiled = (scope: Scope) => JdmValue;

// ---------------------------------------------------------------------------------------------
// Tokens

type Token =
  | { kind: 'number'; value: number; pos: number }
  | { kind: 'string'; value: string; pos: number }
  | { kind: 'name'; value: string; pos: number }
  | { kind: 'op'; value: string; pos: number }
  | { kind: 'end'; pos: number };

const OPERATORS = ['..', '==', '!=', '<=', '>=', '<', '>', '+', '-', '*', '/', '%', '?', ':', ',', '.', '(', ')', '[', ']', '{', '}'];

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    if (c >= '0' && c <= '9') {
      const digits = /^\d+/.exec(source.slice(i))![0];
      // Zen computes in decimals (0.1 + 0.2 is exactly 0.3 there): integer literals only.
      if (source[i + digits.length] === '.' && /\d/.test(source[i + digits.length + 1] ?? '')) unsupported('decimal literals');
      const value = Number(digits);
      if (!Number.isSafeInteger(value)) unsupported(`number literal ${digits}`);
      tokens.push({ kind: 'number', value, pos: i });
      i += digits.length;
      continue;
    }
    if (c === "'" || c === '"') {
      const end = source.indexOf(c, i + 1);
      if (end < 0) unsupported('unterminated string');
      const value = source.slice(i + 1, end);
      if (value.includes('\\')) unsupported('escape sequences in strings');
      tokens.push({ kind: 'string', value, pos: i });
      i = end + 1;
      continue;
    }
    if (/[A-Za-z_$#]/.test(c)) {
      const name = /^[A-Za-z_$#][A-Za-z0-9_]*/.exec(source.slice(i))![0];
      tokens.push({ kind: 'name', value: name, pos: i });
      i += name.length;
      continue;
    }
    const op = OPERATORS.find((candidate) => source.startsWith(candidate, i));
    if (!op) unsupported(`character ${JSON.stringify(c)}`);
    tokens.push({ kind: 'op', value: op, pos: i });
    i += op.length;
  }
  tokens.push({ kind: 'end', pos: source.length });
  return tokens;
}

// ---------------------------------------------------------------------------------------------
// Parser (precedence climbing) straight to closures

const COMPARISON = new Set(['==', '!=', '<', '<=', '>', '>=']);

class Parser {
  private index = 0;
  /** Whether `$` means the unary reference (table cells) or the environment's `$` key. */
  constructor(
    private readonly tokens: Token[],
    private readonly unary: boolean,
  ) {}

  peek(): Token {
    return this.tokens[this.index]!;
  }

  next(): Token {
    return this.tokens[this.index++]!;
  }

  isOp(value: string): boolean {
    const token = this.peek();
    return token.kind === 'op' && token.value === value;
  }

  isName(value: string): boolean {
    const token = this.peek();
    return token.kind === 'name' && token.value === value;
  }

  expectOp(value: string): void {
    if (!this.isOp(value)) unsupported(`expected "${value}" at ${this.peek().pos}`);
    this.index++;
  }

  atEnd(): boolean {
    return this.peek().kind === 'end';
  }

  expression(): Compiled {
    const condition = this.or();
    if (!this.isOp('?')) return condition;
    this.index++;
    const then = this.expression();
    this.expectOp(':');
    const otherwise = this.expression();
    return (scope) => (asBoolean(condition(scope), '?:') ? then(scope) : otherwise(scope));
  }

  or(): Compiled {
    let left = this.and();
    while (this.isName('or')) {
      this.index++;
      const l = left;
      const right = this.and();
      left = (scope) => asBoolean(l(scope), 'or') || asBoolean(right(scope), 'or');
    }
    return left;
  }

  and(): Compiled {
    let left = this.not();
    while (this.isName('and')) {
      this.index++;
      const l = left;
      const right = this.not();
      left = (scope) => asBoolean(l(scope), 'and') && asBoolean(right(scope), 'and');
    }
    return left;
  }

  not(): Compiled {
    // Negation's precedence against comparisons is not pinned down against Zen: not in the subset.
    if (this.isName('not')) unsupported('"not"');
    return this.comparison();
  }

  comparison(): Compiled {
    const left = this.additive();
    const token = this.peek();
    if (token.kind === 'op' && COMPARISON.has(token.value)) {
      this.index++;
      const right = this.additive();
      const compare = comparator(token.value);
      return (scope) => compare(left(scope), right(scope));
    }
    if (this.isName('in') || this.isName('not')) unsupported('"in" outside a table cell');
    return left;
  }

  additive(): Compiled {
    let left = this.multiplicative();
    for (;;) {
      if (this.isOp('+')) {
        this.index++;
        const l = left;
        const right = this.multiplicative();
        left = (scope) => add(l(scope), right(scope));
      } else if (this.isOp('-')) {
        this.index++;
        const l = left;
        const right = this.multiplicative();
        left = (scope) => integer(asNumber(l(scope), '-') - asNumber(right(scope), '-'));
      } else return left;
    }
  }

  multiplicative(): Compiled {
    let left = this.prefix();
    for (;;) {
      if (this.isOp('*')) {
        this.index++;
        const l = left;
        const right = this.prefix();
        left = (scope) => integer(asNumber(l(scope), '*') * asNumber(right(scope), '*'));
      } else if (this.isOp('/') || this.isOp('%')) {
        unsupported('division (Zen divides decimals)');
      } else return left;
    }
  }

  prefix(): Compiled {
    if (this.isOp('-')) {
      this.index++;
      const operand = this.prefix();
      return (scope) => integer(-asNumber(operand(scope), 'unary -'));
    }
    return this.postfix(this.primary());
  }

  postfix(target: Compiled): Compiled {
    for (;;) {
      if (this.isOp('.')) {
        this.index++;
        const name = this.next();
        if (name.kind !== 'name') unsupported(`expected a property name at ${name.pos}`);
        if (this.isOp('(')) {
          target = this.method(target, name.value);
        } else {
          const object = target;
          const key = name.value;
          const read = member(key);
          target = (scope) => read(object(scope));
        }
      } else if (this.isOp('[')) {
        unsupported('index access');
      } else return target;
    }
  }

  method(target: Compiled, name: string): Compiled {
    const args = this.args();
    if (name === 'year' && args.length === 0) return (scope) => asDate(target(scope), 'year()').year;
    if (name === 'format' && args.length === 1) {
      const format = args[0]!;
      return (scope) => {
        const date = asDate(target(scope), 'format()');
        if (format(scope) !== '%Y-%m-%d') unsupported('date formats other than %Y-%m-%d');
        return isoDate(date);
      };
    }
    if (name === 'add' && args.length === 2) {
      const [amount, unit] = args as [Compiled, Compiled];
      return (scope) => {
        const date = asDate(target(scope), 'add()');
        const n = asNumber(amount(scope), 'add()');
        const u = unit(scope);
        if (u === 'M') return addMonths(date, n);
        if (u === 'd') return addDays(date, n);
        return unsupported(`add() in unit ${JSON.stringify(u)}`);
      };
    }
    return unsupported(`method ${name}() with ${args.length} argument(s)`);
  }

  args(): Compiled[] {
    this.expectOp('(');
    const args: Compiled[] = [];
    if (this.isOp(')')) {
      this.index++;
      return args;
    }
    for (;;) {
      args.push(this.expression());
      if (this.isOp(',')) {
        this.index++;
        continue;
      }
      this.expectOp(')');
      return args;
    }
  }

  primary(): Compiled {
    const token = this.next();
    switch (token.kind) {
      case 'number':
      case 'string': {
        const value = token.value;
        return () => value;
      }
      case 'name':
        return this.name(token.value);
      case 'op':
        if (token.value === '(') {
          const inner = this.expression();
          this.expectOp(')');
          return inner;
        }
        if (token.value === '[') return this.arrayLiteral();
        if (token.value === '{') return this.objectLiteral();
        return unsupported(`"${token.value}" at ${token.pos}`);
      default:
        return unsupported('unexpected end of expression');
    }
  }

  name(name: string): Compiled {
    if (name === 'true') return () => true;
    if (name === 'false') return () => false;
    if (name === 'null') return () => null;
    if (name === '#') return (scope) => (scope.item === undefined ? unsupported('# outside a closure') : scope.item);
    if (name === '$') {
      const read = reader('$');
      return this.unary ? (scope) => scope.ref ?? null : (scope) => (scope.dollar !== undefined ? scope.dollar : read(scope.env));
    }
    if (name.startsWith('$') || name.startsWith('#')) unsupported(`identifier ${name}`);
    if (this.isOp('(')) return this.call(name);
    if (this.unary) unsupported(`identifier ${name} in a table cell`);
    const read = reader(name);
    return (scope) => read(scope.env);
  }

  call(name: string): Compiled {
    if (CLOSURE_FUNCTIONS.has(name)) {
      this.expectOp('(');
      const array = this.expression();
      this.expectOp(',');
      const body = this.expression();
      this.expectOp(')');
      return closureFunction(name, array, body);
    }
    const args = this.args();
    if (name === 'd' && args.length === 1) {
      const arg = args[0]!;
      return (scope) => parseDate(arg(scope));
    }
    if (name === 'string' && args.length === 1) {
      const arg = args[0]!;
      return (scope) => toText(arg(scope));
    }
    return unsupported(`function ${name}() with ${args.length} argument(s)`);
  }

  arrayLiteral(): Compiled {
    const items: Compiled[] = [];
    if (!this.isOp(']')) {
      for (;;) {
        items.push(this.expression());
        if (this.isOp('..')) unsupported('an interval outside a table cell');
        if (this.isOp(',')) {
          this.index++;
          continue;
        }
        break;
      }
    }
    this.expectOp(']');
    return (scope) => items.map((item) => item(scope));
  }

  objectLiteral(): Compiled {
    const entries: Array<[string, Compiled]> = [];
    if (!this.isOp('}')) {
      for (;;) {
        const key = this.next();
        if (key.kind !== 'name' && key.kind !== 'string') unsupported(`object key at ${key.pos}`);
        if (key.value === '__proto__') unsupported('__proto__ as an object key');
        this.expectOp(':');
        entries.push([key.value, this.expression()]);
        if (this.isOp(',')) {
          this.index++;
          continue;
        }
        break;
      }
    }
    this.expectOp('}');
    return (scope) => {
      const object: JdmObject = {};
      for (const [key, value] of entries) object[key] = value(scope);
      return object;
    };
  }
}

const CLOSURE_FUNCTIONS = new Set(['some', 'all', 'none', 'filter', 'map', 'count']);

function closureFunction(name: string, array: Compiled, body: Compiled): Compiled {
  const items = (scope: Scope): JdmValue[] => {
    const value = array(scope);
    return Array.isArray(value) ? value : unsupported(`${name}() over a ${typeName(value)}`);
  };
  const test = (scope: Scope, item: JdmValue) => asBoolean(body({ env: scope.env, dollar: scope.dollar, ref: scope.ref, item }), `${name}()`);
  switch (name) {
    case 'some':
      return (scope) => items(scope).some((item) => test(scope, item));
    case 'all':
      return (scope) => items(scope).every((item) => test(scope, item));
    case 'none':
      return (scope) => !items(scope).some((item) => test(scope, item));
    case 'filter':
      return (scope) => items(scope).filter((item) => test(scope, item));
    case 'count':
      return (scope) => items(scope).filter((item) => test(scope, item)).length;
    default:
      return (scope) => items(scope).map((item) => body({ env: scope.env, dollar: scope.dollar, ref: scope.ref, item }));
  }
}

// ---------------------------------------------------------------------------------------------
// Values

function typeName(value: JdmValue): string {
  if (value === null) return 'null';
  if (value instanceof JdmDate) return 'date';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function isPlainObject(value: JdmValue): value is JdmObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof JdmDate);
}

/**
 * Reads one key of an object; a missing key is null. Values are never undefined (JSON data), so
 * a plain read tells a missing key; only names Object.prototype also has (`constructor`, …)
 * need the own-property check. Chosen once per expression site.
 */
function reader(key: string): (object: JdmObject) => JdmValue {
  if (key in Object.prototype) return (object) => (Object.hasOwn(object, key) ? object[key]! : null);
  return (object) => {
    const value = object[key];
    return value === undefined ? null : value;
  };
}

/** `a.b`: Zen gives null for a missing key and for a property of null, a number or a boolean. */
function member(key: string): (object: JdmValue) => JdmValue {
  const read = reader(key);
  return (object) => {
    if (isPlainObject(object)) return read(object);
    if (object === null || typeof object === 'number' || typeof object === 'boolean') return null;
    return unsupported(`property .${key} of a ${typeName(object)}`);
  };
}

function asBoolean(value: JdmValue, where: string): boolean {
  return typeof value === 'boolean' ? value : unsupported(`${where} on a ${typeName(value)}`);
}

function asNumber(value: JdmValue, where: string): number {
  return typeof value === 'number' ? value : unsupported(`${where} on a ${typeName(value)}`);
}

function asDate(value: JdmValue, where: string): JdmDate {
  return value instanceof JdmDate ? value : unsupported(`${where} on a ${typeName(value)}`);
}

/** Zen computes in decimals; integers within 2^53 are the same in both. */
function integer(value: number): number {
  return Number.isSafeInteger(value) ? value : unsupported(`the non-integer or huge number ${value}`);
}

function add(left: JdmValue, right: JdmValue): JdmValue {
  if (typeof left === 'number' && typeof right === 'number') return integer(left + right);
  if (typeof left === 'string' && typeof right === 'string') return left + right;
  return unsupported(`${typeName(left)} + ${typeName(right)}`);
}

function comparator(op: string): (left: JdmValue, right: JdmValue) => boolean {
  if (op === '==') return equals;
  if (op === '!=') return (left, right) => !equals(left, right);
  const order = (left: JdmValue, right: JdmValue): number => {
    if (typeof left === 'number' && typeof right === 'number') return left - right;
    if (left instanceof JdmDate && right instanceof JdmDate) return left.time - right.time;
    return unsupported(`${typeName(left)} ${op} ${typeName(right)}`);
  };
  switch (op) {
    case '<':
      return (l, r) => order(l, r) < 0;
    case '<=':
      return (l, r) => order(l, r) <= 0;
    case '>':
      return (l, r) => order(l, r) > 0;
    default:
      return (l, r) => order(l, r) >= 0;
  }
}

/** Zen's `==`: values of different types are unequal; dates compare as instants. */
export function equals(left: JdmValue, right: JdmValue): boolean {
  if (left instanceof JdmDate || right instanceof JdmDate) {
    return left instanceof JdmDate && right instanceof JdmDate && left.time === right.time;
  }
  if ((typeof left === 'object' && left !== null) || (typeof right === 'object' && right !== null)) {
    return unsupported('== on arrays or objects');
  }
  return left === right;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parsed days, reused: the same few thousand dates (birthdays, decision days) come back all the time. */
const dateCache = new Map<string, JdmDate>();

/** `d('YYYY-MM-DD')`. Anything else (null, a time, an impossible day) is Zen's "Invalid date" or a time zone question: not ours. */
function parseDate(value: JdmValue): JdmDate {
  if (typeof value !== 'string') return unsupported(`d() of a ${typeName(value)}`);
  const cached = dateCache.get(value);
  if (cached !== undefined) return cached;
  const date = parseNewDate(value);
  if (dateCache.size >= 50_000) dateCache.clear();
  dateCache.set(value, date);
  return date;
}

function parseNewDate(value: string): JdmDate {
  const match = ISO_DATE.exec(value);
  if (!match) return unsupported(`d() of ${JSON.stringify(value)}`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return unsupported(`d() of the impossible day ${value}`);
  return new JdmDate(year, month, day);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Month arithmetic as Zen (chrono) does it: the same day, or the month's last day when it has none. */
function addMonths(date: JdmDate, months: number): JdmDate {
  const index = date.year * 12 + (date.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  if (year < 1 || year > 9999) return unsupported('a date outside the years 1–9999');
  return new JdmDate(year, month, Math.min(date.day, daysInMonth(year, month)));
}

function addDays(date: JdmDate, days: number): JdmDate {
  const moved = new Date(date.time + days * 86_400_000);
  const year = moved.getUTCFullYear();
  if (year < 1 || year > 9999) return unsupported('a date outside the years 1–9999');
  return new JdmDate(year, moved.getUTCMonth() + 1, moved.getUTCDate());
}

function isoDate(date: JdmDate): string {
  return `${String(date.year).padStart(4, '0')}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
}

/** `string(x)`. */
function toText(value: JdmValue): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return String(value);
  if (value === null) return 'null';
  if (typeof value === 'number') return String(integer(value));
  return unsupported(`string() of a ${typeName(value)}`);
}

// ---------------------------------------------------------------------------------------------
// Entry points

/** A standard expression (expression nodes, table outputs and column fields). */
export function compileStandard(source: string): Compiled {
  const parser = new Parser(tokenize(source), false);
  const compiled = parser.expression();
  if (!parser.atEnd()) unsupported(`unexpected "${source.slice(parser.peek().pos)}"`);
  return compiled;
}

/**
 * A table cell (unary test against the column's value `$`): a comma-separated list, any of which
 * may match — a literal (`'none'`, `true`, `12`: equality), a comparison with the operand left
 * out (`<= 6`), a closed or open interval of integers (`[7..11]`, `(0..5]`), or an expression
 * using `$`.
 */
export function compileUnary(source: string): (reference: JdmValue) => boolean {
  const tokens = tokenize(source);
  const items: Array<(reference: JdmValue) => boolean> = [];
  let start = 0;
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.kind === 'op' && '([{'.includes(token.value)) depth++;
    if (token.kind === 'op' && ')]}'.includes(token.value)) depth--;
    if ((token.kind === 'op' && token.value === ',' && depth === 0) || token.kind === 'end') {
      items.push(unaryItem([...tokens.slice(start, i), { kind: 'end', pos: token.pos }], source));
      start = i + 1;
    }
  }
  if (items.length === 1) return items[0]!;
  return (reference) => items.some((item) => item(reference));
}

function unaryItem(tokens: Token[], source: string): (reference: JdmValue) => boolean {
  const first = tokens[0]!;
  if (first.kind === 'end') unsupported(`an empty item in ${JSON.stringify(source)}`);
  const emptyEnv: JdmObject = {};
  // `<= 6`: the comparison with `$` left out.
  if (first.kind === 'op' && COMPARISON.has(first.value)) {
    const operand = literalOf(tokens.slice(1), source);
    const compare = comparator(first.value);
    return (reference) => compare(reference, operand);
  }
  // `[7..11]`, `(7..11)`, `[7..11)`: integer intervals.
  const interval = intervalOf(tokens);
  if (interval) return interval;
  // A literal: equality with `$`.
  if (tokens.length === 2 && (first.kind === 'number' || first.kind === 'string' || (first.kind === 'name' && ['true', 'false', 'null'].includes(first.value)))) {
    const value = literalOf(tokens, source);
    return (reference) => equals(reference, value);
  }
  if (tokens.length === 3 && first.kind === 'op' && first.value === '-' && tokens[1]!.kind === 'number') {
    const value = -tokens[1]!.value;
    return (reference) => equals(reference, value);
  }
  // Otherwise an expression that mentions `$` and yields a boolean.
  if (!tokens.some((token) => token.kind === 'name' && token.value === '$')) unsupported(`the table cell ${JSON.stringify(source)}`);
  const parser = new Parser(tokens, true);
  const compiled = parser.expression();
  if (!parser.atEnd()) unsupported(`the table cell ${JSON.stringify(source)}`);
  return (reference) => asBoolean(compiled({ env: emptyEnv, ref: reference }), 'a table cell');
}

function literalOf(tokens: Token[], source: string): JdmValue {
  const [first, second, third] = tokens;
  if (first?.kind === 'op' && first.value === '-' && second?.kind === 'number' && third?.kind === 'end') return -second.value;
  if (second?.kind !== 'end') unsupported(`the table cell ${JSON.stringify(source)}`);
  if (first?.kind === 'number' || first?.kind === 'string') return first.value;
  if (first?.kind === 'name' && first.value === 'true') return true;
  if (first?.kind === 'name' && first.value === 'false') return false;
  if (first?.kind === 'name' && first.value === 'null') return null;
  return unsupported(`the table cell ${JSON.stringify(source)}`);
}

function intervalOf(tokens: Token[]): ((reference: JdmValue) => boolean) | undefined {
  const [open, low, dots, high, close, end] = tokens;
  if (open?.kind !== 'op' || (open.value !== '[' && open.value !== '(')) return undefined;
  if (low?.kind !== 'number' || dots?.kind !== 'op' || dots.value !== '..' || high?.kind !== 'number') return undefined;
  if (close?.kind !== 'op' || (close.value !== ']' && close.value !== ')') || end?.kind !== 'end') return undefined;
  const lowValue = low.value;
  const highValue = high.value;
  const lowInclusive = open.value === '[';
  const highInclusive = close.value === ']';
  return (reference) => {
    const n = asNumber(reference, 'an interval');
    return (lowInclusive ? n >= lowValue : n > lowValue) && (highInclusive ? n <= highValue : n < highValue);
  };
}
