/**
 * Hexo / Butterfly 5.7 tag plugins, rendered with the theme's structure and class names so that
 * preview.css (and the optional Butterfly look) can style them: note, tabs, hideToggle, hideBlock,
 * hideInline, btn, label, inlineImg, timeline, gallery, asset_img, raw. Any other tag is shown
 * verbatim and marked, never dropped: the author must see that the preview does not know it.
 */
import type { Localize } from '../text';
import { escapeHtml, isSafeCssValue } from './sanitize';

export interface HexoTagContext {
  /** Block markdown (nested tags included); `lineOffset` = line of `text` within the tag block. */
  renderMarkdown(text: string, lineOffset: number): string;
  /** Block markdown with no tag processing (`{% raw %}`). */
  renderMarkdownRaw(text: string, lineOffset: number): string;
  renderInline(text: string): string;
  /** A complete `<img>` (or a marked placeholder) for a markdown-relative src or an asset slug. */
  renderImage(src: string, source: 'markdown' | 'asset', attributes: ImageAttributes): string;
  /** The href to emit for a link target, or undefined when it is not safe. */
  safeHref(url: string): string | undefined;
  t: Localize;
}

export interface ImageAttributes {
  alt?: string;
  title?: string;
  className?: string;
  width?: string;
  height?: string;
  /** A CSS height for inlineImg (validated by the caller's renderImage). */
  cssHeight?: string;
}

/** Hexo's argument split: spaces separate, quotes group. */
export function splitTagArgs(args: string): string[] {
  const result: string[] = [];
  const pattern = /"([^"]*)"|'([^']*)'|(\S+)/g;
  for (let match = pattern.exec(args); match; match = pattern.exec(args)) result.push(match[1] ?? match[2] ?? match[3]);
  return result;
}

/** Butterfly's `args.join(' ').split(',')`, trimmed. */
function commaArgs(args: string): string[] {
  return splitTagArgs(args)
    .join(' ')
    .split(',')
    .map((part) => part.trim());
}

function classList(values: readonly string[]): string {
  return values.filter((value) => /^[\w-]+$/.test(value)).join(' ');
}

/**
 * Butterfly's `generateStyle` (scripts/tag/hide.js): always a style attribute, `background-color: X;`
 * then `color: Y`; a value that is not a plain CSS value is left out (the preview runs no CSS from a note).
 */
function hideStyle(background: string | undefined, color: string | undefined): string {
  let style = '';
  if (background && isSafeCssValue(background)) style += `background-color: ${background};`;
  if (color && isSafeCssValue(color)) style += `color: ${color}`;
  return ` style="${escapeHtml(style)}"`;
}

// ---- block tags ------------------------------------------------------------------------------

interface ParsedBlockTag {
  args: string;
  body: string;
  /** Line of the body's first line within the block. */
  bodyLine: number;
}

function parseBlockTag(name: string, source: string): ParsedBlockTag | undefined {
  const open = new RegExp(`^\\s*\\{%-?\\s*${name}(?![\\w-])\\s*([^\\n]*?)\\s*-?%\\}`).exec(source);
  if (!open) return undefined;
  const endPattern = new RegExp(`\\{%-?\\s*end${name}\\s*-?%\\}`, 'g');
  let last: RegExpExecArray | undefined;
  for (let match = endPattern.exec(source); match; match = endPattern.exec(source)) last = match;
  if (!last) return undefined;
  let body = source.slice(open[0].length, last.index);
  let bodyLine = source.slice(0, open[0].length).split('\n').length - 1;
  if (body.startsWith('\n')) {
    body = body.slice(1);
    bodyLine++;
  }
  return { args: open[1], body, bodyLine };
}

