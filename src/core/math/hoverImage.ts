/**
 * The rendered formula for the editor's hover (issue #11). VS Code's hover renders Markdown with images but
 * drops HTML and CSS, so the formula becomes an image: the preview's KaTeX HTML inside an SVG
 * `<foreignObject>`, with the KaTeX rules it uses and the KaTeX fonts it uses embedded, as a
 * `data:image/svg+xml` URI. Why this way:
 * - the engine stays KaTeX with the preview's options and macros (no second renderer such as MathJax's SVG);
 * - an image cannot load anything, so the fonts must be inside it, and hover Markdown is cut at 100,000
 *   characters: whole font files (7–85 KB each as base64) would not fit a formula using three or four of them.
 *   Each font is therefore subset to the characters of the formula (fontSubset.ts), 2–8 KB each;
 * - VS Code's hover sanitizer allows `data:` for images (`allowedMediaProtocols` in its markdownRenderer) and
 *   passes data: URIs through unchanged (`massageHref`), so no file has to be written.
 * The image is sized from KaTeX's own box metrics: height and depth of the formula, widths of its glyphs
 * from KaTeX's font metrics plus its explicit kerns and spaces (see `estimateWidth`).
 */
import type { FontFace, KatexStylesheet } from './katexCss';
import { classesIn, rulesAndFacesFor } from './katexCss';
import type { TrueTypeFont } from './fontSubset';
import { base64Encode } from '../render/exportImages';

/** KaTeX's stylesheet and its fonts, read once by the caller (the extension's dist/katex). */
export interface KatexAssets {
  stylesheet: KatexStylesheet;
  /** The TrueType font of a face (`KaTeX_Main-Regular`), or undefined when it cannot be read. */
  font(file: string): TrueTypeFont | undefined;
}

/** A node of KaTeX's build tree (`katex.__renderToDomTree`), as far as sizing needs it. */
export interface KatexBox {
  classes?: string[];
  children?: KatexBox[];
  style?: Record<string, string | undefined>;
  text?: string;
  width?: number;
  italic?: number;
  height?: number;
  depth?: number;
}

export interface HoverImage {
  uri: string;
  svg: string;
  width: number;
  height: number;
  /** Faces embedded, by file name. */
  fonts: string[];
}

/** Pixels per CSS em of the hover text; KaTeX's `.katex` then scales by its own 1.21. */
export const HOVER_FONT_SIZE_PX = 16;
const KATEX_SCALE = 1.21;
const PADDING_PX = 4;
/** KaTeX's \sizeN multipliers (Options.ts `sizeMultipliers`), for `reset-sizeA sizeB` spans. */
const SIZE_MULTIPLIERS = [0.5, 0.6, 0.7, 0.8, 0.9, 1, 1.2, 1.44, 1.728, 2.074, 2.488];
const HEX_COLOR = /^#[0-9a-fA-F]{3,8}$/;
/**
 * The width estimate against Chromium's own layout of the same HTML, over formulas of these notes (KL, PPO clip,
 * aligned, pmatrix, cases, \overbrace, \sqrt[3]): 0.81–1.07 of the real width (widths set by KaTeX's CSS classes,
 * e.g. `.nulldelimiter`, and stacked delimiters are not counted). A clipped formula is worse than blank space on
 * its right, so the image is 15% plus half an em wider than the estimate.
 */
const WIDTH_SLACK = 1.15;

/**
 * The SVG image of KaTeX HTML (`katexHtml` is renderToString's output; `root` its build tree) in `color`.
 * Everything user-controlled in the result is KaTeX's escaped markup; the color must be a hex color.
 */
export function hoverImage(katexHtml: string, root: KatexBox, color: string, assets: KatexAssets): HoverImage {
  const html = withoutMathml(katexHtml);
  const { css, faces } = rulesAndFacesFor(assets.stylesheet, classesIn(html));
  const characters = new Set<number>([0x20, 0xa0]);
  for (const char of textOf(html)) characters.add(char.codePointAt(0)!);
  const embedded: string[] = [];
  const fontFaces = faces
    .map((face) => {
      const font = assets.font(face.file);
      if (!font) return '';
      embedded.push(face.file);
      return fontFaceRule(face, base64Encode(font.subset(characters)));
    })
    .join('');
  const em = HOVER_FONT_SIZE_PX * KATEX_SCALE;
  const box = htmlBox(root);
  const width = Math.ceil((estimateWidth(box, 1) * WIDTH_SLACK + 0.5) * em + 2 * PADDING_PX);
  const height = Math.ceil(((box.height ?? 0) + (box.depth ?? 0)) * em + 2 * PADDING_PX + 2);
  const fill = HEX_COLOR.test(color) ? color : '#808080';
  const page =
    '.mp-hover{margin:0;padding:' +
    PADDING_PX +
    'px;font-size:' +
    HOVER_FONT_SIZE_PX +
    'px;line-height:1.2;white-space:nowrap}.mp-hover .katex-display{margin:0;text-align:left}.mp-hover .katex-display>.katex{text-align:left}';
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">` +
    `<style><![CDATA[${fontFaces}${css}${page}]]></style>` +
    `<foreignObject x="0" y="0" width="${width}" height="${height}">` +
    `<div xmlns="http://www.w3.org/1999/xhtml" class="mp-hover" style="color:${fill}">${html}</div>` +
    '</foreignObject></svg>';
  return { uri: svgDataUri(svg), svg, width, height, fonts: embedded };
}

