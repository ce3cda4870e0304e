/**
 * Wording and pictures for the two PPO-oriented results (issue #12), shared by the hover and the
 * preview card: the k1/k2/k3 table of kl_estimators and the per-token KL bar chart.
 */
import { bestEstimator } from './estimatorAnalysis';
import type { KlOptions } from './context';
import { informationParts } from './explain';
import { formatNumber } from './format';
import { shorten } from './markdownText';
import { largestTokens } from './tokens';
import type { Localize } from '../text';
import type { EstimatorName, EstimatorsValue, TokenMeasureValue } from './values';
import { escapeHtml } from '../render/sanitize';

export const ESTIMATOR_NAMES: readonly EstimatorName[] = ['k1', 'k2', 'k3'];

/** Plain math, the same in every language. */
export const ESTIMATOR_SAMPLE_FORMULAS: Record<EstimatorName, string> = {
  k1: '−ln r',
  k2: '½(ln r)²',
  k3: '(r − 1) − ln r',
};

export function estimatorsHeadline(value: EstimatorsValue, options: KlOptions, t: Localize): string {
  const [primary, secondary] = informationParts(value.kl, options, t);
  return `D_KL(${shorten(value.pText, 24)} ‖ ${shorten(value.qText, 24)}) = ${primary} (${secondary})`;
}

/** Rows of the table: name, formula, mean, bias, std, std/KL (all as display text). */
export function estimatorRows(value: EstimatorsValue): string[][] {
  return ESTIMATOR_NAMES.map((name) => {
    const moments = value.estimators[name];
    const ratio = value.kl > 0 && Number.isFinite(value.kl) ? formatNumber(moments.std / value.kl, 4) : '–';
    const bias = Number.isNaN(moments.bias) ? '–' : formatNumber(moments.bias, 4);
    return [name, ESTIMATOR_SAMPLE_FORMULAS[name], formatNumber(moments.mean), bias, formatNumber(moments.std, 4), ratio];
  });
}

export function estimatorHeader(t: Localize): string[] {
  return [t('estimator'), t('sample (r = q(x)/p(x))'), t('mean'), t('bias'), t('std per sample'), t('std / KL')];
}

/** One line: which estimator to use here and why. */
export function estimatorVerdict(value: EstimatorsValue, t: Localize): string {
  if (value.kl === Infinity) {
    return t('Verdict: KL is ∞ (q gives outcome {0} probability 0), so every estimator is ∞ on such samples.', value.infinite?.outcome ?? '?');
  }
  const best = bestEstimator(value.estimators);
  const moments = value.estimators[best];
  if (moments.bias !== 0) return t('Verdict: none is unbiased here; {0} has the lowest standard deviation.', best);
  const k1 = value.estimators.k1.std;
  if (best === 'k1' || !(k1 > 0)) return t('Verdict: {0} is unbiased with the lowest standard deviation.', best);
  return t('Verdict: {0} is unbiased with {1}× lower standard deviation than k1.', best, formatNumber(k1 / moments.std, 3));
}

/** Notes under the table: how it was computed and what is special about this pair. */
export function estimatorNotes(value: EstimatorsValue, t: Localize): string[] {
  const notes: string[] = [];
  if (value.method === 'exact sums') notes.push(t('Exact sums over the outcomes (x ~ p), in log space.'));
  else if (value.method === 'closed form') notes.push(t('Closed forms for two normals (x ~ p).'));
  else
    notes.push(
      t('Closed forms for two normals; the std of k3 by adaptive Gauss–Kronrod quadrature (estimated error ≤ {0}).', formatNumber(value.errorBound ?? 0, 2)),
    );
  if (value.estimators.k3.std === Infinity && Number.isFinite(value.kl)) {
    notes.push(t('The std of k3 is ∞: r = q/p has infinite variance under p here (for normals, when 2σp² ≤ σq²).'));
  }
  if (value.missingMass) {
    notes.push(t('q puts {0} of its mass where p has none: samples from p never see it, so k3 is biased by −{0}.', formatNumber(value.missingMass)));
  }
  return notes;
}

export function tokensHeadline(value: TokenMeasureValue, options: KlOptions, t: Localize): string {
  const [sum] = informationParts(value.sum, options, t);
  const [mean] = informationParts(value.mean, options, t);
  return t('Sequence KL Σₜ D_KL(pₜ ‖ qₜ) = {0} over {1} tokens (mean {2} per token)', sum, value.perToken.length, mean);
}

const CHART_WIDTH = 320;
const CHART_HEIGHT = 90;
const TOP = 14;
const LABELS = 3;

/**
 * The per-token bars as SVG. `classes` for the preview (its stylesheet colours them; the CSP
 * forbids style attributes); otherwise explicit fills, for the hover's standalone image.
 */
export function tokenBarsSvg(value: TokenMeasureValue, t: Localize, classes: boolean): string {
  const values = value.perToken;
  const n = values.length;
  const finite = Array.from(values).filter((x) => Number.isFinite(x));
  const max = Math.max(...finite, 1e-300);
  const slot = CHART_WIDTH / Math.max(n, 1);
  const named = new Set(largestTokens(values, LABELS));
  const paint = (kind: 'bar' | 'top' | 'infinite' | 'label') =>
    classes ? `class="mp-kl-token-${kind}"` : `fill="${{ bar: '#10b981', top: '#f59e0b', infinite: '#a855f7', label: '#6b7280' }[kind]}"`;
  const parts: string[] = [`<title>${escapeHtml(t('Per-token KL: one bar per token'))}</title>`];
  for (let i = 0; i < n; i++) {
    const infinite = values[i] === Infinity;
    const height = infinite ? CHART_HEIGHT : (Math.max(0, values[i]) / max) * CHART_HEIGHT;
    const x = i * slot;
    const kind = infinite ? 'infinite' : named.has(i) ? 'top' : 'bar';
    parts.push(
      `<rect ${paint(kind)} x="${round(x)}" y="${round(TOP + CHART_HEIGHT - height)}" width="${round(Math.max(slot - 1, 0.5))}" height="${round(height)}"></rect>`,
    );
    if (named.has(i)) {
      parts.push(
        `<text ${paint('label')}${classes ? '' : ' font-size="9"'} x="${round(Math.min(x, CHART_WIDTH - 24))}" y="${round(Math.max(9, TOP + CHART_HEIGHT - height - 2))}">t${i}</text>`,
      );
    }
  }
  // The preview's card allows only class/width/height/x/y; the hover's image is a standalone file.
  const standalone = classes ? '' : ' xmlns="http://www.w3.org/2000/svg"';
  return `<svg${standalone} class="mp-kl-token-chart" width="${CHART_WIDTH}" height="${TOP + CHART_HEIGHT + 2}">${parts.join('')}</svg>`;
}

/** "t3: 0.12 (41%)" for the largest tokens, largest first. */
export function largestTokenLines(value: TokenMeasureValue, limit: number): Array<{ token: number; value: string; share: string }> {
  return largestTokens(value.perToken, limit).map((token) => {
    const x = value.perToken[token];
    const share = value.sum > 0 && Number.isFinite(value.sum) ? `${formatNumber((100 * x) / value.sum, 3)}%` : '–';
    return { token, value: formatNumber(x), share };
  });
}

function round(value: number): string {
  return String(Math.round(value * 10) / 10);
}
