// 10,000 generated Hexo posts with varied front matter (the shapes people really write: block and
// flow lists, nested categories, several date styles, Butterfly keys, a few mistakes), written into
// a temp folder that is a Hexo + Butterfly site. Deterministic: the same seed gives the same files,
// and a folder already generated with the same seed and version is reused.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seededRandom } from './random.mjs';

/** Bump when the generated content changes, so stale folders are regenerated. */
const GENERATOR_VERSION = 4;

const siteConfig = `title: 数学笔记
author: Bench
language: zh-CN
timezone: Asia/Shanghai
url: https://example.com
root: /
permalink: :year/:month/:day/:title/
source_dir: source
post_asset_folder: false
markdown:
  render:
    html: true
    breaks: true
  plugins:
    - '@renbaoshuo/markdown-it-katex'
theme: butterfly
`;

const themeConfig = `math:
  use: katex
  per_page: false
  hide_scrollbar: true
`;

const titles = [
  'KL 散度笔记',
  'PPO 复现记录',
  'RLHF 中的奖励模型',
  'Notes on GAE',
  '信息论基础',
  'DPO derivation',
  '变分推断',
  'Policy gradient, again',
  '交叉熵与最大似然',
  'Entropy regularisation',
];
const tags = ['机器学习', '强化学习', '信息论', 'RLHF', 'PPO', 'math', 'notes', '概率论'];
const categories = ['人工智能', '强化学习', '数学', '笔记', 'Deep Learning'];
const pad = (n) => String(n).padStart(2, '0');

function date(random) {
  const y = random.int(2019, 2025);
  const m = random.int(1, 12);
  const d = random.int(1, 28);
  const time = `${pad(random.int(0, 23))}:${pad(random.int(0, 59))}:${pad(random.int(0, 59))}`;
  return random.pick([
    `${y}-${pad(m)}-${pad(d)} ${time}`,
    `${y}-${pad(m)}-${pad(d)} ${time}`,
    `${y}-${pad(m)}-${pad(d)}`,
    `${y}/${pad(m)}/${pad(d)} ${time}`,
    `'${y}-${pad(m)}-${pad(d)}'`,
  ]);
}

function list(random, key, values) {
  const chosen = [...new Set(Array.from({ length: random.int(1, 4) }, () => random.pick(values)))];
  switch (random.int(0, 2)) {
    case 0:
      return `${key}:\n${chosen.map((v) => `  - ${v}`).join('\n')}`;
    case 1:
      return `${key}: [${chosen.join(', ')}]`;
    default:
      return `${key}: ${chosen[0]}`;
  }
}

function frontMatter(random, index) {
  const lines = [`title: ${random.pick(titles)} ${index}`, `date: ${date(random)}`];
  if (random.chance(0.5)) lines.push(`updated: ${date(random)}`);
  lines.push(list(random, 'tags', tags));
  if (random.chance(0.3)) lines.push(`categories:\n  - [${random.pick(categories)}, ${random.pick(categories)}]`);
  else lines.push(list(random, 'categories', categories));
  if (random.chance(0.6)) lines.push(`description: ${random.pick(['KL 散度的定义与性质', 'A short note', '从推导到代码'])}`);
  if (random.chance(0.5)) lines.push(`cover: /img/cover-${random.int(1, 20)}.png`);
  if (random.chance(0.2)) lines.push(`top_img: ${random.pick(['false', '/img/top.jpg', 'linear-gradient(20deg, #0062be, #925696)'])}`);
  if (random.chance(0.7)) lines.push('katex: true');
  if (random.chance(0.2)) lines.push(`toc: ${random.pick(['true', 'false'])}`);
  if (random.chance(0.1)) lines.push(`sticky: ${random.int(1, 10)}`);
  if (random.chance(0.1)) lines.push(`abbrlink: ${random.int(1000, 9999).toString(16)}`);
  if (random.chance(0.1)) lines.push(`comments: ${random.pick(['false', 'true'])}`);
  // The mistakes a validator exists for, in a few percent of the posts.
  if (random.chance(0.03)) lines.push(`Category: ${random.pick(categories)}`);
  if (random.chance(0.03)) lines.push(`toc: 'false'`);
  if (random.chance(0.02)) lines.push('date: 2025-02-30');
  if (random.chance(0.02)) lines.push('description: ratio: 0.5');
  return lines.join('\n');
}

