/** kl over rows of distributions (one per token) and kl_estimators(p, q). */
import type { CallExpression } from './ast';
import { rowNode } from './builtinDistributions';
import { argText, kindName, listToDiscrete, logDistribution, toDistribution, alignDiscrete, type Arg } from './coerce';
import type { EvalContext } from './context';
import { discreteEstimatorTable, normalEstimatorTable, type DiscretePairView } from './estimatorAnalysis';
import { logPairOf } from './logMeasures';
import { dAt, logProbabilityAt, pAt, qAt } from './logSpace';
import { klError } from './messages';
import { logRatio } from './numerics';
import { perTokenKl } from './tokens';
import type { DiscreteDistribution, EstimatorsValue, KlValue, TokenMeasureValue } from './values';

export function isRows(value: KlValue): boolean {
  return value.kind === 'rows' || value.kind === 'matrix';
}

/** The rows of a per-token argument as distributions, errors placed on the row. */
function rowsOf(arg: Arg, ctx: EvalContext): DiscreteDistribution[] {
  const value = arg.value;
  if (value.kind === 'rows') return value.rows;
  if (value.kind === 'matrix') {
    return value.rows.map((row, index) => {
      const rowArg = { value: row, node: rowNode(value, index, arg) };
      return row.logProbabilities ? logDistribution(row.logProbabilities, ctx.textOf(rowArg.node)) : listToDiscrete(row, rowArg, ctx);
    });
  }
  throw klError(
    'kl.type',
    arg.node,
    'Per-token kl needs one distribution per token on both sides (e.g. softmax of [[…], […]]), but this is {0}.',
    kindName(value),
  );
}

function rowWidth(row: DiscreteDistribution): number {
  return row.log ? row.log.logits.length : row.probs.length;
}

export function tokenKlFn(args: Arg[], ctx: EvalContext): TokenMeasureValue {
  const p = rowsOf(args[0], ctx);
  const q = rowsOf(args[1], ctx);
  if (p.length !== q.length) {
    throw klError(
      'kl.length-mismatch',
      args[1].node,
      '“{0}” has {1} tokens but “{2}” has {3}.',
      argText(args[0], ctx),
      p.length,
      argText(args[1], ctx),
      q.length,
    );
  }
  for (let t = 0; t < p.length; t++) {
    if (rowWidth(p[t]) !== rowWidth(q[t])) {
      const qValue = args[1].value;
      const node =
        qValue.kind === 'matrix' || qValue.kind === 'rows' ? rowNode({ kind: 'matrix', rows: [], rowSpan: qValue.rowSpan }, t, args[1]) : args[1].node;
      throw klError(
        'kl.ragged-rows',
        node,
        'Token {0} has {1} outcomes in “{2}” but {3} in “{4}”.',
        t,
        rowWidth(p[t]),
        argText(args[0], ctx),
        rowWidth(q[t]),
        argText(args[1], ctx),
      );
    }
    ctx.budget.charge(2 * rowWidth(p[t]), args[1].node);
  }
  const result = perTokenKl(p, q);
  if (result.infinite) {
    ctx.inform(
      'kl.zero-support',
      args[1].node,
      'The result is ∞: “{0}” gives outcome {1} probability 0 at token {2} while “{3}” does not.',
      argText(args[1], ctx),
      result.infinite.outcome,
      result.infinite.token,
      argText(args[0], ctx),
    );
  }
  return { kind: 'tokens', measure: 'kl', ...result, pText: ctx.textOf(args[0].node), qText: ctx.textOf(args[1].node) };
}

/** kl_estimators(p, q): exact mean, bias and std of k1, k2, k3 for x ~ p (discrete or two normals). */
export function klEstimatorsFn(args: Arg[], _call: CallExpression, ctx: EvalContext): EstimatorsValue {
  const p = toDistribution(args[0], ctx);
  const q = toDistribution(args[1], ctx);
  const texts = { pText: ctx.textOf(args[0].node), qText: ctx.textOf(args[1].node) };
  if (p.kind === 'parametric' && q.kind === 'parametric' && p.family === 'normal' && q.family === 'normal') {
    ctx.budget.charge(1, args[1].node);
    const table = normalEstimatorTable(p.mean, p.std, q.mean, q.std);
    return { kind: 'estimators', ...table, ...texts };
  }
  if (p.kind !== 'discrete' || q.kind !== 'discrete') {
    throw klError('kl.unsupported', _call.calleeSpan, 'kl_estimators works for two discrete distributions or two normals.');
  }
  const aligned = alignDiscrete(p, q, args[0], args[1], ctx);
  ctx.budget.charge(4 * aligned.p.length, args[1].node);
  const logPair = logPairOf(p, q, aligned);
  const view: DiscretePairView = logPair
    ? {
        n: logPair.n,
        p: (i) => pAt(logPair, i),
        q: (i) => qAt(logPair, i),
        d: (i) => dAt(logPair, i),
        c: (i) => logPair.c[i],
        logP: (i) => logProbabilityAt(logPair.p, i),
        qIsZero: (i) => logPair.q.logits[i] === -Infinity,
      }
    : {
        n: aligned.p.length,
        p: (i) => aligned.p[i],
        q: (i) => aligned.q[i],
        d: (i) => logRatio(aligned.p[i], aligned.q[i]),
        logP: (i) => Math.log(aligned.p[i]),
        qIsZero: (i) => aligned.q[i] === 0,
      };
  const table = discreteEstimatorTable(view);
  const infinite = table.infiniteAt === undefined ? undefined : { outcome: aligned.outcome(table.infiniteAt), p: view.p(table.infiniteAt) };
  return {
    kind: 'estimators',
    kl: table.kl,
    estimators: table.estimators,
    method: 'exact sums',
    ...texts,
    ...(infinite ? { infinite } : {}),
    ...(table.missingMass > 0 ? { missingMass: table.missingMass } : {}),
  };
}
