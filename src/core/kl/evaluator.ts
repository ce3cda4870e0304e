/** Evaluates statements and expressions of the snippet language against an environment. */
import type { BinaryExpression, Expr, IndexExpression, Statement } from './ast';
import { BUILTINS, CONSTANTS, closestName, getBuiltin } from './builtins';
import { kindName, type Arg } from './coerce';
import type { EvalContext } from './context';
import { KlError, klError, klMessage, type Span } from './messages';
import { scalarOf, type KlValue, type ListValue, type MatrixValue } from './values';

export function evaluateStatement(statement: Statement, ctx: EvalContext): KlValue {
  if (statement.type === 'assign' && getBuiltin(statement.name)) {
    throw klError('kl.reserved', statement.nameSpan, '“{0}” is a built-in function; choose another name.', statement.name);
  }
  return evaluateExpr(statement.expr, ctx);
}

export function evaluateExpr(node: Expr, ctx: EvalContext): KlValue {
  switch (node.type) {
    case 'number':
      return { kind: 'number', value: node.value };
    case 'string':
      return { kind: 'string', value: node.value };
    case 'identifier':
      return evaluateIdentifier(node.name, node, ctx);
    case 'list':
      if (node.items.length > 0 && (node.items[0].type === 'numbers' || node.items[0].type === 'list')) return evaluateMatrix(node.items, node, ctx);
      return evaluateList(node.items, undefined, node, ctx);
    case 'index':
      return evaluateIndex(node, ctx);
    case 'numbers':
      ctx.budget.charge(node.values.length, node);
      // A copy: the value may be normalised or scaled in place later, the syntax tree must not change.
      return { kind: 'list', values: node.values.slice(), entrySpan: node.entrySpan };
    case 'labelled':
      return evaluateList(
        node.entries.map((entry) => entry.value),
        node.entries.map((entry) => entry.label),
        node,
        ctx,
      );
    case 'call':
      return evaluateCall(node, ctx);
    case 'unary': {
      const operand = evaluateExpr(node.operand, ctx);
      return node.op === '+' ? numeric(operand, node.operand, ctx) : arithmetic('*', { kind: 'number', value: -1 }, operand, node, node, node.operand, ctx);
    }
    case 'binary':
      return evaluateBinaryChain(node, ctx);
  }
}

function evaluateIdentifier(name: string, span: Expr, ctx: EvalContext): KlValue {
  const binding = ctx.lookup(name);
  if (binding) {
    if (binding.value) {
      ctx.nodeValues.set(span, binding.value);
      return binding.value;
    }
    const error = klMessage('kl.depends-on-error', span, '“{0}” has no value because its definition has an error.', name);
    throw new KlError(error, true);
  }
  if (Object.prototype.hasOwnProperty.call(CONSTANTS, name)) return { kind: 'number', value: CONSTANTS[name] };
  if (getBuiltin(name)) {
    throw klError('kl.type', span, '“{0}” is a function; call it like {1}.', name, BUILTINS[name].signature);
  }
  const suggestion = closestName(name, Object.keys(CONSTANTS));
  if (suggestion) throw klError('kl.undefined-name', span, '“{0}” is not defined. Did you mean “{1}”?', name, suggestion);
  throw klError('kl.undefined-name', span, '“{0}” is not defined: define it in a kl block above (name = value).', name);
}

function evaluateList(items: Expr[], labels: string[] | undefined, node: Expr, ctx: EvalContext): ListValue {
  ctx.budget.charge(items.length, node);
  const values = new Float64Array(items.length);
  for (let i = 0; i < items.length; i++) {
    const node = items[i];
    if (node.type === 'number') {
      values[i] = node.value; // the common case, without allocating a value object
      continue;
    }
    const item = evaluateExpr(node, ctx);
    const value = scalarOf(item);
    if (value === undefined) {
      throw klError('kl.type', items[i], 'List entries must be numbers, but this is {0}.', kindName(item));
    }
    values[i] = value;
  }
  return { kind: 'list', values, labels, entrySpan: (index) => items[index] };
}

/**
 * `[[…], […]]`: one row per token. Rows of different lengths are an error on the first row that
 * differs (issue #12): per-token measures need every token over the same outcomes.
 */
