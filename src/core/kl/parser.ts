/**
 * Recursive-descent parser of the KL snippet language:
 *
 *   program    := statement ((newline | ';') statement)*
 *   statement  := identifier '=' expr | expr
 *   expr       := term (('+' | '-') term)*
 *   term       := unary (('*' | '/') unary)*
 *   unary      := ('-' | '+') unary | power
 *   power      := primary ('^' unary)?
 *   primary    := number | string | identifier | identifier '(' args ')' | '(' expr ')'
 *               | '[' items ']' | '{' label ':' expr, ... '}'
 *
 * Newlines inside brackets do not end a statement, so long lists may span lines.
 */
import type { Expr, LabelledEntry, Statement } from './ast';
import { describeToken, token as makeToken, tokenize, type Token } from './lexer';
import { KlError, klError, type Span } from './messages';
import { MAX_NESTING, MAX_STATEMENT_CHARS } from './limits';

export interface ParsedStatement extends Span {
  statement?: Statement;
  error?: KlError;
}

/** Parses the statements of a `kl` block whose text starts at offset `base` of the note. */
export function parseProgram(source: string, base: number): ParsedStatement[] {
  const tokens = tokenize(source, base);
  return splitStatements(tokens).map((slice) => parseStatementTokens(slice));
}

/** Parses one expression (an inline code span, a CLI argument). */
export function parseSingleExpression(source: string, base: number): { expr?: Expr; error?: KlError } {
  const tokens = tokenize(source, base).filter((token) => token.kind !== 'newline');
  const last = tokens[tokens.length - 1];
  const span = { start: tokens[0].start, end: last.end };
  if (source.length > MAX_STATEMENT_CHARS) return { error: tooLong(span, source.length) };
  try {
    const parser = new Parser(tokens);
    const expr = parser.parseExpr();
    parser.expectEnd();
    return { expr };
  } catch (error) {
    if (error instanceof KlError) return { error };
    throw error;
  }
}

function tooLong(span: Span, length: number): KlError {
  return klError('kl.too-long', span, 'This snippet has {0} characters; the limit is {1}. Split it into several statements.', length, MAX_STATEMENT_CHARS);
}

/**
 * Cuts the token stream at newlines and semicolons that are outside brackets. A line starting
 * with `name =` always begins a statement (it cannot continue a list), so an unclosed bracket
 * spoils only its own statement, not the rest of the block.
 */
function splitStatements(tokens: Token[]): Token[][] {
  const statements: Token[][] = [];
  let current: Token[] = [];
  let depth = 0;
  const flush = () => {
    if (current.length > 0) statements.push(current);
    current = [];
  };
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    const kind = token.kind;
    if (kind === 'punct') {
      const text = token.text;
      if (text === ';' && depth === 0) {
        flush();
        continue;
      }
      if (text === '(' || text === '[' || text === '{') depth++;
      else if ((text === ')' || text === ']' || text === '}') && depth > 0) depth--;
    } else if (kind === 'newline') {
      if (depth === 0) {
        flush();
        continue;
      }
      const next = tokens[i + 1];
      const after = tokens[i + 2];
      if (next?.kind === 'identifier' && after?.kind === 'punct' && after.text === '=') {
        flush();
        depth = 0;
      }
      continue;
    } else if (kind === 'eof') {
      flush();
      continue;
    }
    current.push(token);
  }
  return statements;
}

function parseStatementTokens(tokens: Token[]): ParsedStatement {
  const last = tokens[tokens.length - 1];
  const span = { start: tokens[0].start, end: last.end };
  if (span.end - span.start > MAX_STATEMENT_CHARS) return { ...span, error: tooLong(span, span.end - span.start) };
  const withEnd: Token[] = tokens;
  withEnd.push(makeToken('eof', '', last.end, last.end));
  try {
    const parser = new Parser(withEnd);
    const statement = parser.parseStatement();
    parser.expectEnd();
    return { ...span, statement };
  } catch (error) {
    if (error instanceof KlError) return { ...span, error };
    throw error;
  }
}

class Parser {
  private index = 0;
  private depth = 0;

  constructor(private readonly tokens: Token[]) {}

  parseStatement(): Statement {
    const first = this.peek();
    const second = this.tokens[this.index + 1];
    if (first.kind === 'identifier' && second?.kind === 'punct' && second.text === '=') {
      this.index += 2;
      const expr = this.parseExpr();
      return { type: 'assign', name: first.text, nameSpan: { start: first.start, end: first.end }, expr, start: first.start, end: expr.end };
    }
    const expr = this.parseExpr();
    return { type: 'expression', expr, start: expr.start, end: expr.end };
  }

