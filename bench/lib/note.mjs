// The 200 KB benchmark note: what a long ML note on a Hexo/Butterfly blog looks like (Chinese and
// English prose, ~1,400 formulas inline and display, all distinct, code blocks, kl blocks, tables, lists, Hexo
// tags). The density is the one of the notes #15 was measured on: a 200 KB PPO/KL note holds ~1,400 formulas.
// Generated from a seed so that every run and every machine measures the same text; variants
// (other seeds) let "first render" runs defeat any cache keyed by formula source.
import { seededRandom } from './random.mjs';

export const NOTE_BYTES = 200 * 1024;
export const NOTE_FORMULAS = 1400;

const zhSentences = [
  '我们先回顾一下策略梯度的基本形式',
  '在 RLHF 中，奖励模型给出的分数通常需要减去一个 KL 惩罚项',
  '这一步的直觉是：新策略不应离参考策略太远',
  '实践中常用蒙特卡洛采样来估计期望',
  '注意这里的对数是自然对数，单位是 nats',
  '当两个分布的支撑集不一致时，KL 散度可能发散到无穷',
  '这也是为什么 PPO 要对概率比做裁剪',
  '下面给出一个数值例子，便于检查推导是否正确',
  '优势函数的估计方差很大，因此引入了 GAE',
  '交叉熵与 KL 散度只差一个与参数无关的常数',
  '把温度系数调大会让分布更平滑',
  '从信息论的角度看，这相当于额外的编码长度',
];
const enSentences = [
  'The clipped surrogate objective keeps each update small',
  'In practice the value loss is weighted by a coefficient',
  'This estimator is unbiased but has high variance',
  'Forward KL is mass-covering while reverse KL is mode-seeking',
  'We normalise the advantages within each minibatch',
  'The reference policy is frozen during fine-tuning',
  'Entropy regularisation encourages exploration early on',
  'The learning rate is annealed linearly to zero',
];
const headings = [
  '策略梯度',
  'KL 散度的性质',
  'PPO 的裁剪目标',
  'RLHF 流程',
  'Reward Modeling',
  '价值函数与 GAE',
  'DPO 推导',
  '数值稳定性',
  'Entropy Bonus',
  '实验设置',
  '信息论视角',
  '变分推断',
];
const letters = ['x', 'y', 'z', 's', 'a', 'u', 'v', 'w'];
const greek = ['\\theta', '\\phi', '\\psi', '\\beta', '\\gamma', '\\lambda', '\\alpha', '\\eta'];
const dists = ['P', 'Q', 'p', 'q', '\\pi', '\\mu', '\\nu', 'r'];

function inlineFormula(random) {
  const x = random.pick(letters);
  const g = random.pick(greek);
  const p = random.pick(dists);
  const q = random.pick(dists.filter((d) => d !== p));
  const i = random.int(1, 64);
  const n = random.int(2, 9);
  const templates = [
    () => `D_{KL}(${p}_{${i}}\\|${q})`,
    () => `${p}(${x}_{${i}} \\mid ${x}_{${random.int(1, 64)}})`,
    () => `\\mathbb{E}_{${x}\\sim ${p}}[\\log ${p}(${x}) - \\log ${q}(${x})]`,
    () => `r_{${i}}(${g}) = \\frac{\\pi_{${g}}(a_{${i}}|s_{${i}})}{\\pi_{${g}_{old}}(a_{${i}}|s_{${i}})}`,
    () => `\\nabla_{${g}} J(${g}_{${i}})`,
    () => `${g} = 0.${i}`,
    () => `\\sigma(${x}_{${i}}) = \\frac{1}{1+e^{-${n}${x}}}`,
    () => `H(${p}) = -\\sum_{i=1}^{${n}} ${p}_i \\log ${p}_i`,
    () => `\\hat{A}_{${i}} = \\sum_{l=0}^{\\infty} (\\gamma\\lambda)^l \\delta_{${i}+${n}l}`,
    () => `\\epsilon_{${i}} = 0.${n}`,
    () => `${x}_{${i}} \\in \\mathbb{R}^{${n}}`,
    () => `\\operatorname{softmax}(${x})_{${i}} = \\frac{e^{${x}_{${i}}/${n}}}{\\sum_j e^{${x}_j/${n}}}`,
    () => `\\|${x}_{${i}} - ${x}^*\\|_2^{${n}}`,
    () => `O(n^{${n}} \\log ${i})`,
    () => `\\mathbb{P}(${x} > ${i}) \\le \\frac{\\mathbb{E}[${x}]}{${i}}`,
    () => `\\text{奖励} = r_{${i}} - \\beta \\log\\frac{${p}(${x})}{${q}(${x})}`,
    () => `\\beta_{${i}} = ${n}\\times 10^{-${random.int(2, 6)}}`,
    () => `\\mathbb{E}_{${p}}[${x}^{${n}}] = ${random.int(1, 99)}.${random.int(0, 9)}`,
    () => `\\frac{\\partial \\mathcal{L}}{\\partial ${g}_{${i}}}`,
    () => `${g}_{t+${n}} = ${g}_t - \\eta_{${i}} \\nabla_{${g}} \\mathcal{L}(${g}_t)`,
    () => `\\log ${p}(${x}_{1:${i}}) = \\sum_{t=1}^{${i}} \\log ${p}(${x}_t \\mid ${x}_{<t})`,
    () => `\\mathrm{clip}(r_{${i}}, 1-${n / 10}, 1+${n / 10})`,
    () => `|\\mathcal{A}| = ${random.int(2, 50000)}`,
    () => `T_{${i}} = ${random.int(1, 20) / 10}`,
    () => `\\mathcal{N}(${random.int(-9, 9)}, ${n}^2)`,
    () => `D_{KL}(${p}\\|${q}) \\approx ${random.int(0, 3)}.${random.int(100, 999)}\\ \\text{nats}`,
  ];
  return random.pick(templates)();
}

