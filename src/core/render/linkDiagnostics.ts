/**
 * `render.link-swallows-text`: a bare URL followed by CJK text with no space. The blog's linkify (linkify-it 4,
 * blogLinkify.ts) makes the address and the words after it one link (`https://a.com/x中文，后面` → one `<a>`);
 * the warning covers the URL and the swallowed words, and its quick fix writes the URL as an autolink `<…>`,
 * which ends exactly where the address ends.
 */
import type { BlogConfig } from '../blog/types';
import { markdownItLibrary } from '../libraries';
import { type MathDelimiterSetting, resolveMathSyntax } from '../math/delimiters';
import { type MarkdownIt, mathPlugin } from '../math/mathPlugin';
import type { CoreDiagnostic, CoreFix, Localize } from '../text';
import { Note } from '../note/note';
import { blogLinkify } from './blogLinkify';
import { isSafeLinkOrImageUrl } from './sanitize';

export const LINK_SWALLOWS_TEXT = 'render.link-swallows-text';

export interface LinkDiagnosticOptions {
  blog?: BlogConfig;
  delimiters?: MathDelimiterSetting;
}

/** Han, kana, Hangul, CJK and full-width punctuation: text, never the end of an address a writer meant. */
const CJK = /[\u2E80-\u2FFF\u3000-\u30FF\u3100-\u31FF\u3400-\u4DBF\u4E00-\u9FFF\uA960-\uA97F\uAC00-\uD7AF\uF900-\uFAFF\uFE10-\uFE1F\uFE30-\uFE4F\uFF00-\uFFEF]/;

const engines = new Map<string, MarkdownIt>();

/** markdown-it with the blog's raw HTML setting and math rules, so that code, math and HTML are not text. */
function engineFor(html: boolean, syntaxKey: string, syntax: ReturnType<typeof resolveMathSyntax>): MarkdownIt {
  const key = `${html}\u0000${syntaxKey}`;
  let md = engines.get(key);
  if (!md) {
    md = markdownItLibrary()({ html, linkify: true, typographer: false });
    md.linkify = blogLinkify();
    md.validateLink = isSafeLinkOrImageUrl;
    mathPlugin(md, { syntax, renderMath: () => '' });
    engines.set(key, md);
  }
  return md;
}

type LinkMatch = NonNullable<ReturnType<MarkdownIt['linkify']['matchAtStart']>>;

/**
 * The bare links of a line, as markdown-it finds them: its inline rule at each `scheme://` (even right after
 * CJK text, where linkify-it's own search does not start a link) and linkify-it's search over the text.
 */
function bareLinks(md: MarkdownIt, line: string): LinkMatch[] {
  const found = new Map<number, LinkMatch>();
  for (const match of md.linkify.match(line) ?? []) found.set(match.index, match);
  for (let colon = line.indexOf('://'); colon > 0; colon = line.indexOf('://', colon + 3)) {
    const scheme = /[a-z][a-z0-9.+-]*$/i.exec(line.slice(0, colon));
    if (!scheme || found.has(scheme.index)) continue;
    const match = md.linkify.matchAtStart(line.slice(scheme.index));
    if (match) found.set(scheme.index, { ...match, index: scheme.index, lastIndex: scheme.index + match.lastIndex });
  }
  return [...found.values()].sort((a, b) => a.index - b.index);
}

/** The hrefs markdown-it may give this URL (its inline rule drops trailing `*`, which emphasis may need). */
function linkifyHrefs(md: MarkdownIt, url: string): string[] {
  return [md.normalizeLink(url), md.normalizeLink(url.replace(/\*+$/, ''))];
}

/** Where the words a bare URL swallows start in its text, or -1: the first CJK character after some of the address. */
function swallowStart(raw: string): number {
  const scheme = /^[a-z][a-z0-9+.-]*:\/\/|^\/\//i.exec(raw);
  let seenAddress = false;
  for (let i = scheme ? scheme[0].length : 0; i < raw.length; i++) {
    if (CJK.test(raw[i])) {
      if (seenAddress) return i;
    } else if (/[a-z0-9]/i.test(raw[i])) seenAddress = true;
  }
  return -1;
}

export function linkDiagnostics(source: Note | string, options: LinkDiagnosticOptions, t: Localize): CoreDiagnostic[] {
  const markdown = options.blog?.markdown;
  if (markdown && !markdown.linkify) return [];
  const model = Note.of(source);
  // Only a note with CJK text and an address can have one: most notes stop here, at no cost.
  if (!CJK.test(model.text) || !/:\/\/|www\./i.test(model.text)) return [];
  const syntax = resolveMathSyntax(options.delimiters, options.blog);
  const md = engineFor(markdown?.html ?? true, JSON.stringify(syntax), syntax);
  const note = model.lines;
  const diagnostics: CoreDiagnostic[] = [];
  for (const block of model.blocks({ dollarBlocks: syntax.dollars !== 'none', bracketBlocks: syntax.brackets })) {
    if (block.hexoTag || !CJK.test(block.text) || !/:\/\/|www\./i.test(block.text)) continue;
    for (const token of md.parse(block.text, {})) {
      if (token.type !== 'inline' || !token.map) continue;
      // The links linkify made here, in order; the addresses in the raw text are matched against them so that
      // one in code, math or an explicit link is not taken for a bare one.
      const made = (token.children ?? []).filter((child) => child.type === 'link_open' && child.markup === 'linkify').map((child) => child.attrGet('href'));
      if (made.length === 0) continue;
      const lines = token.content.split('\n');
      let next = 0;
      for (let lineIndex = 0; lineIndex < lines.length && next < made.length; lineIndex++) {
        const noteLine = block.startLine + token.map[0] + lineIndex;
        const sourceLine = note.lines[noteLine] ?? '';
        const column = sourceLine.indexOf(lines[lineIndex]);
        if (column < 0) continue;
        for (const match of bareLinks(md, lines[lineIndex])) {
          if (next >= made.length || !linkifyHrefs(md, match.url).includes(String(made[next] ?? ''))) continue;
          next++;
          const cut = match.schema ? swallowStart(match.raw) : -1;
          if (cut < 0) continue;
          const start = note.starts[noteLine] + column + match.index;
          const address = match.raw.slice(0, cut);
          const swallowed = match.raw.slice(cut);
          diagnostics.push({
            code: 'render.link-swallows-text',
            severity: 'warning',
            start,
            end: start + match.raw.length,
            message: t(
              'The blog makes this address and the text after it one link: “{0}” becomes part of {1}. Write <{1}> (or put a space after it) if the address ends there.',
              swallowed,
              address,
            ),
            data: { address },
          });
        }
      }
    }
  }
  return diagnostics;
}

/** Wraps the address in `<…>`: an autolink ends where the address ends; only the address's own span is edited. */
export function linkFixes(diagnostic: CoreDiagnostic, t: Localize): CoreFix[] {
  const address = diagnostic.data?.address;
  if (diagnostic.code !== LINK_SWALLOWS_TEXT || typeof address !== 'string') return [];
  return [
    {
      title: t('Wrap the address in <…>'),
      code: diagnostic.code,
      isPreferred: true,
      edits: [{ start: diagnostic.start, end: diagnostic.start + address.length, newText: `<${address}>` }],
    },
  ];
}
