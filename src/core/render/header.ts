/**
 * The header card of the preview: what Butterfly shows above a post (title, dates, tags,
 * categories, description, banner), computed as Hexo and the theme compute it.
 */
import type { Localize } from '../text';
import type { FrontMatterData } from './frontMatterData';
import { hexoDate, type HexoDate } from './hexoDate';
import { butterflyImageKind } from '../blog/images';
import { type ResourceContext, resolveCoverImage } from './resources';
import { classifyImageSource, escapeHtml, isSafeCssValue } from './sanitize';

export type Banner =
  { kind: 'image'; src: string; path?: string; missing?: boolean } | { kind: 'color'; css: string } | { kind: 'blocked'; reason: string; value: string };

export interface HeaderCard {
  title: string;
  date?: HexoDate;
  updated?: HexoDate;
  tags: string[];
  /** Each entry is one hierarchy, parent first (Hexo's `categories` rules). */
  categories: string[][];
  description?: string;
  /** `top_img` → `cover` (post) as Butterfly picks the banner; undefined when none or `false`. */
  banner?: Banner;
  /** Which key the banner came from. */
  bannerKey?: 'top_img' | 'cover';
}

export interface HeaderContext extends ResourceContext {
  t: Localize;
  allowRemoteImages: boolean;
  /** Maps an absolute file path to a URI the viewer can load. */
  resourceUri(path: string): string;
}

function asText(value: unknown): string | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  if (Array.isArray(value)) return value.map(String).join(',');
  return String(value);
}

/** Hexo tags: a scalar is one tag; null and '' entries are dropped, the rest stringified. */
export function hexoTags(value: unknown): string[] {
  if (value === null || value === undefined) return [];
  const list = Array.isArray(value) ? value : [value];
  return list.filter((item) => item !== null && item !== '').map(String);
}

/** Hexo categories: a flat list is one hierarchy; as soon as one item is a list, every item is its own. */
export function hexoCategories(value: unknown): string[][] {
  if (value === null || value === undefined || value === '') return [];
  if (!Array.isArray(value)) return [[String(value)]];
  const clean = (items: unknown[]): string[] => items.filter((item) => item !== null && item !== '').map(String);
  if (value.some(Array.isArray)) return value.map((item) => clean(Array.isArray(item) ? item : [item])).filter((h) => h.length > 0);
  const hierarchy = clean(value);
  return hierarchy.length ? [hierarchy] : [];
}