function displayFormula(random) {
  const g = random.pick(greek);
  const p = random.pick(dists);
  const q = random.pick(dists.filter((d) => d !== p));
  const n = random.int(2, 9);
  const templates = [
    () => `D_{KL}(${p}\\|${q}) = \\sum_{x} ${p}(x) \\log \\frac{${p}(x)}{${q}(x)} \\ge 0`,
    () =>
      `L^{CLIP}(${g}) = \\hat{\\mathbb{E}}_t\\left[\\min\\left(r_t(${g})\\hat{A}_t,\\ \\operatorname{clip}(r_t(${g}), 1-\\epsilon, 1+\\epsilon)\\hat{A}_t\\right)\\right]`,
    () =>
      `\\begin{aligned}\n\\nabla_{${g}} J(${g}) &= \\mathbb{E}_{\\tau}\\left[\\sum_{t=0}^{T} \\nabla_{${g}} \\log \\pi_{${g}}(a_t|s_t) \\, G_t\\right] \\\\\n&\\approx \\frac{1}{${n}} \\sum_{i=1}^{${n}} \\sum_t \\nabla_{${g}} \\log \\pi_{${g}}(a^i_t|s^i_t) \\hat{A}^i_t\n\\end{aligned}`,
    () =>
      `\\max_{\\pi_{${g}}} \\mathbb{E}_{x\\sim D, y\\sim\\pi_{${g}}(\\cdot|x)}\\left[r_\\phi(x,y)\\right] - \\beta D_{KL}\\left(\\pi_{${g}}(y|x)\\,\\|\\,\\pi_{ref}(y|x)\\right)`,
    () =>
      `\\mathcal{L}_{DPO} = -\\mathbb{E}\\left[\\log\\sigma\\left(\\beta\\log\\frac{\\pi_{${g}}(y_w|x)}{\\pi_{ref}(y_w|x)} - \\beta\\log\\frac{\\pi_{${g}}(y_l|x)}{\\pi_{ref}(y_l|x)}\\right)\\right]`,
    () => `\\Sigma = \\begin{pmatrix} \\sigma_1^2 & \\rho\\sigma_1\\sigma_2 \\\\ \\rho\\sigma_1\\sigma_2 & \\sigma_${n}^2 \\end{pmatrix}`,
    () =>
      `D_{KL}(\\mathcal{N}_0\\|\\mathcal{N}_1) = \\frac{1}{2}\\left(\\operatorname{tr}(\\Sigma_1^{-1}\\Sigma_0) + (\\mu_1-\\mu_0)^\\top\\Sigma_1^{-1}(\\mu_1-\\mu_0) - ${n} + \\ln\\frac{\\det\\Sigma_1}{\\det\\Sigma_0}\\right)`,
    () => `\\delta_t = r_t + \\gamma V(s_{t+1}) - V(s_t), \\quad \\hat{A}_t^{GAE(\\gamma,\\lambda)} = \\sum_{l=0}^{${n}} (\\gamma\\lambda)^l \\delta_{t+l}`,
    () =>
      `\\begin{aligned}\n${p}(${g}) &= \\frac{1}{${n}}\\sum_{i=1}^{${n}} \\log ${q}_{${g}}(x_i) \\\\\n&\\le \\log \\mathbb{E}_{x\\sim ${p}}\\left[${q}_{${g}}(x)\\right] + ${random.int(1, 99)}\\epsilon\n\\end{aligned}`,
    () => `\\mathcal{L}(${g}) = \\mathbb{E}_t\\left[L_t^{CLIP}(${g}) - c_1 L_t^{VF}(${g}) + ${n / 100} S[\\pi_{${g}}](s_t)\\right]`,
    () =>
      `\\text{目标函数：}\\ J(${g}) = \\mathbb{E}_{s\\sim d^{\\pi}}\\left[\\sum_{a} \\pi_{${g}}(a|s) Q^{\\pi}(s,a)\\right], \\quad ${g} \\in \\mathbb{R}^{${n}}`,
  ];
  return random.pick(templates)();
}

