// The baseline preview pipeline: what VS Code's built-in Markdown preview does with a note, i.e.
// markdown-language-features' MarkdownEngine (markdown-it with html + linkify, front matter
// stripped, `data-line` on block tokens) extended by the built-in markdown-math extension
// (`@vscode/markdown-it-katex` with `{ enableFencedBlocks: true, globalGroup: true, macros }`, the
// macros reset before each render, and the inline rule that ignores `$` before `.(#'",;`).
// Re-implemented here from those sources' behaviour, because they ship inside VS Code, not on npm.
import { requireFromRoot } from './ours.mjs';

const MarkdownIt = requireFromRoot('markdown-it');
const katexPlugin = requireFromRoot('@vscode/markdown-it-katex').default;

const frontMatterPattern = /^---\s*[^]*?(-{3}|\.{3})\s*/;
const notMathAfterDollar = new Set(['.', '(', '#', "'", '"', ',', ';']);

function rejectNonMathDollars(md) {
  const rule = md.inline.ruler.__rules__.find((r) => r.name === 'math_inline');
  if (!rule) return;
  const original = rule.fn;
  rule.fn = function (state, silent) {
    if (state.src[state.pos] === '$' && notMathAfterDollar.has(state.src[state.pos + 1])) {
      if (!silent) state.pending += '$';
      state.pos += 1;
      return true;
    }
    return original.call(this, state, silent);
  };
}

function addLineNumbers(md, engine) {
  for (const name of ['paragraph_open', 'heading_open', 'image', 'code_block', 'fence', 'blockquote_open', 'list_item_open']) {
    const original = md.renderer.rules[name];
    md.renderer.rules[name] = (tokens, idx, options, env, self) => {
      const token = tokens[idx];
      if (token.map?.length) {
        token.attrSet('data-line', String(engine.firstLine + token.map[0]));
        token.attrJoin('class', 'code-line');
      }
      return original ? original(tokens, idx, options, env, self) : self.renderToken(tokens, idx, options);
    };
  }
}

/** `{ render(text) }`: the whole note to HTML, as the built-in preview renders it on every change. */
export function createBaselineEngine() {
  const md = MarkdownIt({ html: true, linkify: true, breaks: false });
  const engine = { firstLine: 0 };
  const settingsMacros = {};
  const options = { enableFencedBlocks: true, globalGroup: true, macros: { ...settingsMacros } };
  md.core.ruler.push('reset-katex-macros', () => {
    options.macros = { ...settingsMacros };
  });
  md.use(katexPlugin, options);
  rejectNonMathDollars(md);
  addLineNumbers(md, engine);
  return {
    render(text) {
      const match = frontMatterPattern.exec(text);
      engine.firstLine = 0;
      if (match) {
        engine.firstLine = match[0].split(/\r\n|\n|\r/g).length - 1;
        text = text.slice(match[0].length);
      }
      return md.render(text);
    },
  };
}

export const BASELINE_PREVIEW = 'markdown-it + @vscode/markdown-it-katex (VS Code built-in)';