/** Butterfly getBgPath: colors, image paths/URLs, or any other CSS background value. */
export function resolveBanner(value: unknown, context: HeaderContext, key = 'top_img'): Banner | undefined {
  if (value === false || value === null || value === undefined || value === '') return undefined;
  const text = String(value).trim();
  // Butterfly's rule (core/blog/images.ts): a colour, an image, or else a CSS `background` (so
  // `url(http://x/a.png)` is CSS, not a path).
  // A CSS `url(…)` (which getBgPath would even wrap in a second url()) is never loaded by the preview.
  if (butterflyImageKind(key, text) !== 'image' || /\burl\s*\(/i.test(text)) {
    if (isSafeCssValue(text)) return { kind: 'color', css: text };
    const reason = /\burl\s*\(/i.test(text)
      ? context.t('a CSS background with url(): the preview does not load it')
      : context.t('not a plain CSS color or gradient');
    return { kind: 'blocked', reason, value: text };
  }
  const source = classifyImageSource(text);
  switch (source.kind) {
    case 'remote':
      return context.allowRemoteImages
        ? { kind: 'image', src: source.url }
        : { kind: 'blocked', reason: context.t('remote images are blocked by the setting mathpost.preview.allowRemoteImages'), value: text };
    case 'data':
      return { kind: 'image', src: source.url };
    case 'insecure':
      return { kind: 'blocked', reason: context.t('http images are not loaded; use https'), value: text };
    case 'unsafe':
      return { kind: 'blocked', reason: context.t('not an image URL'), value: text };
    case 'local': {
      const resolved = resolveCoverImage(source.path, context);
      if (!resolved) return { kind: 'blocked', reason: context.t('the note is not in a folder Mathpost can read'), value: text };
      return { kind: 'image', src: context.resourceUri(resolved.path), path: resolved.path, missing: !resolved.exists || undefined };
    }
  }
}

export function headerCard(frontMatter: FrontMatterData, context: HeaderContext): HeaderCard | undefined {
  const values = frontMatter.values;
  if (!values) return undefined;
  const get = (key: string): unknown => values[key]?.value;
  const timezone = context.blog?.timezone ?? '';
  const date = (key: string): HexoDate | undefined => (values[key] ? hexoDate(values[key].value, values[key].plain, timezone, context.t) : undefined);
  const topImg = get('top_img');
  const cover = get('cover');
  const bannerKey =
    topImg === false
      ? undefined
      : topImg !== undefined && topImg !== null && topImg !== ''
        ? 'top_img'
        : cover !== undefined && cover !== null && cover !== '' && cover !== false
          ? 'cover'
          : undefined;
  const card: HeaderCard = {
    title: asText(get('title')) ?? '',
    date: date('date'),
    updated: date('updated'),
    tags: hexoTags(get('tags') ?? get('tag')),
    categories: hexoCategories(get('categories') ?? get('category')),
    description: asText(get('description')),
  };
  if (bannerKey) {
    card.bannerKey = bannerKey;
    card.banner = resolveBanner(bannerKey === 'top_img' ? topImg : cover, context, bannerKey);
  }
  return card;
}

function dateHtml(label: string, date: HexoDate | undefined, context: HeaderContext): string {
  if (!date) return '';
  const text = date.text || context.t('file time');
  const zone = date.timezone ? ` <span class="mp-header-zone">${escapeHtml(date.timezone)}</span>` : '';
  const note = date.note ? ` title="${escapeHtml(date.note)}"` : '';
  const warn = date.note ? ' mp-header-date-note' : '';
  return `<span class="mp-header-date${warn}"${note}><span class="mp-header-label">${escapeHtml(label)}</span> <time>${escapeHtml(text)}</time>${zone}</span>`;
}

function bannerHtml(card: HeaderCard, context: HeaderContext): string {
  const banner = card.banner;
  if (!banner) return '';
  const key = escapeHtml(card.bannerKey ?? '');
  switch (banner.kind) {
    case 'image': {
      const missing = banner.missing
        ? `<span class="mp-missing">${escapeHtml(context.t('{0} not found: {1}', card.bannerKey ?? '', banner.path ?? ''))}</span>`
        : '';
      return `<div class="mp-header-banner" data-key="${key}"><img src="${escapeHtml(banner.src)}" alt="">${missing}</div>`;
    }
    case 'color':
      return `<div class="mp-header-banner mp-header-banner-color" data-key="${key}" style="background: ${escapeHtml(banner.css)}"></div>`;
    case 'blocked':
      return `<div class="mp-header-banner mp-header-banner-blocked" data-key="${key}">${escapeHtml(`${card.bannerKey}: ${banner.value} (${banner.reason})`)}</div>`;
  }
}

export function headerHtml(card: HeaderCard | undefined, context: HeaderContext): string {
  if (!card) return '';
  const t = context.t;
  const title = card.title
    ? `<h1 class="mp-header-title">${escapeHtml(card.title)}</h1>`
    : `<h1 class="mp-header-title mp-header-untitled">${escapeHtml(t('(no title)'))}</h1>`;
  const dates = dateHtml(t('Posted'), card.date, context) + dateHtml(t('Updated'), card.updated, context);
  const categories = card.categories
    .map(
      (hierarchy) =>
        `<span class="mp-header-category">${hierarchy.map((name) => `<span>${escapeHtml(name)}</span>`).join('<span class="mp-sep">›</span>')}</span>`,
    )
    .join('');
  const tags = card.tags.map((tag) => `<span class="mp-header-tag">${escapeHtml(tag)}</span>`).join('');
  const meta = [dates, categories && `<span class="mp-header-categories">${categories}</span>`, tags && `<span class="mp-header-tags">${tags}</span>`]
    .filter(Boolean)
    .join('');
  const description = card.description ? `<p class="mp-header-description">${escapeHtml(card.description)}</p>` : '';
  return `<header class="mp-header" data-line="0">${bannerHtml(card, context)}<div class="mp-header-body">${title}<div class="mp-header-meta">${meta}</div>${description}</div></header>`;
}