function prose(random, sentences) {
  const parts = [];
  for (let i = 0; i < sentences; i++) {
    parts.push(random.chance(0.7) ? random.pick(zhSentences) + '。' : random.pick(enSentences) + '.');
  }
  return parts;
}

/** A paragraph with `formulas` inline formulas scattered between its sentences. */
function paragraph(random, formulas, make) {
  const sentences = prose(random, random.int(3, 7));
  for (let f = 0; f < formulas; f++) {
    const at = random.int(0, sentences.length - 1);
    sentences[at] = sentences[at].replace(/[。.]$/, (end) => `，其中 $${make.inline()}$${end}`);
  }
  // Hard line breaks inside a paragraph, as people wrap long Chinese lines in their editor.
  return sentences.reduce((text, sentence, i) => text + (i > 0 && i % 3 === 0 ? '\n' : '') + sentence, '');
}

function codeBlock(random) {
  const n = random.int(2, 6);
  return [
    '```python',
    'import torch',
    `def kl_penalty(logp, logq, beta=0.0${n}):`,
    '    # 逐 token 的 KL 惩罚',
    '    return beta * (logp - logq).sum(-1)',
    '```',
  ].join('\n');
}

function klBlock(random) {
  const values = (count) => {
    const raw = Array.from({ length: count }, () => random.int(1, 9));
    const total = raw.reduce((a, b) => a + b, 0);
    return raw.map((v, i) => (i === count - 1 ? 1 - raw.slice(0, -1).reduce((s, r) => s + Number((r / total).toFixed(3)), 0) : v / total).toFixed(3));
  };
  const count = random.int(3, 6);
  return ['```kl', `# 例子 ${random.int(1, 99)}`, `P = [${values(count).join(', ')}]`, `Q = [${values(count).join(', ')}]`, 'kl(P, Q)', 'kl(Q, P)', '```'].join(
    '\n',
  );
}

/** An inline formula that can sit in a table cell (a `|` would end the cell). */
function cellFormula(make) {
  for (;;) {
    const formula = make.inline();
    if (!formula.includes('|')) return formula;
  }
}

function table(random, make) {
  const rows = ['| 方法 | 目标 | KL 约束 |', '| --- | --- | --- |'];
  for (let i = 0; i < random.int(3, 5); i++) {
    rows.push(`| ${random.pick(['PPO', 'TRPO', 'DPO', 'REINFORCE', 'A2C'])} | $${cellFormula(make)}$ | ${random.pick(['显式', '隐式', '无'])} |`);
  }
  return rows.join('\n');
}

function list(random, make) {
  return Array.from({ length: random.int(3, 5) }, () => `- ${random.pick(zhSentences)}：$${make.inline()}$`).join('\n');
}

const frontMatter = `---
title: 从 KL 散度到 RLHF：一份很长的笔记
date: 2025-06-25 10:00:00
updated: 2025-07-01 09:30:00
tags:
  - 机器学习
  - 强化学习
categories:
  - [人工智能, 强化学习]
description: A long note on KL divergence, PPO and RLHF.
katex: true
---
`;

