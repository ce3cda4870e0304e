/**
 * Fenced code as the blog publishes it. Hexo 8 highlights fences itself, before markdown, in its
 * `backtick_code_block` filter, with the highlighter named by `syntax_highlighter` (`highlight.js`,
 * `prismjs`, or none: the fence is left to markdown-it). This module replays that filter's argument
 * parsing (language, caption, `mark:` / `first_line:` / `line_number:` / `wrap:` / `highlight:` options,
 * `=N` first line) and Hexo's two highlight plugins (hexo/dist/plugins/highlight/{highlight,prism}.js),
 * then calls the same hexo-util functions they call, so the markup is Hexo's to the byte.
 */
import type { CodeHighlightConfig } from '../blog/types';
import { hexoHighlightLibrary, hexoPrismLibrary } from '../libraries';
import { escapeHtml, isSafeLinkUrl } from './sanitize';

const ALL_OPTIONS = /([^\s]+)\s+(.+?)\s+(https?:\/\/\S+|\/\S+)\s*(.+)?/;
const LANG_CAPTION = /([^\s]+)\s*(.+)?/;
const ADDITIONAL_OPTIONS = /\s((?:line_number|line_threshold|first_line|wrap|mark|language_attr|highlight):\S+)/g;

interface FenceOptions {
  language_attr?: boolean;
  firstLine: number;
  line_number?: boolean;
  line_threshold?: number;
  mark: number[];
  wrap?: boolean;
  lang?: string;
  caption?: string;
  lines_length: number;
  firstLineNumber?: string | number;
}

/** backtick_code_block.js `parseArgs`. */
function parseArgs(args: string): { options: Omit<FenceOptions, 'lines_length'>; enableHighlight: boolean; rest: string } {
  const options: Omit<FenceOptions, 'lines_length'> = { firstLine: 1, mark: [] };
  let enableHighlight = true;
  for (const match of args.matchAll(ADDITIONAL_OPTIONS)) {
    const [key, value] = match[1].split(':');
    if (key === 'highlight') enableHighlight = value === 'true';
    else if (key === 'line_number') options.line_number = value === 'true';
    else if (key === 'line_threshold' && !isNaN(Number(value))) options.line_threshold = +value;
    else if (key === 'first_line' && !isNaN(Number(value))) options.firstLine = +value;
    else if (key === 'wrap') options.wrap = value === 'true';
    else if (key === 'language_attr') options.language_attr = value === 'true';
    else if (key === 'mark') {
      for (const part of value.split(',')) {
        const hyphen = part.indexOf('-');
        if (hyphen !== -1) {
          let a = +part.slice(0, hyphen);
          let b = +part.slice(hyphen + 1);
          if (Number.isNaN(a) || Number.isNaN(b)) continue;
          if (b < a) [a, b] = [b, a];
          for (; a <= b; a++) options.mark.push(a);
        }
        if (!isNaN(Number(part))) options.mark.push(+part);
      }
    }
  }
  return { options, enableHighlight, rest: args.replace(ADDITIONAL_OPTIONS, '') };
}

/** Hexo escapes Nunjucks braces in highlighted code (`escapeSwigTag`); the browser shows the same braces. */
const escapeSwigTag = (html: string): string => html.replace(/{/g, '&#123;').replace(/}/g, '&#125;');

/**
 * Loads the blog's highlighter and compiles the grammars of `languages` now (highlight.js with every language is
 * ~1.8 MB of code, and a grammar compiles on its first fence): `mathpost render` does it while the KaTeX workers
 * render the formulas, instead of on the render's first fences. The same calls as the render's, on empty code.
 */
export function warmHighlighter(config: CodeHighlightConfig, languages: Iterable<string>): void {
  for (const language of languages) highlightFence('', language, config);
}

/**
 * The blog's HTML for a fence (`info` as written after the backticks, `code` its content), or undefined
 * when the blog leaves it to markdown-it (no highlighter, or `highlight:false`).
 */
