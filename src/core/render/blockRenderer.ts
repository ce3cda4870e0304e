/**
 * Turns one source block into HTML: markdown-it (blog options, math, Hexo inline tags), Hexo block
 * tags, images resolved as the blog publishes them, math errors shown escaped and inline.
 */
import { DEFAULT_HEADING_ANCHORS } from '../blog/discover';
import type { BlogConfig, HeadingAnchors } from '../blog/types';
import type { ReadOnlyFileSystem } from '../fileSystem';
import type { MathDelimiterSetting, MathSyntax } from '../math/delimiters';
import { resolveMathSyntax } from '../math/delimiters';
import type { MacroState, MathError, MathRenderer, ParallelMath } from '../math/katexRenderer';
import { englishText, type Localize } from '../text';
import { defaultCodeHighlightConfig } from '../blog/codeHighlightConfig';
import { splitBlocks, splitLines } from '../note/blocks';
import { highlightFence } from './codeHighlight';
import { HeadingIdCounter, headingIdPlaceholder, headingSlug } from './headingIds';
import { type HexoTagContext, type ImageAttributes, renderHexoBlockTag, renderHexoInlineTag } from './hexoTags';
import { excerptMarkerHtml } from './excerpt';
import { noteBaseMacros } from './prefetchMath';
import { type FenceRenderer, MarkdownEngine, type NoteReferences, type RenderEnv } from './markdown';
import { htmlSetting, type HtmlSetting } from './rawHtml';
import { type ResourceContext, resolveAsset, resolveNoteImage } from './resources';
import { classifyImageSource, escapeHtml, isSafeCssValue, isSafeLinkUrl } from './sanitize';

export interface RenderOptions {
  /** The blog around the note (findBlog); markdown options, macros, timezone, source folders. */
  blog?: BlogConfig;
  /** Absolute path of the note ('/' separators), for relative images and the asset folder. */
  notePath?: string;
  /** Used only to check that images exist. */
  fs?: ReadOnlyFileSystem;
  /** Setting `mathpost.math.delimiters` (default "blog"). */
  delimiters?: MathDelimiterSetting;
  /** Setting `mathpost.math.macros`; wins over the blog's `katex.macros`. */
  macros?: Record<string, string>;
  /**
   * Setting `mathpost.preview.allowHtml` (default "blog": raw HTML is rendered, sanitized, when the blog's
   * `markdown.render.html` says so; "on"/"off" force it; the former true/false mean on/off).
   */
  allowHtml?: HtmlSetting | boolean;
  /** Setting `mathpost.preview.allowRemoteImages` (default true): https images. */
  allowRemoteImages?: boolean;
  /** Absolute file path → URI the viewer can load (webview URI, file: URL…). Default: the path. */
  resourceUri?: (absolutePath: string) => string;
  /** Told about each local image that is not found or not resolvable (the export lists them). */
  onMissingImage?: (path: string) => void;
  /** Fenced blocks by language (e.g. `kl`); their blocks are re-rendered on every pass. */
  fenceRenderers?: Record<string, FenceRenderer>;
  /**
   * Heading ids: 'preview' (default) prefixes them `user-` so a heading can never take the id of
   * one of the webview's own elements (the webview resolves `#x` to `x`, then `user-x`); 'export'
   * writes the blog's ids as they are, so `#slug` links work in a static file with no script.
   */
  headingIds?: 'preview' | 'export';
  t?: Localize;
  /**
   * The preview's HTML: `style` attributes as `data-mp-style` (see inlineStyles.ts), done once per block when it is
   * rendered and cached, not on every message (that was ~30 ms per full post of the 200 KB note).
   */
  stylesAsData?: boolean;
  /** KaTeX worker threads for notes with many formulas (`NoteRenderer.prefetch`, the CLI's parallelFill); none: one thread. */
  parallelMath?: ParallelMath;
}

/** One block's HTML; headings' ids are placeholders until the note's earlier headings are known. */
export interface BlockHtml {
  html: string;
  /** Base slugs of the block's headings that get an id, in order (placeholder i = slug i). */
  headingSlugs: string[];
  /** The block holds the note's `<!-- more -->` (the first one: Hexo's excerpt marker). */
  excerptMarker: boolean;
}

