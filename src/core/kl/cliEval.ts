/**
 * `mathpost eval "<expression>" [--context note.md]`: evaluates statements (`;`-separated, the last
 * one's value is printed) with the names of the note's kl blocks. JSON cannot hold ∞, so infinite
 * values are the string "Infinity".
 */
import { analyzeNote } from './analyze';
import { EvalContext, WorkBudget, defaultKlOptions, type Binding, type KlOptions } from './context';
import { evaluateStatement } from './evaluator';
import { NATS_TO_BITS } from './format';
import { KlError, localizeMessage, type KlMessage } from './messages';
import { describeParametric } from './parametric';
import { parseProgram } from './parser';
import { englishText, type Localize } from '../text';
import type { KlValue } from './values';

export type JsonNumber = number | 'Infinity' | '-Infinity';

export interface KlCliWarning {
  code: string;
  message: string;
  offset: number;
}

export interface KlCliEstimator {
  mean: JsonNumber;
  /** null when undefined (∞ − ∞). */
  bias: JsonNumber | null;
  std: JsonNumber;
}

export interface KlCliSuccess {
  kind: 'measure' | 'estimate' | 'estimators' | 'tokens' | 'number' | 'list' | 'distribution' | 'string';
  value: JsonNumber | JsonNumber[] | JsonNumber[][] | Record<string, JsonNumber> | string;
  /** kl_estimators: the true KL and each estimator's exact mean, bias and per-sample std (nats). */
  kl?: JsonNumber;
  estimators?: Record<string, KlCliEstimator>;
  /** How the estimator table was computed; `errorBound` when k3's std was integrated numerically. */
  estimatorMethod?: string;
  errorBound?: number;
  /** Per-token kl: each token's value, their sum (the sequence KL) and mean (nats). */
  perToken?: JsonNumber[];
  sum?: JsonNumber;
  mean?: JsonNumber;
  /** 'nats' or 'bits' for information quantities, null otherwise (a plain number, tv, a list). */
  unit: 'nats' | 'bits' | null;
  bits?: JsonNumber;
  nats?: JsonNumber;
  measure?: string;
  formula?: string;
  reverse?: { nats: JsonNumber; bits: JsonNumber };
  infinite?: { outcome: string; p: number; token?: number };
  standardError?: number | null;
  samples?: number;
  method?: string;
  warnings: KlCliWarning[];
}

export interface KlCliFailure {
  error: { code: string; message: string; offset: number; end: number };
}

export type KlCliResult = KlCliSuccess | KlCliFailure;

export function jsonNumber(value: number): JsonNumber {
  if (value === Infinity) return 'Infinity';
  if (value === -Infinity) return '-Infinity';
  return value;
}

export function evaluateForCli(
  expression: string,
  contextNoteText: string | undefined,
  options: KlOptions = defaultKlOptions,
  t: Localize = englishText,
): KlCliResult {
  const context = contextNoteText === undefined ? undefined : analyzeNote(contextNoteText, options, t);
  const local = new Map<string, Binding>();
  const lookup = (name: string) => local.get(name) ?? context?.environment.get(name);
  const budget = new WorkBudget();
  const statements = parseProgram(expression, 0);
  const warnings: KlMessage[] = [];
  let last: KlValue | undefined;
  if (statements.length === 0) {
    return failure({ code: 'kl.syntax', template: 'The expression is empty.', args: [], start: 0, end: 0 }, t);
  }
  for (const parsed of statements) {
    if (!parsed.statement) return failure((parsed.error as KlError).detail, t);
    const ctx = new EvalContext(lookup, options, budget, expression);
    try {
      last = evaluateStatement(parsed.statement, ctx);
    } catch (error) {
      if (error instanceof KlError) return failure(error.detail, t);
      throw error;
    } finally {
      warnings.push(...ctx.warnings);
    }
    if (parsed.statement.type === 'assign') {
      const statement = parsed.statement;
      local.set(statement.name, {
        name: statement.name,
        value: last,
        nameSpan: statement.nameSpan,
        statementSpan: parsed,
        definition: expression.slice(statement.expr.start, statement.expr.end),
      });
    }
  }
  // The JSON already says "Infinity" and why (`infinite`); information messages are not warnings.
  const localizedWarnings = warnings
    .filter((warning) => warning.severity !== 'information')
    .map((warning) => ({ code: warning.code, message: localizeMessage(warning, t), offset: warning.start }));
  return { ...describe(last as KlValue, options), warnings: localizedWarnings };
}