const BLOCK_RENDERERS: Record<string, (tag: ParsedBlockTag, context: HexoTagContext) => string> = {
  note: renderNote,
  subnote: renderNote,
  tabs: renderTabs,
  subtabs: renderTabs,
  subsubtabs: renderTabs,
  hideToggle: renderHideToggle,
  hideBlock: renderHideBlock,
  timeline: renderTimeline,
  gallery: renderGallery,
  raw: (tag, context) => context.renderMarkdownRaw(tag.body, tag.bodyLine),
};

export function isKnownBlockTag(name: string): boolean {
  return Object.prototype.hasOwnProperty.call(BLOCK_RENDERERS, name);
}

/**
 * A whole `{% name … %}…{% endname %}` block; `lineOffset` is the line of `source` within the
 * top-level block (its elements carry `data-offset` relative to that block).
 */
export function renderHexoBlockTag(name: string, source: string, context: HexoTagContext, lineOffset = 0): string {
  const tag = isKnownBlockTag(name) ? parseBlockTag(name, source) : undefined;
  if (!tag) return renderUnknownBlock(name, source, context, lineOffset);
  tag.bodyLine += lineOffset;
  return `<div class="mp-hexo-tag mp-hexo-${escapeHtml(name)}" data-offset="${lineOffset}">${BLOCK_RENDERERS[name](tag, context)}</div>\n`;
}

function renderUnknownBlock(name: string, source: string, context: HexoTagContext, lineOffset: number): string {
  const label = escapeHtml(context.t('Hexo tag "{0}" is not previewed; shown as written.', name));
  return `<div class="mp-hexo-unknown" data-offset="${lineOffset}" data-tag="${escapeHtml(name)}"><div class="mp-hexo-unknown-label">${label}</div><pre>${escapeHtml(source)}</pre></div>\n`;
}

function renderNote(tag: ParsedBlockTag, context: HexoTagContext): string {
  const args = splitTagArgs(tag.args);
  const styles = ['simple', 'modern', 'flat', 'disabled'];
  const classes = args.filter((arg) => !arg.includes(' ') && !arg.startsWith('fa'));
  if (!classes.some((value) => styles.includes(value))) classes.push('flat');
  const icon = args.find((arg) => /\bfa[srlbd]?\b|fa-/.test(arg));
  const iconHtml = icon ? `<i class="note-icon ${classList(icon.split(/\s+/))}"></i>` : '';
  return `<div class="note ${classList(classes)}${icon ? ' icon-padding' : ''}">${iconHtml}${context.renderMarkdown(tag.body, tag.bodyLine)}</div>`;
}

interface Section {
  title: string;
  body: string;
  line: number;
}

/** `<!-- name title -->…<!-- endname -->` sections of a tabs/timeline body. */
function sections(tag: ParsedBlockTag, name: string): Section[] {
  const result: Section[] = [];
  const pattern = new RegExp(`<!--\\s*${name}\\b([^\\n]*?)-->([\\s\\S]*?)<!--\\s*end${name}\\s*-->`, 'g');
  for (let match = pattern.exec(tag.body); match; match = pattern.exec(tag.body)) {
    let body = match[2];
    let line = tag.bodyLine + tag.body.slice(0, match.index + match[0].indexOf('-->') + 3).split('\n').length - 1;
    if (body.startsWith('\n')) {
      body = body.slice(1);
      line++;
    }
    result.push({ title: match[1].trim(), body, line });
  }
  return result;
}