function evaluateMatrix(items: Expr[], node: Expr, ctx: EvalContext): MatrixValue {
  ctx.budget.charge(items.length, node);
  const rows: ListValue[] = [];
  for (let i = 0; i < items.length; i++) {
    const value = evaluateExpr(items[i], ctx);
    if (value.kind !== 'list') {
      throw klError('kl.type', items[i], 'Every row of a list of lists must be a list of numbers, but row {0} is {1}.', i + 1, kindName(value));
    }
    if (i > 0 && value.values.length !== rows[0].values.length) {
      throw klError(
        'kl.ragged-rows',
        items[i],
        'Row {0} has {1} entries but row 1 has {2}: every token needs the same outcomes.',
        i + 1,
        value.values.length,
        rows[0].values.length,
      );
    }
    rows.push(value);
  }
  return { kind: 'matrix', rows, rowSpan: (index) => items[index] };
}

/** `x[i]`, 0-based as in Python (negative counts from the end): an entry, a row or a token's value. */
function evaluateIndex(node: IndexExpression, ctx: EvalContext): KlValue {
  const target = evaluateExpr(node.target, ctx);
  const indexValue = scalarOf(evaluateExpr(node.index, ctx));
  const length = indexableLength(target);
  if (length === undefined) {
    throw klError('kl.type', node.target, 'Only lists, rows and per-token results can be indexed, but this is {0}.', kindName(target));
  }
  if (indexValue === undefined || !Number.isInteger(indexValue)) {
    throw klError('kl.type', node.index, 'An index must be a whole number (0 is the first entry).');
  }
  const index = indexValue < 0 ? length + indexValue : indexValue;
  if (index < 0 || index >= length) {
    throw klError('kl.index-range', node.index, 'Index {0} is out of range: there are {1} entries (0 to {2}).', indexValue, length, length - 1);
  }
  switch (target.kind) {
    case 'list':
      return { kind: 'number', value: target.values[index] };
    case 'tokens':
      return { kind: 'number', value: target.perToken[index] };
    case 'discrete':
      return { kind: 'number', value: target.probs[index] };
    case 'matrix':
      return target.rows[index];
    case 'rows':
      return target.rows[index];
    default:
      throw klError('kl.type', node.target, 'Only lists, rows and per-token results can be indexed, but this is {0}.', kindName(target));
  }
}

function indexableLength(value: KlValue): number | undefined {
  switch (value.kind) {
    case 'list':
      return value.values.length;
    case 'tokens':
      return value.perToken.length;
    case 'discrete':
      return value.probs.length;
    case 'matrix':
    case 'rows':
      return value.rows.length;
    default:
      return undefined;
  }
}

function evaluateCall(node: Extract<Expr, { type: 'call' }>, ctx: EvalContext): KlValue {
  const builtin = getBuiltin(node.callee);
  if (!builtin) {
    if (ctx.lookup(node.callee)) {
      throw klError('kl.type', node.calleeSpan, '“{0}” is a value, not a function.', node.callee);
    }
    const suggestion = closestName(node.callee, Object.keys(BUILTINS));
    if (suggestion) throw klError('kl.unknown-function', node.calleeSpan, 'Unknown function “{0}”. Did you mean “{1}”?', node.callee, suggestion);
    throw klError('kl.unknown-function', node.calleeSpan, 'Unknown function “{0}”.', node.callee);
  }
  if (node.args.length < builtin.minArgs || node.args.length > builtin.maxArgs) {
    const expected = builtin.minArgs === builtin.maxArgs ? String(builtin.minArgs) : `${builtin.minArgs}–${builtin.maxArgs}`;
    throw klError('kl.arity', node, '{0} takes {1} argument(s), as in {2}, but got {3}.', node.callee, expected, builtin.signature, node.args.length);
  }
  const args: Arg[] = node.args.map((arg) => ({ value: evaluateExpr(arg, ctx), node: arg }));
  const value = builtin.call(args, node, ctx);
  if (builtin.category === 'math') checkNotNaN(value, node);
  ctx.nodeValues.set(node, value);
  return value;
}

/**
 * `a + b + c + …` parses left-deep; walking the left spine in a loop keeps a 50,000-term sum from
 * overflowing the call stack.
 */
