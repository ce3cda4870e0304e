// Element-by-element comparison of two post bodies. Both are parsed into trees and normalised only in what
// a reader cannot see: attribute and class order, style declaration formatting, whitespace between blocks and runs of whitespace outside
// <pre>, comments, Mathpost's own wrappers (class mp-block / mp-hexo-tag), `mp-` classes, line-number and `data-mp-*` attributes,
// and the loading="lazy" hint. Everything else (tags, attributes, text, nesting) must be the same.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { repoRoot } from '../../scripts/lib/paths.mjs';

const require = createRequire(join(repoRoot, 'package.json'));
const { parseDocument } = require('htmlparser2');

/** Mathpost's block wrappers: their children stand where they stand. */
const MATHPOST_WRAPPERS = new Set(['mp-block', 'mp-hexo-tag']);
/** Mathpost's source-line attributes (scroll sync) and its own `data-mp-*` hooks (e.g. the excerpt divider's label), invisible. */
const MATHPOST_ATTRIBUTES = /^data-(?:offset|line|line-end|mp-[a-z-]+)$/;
const INVISIBLE_ATTRIBUTES = new Set(['loading']);
const BLOCK_TAGS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'details',
  'dd',
  'div',
  'dl',
  'dt',
  'figcaption',
  'figure',
  'footer',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'li',
  'main',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
  'ul',
  'br',
  'center',
]);
const PRESERVE_WHITESPACE = new Set(['pre', 'code', 'textarea']);

function isMathpostWrapper(node) {
  const classes = (node.attribs?.class ?? '').split(/\s+/).filter(Boolean);
  return classes.some((name) => MATHPOST_WRAPPERS.has(name));
}