export class BlockRenderer {
  readonly syntax: MathSyntax;
  readonly t: Localize;
  private readonly engine: MarkdownEngine;
  private readonly rawEngine: MarkdownEngine;
  private readonly resources: ResourceContext;
  private readonly tagContext: HexoTagContext;
  private state: MacroState | undefined;
  private env: RenderEnv = {};
  readonly anchors: HeadingAnchors;
  readonly headingIdPrefix: string;

  constructor(
    private readonly options: RenderOptions,
    private readonly math: MathRenderer,
  ) {
    this.t = options.t ?? englishText;
    this.syntax = resolveMathSyntax(options.delimiters, options.blog);
    this.resources = { notePath: options.notePath, blog: options.blog, fs: options.fs };
    const markdown = options.blog?.markdown;
    this.anchors = markdown?.anchors ?? DEFAULT_HEADING_ANCHORS;
    this.headingIdPrefix = options.headingIds === 'export' ? '' : 'user-';
    const blogHtml = markdown?.html ?? true;
    const html = htmlSetting(options.allowHtml);
    const engineOptions = {
      syntax: this.syntax,
      html: html === 'on' || (html === 'blog' && blogHtml),
      blogHtml,
      linkify: markdown?.linkify ?? true,
      typographer: markdown?.typographer ?? true,
      breaks: markdown?.breaks ?? true,
      renderMath: (tex: string, display: boolean) => this.renderMath(tex, display),
      renderImage: (src: string, alt: string, title: string) => this.imageHtml(src, 'markdown', { alt, title }, true),
      mapHtmlImage: (src: string) => this.imageUrl(src, 'markdown').url,
      htmlIdPrefix: this.headingIdPrefix,
      excerptMarker: blogHtml,
      renderExcerptMarker: () => excerptMarkerHtml(this.headingIdPrefix, this.t('Excerpt ends here')),
      renderInlineTag: (name: string, args: string) => renderHexoInlineTag(name, args, this.tagContext),
      fenceRenderers: options.fenceRenderers,
      highlightFence: (code: string, info: string) => highlightFence(code, info, options.blog?.codeHighlight ?? defaultCodeHighlightConfig()),
    };
    this.engine = new MarkdownEngine(engineOptions);
    this.rawEngine = new MarkdownEngine({ ...engineOptions, renderInlineTag: (name, args) => escapeHtml(`{% ${name} ${args} %}`) });
    this.tagContext = {
      renderMarkdown: (text, lineOffset) => this.renderFragment(text, lineOffset),
      renderMarkdownRaw: (text, lineOffset) => this.rawEngine.render(text, { ...this.env, lineOffset, headingId: this.tagBodyHeadingIds() }),
      renderInline: (text) => this.engine.md.renderInline(text, this.env),
      renderImage: (src, source, attributes) => this.imageHtml(src, source, attributes, false),
      safeHref: (url) => (isSafeLinkUrl(url) ? url : undefined),
      t: this.t,
    };
  }

  /** The macros a note starts with: the blog's `katex.macros`, then the settings. */
  baseMacros(): Record<string, string> {
    return noteBaseMacros(this.options);
  }

  collectReferences(text: string, references: NoteReferences): void {
    this.engine.collectReferences(text, { references });
  }

  /** HTML of one top-level block, math rendered in `state` (which it advances). */
  render(
    text: string,
    hexoTag: string | undefined,
    firstLine: number,
    state: MacroState,
    references: NoteReferences,
    noteText = '',
    excerptSeen = false,
  ): BlockHtml {
    this.state = state;
    const excerpt = { seen: excerptSeen };
    this.env = { references, firstLine, noteText, excerpt };
    const headingSlugs: string[] = [];
    // The id of a top-level heading depends on the headings before it in the note (repeats are
    // numbered), which other blocks hold: leave a placeholder that NoteRenderer fills per pass.
    const headingId = (level: number, title: string): string | undefined => {
      if (level < this.anchors.level) return undefined;
      headingSlugs.push(headingSlug(title, this.anchors));
      return headingIdPlaceholder(headingSlugs.length - 1);
    };
    try {
      const html = hexoTag
        ? renderHexoBlockTag(hexoTag, text, this.tagContext)
        : this.engine.render(text, { references, firstLine, noteText, lineOffset: 0, headingId, excerpt });
      return { html, headingSlugs, excerptMarker: excerpt.seen && !excerptSeen };
    } finally {
      this.state = undefined;
    }
  }

