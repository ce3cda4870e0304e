/**
 * Heading ids as the blog publishes them, so `[see](#KL-散度的定义)` and Butterfly's TOC work in the
 * preview and the export. hexo-renderer-markdown-it 7 (`markdown.anchors`): headings of level >=
 * `anchors.level` get `slugize(title, { transform: anchors.case })`, the title being the `content`
 * of the heading's inline tokens concatenated (text, code, the TeX source of math); a repeated slug
 * gets `slug-<collisionSuffix>2`, `-3`, … counted over the whole document.
 */
import type { HeadingAnchors } from '../blog/types';
import { escapeHtml } from './sanitize';

// ---- hexo-util escapeDiacritic ------------------------------------------------------------------
// hexo-util maps single precomposed Latin letters through a fixed table (it does not strip combining
// marks: "e\u0301" stays as written). Most of that table is "the letter a canonical/compatibility
// decomposition starts with", which NFKD gives us; the letters without a decomposition (ø, ł, ß, æ…)
// are listed below. Checked character by character against hexo-util 3.3 over the whole BMP.

/** Blocks in which hexo-util's table folds every letter whose NFKD form is one ASCII letter. */
const FOLDED_BLOCKS: ReadonlyArray<readonly [number, number]> = [
  [0x00c0, 0x024f],
  [0x1e00, 0x1eff],
  [0x24b6, 0x24e9],
  [0x2c60, 0x2c7b],
  [0xa720, 0xa7ef],
  [0xff21, 0xff5a],
];

/** Letters hexo-util folds although NFKD does not (and ſ, which its table folds to "l"). */
const UNDECOMPOSED_LETTERS: Readonly<Record<string, string>> = {
  A: 'ȺⱯ',
  AA: 'Ꜳ',
  AE: 'ÆǢǼ',
  AO: 'Ꜵ',
  AU: 'Ꜷ',
  AV: 'ꜸꜺ',
  AY: 'Ꜽ',
  B: 'ƁƂɃ',
  C: 'ƇȻꜾ',
  D: 'ĐƉƊƋꝹ',
  DZ: 'ǄǱ',
  Dz: 'ǅǲ',
  E: 'ƎƐ',
  F: 'ƑꝻ',
  G: 'ƓǤꝽꝾꞠ',
  H: 'ĦⱧⱵꞍ',
  I: 'Ɨ',
  J: 'Ɉ',
  K: 'ƘⱩꝀꝂꝄꞢ',
  L: 'ĿŁȽⱠⱢꝆꝈꞀ',
  LJ: 'Ǉ',
  Lj: 'ǈ',
  M: 'ƜⱮ',
  N: 'ƝȠꞐꞤ',
  NJ: 'Ǌ',
  Nj: 'ǋ',
  O: 'ØƆƟǾꝊꝌ',
  OE: '\u008cŒ',
  OI: 'Ƣ',
  OO: 'Ꝏ',
  OU: 'Ȣ',
  P: 'ƤⱣꝐꝒꝔ',
  Q: 'ɊꝖꝘ',
  R: 'ɌⱤꝚꞂꞦ',
  S: 'ẞⱾꞄꞨ',
  T: 'ŦƬƮȾꞆ',
  TZ: 'Ꜩ',
  U: 'Ʉ',
  V: 'ƲɅꝞ',
  VY: 'Ꝡ',
  W: 'Ⱳ',
  Y: 'ƳɎỾ',
  Z: 'ƵȤⱫⱿꝢ',
  a: 'ɐẚⱥ',
  aa: 'ꜳ',
  ae: 'æǣǽ',
  ao: 'ꜵ',
  au: 'ꜷ',
  av: 'ꜹꜻ',
  ay: 'ꜽ',
  b: 'ƀƃɓ',
  c: 'ƈȼↄꜿ',
  d: 'đƌɖɗꝺ',
  dz: 'ǆǳ',
  e: 'ǝɇɛ',
  f: 'ƒꝼ',
  g: 'ǥɠᵹꝿꞡ',
  h: 'ħɥⱨⱶ',
  hv: 'ƕ',
  i: 'ıɨ',
  j: 'ɉ',
  k: 'ƙⱪꝁꝃꝅꞣ',
  l: 'ŀłſƚɫⱡꝇꝉꞁ',
  lj: 'ǉ',
  m: 'ɯɱ',
  n: 'ŉƞɲꞑꞥ',
  nj: 'ǌ',
  o: 'øǿɔɵꝋꝍ',
  oe: '\u009cœ',
  oi: 'ƣ',
  oo: 'ꝏ',
  ou: 'ȣ',
  p: 'ƥᵽꝑꝓꝕ',
  q: 'ɋꝗꝙ',
  r: 'ɍɽꝛꞃꞧ',
  s: 'ßȿꞅꞩ',
  t: 'ŧƭʈⱦꞇ',
  tz: 'ꜩ',
  u: 'ʉ',
  v: 'ʋʌꝟ',
  vy: 'ꝡ',
  w: 'ⱳ',
  y: 'ƴɏỿ',
  z: 'ƶȥɀⱬꝣ',
};