function failure(message: KlMessage, t: Localize): KlCliFailure {
  return { error: { code: message.code, message: localizeMessage(message, t), offset: message.start, end: message.end } };
}

function information(nats: number, options: KlOptions): Pick<KlCliSuccess, 'value' | 'unit' | 'bits' | 'nats'> {
  const bits = nats * NATS_TO_BITS;
  return options.unit === 'bits'
    ? { value: jsonNumber(bits), unit: 'bits', bits: jsonNumber(bits), nats: jsonNumber(nats) }
    : { value: jsonNumber(nats), unit: 'nats', bits: jsonNumber(bits) };
}

function describe(value: KlValue, options: KlOptions): Omit<KlCliSuccess, 'warnings'> {
  switch (value.kind) {
    case 'measure': {
      const base = value.informational ? information(value.value, options) : { value: jsonNumber(value.value), unit: null };
      return {
        kind: 'measure',
        ...base,
        measure: value.measure,
        formula: value.formula,
        ...(value.reverse ? { reverse: { nats: jsonNumber(value.reverse.value), bits: jsonNumber(value.reverse.value * NATS_TO_BITS) } } : {}),
        ...(value.infinite ? { infinite: value.infinite } : {}),
      };
    }
    case 'estimate':
      return {
        kind: 'estimate',
        ...information(value.mean, options),
        standardError: value.standardError ?? null,
        samples: value.samples,
        method: value.method,
      };
    case 'estimators': {
      const estimators = Object.fromEntries(
        Object.entries(value.estimators).map(([name, moments]) => [
          name,
          { mean: jsonNumber(moments.mean), bias: Number.isNaN(moments.bias) ? null : jsonNumber(moments.bias), std: jsonNumber(moments.std) },
        ]),
      );
      return {
        kind: 'estimators',
        value: jsonNumber(value.kl),
        kl: jsonNumber(value.kl),
        estimators,
        unit: 'nats',
        estimatorMethod: value.method,
        ...(value.errorBound !== undefined ? { errorBound: value.errorBound } : {}),
        ...(value.infinite ? { infinite: value.infinite } : {}),
      };
    }
    case 'tokens':
      return {
        kind: 'tokens',
        value: jsonNumber(value.sum),
        perToken: Array.from(value.perToken, jsonNumber),
        sum: jsonNumber(value.sum),
        mean: jsonNumber(value.mean),
        unit: 'nats',
        ...(value.infinite ? { infinite: value.infinite } : {}),
      };
    case 'matrix':
      return { kind: 'list', value: value.rows.map((row) => Array.from(row.values, jsonNumber)), unit: null };
    case 'rows':
      return { kind: 'distribution', value: value.rows.map((row) => Array.from(row.probs, jsonNumber)), unit: null };
    case 'number':
      return { kind: 'number', value: jsonNumber(value.value), unit: null };
    case 'string':
      return { kind: 'string', value: value.value, unit: null };
    case 'list':
      return { kind: 'list', value: labelled(value.values, value.labels), unit: null };
    case 'discrete':
      return { kind: 'distribution', value: labelled(value.probs, value.labels), unit: null };
    case 'parametric':
      return { kind: 'distribution', value: describeParametric(value), unit: null };
  }
}

function labelled(values: Float64Array, labels: readonly string[] | undefined): JsonNumber[] | Record<string, JsonNumber> {
  const numbers = Array.from(values, jsonNumber);
  if (!labels) return numbers;
  return Object.fromEntries(labels.map((label, i) => [label, numbers[i]]));
}
