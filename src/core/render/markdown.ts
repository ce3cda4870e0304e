/**
 * The markdown-it instance of one renderer: the blog's markdown options, the math plugin, Hexo
 * inline tags, `data-offset` line numbers relative to the block, safe links and images, and the
 * fence hook (`fenceRenderers`, e.g. the lead's `kl` cards).
 */
import { markdownItLibrary } from '../libraries';
import type MarkdownItModule from 'markdown-it';
import type { MathSyntax } from '../math/delimiters';
import { type MarkdownIt, mathPlugin } from '../math/mathPlugin';
import { blogLinkify } from './blogLinkify';
import { EXCERPT_MARKER, excerptMarkerRule } from './excerpt';
import { RawHtmlBuilder, type RawHtmlHooks, sanitizeRawHtml } from './rawHtml';
import { escapeHtml, isSafeLinkOrImageUrl } from './sanitize';
import type { Note } from '../note/note';

/**
 * Renders a fenced block of one language; undefined falls back to a normal code block.
 * `noteText` is the whole note: a `kl` card needs the names defined in earlier blocks, so such
 * blocks are rendered again on every pass unless the renderer gives `cacheKey`: what the output
 * of the fences in a block (source lines [startLine, endLine) of `note`) depends on beyond the
 * block's own text; undefined when it cannot tell (the block is then rendered again).
 */
export interface FenceRenderer {
  (content: string, info: string, startLine: number, noteText: string): string | undefined;
  cacheKey?: (blockText: string, startLine: number, endLine: number, note: Note) => string | undefined;
}

export interface MarkdownEngineOptions {
  syntax: MathSyntax;
  html: boolean;
  /** The blog's own `markdown.render.html` (the block structure follows it even when the preview shows HTML as text). */
  blogHtml?: boolean;
  linkify: boolean;
  typographer: boolean;
  breaks: boolean;
  renderMath(tex: string, display: boolean): string;
  /** `<img>` for a markdown image (src as written, alt text already escaped). */
  renderImage(src: string, altHtml: string, titleHtml: string): string;
  /** Maps an `<img src>` in raw HTML; undefined drops it. */
  mapHtmlImage(src: string): string | undefined;
  /** Put before `id` values of raw HTML (see RawHtmlHooks). */
  htmlIdPrefix: string;
  /** The blog turns the note's first `<!-- more -->` into `<span id="more">` (Hexo's excerpt filter). */
  excerptMarker: boolean;
  /** What the preview shows for it. */
  renderExcerptMarker(): string;
  renderInlineTag(name: string, args: string): string;
  fenceRenderers?: Readonly<Record<string, FenceRenderer>>;
  /** The blog's markup for a fence (Hexo's highlighter), or undefined to leave it to markdown-it. */
  highlightFence?: (code: string, info: string) => string | undefined;
}

/** `[id]: url` definitions as markdown-it collects them. */
export type NoteReferences = NonNullable<MarkdownItModule.Env['references']>;

/** What one `render` call needs to know about where the text sits. */
export interface RenderEnv extends MarkdownItModule.Env {
  /** Reference definitions of the whole note (`[id]: url`), shared by every block. */
  /** Added to every `data-offset` (markdown inside a Hexo tag body). */
  lineOffset?: number;
  /** Absolute note line of the text's first line (for fence renderers). */
  firstLine?: number;
  /** The whole note being rendered (for fence renderers). */
  noteText?: string;
  /** The `id` attribute value of a heading (its level and title), or undefined for none. */
  headingId?: (level: number, title: string) => string | undefined;
  /** Whether the note's `<!-- more -->` was met before (Hexo replaces only the first); set when one is rendered. */
  excerpt?: { seen: boolean };
}

const INLINE_TAG = /^\{%-?\s*([A-Za-z_][\w-]*)\s*([^\n]*?)\s*-?%\}/;

export class MarkdownEngine {
  readonly md: MarkdownIt;