  /**
   * Hexo renders the note's markdown with tags as placeholders, then each tag, whose body goes
   * through its own markdown render: repeats are counted within one tag body only, and its ids
   * are final at once.
   */
  private tagBodyHeadingIds(): (level: number, title: string) => string | undefined {
    const counter = new HeadingIdCounter(this.anchors);
    return (level, title) => {
      if (level < this.anchors.level) return undefined;
      const id = counter.next(headingSlug(title, this.anchors));
      // Hexo writes id="" for a title without any slug character: no link can target it.
      return id ? this.headingIdPrefix + id : undefined;
    };
  }

  /** Markdown inside a Hexo tag body: may itself hold tags. */
  private renderFragment(text: string, lineOffset: number): string {
    const lines = splitLines(text);
    const outer = this.env;
    this.env = { ...outer, headingId: this.tagBodyHeadingIds() };
    try {
      return splitBlocks(lines, 0, { dollarBlocks: this.syntax.dollars !== 'none', bracketBlocks: this.syntax.brackets })
        .map((block) =>
          block.hexoTag
            ? renderHexoBlockTag(block.hexoTag, block.text, this.tagContext, lineOffset + block.startLine)
            : this.engine.render(block.text, { ...this.env, lineOffset: lineOffset + block.startLine }),
        )
        .join('');
    } finally {
      this.env = outer;
    }
  }

  private renderMath(tex: string, display: boolean): string {
    if (!this.state) this.state = this.math.beginNote(this.baseMacros());
    const result = this.math.render(tex, display, this.state);
    return result.error ? this.mathErrorHtml(tex, result.error, display) : result.html;
  }

  private mathErrorHtml(tex: string, error: MathError, display: boolean): string {
    const message = this.t('KaTeX: {0}', error.message);
    const kind = display ? ' mp-math-error-display' : '';
    return `<span class="mp-math-error${kind}" title="${escapeHtml(message)}"><code class="mp-math-error-source">${escapeHtml(tex)}</code><span class="mp-math-error-message">${escapeHtml(message)}</span></span>`;
  }

  /** The URL to load for an image, or why it is not loaded. */
  private imageUrl(src: string, source: 'markdown' | 'asset'): { url?: string; problem?: string } {
    const image = classifyImageSource(src);
    switch (image.kind) {
      case 'remote':
        return this.options.allowRemoteImages === false
          ? { problem: this.t('Remote image blocked by the setting mathpost.preview.allowRemoteImages: {0}', src) }
          : { url: image.url };
      case 'insecure':
        return { problem: this.t('Image over http is not loaded (use https): {0}', src) };
      case 'data':
        return { url: image.url };
      case 'unsafe':
        return { problem: this.t('Not an image URL: {0}', src) };
      case 'local': {
        const resolved = source === 'asset' ? resolveAsset(image.path, this.resources) : resolveNoteImage(image.path, this.resources);
        if (!resolved || !resolved.exists) this.options.onMissingImage?.(resolved?.path ?? src);
        if (!resolved) return { problem: this.t("Cannot resolve the image {0} without the note's folder", src) };
        if (!resolved.exists) return { problem: this.t('Image not found: {0}', resolved.path) };
        const toUri = this.options.resourceUri ?? ((path: string) => encodeURI(path));
        return { url: toUri(resolved.path) };
      }
    }
  }

  private imageHtml(src: string, source: 'markdown' | 'asset', attributes: ImageAttributes, escaped: boolean): string {
    const text = (value: string | undefined): string => (value === undefined ? '' : escaped ? value : escapeHtml(value));
    const { url, problem } = this.imageUrl(src, source);
    if (!url) {
      const label = text(attributes.alt) || escapeHtml(src);
      return `<span class="mp-image-problem" title="${escapeHtml(problem ?? '')}">${label}</span>`;
    }
    // A markdown image always has alt (markdown-it); a tag's image only when the tag gives one (hexo-util htmlTag).
    let html = `<img src="${escapeHtml(url)}"`;
    if (attributes.alt !== undefined) html += ` alt="${text(attributes.alt)}"`;
    if (attributes.title) html += ` title="${text(attributes.title)}"`;
    if (attributes.className) html += ` class="${escapeHtml(attributes.className)}"`;
    if (attributes.width) html += ` width="${escapeHtml(attributes.width)}"`;
    if (attributes.height) html += ` height="${escapeHtml(attributes.height)}"`;
    if (attributes.cssHeight && isSafeCssValue(attributes.cssHeight)) html += ` style="height:${escapeHtml(attributes.cssHeight)}"`;
    return html + ' loading="lazy">';
  }
}