/** Butterfly 5.7 scripts/tag/tabs.js: the active tab is 1-based, 0 (or none) means the first. */
function renderTabs(tag: ParsedBlockTag, context: HexoTagContext): string {
  const args = splitTagArgs(tag.args).join(' ').split(',');
  const name = args[0] || 'tab';
  const active = Number(args[1]) || 0;
  let noDefault = true;
  let buttons = '';
  let contents = '';
  sections(tag, 'tab').forEach((tab, index) => {
    const [caption = '', icon = ''] = tab.title.split('@');
    const id = index + 1;
    const isActive = (active > 0 && active === id) || (active === 0 && id === 1) ? ' active' : '';
    if (isActive) noDefault = false;
    const label = caption || icon ? caption : `${name} ${id}`;
    const iconHtml = icon ? `<i class="${classList(icon.trim().split(/\s+/))}"></i>` : '';
    buttons += `<button type="button" class="tab${isActive}">${iconHtml}${context.renderInline(label.trim())}</button>`;
    contents += `<div class="tab-item-content${isActive}">${context.renderMarkdown(tab.body, tab.line)}</div>`;
  });
  const toTop = '<div class="tab-to-top"><button type="button" aria-label="scroll to top"><i class="fas fa-arrow-up"></i></button></div>';
  return `<div class="tabs"><div class="nav-tabs${noDefault ? ' no-default' : ''}">${buttons}</div><div class="tab-contents">${contents}</div>${toTop}</div>`;
}

/** Butterfly 5.7 scripts/tag/hide.js `hideToggle` (a missing title prints as "undefined" there too). */
function renderHideToggle(tag: ParsedBlockTag, context: HexoTagContext): string {
  const [display = 'undefined', background, color] = commaArgs(tag.args);
  const border = background && isSafeCssValue(background) ? ` style="${escapeHtml(`border: 1px solid ${background}`)}"` : '';
  return `<details class="toggle"${border}><summary class="toggle-button"${hideStyle(background, color)}>${context.renderInline(display)}</summary><div class="toggle-content">${context.renderMarkdown(tag.body, tag.bodyLine)}</div></details>`;
}

function renderHideBlock(tag: ParsedBlockTag, context: HexoTagContext): string {
  const [display = 'Click', background, color] = commaArgs(tag.args);
  return `<div class="hide-block"><button type="button" class="hide-button"${hideStyle(background, color)}>${context.renderInline(display)}</button><div class="hide-content">${context.renderMarkdown(tag.body, tag.bodyLine)}</div></div>`;
}

function renderTimeline(tag: ParsedBlockTag, context: HexoTagContext): string {
  const [title, color] = commaArgs(tag.args);
  const headline = title
    ? `<div class="timeline-item headline"><div class="timeline-item-title"><div class="item-circle"><p>${context.renderInline(title)}</p></div></div></div>`
    : '';
  const items = sections(tag, 'timeline')
    .map(
      (item) =>
        `<div class="timeline-item"><div class="timeline-item-title"><div class="item-circle"><p>${context.renderInline(item.title)}</p></div></div><div class="timeline-item-content">${context.renderMarkdown(item.body, item.line)}</div></div>`,
    )
    .join('');
  return `<div class="timeline ${classList([color ?? ''])}">${headline}${items}</div>`;
}

function renderGallery(tag: ParsedBlockTag, context: HexoTagContext): string {
  const [first] = commaArgs(tag.args);
  if (first === 'url') {
    const label = escapeHtml(context.t('Gallery loaded from a URL at run time; not shown in the preview.'));
    return `<div class="gallery-container mp-hexo-placeholder">${label}</div>`;
  }
  const images: string[] = [];
  const pattern = /!\[([^\]]*)\]\(\s*<?([^)\s>]+)>?(?:\s+"([^"]*)")?\s*\)/g;
  for (let match = pattern.exec(tag.body); match; match = pattern.exec(tag.body)) {
    images.push(`<div class="gallery-item">${context.renderImage(match[2], 'markdown', { alt: match[1], title: match[3] })}</div>`);
  }
  return `<div class="gallery-container"><div class="gallery-items">${images.join('')}</div></div>`;
}

// ---- inline tags -----------------------------------------------------------------------------