/** KaTeX's HTML without the MathML copy (hidden in the preview by CSS; useless in an image). */
export function withoutMathml(katexHtml: string): string {
  const start = katexHtml.indexOf('<span class="katex-mathml">');
  if (start === -1) return katexHtml;
  const mathEnd = katexHtml.indexOf('</math>', start);
  const end = mathEnd === -1 ? -1 : katexHtml.indexOf('</span>', mathEnd);
  return end === -1 ? katexHtml : katexHtml.slice(0, start) + katexHtml.slice(end + '</span>'.length);
}

/** The `katex-html` part of the tree (its height and depth are the formula's). */
function htmlBox(root: KatexBox): KatexBox {
  const stack = [root];
  while (stack.length > 0) {
    const node = stack.shift()!;
    if (node.classes?.includes('katex-html')) return node;
    stack.push(...(node.children ?? []));
  }
  return root;
}

const EM = (value: string | undefined): number => {
  const match = /^(-?[\d.]+)em$/.exec(value ?? '');
  return match ? Number(match[1]) : 0;
};

/**
 * The formula's width in ems of its base size: glyph widths (KaTeX's font metrics, with italic correction),
 * plus margins, paddings and explicit widths; stacked rows (`vlist`: fractions, scripts, matrix columns)
 * count their widest row; `sizing` spans scale their content. Characters KaTeX has no metrics for (CJK text)
 * count as one em each. An estimate: see WIDTH_SLACK.
 */
export function estimateWidth(node: KatexBox, scale: number): number {
  const classes = node.classes ?? [];
  let inner = scale;
  const reset = classes.find((name) => name.startsWith('reset-size'));
  const size = classes.find((name) => /^size\d+$/.test(name));
  if (reset && size) inner = (scale * SIZE_MULTIPLIERS[Number(size.slice(4)) - 1]) / SIZE_MULTIPLIERS[Number(reset.slice(10)) - 1];
  let content: number;
  if (node.text !== undefined && !node.children) {
    const metric = (node.width ?? 0) + (node.italic ?? 0);
    content = metric > 0 ? metric : [...node.text].filter((char) => char !== '\u200b').length * (/[\u2e80-\uffff]/.test(node.text) ? 1 : 0.5);
    content *= scale;
  } else {
    const widths = (node.children ?? []).map((child) => estimateWidth(child, inner));
    content = classes.includes('vlist') || classes.includes('vlist-t') ? Math.max(0, ...widths) : widths.reduce((sum, width) => sum + width, 0);
  }
  const style = node.style ?? {};
  content = Math.max(content, EM(style.minWidth) * scale, EM(style.width) * scale);
  return content + (EM(style.marginLeft) + EM(style.marginRight) + EM(style.paddingLeft) + EM(style.paddingRight)) * scale;
}

function fontFaceRule(face: FontFace, data: string): string {
  return `@font-face{font-family:${face.family};font-style:${face.style};font-weight:${face.weight};src:url(data:font/ttf;base64,${data}) format("truetype")}`;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** The text of KaTeX markup (tags removed, its few entities decoded). */
function textOf(html: string): string {
  return html
    .replace(/<svg[\s\S]*?<\/svg>/g, '')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (whole, name: string) =>
      name.startsWith('#x')
        ? String.fromCodePoint(parseInt(name.slice(2), 16))
        : name.startsWith('#')
          ? String.fromCodePoint(Number(name.slice(1)))
          : (ENTITIES[name] ?? whole),
    );
}

/**
 * Percent-encodes only what a data: URI inside a Markdown image link cannot hold as is (spaces, parentheses,
 * `<>"#%&\` and non-ASCII: `&` because Markdown decodes entities in link destinations). The base64 fonts,
 * most of the image, stay unencoded, so the URI is about as long as the SVG rather than 4/3 of it.
 */
export function svgDataUri(svg: string): string {
  const parts = ['data:image/svg+xml,'];
  let from = 0;
  // The embedded fonts (most of the image) are base64, which needs no encoding: copy them as they are.
  for (let at = svg.indexOf(';base64,'); at !== -1; at = svg.indexOf(';base64,', from)) {
    let end = at + ';base64,'.length;
    while (end < svg.length && BASE64_CHAR[svg.charCodeAt(end)]) end++;
    encodeForUri(svg.slice(from, at), parts);
    parts.push(svg.slice(at, end));
    from = end;
  }
  encodeForUri(svg.slice(from), parts);
  return parts.join('');
}

const BASE64_CHAR = Uint8Array.from({ length: 128 }, (_, code) => Number(/[A-Za-z0-9+/=]/.test(String.fromCharCode(code))));
const URI_SAFE = /[A-Za-z0-9\-._~!$'*+,;=:@/?]/;
const ASCII_ENCODED = Array.from({ length: 128 }, (_, code) => {
  const char = String.fromCharCode(code);
  return URI_SAFE.test(char) ? '' : `%${code.toString(16).toUpperCase().padStart(2, '0')}`;
});

/**
 * Appends `text` percent-encoded to `parts`: runs of safe characters as slices, the others from a table (a regex
 * replace with a callback per character, then per run, was most of the image's cost).
 */
function encodeForUri(text: string, parts: string[]): void {
  let runStart = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const encoded = code < 128 ? ASCII_ENCODED[code] : undefined;
    if (encoded === '') continue;
    if (i > runStart) parts.push(text.slice(runStart, i));
    if (encoded !== undefined) {
      parts.push(encoded);
      runStart = i + 1;
      continue;
    }
    const point = text.codePointAt(i)!;
    // A lone surrogate (invalid UTF-16) becomes U+FFFD instead of throwing.
    parts.push(encodeURIComponent(point >= 0xd800 && point <= 0xdfff ? '\ufffd' : String.fromCodePoint(point)));
    if (point > 0xffff) i++;
    runStart = i + 1;
  }
  if (runStart < text.length) parts.push(text.slice(runStart));
}