function evaluateBinaryChain(node: BinaryExpression, ctx: EvalContext): KlValue {
  if (node.op === '^') {
    const base = evaluateExpr(node.left, ctx);
    const exponent = evaluateExpr(node.right, ctx);
    return arithmetic('^', base, exponent, node, node.left, node.right, ctx);
  }
  const spine: BinaryExpression[] = [];
  let leftmost: Expr = node;
  while (leftmost.type === 'binary' && leftmost.op !== '^') {
    spine.push(leftmost);
    leftmost = leftmost.left;
  }
  let value = evaluateExpr(leftmost, ctx);
  let leftNode: Span = leftmost;
  for (let i = spine.length - 1; i >= 0; i--) {
    const current = spine[i];
    const right = evaluateExpr(current.right, ctx);
    value = arithmetic(current.op, value, right, current, leftNode, current.right, ctx);
    leftNode = current;
  }
  return value;
}

function numeric(value: KlValue, span: Span, _ctx: EvalContext): KlValue {
  if (value.kind === 'list') return value;
  // β · kl(P, Q) over tokens: the per-token penalties.
  if (value.kind === 'tokens') return { kind: 'list', values: value.perToken };
  const scalar = scalarOf(value);
  if (scalar === undefined) throw klError('kl.type', span, 'Arithmetic needs numbers or lists of numbers, but this is {0}.', kindName(value));
  return { kind: 'number', value: scalar };
}

const OPERATIONS: Record<BinaryExpression['op'], (a: number, b: number) => number> = {
  '+': (a, b) => a + b,
  '-': (a, b) => a - b,
  '*': (a, b) => a * b,
  '/': (a, b) => a / b,
  '^': (a, b) => Math.pow(a, b),
};

/** Number ∘ number, or element-wise with lists (a number is broadcast; two lists must match). */
function arithmetic(op: BinaryExpression['op'], left: KlValue, right: KlValue, node: Span, leftSpan: Span, rightSpan: Span, ctx: EvalContext): KlValue {
  const a = numeric(left, leftSpan, ctx);
  const b = numeric(right, rightSpan, ctx);
  const apply = OPERATIONS[op];
  if (a.kind === 'number' && b.kind === 'number') {
    if (op === '/' && b.value === 0) throw klError('kl.domain', rightSpan, 'Division by zero.');
    const value = apply(a.value, b.value);
    if (Number.isNaN(value)) throw klError('kl.nan', node, 'This arithmetic gives NaN ({0} {1} {2}).', a.value, op, b.value);
    return { kind: 'number', value };
  }
  const aList = a.kind === 'list' ? a : undefined;
  const bList = b.kind === 'list' ? b : undefined;
  const length = (aList ?? bList)?.values.length ?? 0;
  if (aList && bList && aList.values.length !== bList.values.length) {
    throw klError(
      'kl.length-mismatch',
      rightSpan,
      'Element-wise arithmetic needs lists of the same length, not {0} and {1}.',
      aList.values.length,
      bList.values.length,
    );
  }
  if (aList?.labels && bList?.labels && aList.labels.join('\u0000') !== bList.labels.join('\u0000')) {
    throw klError('kl.label-mismatch', rightSpan, 'Element-wise arithmetic needs the same labels in the same order.');
  }
  ctx.budget.charge(length, node);
  const values = new Float64Array(length);
  for (let i = 0; i < length; i++) {
    const x = aList ? aList.values[i] : (a as { value: number }).value;
    const y = bList ? bList.values[i] : (b as { value: number }).value;
    if (op === '/' && y === 0) throw klError('kl.domain', rightSpan, 'Division by zero at entry {0}.', i + 1);
    values[i] = apply(x, y);
  }
  const result: ListValue = { kind: 'list', values, labels: aList?.labels ?? bList?.labels };
  checkNotNaN(result, node);
  return result;
}

function checkNotNaN(value: KlValue, span: Span): void {
  if (value.kind === 'number' && Number.isNaN(value.value)) {
    throw klError('kl.nan', span, 'This gives NaN (not a number); check the domain, e.g. log of a negative number.');
  }
  if (value.kind === 'list') {
    const index = value.values.findIndex((x) => Number.isNaN(x));
    if (index >= 0)
      throw klError('kl.nan', span, 'Entry {0} of this result is NaN (not a number); check the domain, e.g. log of a negative number.', index + 1);
  }
}