  constructor(private readonly options: MarkdownEngineOptions) {
    const md = markdownItLibrary()({ html: options.html, linkify: options.linkify, typographer: options.typographer, breaks: options.breaks });
    md.linkify = blogLinkify();
    md.validateLink = isSafeLinkOrImageUrl;
    // With raw HTML on, the marker is an HTML comment token (see renderWithRawHtml); off, a rule of its own.
    if (options.excerptMarker && !options.html) md.inline.ruler.before('text', 'excerpt_marker', excerptMarkerRule);
    mathPlugin(md, { syntax: options.syntax, renderMath: options.renderMath });
    md.inline.ruler.before('text', 'hexo_inline_tag', (state, silent) => {
      if (state.src.charCodeAt(state.pos) !== 0x7b /* { */ || state.src.charCodeAt(state.pos + 1) !== 0x25 /* % */) return false;
      const match = INLINE_TAG.exec(state.src.slice(state.pos, state.posMax + 1));
      if (!match) return false;
      if (!silent) {
        const token = state.push('hexo_inline_tag', '', 0);
        token.meta = { name: match[1], args: match[2] };
        token.content = match[0];
      }
      state.pos += match[0].length;
      return true;
    });
    if (options.blogHtml ?? options.html) {
      // Hexo swaps each tag for an `<!--swig…-->` placeholder before markdown; at the start of a line that
      // placeholder is an HTML block (CommonMark type 2, which may interrupt a paragraph), so a tag there
      // splits the paragraph, is not wrapped in <p>, and the rest of its line is raw HTML.
      md.block.ruler.before(
        'html_block',
        'hexo_tag_line',
        (state, startLine, _endLine, silent) => {
          const start = state.bMarks[startLine] + state.tShift[startLine];
          if (
            state.sCount[startLine] - state.blkIndent >= 4 ||
            state.src.charCodeAt(start) !== 0x7b /* { */ ||
            state.src.charCodeAt(start + 1) !== 0x25 /* % */
          )
            return false;
          const line = state.src.slice(start, state.eMarks[startLine]);
          const match = INLINE_TAG.exec(line);
          if (!match || match[1].startsWith('end')) return false;
          if (silent) return true;
          const token = state.push('hexo_tag_line', '', 0);
          token.map = [startLine, startLine + 1];
          token.meta = { name: match[1], args: match[2], rest: line.slice(match[0].length) };
          state.line = startLine + 1;
          return true;
        },
        { alt: ['paragraph', 'reference', 'blockquote'] },
      );
    }
    md.core.ruler.push('mathpost_offsets', (state) => {
      const offset = Number((state.env as RenderEnv).lineOffset ?? 0);
      for (const token of state.tokens) {
        if (token.block && token.map && token.nesting !== -1 && token.type !== 'math_block') token.attrSet('data-offset', String(token.map[0] + offset));
      }
    });
    this.md = md;
    this.installRenderRules();
  }

  render(text: string, env: RenderEnv): string {
    const tokens = this.md.parse(text, env);
    if (
      this.options.html &&
      tokens.some((token) => token.type === 'html_block' || (token.type === 'inline' && token.children?.some((child) => child.type === 'html_inline')))
    ) {
      return this.renderWithRawHtml(tokens, env);
    }
    return this.md.renderer.render(tokens, this.md.options, env);
  }

