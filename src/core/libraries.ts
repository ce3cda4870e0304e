/**
 * KaTeX, yaml and markdown-it are loaded on first use, not when the extension activates: requiring
 * them costs 100–500 ms on these machines, and activation should only register providers (the
 * activation budget is 50 ms). esbuild keeps a `require()` that sits inside a function lazy: the
 * bundled module is wrapped and evaluated on the first call. Types come from `import type`, which
 * costs nothing at run time.
 */
/* eslint-disable @typescript-eslint/no-require-imports -- lazy loading is the point of this file */
import type KatexModule from 'katex';
import type MarkdownItModule from 'markdown-it';
import type * as YamlModule from 'yaml';
import type SanitizeHtmlModule from 'sanitize-html';
import type HexoHighlight from 'hexo-util/dist/highlight';
import type HexoPrism from 'hexo-util/dist/prism';

let katexModule: typeof KatexModule | undefined;
let markdownItModule: typeof MarkdownItModule | undefined;
let yamlModule: typeof YamlModule | undefined;
let sanitizeHtmlModule: typeof SanitizeHtmlModule | undefined;
let linkifyItModule: LinkifyItConstructor | undefined;
let hexoHighlight: typeof HexoHighlight | undefined;
let hexoPrism: typeof HexoPrism | undefined;

export function katexLibrary(): typeof KatexModule {
  return (katexModule ??= require('katex') as typeof KatexModule);
}

export function markdownItLibrary(): typeof MarkdownItModule {
  return (markdownItModule ??= require('markdown-it') as typeof MarkdownItModule);
}

export function yamlLibrary(): typeof YamlModule {
  return (yamlModule ??= require('yaml') as typeof YamlModule);
}

/**
 * hexo-util's highlight.js wrapper: only when a note has a fence to highlight. Its highlight.js registers each
 * grammar on first use (src/core/render/lazyHighlightJs.ts), in dist/ and, for the tests, in out/ (scripts/build.mjs).
 */
export function hexoHighlightLibrary(): typeof HexoHighlight {
  return (hexoHighlight ??= require('hexo-util/dist/highlight.js') as typeof HexoHighlight);
}

/** hexo-util's Prism wrapper (Prism and its languages): only for blogs with `syntax_highlighter: prismjs`. */
export function hexoPrismLibrary(): typeof HexoPrism {
  return (hexoPrism ??= require('hexo-util/dist/prism.js') as typeof HexoPrism);
}

/** The two js-yaml 4 functions Hexo itself uses for `hexo new` (load the rendered scaffold, dump it again). */
export interface JsYamlModule {
  load(text: string): unknown;
  dump(value: unknown, options?: Record<string, unknown>): string;
}

let jsYamlModule: JsYamlModule | undefined;

/** js-yaml, the YAML library of Hexo and hexo-front-matter: New Post must write byte for byte what `hexo new` writes. */
export function jsYamlLibrary(): JsYamlModule {
  return (jsYamlModule ??= require('js-yaml') as JsYamlModule);
}

/** Raw HTML in notes goes through sanitize-html only when a note has some (src/core/render/rawHtml.ts). */
export function sanitizeHtmlLibrary(): typeof SanitizeHtmlModule {
  return (sanitizeHtmlModule ??= require('sanitize-html') as typeof SanitizeHtmlModule);
}

/**
 * linkify-it 4, the version hexo-renderer-markdown-it 7 gets through markdown-it 13: later versions stop a
 * bare URL at CJK punctuation, the blog's does not (src/core/render/blogLinkify.ts). Typed as markdown-it's.
 */
export type LinkifyIt = InstanceType<typeof MarkdownItModule>['linkify'];
type LinkifyItConstructor = new () => LinkifyIt;

export function linkifyItLibrary(): LinkifyItConstructor {
  return (linkifyItModule ??= require('linkify-it-4') as LinkifyItConstructor);
}