const INLINE_RENDERERS: Record<string, (args: string, context: HexoTagContext) => string> = {
  label: (args, context) => {
    const [text, color] = splitTagArgsKeepingText(args);
    return `<mark class="hl-label ${classList([color || 'default'])}">${context.renderInline(text)}</mark>`;
  },
  btn: renderButton,
  inlineImg: (args, context) => {
    const [src, height] = splitTagArgs(args);
    return context.renderImage(src ?? '', 'markdown', { className: 'inline-img', cssHeight: height });
  },
  hideInline: (args, context) => {
    const [content = '', display = 'Click', background, color] = commaArgs(args);
    return `<span class="hide-inline"><button type="button" class="hide-button"${hideStyle(background, color)}>${context.renderInline(display)}</button><span class="hide-content">${context.renderInline(content)}</span></span>`;
  },
  asset_img: renderAssetImage,
  img: renderAssetImage,
};

/** `{% label text color %}`: the last word is the color only when it is one of Butterfly's. */
function splitTagArgsKeepingText(args: string): [string, string | undefined] {
  const words = splitTagArgs(args);
  const colors = ['default', 'blue', 'pink', 'red', 'purple', 'orange', 'green'];
  if (words.length > 1 && colors.includes(words[words.length - 1])) return [words.slice(0, -1).join(' '), words[words.length - 1]];
  return [words.join(' '), undefined];
}

/** Butterfly 5.7 scripts/tag/button.js: text and options escaped as written (no markdown). */
function renderButton(args: string, context: HexoTagContext): string {
  const [url = '', text = '', icon = '', option = ''] = commaArgs(args);
  const href = context.safeHref(url);
  const iconHtml = icon ? `<i class="${escapeHtml(icon)}"></i>` : '';
  const body = `${iconHtml}${text ? `<span>${escapeHtml(text)}</span>` : ''}`;
  const hrefAttribute = href !== undefined ? ` href="${escapeHtml(href)}"` : '';
  return `<a class="btn-beautify ${escapeHtml(option)}"${hrefAttribute} title="${escapeHtml(text)}">${body}</a>`;
}

/**
 * `{% asset_img [class…] slug [width [height]] [title [alt]] %}` with Hexo 8's img tag grammar
 * (hexo/dist/plugins/tag/img.js): width and height are digits only, and title / alt are read from
 * the rest joined with spaces by its quote patterns (so a plain `A diagram` is a title without alt).
 */
function renderAssetImage(args: string, context: HexoTagContext): string {
  const words = splitTagArgs(args);
  const slugIndex = words.findIndex((word) => /[./]/.test(word));
  if (slugIndex === -1) return renderUnknownInline('asset_img', args, context);
  const rest = words.slice(slugIndex + 1);
  let width: string | undefined;
  let height: string | undefined;
  if (rest.length && /^\d+$/.test(rest[0])) {
    width = rest.shift();
    if (rest.length && /^\d+$/.test(rest[0])) height = rest.shift();
  }
  let title: string | undefined;
  let alt: string | undefined;
  if (rest.length) {
    const meta = rest.join(' ');
    const double = /"?([^"]+)?"?/.source;
    const single = /'?([^']+)?'?/.source;
    const match = new RegExp(`${meta.startsWith('"') ? double : single}\\s*${meta.endsWith('"') ? double : single}`).exec(meta);
    title = match?.[1];
    alt = match?.[2];
  }
  return context.renderImage(words[slugIndex], 'asset', { className: words.slice(0, slugIndex).join(' ') || undefined, width, height, title, alt });
}

export function renderHexoInlineTag(name: string, args: string, context: HexoTagContext): string {
  const renderer = Object.prototype.hasOwnProperty.call(INLINE_RENDERERS, name) ? INLINE_RENDERERS[name] : undefined;
  return renderer ? renderer(args, context) : renderUnknownInline(name, args, context);
}

function renderUnknownInline(name: string, args: string, context: HexoTagContext): string {
  const title = escapeHtml(context.t('Hexo tag "{0}" is not previewed; shown as written.', name));
  return `<code class="mp-hexo-unknown" title="${title}">${escapeHtml(`{% ${name}${args ? ' ' + args : ''} %}`)}</code>`;
}