const utf8 = new TextEncoder();

/**
 * Makes every formula of one note distinct, as in a real note (no cache keyed by formula source may stand in
 * for KaTeX's work): a repeated inline formula gets a distinct subscripted factor, a repeated display formula an
 * equation number. Both are what people write; both stay valid TeX.
 */
function distinctFormulas(random) {
  const seen = new Set();
  let counter = 0;
  const unique = (tex, display) => {
    while (seen.has(`${display}${tex}`)) {
      counter++;
      tex = display ? `${tex.replace(/\\tag\{[^}]*\}$/, '')} \\tag{${counter}}` : `${tex} \\cdot c_{${counter}}`;
    }
    seen.add(`${display}${tex}`);
    return tex;
  };
  return {
    inline: () => unique(inlineFormula(random), false),
    display: () => unique(displayFormula(random), true),
  };
}

/** The note for `seed` (1 = the canonical one): ~200 KB of UTF-8, ~1,400 formulas, all distinct. */
export function generateNote(seed = 1, bytes = NOTE_BYTES, formulas = NOTE_FORMULAS) {
  const random = seededRandom(seed);
  const make = distinctFormulas(random);
  const blocks = [frontMatter.trimEnd()];
  let size = utf8.encode(frontMatter).length;
  let formulaCount = 0;
  const formulasWanted = () => Math.round((formulas * size) / bytes);
  const add = (text, count) => {
    blocks.push(text);
    size += utf8.encode(text).length + 2;
    formulaCount += count;
  };
  let section = 0;
  while (size < bytes) {
    add(`## ${++section}. ${random.pick(headings)}`, 0);
    for (let b = 0; b < 8 && size < bytes; b++) {
      const kind = random.next();
      const behind = Math.max(0, formulasWanted() - formulaCount);
      if (kind < 0.1) add(`$$\n${make.display()}\n$$`, 1);
      else if (kind < 0.16) add(codeBlock(random), 0);
      else if (kind < 0.19) add(klBlock(random), 0);
      else if (kind < 0.22) {
        const text = table(random, make);
        add(text, countInline(text));
      } else if (kind < 0.27) {
        const text = list(random, make);
        add(text, countInline(text));
      } else if (kind < 0.29) add(`{% note info %}\n${random.pick(zhSentences)}。\n{% endnote %}`, 0);
      else if (kind < 0.31) add(`> ${random.pick(enSentences)}.`, 0);
      else {
        // As many formulas as keep the note on its density, up to two per sentence (dense math prose).
        const count = Math.min(behind, 12);
        add(paragraph(random, count, make), count);
      }
    }
  }
  return blocks.join('\n\n') + '\n';
}

function countInline(text) {
  return (text.match(/\$/g) ?? []).length / 2;
}

/** How many math spans a generated note holds (inline `$…$` plus display `$$…$$`) and how many are distinct. */
export function countFormulas(note) {
  const body = note.slice(note.indexOf('\n---\n') + 5).replace(/```[\s\S]*?```/g, '');
  const displays = [...body.matchAll(/^\$\$\n([\s\S]*?)\n\$\$$/gm)].map((match) => `D${match[1]}`);
  const inlines = [...body.replace(/^\$\$\n[\s\S]*?\n\$\$$/gm, '').matchAll(/\$([^$\n]+)\$/g)].map((match) => `I${match[1]}`);
  const distinct = new Set([...displays, ...inlines]).size;
  return { inline: inlines.length, display: displays.length, total: inlines.length + displays.length, distinct };
}

/**
 * The `run`-th one-line edit of the note: a word typed at the end of a paragraph line that holds a
 * formula, the most common edit while writing. Edits are cumulative (apply each to the previous
 * result) so that consecutive versions differ by exactly one line, as when a person types.
 */
export function editNote(note, run) {
  const lines = note.split('\n');
  const candidates = [];
  for (let i = 0; i < lines.length; i++) {
    if (/^[^#|>`{$\s-].*\$[^$]+\$/.test(lines[i])) candidates.push(i);
  }
  const line = candidates[(run * 7919) % candidates.length];
  lines[line] += ` 编辑${run}`;
  return { text: lines.join('\n'), line };
}
