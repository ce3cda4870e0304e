/**
 * Recognises D_{KL}(P\|Q), D_{KL}(P||Q), \mathrm{KL}(P\|Q), H(P), H(P,Q) and JS(P\|Q) inside math,
 * and maps the TeX argument names to snippet names (`\pi_{\text{ref}}` → `pi_ref` or `π_ref`).
 */
import type { Span } from './messages';

export type MathMeasure = 'kl' | 'entropy' | 'cross_entropy' | 'js';

export interface MathArgument extends Span {
  /** As written in TeX. */
  tex: string;
  /** Snippet names this argument may refer to, most specific first. */
  candidates: string[];
}

export interface MathOccurrence extends Span {
  measure: MathMeasure;
  args: MathArgument[];
  /** The math span (content) the occurrence was found in. */
  mathStart: number;
  mathEnd: number;
}

const NAME = String.raw`(?:\\[A-Za-z]+|[A-Za-z])(?:\s*_\s*(?:\{(?:[^{}]|\{[^{}]*\})*\}|\\[A-Za-z]+|[A-Za-z0-9]))?`;
const SEPARATOR = String.raw`(?:\\\||\|\||\\parallel|\\Vert|\\lVert|\\rVert|‖|∥|\\mid\s*\\mid)`;
const OPEN = String.raw`(?:\\(?:left|bigl?|Bigl?)\s*)?[(\[]`;
const CLOSE = String.raw`\s*(?:\\(?:right|bigr?|Bigr?)\s*)?[)\]]`;
const FONT = String.raw`\\(?:mathrm|text|textrm|operatorname|mathsf|mathit|rm)`;
const headFor = (letters: string) =>
  String.raw`(?<![A-Za-z\\])(?:D\s*_\s*(?:\{\s*(?:${FONT}\s*)?\{?\s*${letters}\s*\}?\s*\}|${FONT}\s*\{\s*${letters}\s*\}|${letters})|${FONT}\s*\{\s*${letters}\s*\}|${letters})`;

const PATTERNS: Array<{ measure: MathMeasure; regex: RegExp }> = [
  { measure: 'kl', regex: new RegExp(String.raw`${headFor('KL')}\s*${OPEN}\s*(${NAME})\s*${SEPARATOR}\s*(${NAME})${CLOSE}`, 'gd') },
  { measure: 'js', regex: new RegExp(String.raw`${headFor('(?:JSD|JS)')}\s*${OPEN}\s*(${NAME})\s*(?:${SEPARATOR}|,)\s*(${NAME})${CLOSE}`, 'gd') },
  { measure: 'cross_entropy', regex: new RegExp(String.raw`(?<![A-Za-z\\])H\s*${OPEN}\s*(${NAME})\s*[,;]\s*(${NAME})${CLOSE}`, 'gd') },
  { measure: 'entropy', regex: new RegExp(String.raw`(?<![A-Za-z\\])H\s*${OPEN}\s*(${NAME})${CLOSE}`, 'gd') },
];

const GREEK: Record<string, string> = {
  alpha: 'α',
  beta: 'β',
  gamma: 'γ',
  delta: 'δ',
  epsilon: 'ε',
  varepsilon: 'ε',
  zeta: 'ζ',
  eta: 'η',
  theta: 'θ',
  vartheta: 'ϑ',
  iota: 'ι',
  kappa: 'κ',
  lambda: 'λ',
  mu: 'μ',
  nu: 'ν',
  xi: 'ξ',
  pi: 'π',
  rho: 'ρ',
  sigma: 'σ',
  tau: 'τ',
  upsilon: 'υ',
  phi: 'φ',
  varphi: 'φ',
  chi: 'χ',
  psi: 'ψ',
  omega: 'ω',
  Gamma: 'Γ',
  Delta: 'Δ',
  Theta: 'Θ',
  Lambda: 'Λ',
  Xi: 'Ξ',
  Pi: 'Π',
  Sigma: 'Σ',
  Phi: 'Φ',
  Psi: 'Ψ',
  Omega: 'Ω',
};

/** `\pi_{\text{ref}}` → [`\pi_{\text{ref}}`, `pi_ref`, `π_ref`]. */
export function texNameCandidates(tex: string): string[] {
  const withoutFonts = tex.replace(/\\(?:mathrm|text|textrm|operatorname|mathsf|mathit|mathbf|rm)\s*/g, '');
  const ascii = withoutFonts.replace(/\\([A-Za-z]+)/g, '$1').replace(/[{}\s]/g, '');
  const unicode = withoutFonts.replace(/\\([A-Za-z]+)/g, (_whole, name: string) => GREEK[name] ?? name).replace(/[{}\s]/g, '');
  return [...new Set([tex, ascii, unicode])];
}

/** Occurrences in the math content `content`, which starts at offset `base` of the note. */
export function findMathOccurrences(content: string, base: number, mathSpan: Span): MathOccurrence[] {
  const found: MathOccurrence[] = [];
  for (const { measure, regex } of PATTERNS) {
    regex.lastIndex = 0;
    for (let match = regex.exec(content); match; match = regex.exec(content)) {
      const start = base + match.index;
      const end = start + match[0].length;
      if (found.some((other) => start < other.end && other.start < end)) continue;
      const indices = match.indices as RegExpIndicesArray;
      const args: MathArgument[] = [];
      for (let group = 1; group < match.length; group++) {
        const [groupStart, groupEnd] = indices[group];
        args.push({ tex: match[group], candidates: texNameCandidates(match[group]), start: base + groupStart, end: base + groupEnd });
      }
      found.push({ measure, args, start, end, mathStart: mathSpan.start, mathEnd: mathSpan.end });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}
