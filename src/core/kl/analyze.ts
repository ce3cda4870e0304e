/**
 * Evaluates every snippet of a note in order: blocks statement by statement (names defined in a
 * block are visible in later blocks), then inline code spans. Results are cached per note text and
 * options, so repeated hovers and the preview card do not re-evaluate.
 */
import type { Expr, Statement } from './ast';
import { EvalContext, WorkBudget, type Binding, type KlOptions } from './context';
import { evaluateExpr, evaluateStatement } from './evaluator';
import { KlError, localizeMessage, type KlMessage, type Span } from './messages';
import { parseProgram, parseSingleExpression } from './parser';
import { findSnippets, type KlSnippets } from './snippets';
import type { KlValue } from './values';
import type { CoreDiagnostic, Localize } from '../text';
import { Note } from '../note/note';

export interface KlStatementResult extends Span {
  /** 0-based line where the statement starts. */
  line: number;
  source: string;
  statement?: Statement;
  /** Set for `name = expression`. */
  name?: string;
  value?: KlValue;
  error?: KlMessage;
  /** The error only repeats an earlier one (a name whose definition failed). */
  cascade?: boolean;
  warnings: KlMessage[];
  /** Values of calls and names inside the statement, for hovers on sub-expressions. */
  nodeValues: ReadonlyMap<Expr, KlValue>;
}

export interface KlBlockResult extends Span {
  openLine: number;
  closeLine: number;
  statements: KlStatementResult[];
  /** Work the block charged to the note's budget (the preview's card cache checks the budget with it). */
  work?: number;
}

export interface KlAnalysis {
  diagnostics: CoreDiagnostic[];
  blocks: KlBlockResult[];
  inlines: KlStatementResult[];
  /** Every name as defined at the end of the note. */
  environment: ReadonlyMap<string, Binding>;
  snippets: KlSnippets;
  /** Names as seen from `offset`: the latest definition before it, else the first one after it. */
  lookupAt(offset: number): (name: string) => Binding | undefined;
  /** 0-based line of an offset. */
  lineAt(offset: number): number;
}

// Small: an analysis of a note with million-entry vectors holds tens of MB of typed arrays.
const CACHE_SIZE = 4;
const cache: Array<{ text: string; unit: string; strict: boolean; t: Localize; analysis: KlAnalysis }> = [];

/** What the blocks of a note evaluate to; reused while the blocks' text and places stay the same. */
interface BlockEvaluation {
  key: string;
  unit: string;
  strict: boolean;
  t: Localize;
  blocks: KlBlockResult[];
  environment: Map<string, Binding>;
  history: Binding[];
  budgetSpent: number;
}

const blockCache: BlockEvaluation[] = [];

export function analyzeNote(note: Note | string, options: KlOptions, t: Localize): KlAnalysis {
  const noteText = typeof note === 'string' ? note : note.text;
  const hit = cache.find((entry) => entry.text === noteText && entry.unit === options.unit && entry.strict === options.strict && entry.t === t);
  if (hit) return hit.analysis;
  const analysis = analyzeUncached(Note.of(note), options, t);
  cache.unshift({ text: noteText, unit: options.unit, strict: options.strict, t, analysis });
  if (cache.length > CACHE_SIZE) cache.pop();
  return analysis;
}

/**
 * The key of a note's blocks: each block's text as written and where it is. Results hold offsets
 * and line numbers, so a block that moved (text typed above it) is evaluated again; text typed
 * below the last block, or between blocks without shifting them, is not.
 */
function blocksKey(noteText: string, snippets: KlSnippets): string {
  // Place and first line fix every offset and line inside, since the slice holds its own line breaks.
  return snippets.blocks.map((block) => `${block.start}:${block.openLine}\u0000${noteText.slice(block.start, block.end)}`).join('\u0001');
}

function evaluateBlocks(noteText: string, snippets: KlSnippets, lineAt: (offset: number) => number, options: KlOptions, t: Localize): BlockEvaluation {
  const key = blocksKey(noteText, snippets);
  const hit = blockCache.find((entry) => entry.key === key && entry.unit === options.unit && entry.strict === options.strict && entry.t === t);
  if (hit) return hit;
  const budget = new WorkBudget();
  const environment = new Map<string, Binding>();
  const history: Binding[] = [];
  const blocks: KlBlockResult[] = snippets.blocks.map((block) => {
    const spentBefore = budget.spent;
    const statements = parseProgram(block.content, block.contentStart).map((parsed) => {
      const ctx = new EvalContext((name) => environment.get(name), options, budget, noteText);
      const result = runStatement(parsed.statement, parsed.error, parsed, ctx, noteText, lineAt);
      if (parsed.statement?.type === 'assign') {
        const binding: Binding = {
          name: parsed.statement.name,
          value: result.value,
          error: result.error ? new KlError(result.error, result.cascade) : undefined,
          nameSpan: parsed.statement.nameSpan,
          statementSpan: { start: parsed.start, end: parsed.end },
          definition: noteText.slice(parsed.statement.expr.start, parsed.statement.expr.end),
        };
        environment.set(binding.name, binding);
        history.push(binding);
      }
      return result;
    });
    return { start: block.start, end: block.end, openLine: block.openLine, closeLine: block.closeLine, statements, work: budget.spent - spentBefore };
  });
  const evaluation = { key, unit: options.unit, strict: options.strict, t, blocks, environment, history, budgetSpent: budget.spent };
  blockCache.unshift(evaluation);
  if (blockCache.length > CACHE_SIZE) blockCache.pop();
  return evaluation;
}

