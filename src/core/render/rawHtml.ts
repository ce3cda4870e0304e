/**
 * Raw HTML in a note, as the blog has it (hexo-renderer-markdown-it renders it, `markdown.render.html`
 * is true by default) but through sanitize-html: the tags and attributes posts use, `style` limited to
 * harmless properties with checked values, links and images under the URL policy of sanitize.ts.
 * The same code serves the preview, the export and the CLI.
 *
 * markdown-it gives raw HTML as separate tokens (`<u>`, then markdown text, then `</u>`), and a
 * sanitizer that sees one token at a time would close `<u>` at once. So a block's tokens are rendered
 * into one string where the raw HTML stays as written and every piece Mathpost rendered itself
 * (paragraphs, math, links …) is an opaque marker; sanitize-html parses that string as the browser
 * would, and its text filter puts the pieces back — only where text may stand, never in an attribute.
 */
import { sanitizeHtmlLibrary } from '../libraries';
import type SanitizeHtml from 'sanitize-html';
import { isSafeLinkUrl } from './sanitize';

/** Setting `mathpost.preview.allowHtml`: follow the blog's `markdown.render.html`, or force on/off. */
export type HtmlSetting = 'blog' | 'on' | 'off';

/** The setting's value as stored; the former boolean values keep working (true → on, false → off). */
export function htmlSetting(value: unknown): HtmlSetting {
  if (value === true || value === 'on') return 'on';
  if (value === false || value === 'off') return 'off';
  return 'blog';
}

export interface RawHtmlHooks {
  /** Maps an `<img src>` to what the viewer can load, or undefined to drop the attribute. */
  imageSrc(src: string): string | undefined;
  /** Put before `id` values ('user-' in the preview, so a note cannot take the id of the webview's elements). */
  idPrefix: string;
}

const FORMATTING_TAGS = [
  'a',
  'abbr',
  'b',
  'bdi',
  'bdo',
  'big',
  'blockquote',
  'br',
  'center',
  'cite',
  'code',
  'dd',
  'del',
  'details',
  'dfn',
  'div',
  'dl',
  'dt',
  'em',
  'figcaption',
  'figure',
  'font',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'hr',
  'i',
  'img',
  'ins',
  'kbd',
  'li',
  'mark',
  'ol',
  'p',
  'pre',
  'q',
  'rp',
  'rt',
  'ruby',
  's',
  'samp',
  'section',
  'small',
  'span',
  'strike',
  'strong',
  'sub',
  'summary',
  'sup',
  'time',
  'tt',
  'u',
  'ul',
  'var',
  'wbr',
];
const TABLE_TAGS = ['table', 'caption', 'colgroup', 'col', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td'];

/** Not shown by the blog as text either, or text that is code: dropped with their content. */
const DROPPED_WITH_CONTENT = [
  'script',
  'style',
  'textarea',
  'option',
  'select',
  'xmp',
  'noscript',
  'noembed',
  'noframes',
  'template',
  'iframe',
  'object',
  'embed',
  'svg',
  'math',
  'title',
];

/**
 * A CSS value that cannot load or run anything: words, numbers, units, `#` colors, commas, slashes
 * and functions such as rgb()/calc() — but no url(), image functions, expression(), var()/attr()
 * (which could smuggle one in), escapes, quotes or comments.
 */
const SAFE_CSS_VALUE = /^(?![\s\S]*\b(?:url|image|image-set|cross-fade|element|expression|var|attr|env|paint|src)\s*\()[#\w\s.,%()+\-/!]{0,200}$/i;
const STYLE_PROPERTIES = [
  'zoom',
  'width',
  'height',
  'max-width',
  'text-align',
  'color',
  'background-color',
  'font-size',
  'margin',
  'margin-top',
  'margin-right',
  'margin-bottom',
  'margin-left',
  'padding',
  'padding-top',
  'padding-right',
  'padding-bottom',
  'padding-left',
  'border',
  'display',
  'float',
];

function policy(hooks: RawHtmlHooks, textFilter: (text: string) => string): SanitizeHtml.IOptions {
  const cell = ['align', 'valign', 'colspan', 'rowspan', 'width', 'height'];
  return {
    allowedTags: [...FORMATTING_TAGS, ...TABLE_TAGS],
    allowedAttributes: {
      '*': ['class', 'id', 'title', 'lang', 'dir', 'align', 'style'],
      a: ['href', 'name'],
      img: ['src', 'alt', 'width', 'height'],
      font: ['color', 'size', 'face'],
      ol: ['start', 'type', 'reversed'],
      li: ['value'],
      details: ['open'],
      table: ['border', 'cellpadding', 'cellspacing', 'width'],
      col: ['span', 'width'],
      colgroup: ['span', 'width'],
      td: cell,
      th: [...cell, 'scope'],
      time: ['datetime'],
    },
    allowedStyles: { '*': Object.fromEntries(STYLE_PROPERTIES.map((property) => [property, [SAFE_CSS_VALUE]])) },
    // Defence in depth behind the transform below, which applies the URL policy of sanitize.ts first.
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesByTag: { img: ['https', 'data', 'file'] },
    allowProtocolRelative: true,
    disallowedTagsMode: 'discard',
    nonTextTags: DROPPED_WITH_CONTENT,
    transformTags: {
      '*': (tagName, attribs) => {
        const kept = { ...attribs };
        if (kept.id !== undefined) kept.id = hooks.idPrefix + kept.id;
        if (tagName === 'a' && kept.href !== undefined && !isSafeLinkUrl(kept.href)) delete kept.href;
        if (tagName === 'img' && kept.src !== undefined) {
          const mapped = hooks.imageSrc(kept.src);
          if (mapped === undefined) delete kept.src;
          else kept.src = mapped;
        }
        return { tagName, attribs: kept };
      },
    },
    textFilter,
  };
}

/** Private-use characters around the index of a piece: they cannot come from the note (see `neutralize`). */
const PIECE_OPEN = '\uE000';
const PIECE_CLOSE = '\uE001';
const PIECE = /\uE000(\d+)\uE001/g;
const PIECE_CHARACTERS = /[\uE000\uE001]/g;

/**
 * One block's output: raw HTML as written (`raw`) and Mathpost's own HTML (`piece`), in document
 * order. `html()` sanitizes the raw HTML in context and returns the block's HTML.
 */
export class RawHtmlBuilder {
  private source = '';
  private readonly pieces: string[] = [];

  constructor(private readonly hooks: RawHtmlHooks) {}

  raw(html: string): void {
    this.source += html.replace(PIECE_CHARACTERS, '\uFFFD');
  }

  piece(html: string): void {
    if (html === '') return;
    this.source += PIECE_OPEN + this.pieces.length + PIECE_CLOSE;
    this.pieces.push(html);
  }

  html(): string {
    // Quotes escaped in text too: the preview relies on ` style="` only ever starting an attribute (htmlShell.ts).
    const restore = (text: string): string => text.replace(/"/g, '&quot;').replace(PIECE, (_, index: string) => this.pieces[Number(index)] ?? '');
    // A marker that ended up in an attribute value (an unclosed quote in the note) stays inert text there.
    return sanitizeHtmlLibrary()(this.source, policy(this.hooks, restore)).replace(PIECE_CHARACTERS, '');
  }
}

/** Sanitizes one complete piece of raw HTML (no Mathpost pieces inside). */
export function sanitizeRawHtml(html: string, hooks: RawHtmlHooks): string {
  const builder = new RawHtmlBuilder(hooks);
  builder.raw(html);
  return builder.html();
}