export function highlightFence(code: string, info: string, config: CodeHighlightConfig): string | undefined {
  if (config.engine !== 'highlight.js' && config.engine !== 'prismjs') return undefined;
  const parsed = parseArgs(info.trim());
  if (!parsed.enableHighlight) return undefined;
  let rest = parsed.rest;
  const args = rest.split('=').shift();
  let lang: string | undefined;
  let caption: string | undefined;
  if (args) {
    const match = ALL_OPTIONS.exec(args) ?? LANG_CAPTION.exec(args);
    if (match) {
      // Hexo writes the language and caption as raw HTML; a note is untrusted, so they are escaped here
      // (the same text for every caption that is plain text, which is what captions are).
      lang = escapeHtml(match[1]);
      if (match[2]) {
        caption = `<span>${escapeHtml(match[2])}</span>`;
        if (match[3]) {
          const text = escapeHtml(match[4] ? match[4] : 'link');
          caption += isSafeLinkUrl(match[3]) ? `<a href="${escapeHtml(match[3])}">${text}</a>` : `<a>${text}</a>`;
        }
      }
    }
  }
  const content = code.replace(/\n$/, '');
  const options: FenceOptions = { lang, caption, lines_length: content.split('\n').length, ...parsed.options };
  rest = rest.replace('=+', '=');
  if (rest.includes('=')) options.firstLineNumber = rest.split('=')[1] || 1;
  const html = config.engine === 'prismjs' ? prismFilter(content, options, config.prismjs) : highlightJsFilter(content, options, config.highlight);
  return escapeSwigTag(html);
}

/** hexo/dist/plugins/highlight/highlight.js */
function highlightJsFilter(code: string, options: FenceOptions, settings: Record<string, unknown>): string {
  const lineThreshold = options.line_threshold || Number(settings.line_threshold) || 0;
  const useLineNumbers = options.line_number === undefined ? settings.line_number : options.line_number;
  const gutter = Boolean(useLineNumbers) && options.lines_length > lineThreshold;
  const languageAttr = options.language_attr === undefined ? settings.language_attr : options.language_attr;
  const hljsOptions = {
    autoDetect: settings.auto_detect as boolean | undefined,
    caption: options.caption,
    firstLine: options.firstLine,
    gutter,
    hljs: settings.hljs as boolean | undefined,
    lang: options.lang,
    languageAttr: languageAttr as boolean | undefined,
    mark: options.mark,
    tab: settings.tab_replace as string | undefined,
    wrap: settings.wrap as boolean | undefined,
    stripIndent: settings.strip_indent as boolean | undefined,
  };
  if (settings.first_line_number === 'inline') {
    if (options.firstLineNumber !== undefined) hljsOptions.firstLine = Number(options.firstLineNumber);
    else hljsOptions.gutter = false;
  }
  if (Array.isArray(settings.exclude_languages) && settings.exclude_languages.includes(hljsOptions.lang)) {
    hljsOptions.wrap = false;
    hljsOptions.gutter = false;
    hljsOptions.autoDetect = false;
  }
  return hexoHighlightLibrary()(code, hljsOptions);
}

/** hexo/dist/plugins/highlight/prism.js */
function prismFilter(code: string, options: FenceOptions, settings: Record<string, unknown>): string {
  const lineThreshold = options.line_threshold || Number(settings.line_threshold) || 0;
  const useLineNumbers = options.line_number === undefined ? settings.line_number : options.line_number;
  const prismOptions = {
    caption: options.caption,
    firstLine: options.firstLine,
    isPreprocess: settings.preprocess as boolean | undefined,
    lang: options.lang,
    lineNumber: Boolean(useLineNumbers) && options.lines_length > lineThreshold,
    mark: String(options.mark),
    tab: settings.tab_replace as string | undefined,
    stripIndent: settings.strip_indent as boolean | undefined,
  };
  if (Array.isArray(settings.exclude_languages) && settings.exclude_languages.includes(prismOptions.lang)) {
    return `<pre><code class="${prismOptions.lang}">${escapeHexoHtml(code)}</code></pre>`;
  }
  return hexoPrismLibrary()(code, prismOptions);
}

/** hexo-util `escapeHTML` (it also escapes `/`, `=` and the backtick). */
function escapeHexoHtml(text: string): string {
  const replacements: Record<string, string> = {
    '&': '&amp;',
    '<': '&lt;',
    '>': '&gt;',
    '"': '&quot;',
    "'": '&#39;',
    '`': '&#96;',
    '/': '&#x2F;',
    '=': '&#x3D;',
  };
  return text.replace(/[<>"'`/=]|&(?!(#\d{1,7}|#[Xx][a-fA-F0-9]{1,6}|\w+);)/g, (char) => replacements[char]);
}