const undecomposed = new Map<string, string>();
for (const [base, letters] of Object.entries(UNDECOMPOSED_LETTERS)) for (const letter of letters) undecomposed.set(letter, base);

function foldLetter(letter: string): string {
  const listed = undecomposed.get(letter);
  if (listed !== undefined) return listed;
  const code = letter.charCodeAt(0);
  if (!FOLDED_BLOCKS.some(([first, last]) => code >= first && code <= last)) return letter;
  const base = letter.normalize('NFKD').replace(/\p{M}/gu, '');
  return /^[A-Za-z]$/.test(base) ? base : letter;
}

/** hexo-util `escapeDiacritic`: é → e, Ａ → A, ø → o; CJK, kana and Hangul unchanged. */
export function escapeDiacritic(text: string): string {
  // Like hexo-util, per UTF-16 unit: astral characters are never folded.
  // eslint-disable-next-line no-control-regex -- "anything but ASCII" needs the NUL bound
  return text.replace(/[^\u0000-\u007e]/g, foldLetter);
}

// ---- hexo-util slugize ---------------------------------------------------------------------------

// eslint-disable-next-line no-control-regex -- hexo-util removes exactly these
const CONTROL_CHARACTERS = /[\u0000-\u001f]/g;
const SPECIAL_CHARACTERS = /[\s~`!@#$%^&*()\-_+=[\]{}|\\;:"'<>,.?/]+/g;

export interface SlugizeOptions {
  /** Default '-'. */
  separator?: string;
  /** 1: lower case, 2: upper case, anything else: as written. */
  transform?: number;
}

/** hexo-util `slugize`: ASCII punctuation and spaces become one separator; letters of any script stay. */
export function slugize(text: string, options: SlugizeOptions = {}): string {
  const separator = options.separator || '-';
  const escaped = separator.replace(/[-[\]/{}()*+?.\\^$|]/g, '\\$&');
  const result = escapeDiacritic(text)
    .replace(CONTROL_CHARACTERS, '')
    .replace(SPECIAL_CHARACTERS, separator)
    .replace(new RegExp(`${escaped}{2,}`, 'g'), separator)
    .replace(new RegExp(`^${escaped}+|${escaped}+$`, 'g'), '');
  return options.transform === 1 ? result.toLowerCase() : options.transform === 2 ? result.toUpperCase() : result;
}

/** The base slug of a heading title under the blog's anchors options. */
export function headingSlug(title: string, anchors: HeadingAnchors): string {
  return slugize(title, { separator: anchors.separator, transform: anchors.case });
}

/**
 * The collision counter of one document: call `next` with each heading's base slug in document
 * order. Keyed by the base slug only, as Hexo does (so a heading literally titled "a-2" can repeat
 * the id of the second "a"; the blog has the same duplicate).
 */
export class HeadingIdCounter {
  private readonly seen = new Map<string, number>();

  constructor(private readonly anchors: HeadingAnchors) {}

  next(slug: string): string {
    const count = (this.seen.get(slug) ?? 0) + 1;
    this.seen.set(slug, count);
    if (count === 1) return slug;
    return `${slug}-${this.anchors.collisionSuffix}${count - 2 + this.anchors.firstRepeat}`;
  }
}

// ---- ids across blocks ---------------------------------------------------------------------------
// A block is rendered (and cached) on its own, but the id of its heading depends on the headings of
// the blocks before it. The block's HTML carries `id="<NUL>i<NUL>"` for its i-th heading, and each
// pass fills them in document order. NUL never comes out of markdown-it (it replaces it in the
// source) and the note's quotes come out escaped, so a note cannot forge one; if it could, it would
// only get an escaped id.

// eslint-disable-next-line no-control-regex -- the placeholder is NUL-delimited on purpose
const PLACEHOLDER_ATTRIBUTE = / id="\u0000(\d+)\u0000"/g;

export function headingIdPlaceholder(index: number): string {
  return `\u0000${index}\u0000`;
}

/** `html` with heading i given `ids[i]`, or no id when that is empty (Hexo's id="" names nothing). */
export function fillHeadingIds(html: string, ids: readonly string[], prefix: string): string {
  return html.replace(PLACEHOLDER_ATTRIBUTE, (_whole, index: string) => {
    const id = ids[Number(index)];
    return id ? ` id="${escapeHtml(prefix + id)}"` : '';
  });
}