function analyzeUncached(note: Note, options: KlOptions, t: Localize): KlAnalysis {
  const noteText = note.text;
  const snippets = findSnippets(note);
  const lineAt = lineLocator(noteText);
  const { blocks, environment, history, budgetSpent } = evaluateBlocks(noteText, snippets, lineAt, options, t);
  // Inline spans come after every block: they resume the note's budget where the blocks left it.
  const budget = new WorkBudget(undefined, budgetSpent);
  const lookupAt = (offset: number) => (name: string) => lookupInHistory(history, name, offset);
  const inlines = snippets.inlines.flatMap((inline) => {
    const parsed = parseSingleExpression(inline.content, inline.contentStart);
    const ctx = new EvalContext(lookupAt(inline.start), options, budget, noteText);
    const statement: Statement | undefined = parsed.expr
      ? { type: 'expression', expr: parsed.expr, start: parsed.expr.start, end: parsed.expr.end }
      : undefined;
    const result = runStatement(statement, parsed.error, inline, ctx, noteText, lineAt);
    // Without any kl block, a failing `kl(x, y)` span is ordinary code in the prose, not a snippet.
    return result.error && blocks.length === 0 ? [] : [result];
  });
  // An inline `kl(p, q)` naming things no block defines is prose about the syntax (a table of
  // functions, a PyTorch aside): the hover says what is missing, but nothing is underlined.
  const checkedInlines = inlines.filter((result) => result.error?.code !== 'kl.undefined-name');
  const diagnostics = [...blocks.flatMap((block) => block.statements), ...checkedInlines].flatMap((result) => diagnosticsOf(result, t));
  return { diagnostics, blocks, inlines, environment, snippets, lookupAt, lineAt };
}

/** Line numbers by binary search over line starts found with one native regex scan. */
function lineLocator(text: string): (offset: number) => number {
  const starts = [0];
  const breaks = /\r\n?|\n/g;
  for (let match = breaks.exec(text); match; match = breaks.exec(text)) starts.push(match.index + match[0].length);
  return (offset) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return low;
  };
}

function lookupInHistory(history: readonly Binding[], name: string, offset: number): Binding | undefined {
  let before: Binding | undefined;
  let after: Binding | undefined;
  for (const binding of history) {
    if (binding.name !== name) continue;
    if (binding.statementSpan.end <= offset) before = binding;
    else after ??= binding;
  }
  return before ?? after;
}

function runStatement(
  statement: Statement | undefined,
  parseError: KlError | undefined,
  span: Span,
  ctx: EvalContext,
  noteText: string,
  lineAt: (offset: number) => number,
): KlStatementResult {
  const base = {
    start: span.start,
    end: span.end,
    line: lineAt(span.start),
    source: noteText.slice(span.start, span.end),
    statement,
    name: statement?.type === 'assign' ? statement.name : undefined,
    warnings: ctx.warnings,
    nodeValues: ctx.nodeValues,
  };
  if (!statement) return { ...base, error: parseError?.detail };
  try {
    return { ...base, value: evaluateStatement(statement, ctx) };
  } catch (error) {
    if (error instanceof KlError) return { ...base, error: error.detail, cascade: error.cascade };
    if (error instanceof RangeError) {
      // A stack overflow on a pathological input must not take the hover down with it.
      return {
        ...base,
        error: { code: 'kl.too-deep', template: 'This snippet is too deeply nested to evaluate.', args: [], start: span.start, end: span.end },
      };
    }
    throw error;
  }
}

function diagnosticsOf(result: KlStatementResult, t: Localize): CoreDiagnostic[] {
  const diagnostics: CoreDiagnostic[] = result.warnings.map((warning) => ({
    code: warning.code,
    message: localizeMessage(warning, t),
    severity: warning.severity ?? 'warning',
    start: warning.start,
    end: warning.end,
  }));
  if (result.error && !result.cascade) {
    diagnostics.push({
      code: result.error.code,
      message: localizeMessage(result.error, t),
      severity: 'error',
      start: result.error.start,
      end: result.error.end,
    });
  }
  return diagnostics;
}

/** Evaluates one expression with the given names (used by the CLI and math hovers). */
export function evaluateSource(
  source: string,
  base: number,
  lookup: (name: string) => Binding | undefined,
  options: KlOptions,
  noteText: string,
): { value?: KlValue; error?: KlError; warnings: KlMessage[]; nodeValues: ReadonlyMap<Expr, KlValue> } {
  const ctx = new EvalContext(lookup, options, new WorkBudget(), noteText);
  const parsed = parseSingleExpression(source, base);
  if (!parsed.expr) return { error: parsed.error, warnings: [], nodeValues: ctx.nodeValues };
  try {
    return { value: evaluateExpr(parsed.expr, ctx), warnings: ctx.warnings, nodeValues: ctx.nodeValues };
  } catch (error) {
    if (error instanceof KlError) return { error, warnings: ctx.warnings, nodeValues: ctx.nodeValues };
    throw error;
  }
}