  /**
   * markdown-it's Renderer.render, with raw HTML kept as written and everything else as opaque pieces,
   * so that the sanitizer sees the raw HTML of the block in context (rawHtml.ts).
   */
  private renderWithRawHtml(tokens: MarkdownItModule.Token[], env: RenderEnv): string {
    const renderer = this.md.renderer;
    const builder = new RawHtmlBuilder(this.rawHtmlHooks);
    const renderOne = (list: MarkdownItModule.Token[], index: number): string => {
      const rule = renderer.rules[list[index].type];
      return rule ? rule(list, index, this.md.options, env, renderer) : renderer.renderToken(list, index, this.md.options);
    };
    const raw = (html: string): void => {
      const marker = this.options.excerptMarker && !env.excerpt?.seen ? EXCERPT_MARKER.exec(html) : null;
      if (!marker) return builder.raw(html);
      if (env.excerpt) env.excerpt.seen = true;
      builder.raw(html.slice(0, marker.index));
      builder.piece(this.options.renderExcerptMarker());
      builder.raw(html.slice(marker.index + marker[0].length));
    };
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i];
      if (token.type === 'html_block') raw(token.content);
      else if (token.type !== 'inline') builder.piece(renderOne(tokens, i));
      else {
        const children = token.children ?? [];
        for (let j = 0; j < children.length; j++) {
          if (children[j].type === 'html_inline') raw(children[j].content);
          else builder.piece(renderOne(children, j));
        }
      }
    }
    return builder.html();
  }

  private get rawHtmlHooks(): RawHtmlHooks {
    return { imageSrc: (src) => this.options.mapHtmlImage(src), idPrefix: this.options.htmlIdPrefix };
  }

  /** Collects `[id]: url` definitions into `env.references` without rendering. */
  collectReferences(text: string, env: RenderEnv): void {
    this.md.parse(text, env);
  }

  private installRenderRules(): void {
    const rules = this.md.renderer.rules;
    const options = this.options;
    rules.hexo_inline_tag = (tokens, idx) => {
      const meta = tokens[idx].meta as { name: string; args: string };
      return options.renderInlineTag(meta.name, meta.args);
    };
    rules.hexo_tag_line = (tokens, idx, mdOptions, env, self) => {
      const meta = tokens[idx].meta as { name: string; args: string; rest: string };
      // The rest of the line is raw HTML in the blog: the same treatment as any inline HTML of the note.
      const inlineHtml = options.html ? rules.html_inline : undefined;
      const restToken = [{ ...tokens[idx], content: meta.rest }] as typeof tokens;
      const rest = !meta.rest ? '' : inlineHtml ? inlineHtml(restToken, 0, mdOptions, env, self) : escapeHtml(meta.rest);
      // The wrapper carries the source line (scroll sync); it is a block where the blog's HTML block is one.
      const line = (tokens[idx].map?.[0] ?? 0) + Number((env as RenderEnv | undefined)?.lineOffset ?? 0);
      return `<div class="mp-hexo-tag" data-offset="${line}">${options.renderInlineTag(meta.name, meta.args)}${rest}</div>\n`;
    };
    rules.image = (tokens, idx, mdOptions, env, self) => {
      const token = tokens[idx];
      const alt = escapeHtml(self.renderInlineAsText(token.children ?? [], mdOptions, env));
      const title = token.attrGet('title');
      return options.renderImage(String(token.attrGet('src') ?? ''), alt, title ? escapeHtml(String(title)) : '');
    };
    rules.heading_open = (tokens, idx, mdOptions, env: RenderEnv | undefined, self) => {
      const token = tokens[idx];
      // hexo-renderer-markdown-it's title: the `content` of the inline children, concatenated.
      const title = (tokens[idx + 1]?.children ?? []).reduce((text, child) => text + child.content, '');
      const id = env?.headingId?.(Number(token.tag.slice(1)), title);
      if (id !== undefined) token.attrSet('id', id);
      return self.renderToken(tokens, idx, mdOptions);
    };
    const offsetOf = (env: RenderEnv | undefined, line: number): number => line + Number(env?.lineOffset ?? 0);
    const defaultFence = rules.fence;
    rules.fence = (tokens, idx, mdOptions, env: RenderEnv | undefined, self) => {
      const token = tokens[idx];
      const info = token.info.trim();
      const language = info.split(/\s+/)[0];
      const custom = options.fenceRenderers?.[language];
      if (custom && Object.prototype.hasOwnProperty.call(options.fenceRenderers, language)) {
        const line = Number(env?.firstLine ?? 0) + (token.map?.[0] ?? 0) + Number(env?.lineOffset ?? 0);
        const html = custom(token.content, info, line, String(env?.noteText ?? ''));
        if (html !== undefined) {
          return `<div class="mp-fence mp-fence-${escapeHtml(language)}" data-offset="${offsetOf(env, token.map?.[0] ?? 0)}">${html}</div>\n`;
        }
      }
      const highlighted = options.highlightFence?.(token.content, token.info);
      if (highlighted !== undefined) return highlighted.replace(/^<(figure|pre)\b/, `<$1 data-offset="${offsetOf(env, token.map?.[0] ?? 0)}"`) + '\n';
      const html = defaultFence ? defaultFence(tokens, idx, mdOptions, env, self) : self.renderToken(tokens, idx, mdOptions);
      // markdown-it puts a fence's attributes on <code>; the line belongs on the top-level <pre>.
      return html.replace(/^<pre><code data-offset="(\d+)"/, '<pre data-offset="$1"><code');
    };
    // Raw HTML that does not go through renderWithRawHtml (renderInline of tag arguments): one token at a time.
    rules.html_block = (tokens, idx) => sanitizeRawHtml(tokens[idx].content, this.rawHtmlHooks);
    rules.html_inline = (tokens, idx) => sanitizeRawHtml(tokens[idx].content, this.rawHtmlHooks);
    rules.excerpt_marker = (_tokens, _idx, _options, env: RenderEnv | undefined) => {
      if (env?.excerpt?.seen) return '';
      if (env?.excerpt) env.excerpt.seen = true;
      return options.renderExcerptMarker();
    };
  }
}
