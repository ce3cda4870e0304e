/**
 * hoverAt: what the hover shows at an offset of a note — the result of a `kl` statement (or of the
 * call under the cursor), a name's definition, an inline `kl(…)` span, or D_{KL}(P\|Q) in math.
 */
import { analyzeNote, evaluateSource, type KlAnalysis, type KlStatementResult } from './analyze';
import { walkExpr, type Expr } from './ast';
import { getBuiltin } from './builtins';
import type { Binding, KlOptions } from './context';
import { bindingMarkdown, errorMarkdown, valueMarkdown, warningsMarkdown } from './hoverMarkdown';
import { codeSpan } from './markdownText';
import type { MathOccurrence } from './mathPatterns';
import type { Span } from './messages';
import type { Localize } from '../text';

export interface KlHover {
  markdown: string;
  start: number;
  end: number;
}

export function hoverAt(noteText: string, offset: number, options: KlOptions, t: Localize): KlHover | undefined {
  const analysis = analyzeNote(noteText, options, t);
  const contains = (span: Span) => span.start <= offset && offset <= span.end;
  const block = analysis.blocks.find(contains);
  if (block) {
    const statement = block.statements.find(contains);
    return statement ? statementHover(statement, offset, analysis, options, t) : undefined;
  }
  const inline = analysis.inlines.find(contains);
  if (inline) return statementHover(inline, offset, analysis, options, t);
  const math = analysis.snippets.maths.find(contains);
  if (math) return mathHover(math, analysis, options, t);
  return undefined;
}

function join(parts: string[]): string {
  return parts.filter((part) => part !== '').join('\n\n');
}

function statementHover(result: KlStatementResult, offset: number, analysis: KlAnalysis, options: KlOptions, t: Localize): KlHover | undefined {
  const statement = result.statement;
  if (result.error && (!statement || !result.nodeValues.size)) {
    return { markdown: join([...errorMarkdown(result.error, t), ...warningsMarkdown(result.warnings, t)]), start: result.start, end: result.end };
  }
  if (!statement) return undefined;
  const lookup = analysis.lookupAt(result.start);
  // On a name being defined or used: its definition and value.
  if (statement.type === 'assign' && offset >= statement.nameSpan.start && offset <= statement.nameSpan.end && result.value) {
    const binding = analysis.lookupAt(result.end)(statement.name);
    if (binding) {
      return { markdown: join([...bindingMarkdown(binding, analysis.lineAt, options, t), ...warningsMarkdown(result.warnings, t)]), ...statement.nameSpan };
    }
  }
  const node = innermostAt(statement.expr, offset, (candidate) => candidate.type === 'call' || candidate.type === 'identifier');
  if (node?.type === 'identifier') {
    const binding = lookup(node.name);
    if (binding) return nameHover(binding, node, analysis, options, t);
  }
  const call = innermostAt(statement.expr, offset, (candidate) => candidate.type === 'call' && result.nodeValues.has(candidate));
  if (call && call !== statement.expr) {
    const value = result.nodeValues.get(call);
    if (value) return { markdown: join(valueMarkdown(value, options, t)), start: call.start, end: call.end };
  }
  if (node?.type === 'call' && !result.nodeValues.has(node)) {
    const builtin = getBuiltin(node.callee);
    if (builtin && offset <= node.calleeSpan.end && !result.error) {
      return { markdown: join([codeSpan(builtin.signature), t(builtin.summary)]), ...node.calleeSpan };
    }
  }
  if (result.error) {
    return { markdown: join([...errorMarkdown(result.error, t), ...warningsMarkdown(result.warnings, t)]), start: result.start, end: result.end };
  }
  if (!result.value) return undefined;
  const parts = [...valueMarkdown(result.value, options, t), ...warningsMarkdown(result.warnings, t)];
  if (result.name) parts.unshift(`**${result.name}** =`);
  return { markdown: join(parts), start: result.start, end: result.end };
}

function nameHover(binding: Binding, span: Span, analysis: KlAnalysis, options: KlOptions, t: Localize): KlHover {
  return { markdown: join(bindingMarkdown(binding, analysis.lineAt, options, t)), start: span.start, end: span.end };
}

/** The innermost node containing `offset` that satisfies `accept`. */
function innermostAt(root: Expr, offset: number, accept: (node: Expr) => boolean): Expr | undefined {
  let found: Expr | undefined;
  walkExpr(root, (node) => {
    if (offset < node.start || offset > node.end) return false;
    if (accept(node)) found = node;
    return true;
  });
  return found;
}

const MATH_FUNCTIONS = { kl: 'kl', entropy: 'entropy', cross_entropy: 'cross_entropy', js: 'js' } as const;

function mathHover(math: MathOccurrence, analysis: KlAnalysis, options: KlOptions, t: Localize): KlHover | undefined {
  const lookup = analysis.lookupAt(math.start);
  const names: string[] = [];
  for (const arg of math.args) {
    const name = arg.candidates.find((candidate) => lookup(candidate) !== undefined);
    if (!name) return undefined; // prose math about some P that no kl block defines
    names.push(name);
  }
  const source = `${MATH_FUNCTIONS[math.measure]}(${names.join(', ')})`;
  const result = evaluateSource(source, 0, lookup, options, source);
  const span = { start: math.start, end: math.end };
  const origin = t('From the kl blocks of this note: {0}', codeSpan(source));
  if (result.error) return { markdown: join([...errorMarkdown(result.error.detail, t), origin]), ...span };
  if (!result.value) return undefined;
  return { markdown: join([...valueMarkdown(result.value, options, t), ...warningsMarkdown(result.warnings, t), origin]), ...span };
}