  expectEnd(): void {
    const token = this.peek();
    if (token.kind === 'eof') return;
    if (token.kind === 'punct' && token.text === '=') {
      throw klError('kl.syntax', token, 'Only a name can stand left of “=”; write name = expression.');
    }
    throw this.unexpected(token, 'Expected the end of the statement');
  }

  parseExpr(): Expr {
    return this.nested(() => {
      let left = this.parseTerm();
      while (this.isPunct('+') || this.isPunct('-')) {
        const op = this.next().text as '+' | '-';
        const right = this.parseTerm();
        left = { type: 'binary', op, left, right, start: left.start, end: right.end };
      }
      return left;
    });
  }

  private parseTerm(): Expr {
    let left = this.parseUnary();
    while (this.isPunct('*') || this.isPunct('/')) {
      const op = this.next().text as '*' | '/';
      const right = this.parseUnary();
      left = { type: 'binary', op, left, right, start: left.start, end: right.end };
    }
    return left;
  }

  private parseUnary(): Expr {
    if (this.isPunct('-') || this.isPunct('+')) {
      const operator = this.next();
      const operand = this.nested(() => this.parseUnary());
      return { type: 'unary', op: operator.text as '-' | '+', operand, start: operator.start, end: operand.end };
    }
    return this.parsePower();
  }

  private parsePower(): Expr {
    const base = this.parsePostfix();
    if (!this.isPunct('^')) return base;
    this.next();
    // Right-associative and binding tighter than unary minus on its left: -2^2 = -4, 2^-1 = 0.5.
    const exponent = this.nested(() => this.parseUnary());
    return { type: 'binary', op: '^', left: base, right: exponent, start: base.start, end: exponent.end };
  }

  /** `x[i]`, `kl(P, Q)[0]`, `M[1][2]`: indexing binds tighter than every operator. */
  private parsePostfix(): Expr {
    let target = this.parsePrimary();
    for (;;) {
      const token = this.peek();
      if (token.kind === 'numbers' && token.list?.values.length === 1) {
        // `[3]` was read whole by the lexer as a one-number list.
        this.next();
        const at = token.list.entrySpan(0) ?? { start: token.start, end: token.end };
        const index: Expr = { type: 'number', value: token.list.values[0], start: at.start, end: at.end };
        target = { type: 'index', target, index, start: target.start, end: token.end };
      } else if (token.kind === 'punct' && token.text === '[') {
        const open = this.next();
        const index = this.nested(() => this.parseExpr());
        const close = this.expectPunct(']', open);
        target = { type: 'index', target, index, start: target.start, end: close.end };
      } else {
        return target;
      }
    }
  }

  private parsePrimary(): Expr {
    const token = this.next();
    switch (token.kind) {
      case 'number':
        return { type: 'number', value: token.value as number, start: token.start, end: token.end };
      case 'string':
        return { type: 'string', value: token.text, start: token.start, end: token.end };
      case 'numbers': {
        const list = token.list as NonNullable<Token['list']>;
        return { type: 'numbers', values: list.values, entrySpan: list.entrySpan, start: token.start, end: token.end };
      }
      case 'identifier':
        if (this.isPunct('(')) return this.parseCall(token);
        return { type: 'identifier', name: token.text, start: token.start, end: token.end };
      case 'invalid':
        throw token.error as KlError;
      case 'punct':
        if (token.text === '(') {
          const inner = this.parseExpr();
          const close = this.expectPunct(')', token);
          return { ...inner, start: token.start, end: close.end };
        }
        if (token.text === '[') return this.parseList(token);
        if (token.text === '{') return this.parseLabelled(token);
        break;
      default:
        break;
    }
    throw this.unexpected(token, 'Expected a number, a name, a list or a call');
  }

  private parseCall(name: Token): Expr {
    const open = this.next();
    const args = this.parseSequence(')', open, () => this.parseExpr());
    const close = this.tokens[this.index - 1];
    return { type: 'call', callee: name.text, calleeSpan: { start: name.start, end: name.end }, args, start: name.start, end: close.end };
  }

  private parseList(open: Token): Expr {
    const items = this.parseSequence(']', open, () => this.parseExpr());
    return { type: 'list', items, start: open.start, end: this.tokens[this.index - 1].end };
  }

