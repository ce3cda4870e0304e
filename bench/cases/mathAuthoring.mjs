// Issue #11, math authoring in the editor.
// math.hover: the hover over a typical formula with a cold cache — every run hovers a formula never rendered
//   before (KaTeX render, build tree, CSS and font selection, font subsetting, SVG data: URI) — against KaTeX's
//   renderToString of the same formula, which is what the preview pays for it.
// math.completion-200kb: `\` typed inside a formula of the 200 KB note, one edit before each run so the
//   per-version model of the note's math is built again (as after every keystroke), then the completion items.
import { compare } from '../lib/harness.mjs';
import { editNote, generateNote } from '../lib/note.mjs';
import { loadOut, need, repoRoot, requireFromRoot } from '../lib/ours.mjs';

function hoverSide() {
  const hover = loadOut('src/core/math/formulaHover');
  const FormulaImages = need(hover, 'src/core/math/formulaHover', 'FormulaImages');
  const formulaHoverAt = need(hover, 'src/core/math/formulaHover', 'formulaHoverAt');
  const loadKatexAssets = need(loadOut('src/core/math/katexAssets'), 'src/core/math/katexAssets', 'loadKatexAssets');
  const MathRenderer = need(loadOut('src/core/math/katexRenderer'), 'src/core/math/katexRenderer', 'MathRenderer');
  const analyzeNoteMath = need(loadOut('src/core/math/noteMath'), 'src/core/math/noteMath', 'analyzeNoteMath');
  const { BLOG_MATH_SYNTAX } = loadOut('src/core/math/delimiters');
  const NodeFileSystem = need(loadOut('src/node/nodeFileSystem'), 'src/node/nodeFileSystem', 'NodeFileSystem');
  const { englishText } = loadOut('src/core/text');
  const assets = loadKatexAssets(`${repoRoot}/dist/katex`.replace(/\\/g, '/'), new NodeFileSystem());
  const images = new FormulaImages(new MathRenderer(), () => assets, 100_000);
  return { images, formulaHoverAt, analyzeNoteMath, BLOG_MATH_SYNTAX, englishText };
}

/** A typical formula of these notes, different for every run (no cache keyed by source can hit). */
export function typicalFormula(run) {
  return `D_{\\mathrm{KL}}(\\pi_{\\theta_{${run}}} \\| \\pi_{\\mathrm{ref}}) = \\mathbb{E}_{x \\sim \\pi_\\theta}\\left[\\log \\frac{\\pi_\\theta(x)}{\\pi_{\\mathrm{ref}}(x)}\\right] + \\beta \\sum_{i=1}^{${run % 97}} r_i`;
}

export const mathHover = {
  name: 'math.hover',
  goal: '≤ 20 ms',
  meets: (r) => r.ours_ms <= 20,
  async run({ quick }) {
    const side = hoverSide();
    const katex = requireFromRoot('katex');
    let note;
    let model;
    let offset;
    let size = 0;
    const result = await compare({
      prepare: (run) => {
        note = `## 策略\n\nThe objective $${typicalFormula(run)}$ is clipped.\n`;
        model = side.analyzeNoteMath(note, side.BLOG_MATH_SYNTAX);
        offset = note.indexOf('\\mathbb');
      },
      ours: () => {
        const hover = side.formulaHoverAt(
          model,
          offset,
          side.images,
          { blogMacros: {}, settingMacros: {}, color: '#cccccc', lineOf: () => 1 },
          side.englishText,
        );
        size = hover.markdown.length;
      },
      baseline: (run) => katex.renderToString(typicalFormula(run), { displayMode: false, output: 'htmlAndMathml', throwOnError: true }),
      warmup: 3,
      minRuns: quick ? 2 : 30,
      maxRuns: quick ? 2 : 200,
      budgetMs: quick ? 100 : 4000,
      gc: false,
    });
    return {
      ...result,
      baseline: "KaTeX renderToString of the same formula (the preview's cost)",
      note: `a new formula each run (cold caches); hover Markdown with the data: URI: ${(size / 1024).toFixed(1)} KB`,
    };
  },
};

export const mathCompletion = {
  name: 'math.completion-200kb',
  goal: '≤ 30 ms',
  meets: (r) => r.ours_ms <= 30,
  async run({ quick }) {
    const analyzeNoteMath = need(loadOut('src/core/math/noteMath'), 'src/core/math/noteMath', 'analyzeNoteMath');
    const completion = loadOut('src/core/math/latexCompletion');
    const completionSite = need(completion, 'src/core/math/latexCompletion', 'completionSite');
    const macroCompletionItems = need(completion, 'src/core/math/latexCompletion', 'macroCompletionItems');
    const katexCompletionItems = need(completion, 'src/core/math/latexCompletion', 'katexCompletionItems');
    const loadKatexCommands = need(loadOut('src/core/math/katexAssets'), 'src/core/math/katexAssets', 'loadKatexCommands');
    const NodeFileSystem = need(loadOut('src/node/nodeFileSystem'), 'src/node/nodeFileSystem', 'NodeFileSystem');
    const { BLOG_MATH_SYNTAX } = loadOut('src/core/math/delimiters');
    const staticItems = katexCompletionItems(loadKatexCommands(`${repoRoot}/dist/katex`, new NodeFileSystem()));
    let note = generateNote(1);
    let text;
    let offset;
    let count = 0;
    const result = await compare({
      prepare: (run) => {
        const edited = editNote(note, run);
        note = edited.text;
        // Type `\fr` inside the first formula of the edited line.
        const lines = note.split('\n');
        const lineStart = lines.slice(0, edited.line).join('\n').length + (edited.line > 0 ? 1 : 0);
        const at = lineStart + lines[edited.line].indexOf('$') + 1;
        text = note.slice(0, at) + '\\fr' + note.slice(at);
        offset = at + 3;
      },
      ours: () => {
        const model = analyzeNoteMath(text, BLOG_MATH_SYNTAX);
        const site = completionSite(text, offset, model, BLOG_MATH_SYNTAX);
        const items = [...macroCompletionItems(site, { blog: {}, settings: {} }), ...staticItems].map((item) => ({
          label: item.label,
          insertText: item.snippet,
          range: [site.start, site.end],
        }));
        count = items.length;
      },
      baseline: null,
      warmup: 2,
      minRuns: quick ? 2 : 20,
      maxRuns: quick ? 2 : 100,
      budgetMs: quick ? 100 : 4000,
      gc: false,
    });
    return { ...result, note: `200 KB note, one line edited before each run (the math model is rebuilt), \`\\fr\` typed in a formula; ${count} items` };
  },
};
