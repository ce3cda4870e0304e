/**
 * Hexo 8's code highlighting settings of a site `_config.yml` (`syntax_highlighter`, `highlight`,
 * `prismjs`), merged over Hexo's defaults as Hexo's deepMerge does. Used by src/core/render/codeHighlight.ts.
 */
import type { CodeBlockToolbar, CodeHighlightConfig } from './types';

/** Hexo 8 `default_config.js`: `highlight` and `prismjs`, each key defaulting on its own (deepMerge). */
const HIGHLIGHT_DEFAULTS = {
  auto_detect: false,
  line_number: true,
  tab_replace: '',
  wrap: true,
  exclude_languages: [] as string[],
  language_attr: false,
  hljs: false,
  line_threshold: 0,
  first_line_number: 'always1',
  strip_indent: true,
};
const PRISMJS_DEFAULTS = { preprocess: true, line_number: true, tab_replace: '', exclude_languages: [] as string[], strip_indent: true };

export function defaultCodeHighlightConfig(): CodeHighlightConfig {
  return { engine: 'highlight.js', highlight: { ...HIGHLIGHT_DEFAULTS }, prismjs: { ...PRISMJS_DEFAULTS } };
}

/** Reads `syntax_highlighter`, `highlight` and `prismjs` of a site `_config.yml` as Hexo merges them. */
export function readCodeHighlightConfig(site: Record<string, unknown>): CodeHighlightConfig {
  const record = (value: unknown): Record<string, unknown> =>
    value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  // An absent key keeps Hexo's default; a present but empty one (`syntax_highlighter:`) turns highlighting off.
  const engine = 'syntax_highlighter' in site ? (typeof site.syntax_highlighter === 'string' ? site.syntax_highlighter : '') : 'highlight.js';
  return { engine, highlight: { ...HIGHLIGHT_DEFAULTS, ...record(site.highlight) }, prismjs: { ...PRISMJS_DEFAULTS, ...record(site.prismjs) } };
}

/** Butterfly 5.7 theme `_config.yml` defaults of `code_blocks`. */
export function defaultCodeBlockToolbar(): CodeBlockToolbar {
  return { copy: true, language: true, shrink: false };
}

/** `code_blocks:` of the merged Butterfly config (each key keeps its default when absent). */
export function readCodeBlockToolbar(codeBlocks: Record<string, unknown>): CodeBlockToolbar {
  const toolbar = defaultCodeBlockToolbar();
  if (typeof codeBlocks.copy === 'boolean') toolbar.copy = codeBlocks.copy;
  if (typeof codeBlocks.language === 'boolean') toolbar.language = codeBlocks.language;
  if (typeof codeBlocks.shrink === 'boolean') toolbar.shrink = codeBlocks.shrink;
  else if (codeBlocks.shrink === 'none') toolbar.shrink = 'none';
  return toolbar;
}