  private parseLabelled(open: Token): Expr {
    const seen = new Map<string, Token>();
    const entries = this.parseSequence('}', open, (): LabelledEntry => {
      const key = this.next();
      if (key.kind !== 'identifier' && key.kind !== 'string' && key.kind !== 'number') {
        throw this.unexpected(key, 'Expected a label (a name, a number or a quoted string)');
      }
      const label = key.kind === 'number' ? describeToken(key) : key.text;
      if (seen.has(label)) throw klError('kl.duplicate-label', key, 'The label “{0}” appears twice.', label);
      seen.set(label, key);
      this.expectPunct(':', key);
      const value = this.parseExpr();
      return { label, labelSpan: { start: key.start, end: key.end }, value, start: key.start, end: value.end };
    });
    return { type: 'labelled', entries, start: open.start, end: this.tokens[this.index - 1].end };
  }

  /** Items separated by commas up to `close`; a trailing comma is allowed. */
  private parseSequence<T>(close: string, open: Token, item: () => T): T[] {
    return this.nested(() => {
      const items: T[] = [];
      while (!this.isPunct(close)) {
        if (this.peek().kind === 'eof') throw klError('kl.syntax', open, 'This “{0}” is never closed: add “{1}”.', open.text, close);
        items.push(close === ']' ? (this.plainNumber() ?? item()) : item());
        if (this.isPunct(',')) {
          this.next();
        } else if (this.peek().kind === 'eof') {
          throw klError('kl.syntax', open, 'This “{0}” is never closed: add “{1}”.', open.text, close);
        } else if (!this.isPunct(close)) {
          throw this.unexpected(this.peek(), 'Expected “,” or “{0}”', close);
        }
      }
      this.next();
      return items;
    });
  }

  /**
   * Fast path for the common list entry, a bare number followed by `,` or `]`: long lists skip
   * the whole precedence descent.
   */
  private plainNumber<T>(): T | undefined {
    const token = this.peek();
    const after = this.tokens[this.index + 1];
    if (token.kind !== 'number' || after?.kind !== 'punct' || (after.text !== ',' && after.text !== ']')) return undefined;
    this.index++;
    return { type: 'number', value: token.value as number, start: token.start, end: token.end } as T;
  }

  private nested<T>(parse: () => T): T {
    if (++this.depth > MAX_NESTING) {
      const token = this.peek();
      throw klError('kl.too-deep', token, 'This snippet nests deeper than {0} levels.', MAX_NESTING);
    }
    try {
      return parse();
    } finally {
      this.depth--;
    }
  }

  private expectPunct(text: string, opener: Token): Token {
    const token = this.peek();
    if (token.kind === 'punct' && token.text === text) return this.next();
    if (token.kind === 'eof' && opener.kind === 'punct') {
      throw klError('kl.syntax', opener, 'This “{0}” is never closed: add “{1}”.', opener.text, text);
    }
    throw this.unexpected(token, 'Expected “{0}”', text);
  }

  private unexpected(at: Token, expectation: string, ...args: string[]): KlError {
    if (at.kind === 'invalid') return at.error as KlError;
    // A list read whole by the lexer is reported at its `[`, like the token-by-token path would.
    const token = at.kind === 'numbers' ? makeToken('punct', '[', at.start, at.start + 1) : at;
    if (token.kind === 'eof') {
      if (expectation === 'Expected “{0}”') return klError('kl.syntax', token, 'Expected “{0}” but the statement ended.', ...args);
      return klError('kl.syntax', token, 'The statement ends too early.');
    }
    const found = describeToken(token);
    switch (expectation) {
      case 'Expected “{0}”':
        return klError('kl.syntax', token, 'Expected “{0}” but found “{1}”.', args[0], found);
      case 'Expected “,” or “{0}”':
        return klError('kl.syntax', token, 'Expected “,” or “{0}” but found “{1}”.', args[0], found);
      case 'Expected a label (a name, a number or a quoted string)':
        return klError('kl.syntax', token, 'Expected a label (a name, a number or a quoted string) but found “{0}”.', found);
      case 'Expected the end of the statement':
        return klError('kl.syntax', token, 'Expected the end of the statement but found “{0}”.', found);
      default:
        return klError('kl.syntax', token, 'Expected a number, a name, a list or a call but found “{0}”.', found);
    }
  }

  private peek(): Token {
    return this.tokens[Math.min(this.index, this.tokens.length - 1)];
  }

  private next(): Token {
    const token = this.peek();
    if (this.index < this.tokens.length - 1) this.index++;
    return token;
  }

  private isPunct(text: string): boolean {
    const token = this.peek();
    return token.kind === 'punct' && token.text === text;
  }
}
