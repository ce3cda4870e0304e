/** Syntax tree of the KL snippet language. Every node keeps offsets into the whole note. */
import type { Span } from './messages';

export type BinaryOperator = '+' | '-' | '*' | '/' | '^';

export interface NumberLiteral extends Span {
  type: 'number';
  value: number;
}

export interface StringLiteral extends Span {
  type: 'string';
  value: string;
}

export interface Identifier extends Span {
  type: 'identifier';
  name: string;
}

export interface ListLiteral extends Span {
  type: 'list';
  items: Expr[];
}

/**
 * A list literal of plain numbers only (`[0.2, 0.3, 0.5]`), read by the lexer straight into an
 * array: a 1,000-entry distribution costs one node instead of 2,000 tokens and 1,000 nodes.
 */
export interface NumberListLiteral extends Span {
  type: 'numbers';
  values: Float64Array;
  /** Where entry `index` was written; the offsets are found by re-scanning the literal on first use. */
  entrySpan: (index: number) => Span | undefined;
}

export interface LabelledEntry extends Span {
  label: string;
  labelSpan: Span;
  value: Expr;
}

export interface LabelledLiteral extends Span {
  type: 'labelled';
  entries: LabelledEntry[];
}

export interface CallExpression extends Span {
  type: 'call';
  callee: string;
  calleeSpan: Span;
  args: Expr[];
}

export interface BinaryExpression extends Span {
  type: 'binary';
  op: BinaryOperator;
  left: Expr;
  right: Expr;
}

/** `target[index]` (0-based). */
export interface IndexExpression extends Span {
  type: 'index';
  target: Expr;
  index: Expr;
}

export interface UnaryExpression extends Span {
  type: 'unary';
  op: '-' | '+';
  operand: Expr;
}

export type Expr =
  | NumberLiteral
  | StringLiteral
  | Identifier
  | ListLiteral
  | NumberListLiteral
  | LabelledLiteral
  | CallExpression
  | BinaryExpression
  | IndexExpression
  | UnaryExpression;

export interface Assignment extends Span {
  type: 'assign';
  name: string;
  nameSpan: Span;
  expr: Expr;
}

export interface ExpressionStatement extends Span {
  type: 'expression';
  expr: Expr;
}

export type Statement = Assignment | ExpressionStatement;

/** Visits `node` and its children, outermost first; stops descending when `visit` returns false. */
export function walkExpr(node: Expr, visit: (node: Expr) => boolean | void): void {
  // An explicit stack: a deeply nested snippet must not overflow the call stack here either.
  const stack: Expr[] = [node];
  while (stack.length > 0) {
    const current = stack.pop() as Expr;
    if (visit(current) === false) continue;
    switch (current.type) {
      case 'list':
        for (let i = current.items.length - 1; i >= 0; i--) stack.push(current.items[i]);
        break;
      case 'labelled':
        for (let i = current.entries.length - 1; i >= 0; i--) stack.push(current.entries[i].value);
        break;
      case 'call':
        for (let i = current.args.length - 1; i >= 0; i--) stack.push(current.args[i]);
        break;
      case 'binary':
        stack.push(current.right, current.left);
        break;
      case 'unary':
        stack.push(current.operand);
        break;
      case 'index':
        stack.push(current.index, current.target);
        break;
      default:
        break;
    }
  }
}