/**
 * A post's body. Every formula of the blog is distinct (the post number and the paragraph are in its indices,
 * the constants vary), so no cache keyed by formula source does the work: mixed inline/display, `aligned`,
 * `\\frac`, `\\mathbb`, Chinese text inside and around the math.
 */
function body(random, post) {
  const paragraphs = [];
  for (let j = 0; j < random.int(2, 6); j++) {
    const k = `${post}${j}`;
    const c = `0.${random.int(10, 99)}`;
    paragraphs.push(
      random.pick([
        `对离散分布 $P_{${k}}$ 和 $Q_{${k}}$，KL 散度定义为 $D_{KL}(P_{${k}}\\|Q_{${k}}) = \\sum_x P(x) \\log \\frac{P(x)}{Q(x)} + ${c}$。`,
        `The clipped objective is $L^{CLIP}_{${k}}(\\theta)$, with $\\epsilon_{${k}} = ${c}$.`,
        `$$\nH(P_{${k}}) = -\\sum_{i=1}^{${k}} p_i \\log p_i \\le \\log ${k}\n$$`,
        `$$\n\\begin{aligned}\nJ_{${k}}(\\theta) &= \\mathbb{E}_{x \\sim \\mathbb{P}}\\left[\\frac{\\pi_\\theta(x)}{\\pi_{old}(x)} A(x)\\right] \\\\\n&\\approx \\frac{1}{${k}} \\sum_{i} r_i(\\theta) \\hat{A}_i - ${c}\n\\end{aligned}\n$$`,
        '```kl\nP = [0.5, 0.3, 0.2]\nQ = [0.4, 0.4, 0.2]\nkl(P, Q)\n```',
        `优势函数用 GAE 估计：$\\hat{A}_t = \\sum_{l=0}^{${k}} (\\gamma\\lambda)^l \\delta_{t+l}$，其中 $\\text{折扣}_{${k}} = ${c}$、$x \\in \\mathbb{R}^{${k}}$。`,
        'Plain prose without any math, as many paragraphs are.',
      ]),
    );
  }
  return paragraphs.join('\n\n');
}

/** Formulas (`$…$`, `$$…$$`) of a post body, for the distinct count the result states. */
function formulasOf(text) {
  const display = [...text.matchAll(/^\$\$\n([\s\S]*?)\n\$\$$/gm)].map((match) => `D${match[1]}`);
  const inline = [...text.replace(/^\$\$\n[\s\S]*?\n\$\$$/gm, '').matchAll(/\$([^$\n]+)\$/g)].map((match) => `I${match[1]}`);
  return [...display, ...inline];
}

/** Writes (or reuses) the site and returns its root folder and the posts folder. */
export function generateBlog({ posts = 10_000, seed = 1 } = {}) {
  const root = join(tmpdir(), `mathpost-bench-blog-${posts}-${seed}`);
  const postsFolder = join(root, 'source', '_posts');
  const stamp = join(root, '.generated');
  const wanted = JSON.stringify({ GENERATOR_VERSION, posts, seed });
  if (existsSync(stamp)) {
    const stored = JSON.parse(readFileSync(stamp, 'utf8'));
    if (stored.wanted === wanted) return { root, postsFolder, posts, formulas: stored.formulas, distinctFormulas: stored.distinctFormulas };
  }
  rmSync(root, { recursive: true, force: true });
  mkdirSync(postsFolder, { recursive: true });
  writeFileSync(join(root, '_config.yml'), siteConfig);
  writeFileSync(join(root, '_config.butterfly.yml'), themeConfig);
  const random = seededRandom(seed);
  const distinct = new Set();
  let formulas = 0;
  for (let i = 0; i < posts; i++) {
    const text = body(random, i);
    for (const formula of formulasOf(text)) {
      formulas++;
      distinct.add(formula);
    }
    writeFileSync(join(postsFolder, `post-${String(i).padStart(5, '0')}.md`), `---\n${frontMatter(random, i)}\n---\n\n${text}\n`);
  }
  writeFileSync(stamp, JSON.stringify({ wanted, formulas, distinctFormulas: distinct.size }));
  return { root, postsFolder, posts, formulas, distinctFormulas: distinct.size };
}