function normaliseAttributes(attribs) {
  const entries = [];
  for (const [name, value] of Object.entries(attribs ?? {})) {
    if (MATHPOST_ATTRIBUTES.test(name) || INVISIBLE_ATTRIBUTES.has(name)) continue;
    // Mathpost's own `mp-` classes are preview hooks (scroll sync, error marks) on the blog's elements.
    entries.push([
      name,
      name === 'class'
        ? value
            .split(/\s+/)
            .filter((part) => part && !part.startsWith('mp-'))
            .sort()
            .join(' ')
        : name === 'style'
          ? normaliseStyle(value)
          : value,
    ]);
  }
  // An empty class attribute styles nothing.
  return entries.filter(([name, value]) => !(name === 'class' && value === '')).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** `zoom:50%;` and `zoom: 50%` style the same: declarations trimmed, the empty one after a last `;` dropped. */
function normaliseStyle(value) {
  return value
    .split(';')
    .map((declaration) => declaration.trim().replace(/\s*:\s*/, ': '))
    .filter(Boolean)
    .join('; ');
}

/** The element / text nodes of `nodes`, wrappers unwrapped, comments dropped. */
function flatten(nodes) {
  const result = [];
  for (const node of nodes) {
    if (node.type === 'comment' || node.type === 'directive') continue;
    if ((node.type === 'tag' || node.type === 'script' || node.type === 'style') && isMathpostWrapper(node)) result.push(...flatten(node.children));
    else result.push(node);
  }
  return result;
}

/** A plain tree: { tag, attrs: [[name, value]], children } or { text }. */
function normalise(nodes, preserve) {
  const flat = flatten(nodes);
  const out = [];
  for (const node of flat) {
    if (node.type === 'text') {
      const text = preserve ? node.data : node.data.replace(/\s+/g, ' ');
      const last = out[out.length - 1];
      // Two text nodes (around a dropped comment) join into one run of whitespace, as a browser shows it.
      if (last && 'text' in last) last.text = preserve ? last.text + text : (last.text + text).replace(/\s+/g, ' ');
      else out.push({ text });
    } else {
      const tag = node.name;
      out.push({ tag, attrs: normaliseAttributes(node.attribs), children: normalise(node.children, preserve || PRESERVE_WHITESPACE.has(tag)) });
    }
  }
  if (preserve) return out;
  // Whitespace next to a block boundary (or at the start/end of a container) is not rendered.
  const isBlock = (item) => item && 'tag' in item && BLOCK_TAGS.has(item.tag);
  const result = [];
  for (let i = 0; i < out.length; i++) {
    const item = out[i];
    if (!('text' in item)) {
      result.push(item);
      continue;
    }
    let text = item.text;
    if (i === 0 || isBlock(out[i - 1])) text = text.replace(/^ /, '');
    if (i === out.length - 1 || isBlock(out[i + 1])) text = text.replace(/ $/, '');
    if (text !== '') result.push({ text });
  }
  return result;
}

export function normalisedTree(html) {
  // Whitespace between top-level elements is never rendered.
  return normalise(parseDocument(html, { decodeEntities: true }).children, false).filter((item) => !('text' in item) || item.text.trim() !== '');
}

export function serialise(item) {
  if ('text' in item) return JSON.stringify(item.text);
  const attrs = item.attrs.map(([name, value]) => ` ${name}=${JSON.stringify(value)}`).join('');
  return `<${item.tag}${attrs}>${item.children.map(serialise).join('')}</${item.tag}>`;
}

function label(item) {
  if ('text' in item) return '#text';
  const cls = item.attrs.find(([name]) => name === 'class')?.[1];
  return cls ? `${item.tag}.${cls.split(' ').join('.')}` : item.tag;
}

/** The first place two normalised nodes differ: its path and a short excerpt of each side. */
function firstDifference(ours, blog, path) {
  const here = `${path}${label(blog ?? ours)}`;
  if (!ours || !blog || 'text' in ours || 'text' in blog || ours.tag !== blog.tag)
    return { path: here, ours: ours ? serialise(ours) : '(nothing)', blog: blog ? serialise(blog) : '(nothing)' };
  const attrs = (item) => item.attrs.map(([name, value]) => `${name}=${JSON.stringify(value)}`).join(' ');
  if (attrs(ours) !== attrs(blog)) return { path: here, ours: `<${ours.tag} ${attrs(ours)}>`, blog: `<${blog.tag} ${attrs(blog)}>` };
  const length = Math.max(ours.children.length, blog.children.length);
  for (let i = 0; i < length; i++) {
    const a = ours.children[i];
    const b = blog.children[i];
    if (a && b && serialise(a) === serialise(b)) continue;
    return firstDifference(a, b, `${here}[${i}] > `);
  }
  return { path: here, ours: serialise(ours), blog: serialise(blog) };
}

/**
 * Compares top-level elements in order (a longest-common-subsequence alignment, so one extra or missing
 * element is one difference, not a cascade). Returns the differences, empty when identical.
 */
export function compareBodies(oursHtml, blogHtml) {
  const ours = normalisedTree(oursHtml);
  const blog = normalisedTree(blogHtml);
  const a = ours.map(serialise);
  const b = blog.map(serialise);
  const lcs = Array.from({ length: a.length + 1 }, () => new Array(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--) lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  const differences = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      i++;
      j++;
    } else if (i < a.length && j < b.length && lcs[i + 1][j + 1] === lcs[i][j]) {
      // A changed element (neither side's element is kept by the alignment): show where inside it differs.
      differences.push({ index: j, ...firstDifference(ours[i], blog[j], `[${j}] `) });
      i++;
      j++;
    } else if (j < b.length && (i >= a.length || lcs[i][j + 1] >= lcs[i + 1][j])) {
      differences.push({ index: j, path: `[${j}] ${label(blog[j])}`, ours: '(missing)', blog: serialise(blog[j]) });
      j++;
    } else {
      differences.push({ index: j, path: `[${j}] ${label(ours[i])}`, ours: serialise(ours[i]), blog: '(not in the blog)' });
      i++;
    }
  }
  return differences;
}
