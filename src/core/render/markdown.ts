/**
 * The markdown-it instance of one renderer: the blog's markdown options, the math plugin, Hexo
 * inline tags, `data-offset` line numbers relative to the block, safe links and images, and the
 * fence hook (`fenceRenderers`, e.g. the lead's `kl` cards).
 */
import { markdownItLibrary } from '../libraries';
import type MarkdownItModule from 'markdown-it';
import type { MathSyntax } from '../math/delimiters';
import { type MarkdownIt, mathPlugin } from '../math/mathPlugin';
import { escapeHtml, isSafeLinkOrImageUrl, sanitizeHtml } from './sanitize';

/** Renders a fenced block of one language; undefined falls back to a normal code block. */
/** `noteText` is the whole note: a `kl` card needs the names defined in earlier blocks. */
export type FenceRenderer = (content: string, info: string, startLine: number, noteText: string) => string | undefined;

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
}

const INLINE_TAG = /^\{%-?\s*([A-Za-z_][\w-]*)\s*([^\n]*?)\s*-?%\}/;

export class MarkdownEngine {
  readonly md: MarkdownIt;

  constructor(private readonly options: MarkdownEngineOptions) {
    const md = markdownItLibrary()({ html: options.html, linkify: options.linkify, typographer: options.typographer, breaks: options.breaks });
    md.validateLink = isSafeLinkOrImageUrl;
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
      md.block.ruler.before('html_block', 'hexo_tag_line', (state, startLine, _endLine, silent) => {
        const start = state.bMarks[startLine] + state.tShift[startLine];
        if (state.sCount[startLine] - state.blkIndent >= 4 || state.src.charCodeAt(start) !== 0x7b /* { */ || state.src.charCodeAt(start + 1) !== 0x25 /* % */) return false;
        const line = state.src.slice(start, state.eMarks[startLine]);
        const match = INLINE_TAG.exec(line);
        if (!match || match[1].startsWith('end')) return false;
        if (silent) return true;
        const token = state.push('hexo_tag_line', '', 0);
        token.map = [startLine, startLine + 1];
        token.meta = { name: match[1], args: match[2], rest: line.slice(match[0].length) };
        state.line = startLine + 1;
        return true;
      }, { alt: ['paragraph', 'reference', 'blockquote'] });
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
    return this.md.render(text, env);
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
    if (this.options.html) {
      const hooks = { imageSrc: (src: string) => options.mapHtmlImage(src) };
      rules.html_block = (tokens, idx) => sanitizeHtml(tokens[idx].content, hooks);
      rules.html_inline = (tokens, idx) => sanitizeHtml(tokens[idx].content, hooks);
    }
  }
}
