/**
 * Which math delimiters a note uses. The default follows the blog: Butterfly recommends
 * hexo-renderer-markdown-it + @renbaoshuo/markdown-it-katex, whose rules (pandoc's) are:
 * - inline `$…$`: the opening `$` has a non-space on its right, the closing `$` a non-space on its
 *   left and no digit right after it; `\$` is a literal dollar;
 * - display `$$…$$` only as a block (the line starts with `$$`), never in the middle of a line;
 * - `\(…\)` / `\[…\]` are markdown escapes, i.e. plain parentheses.
 * A blog that loads MathJax (`math.use: mathjax`) reads the page with MathJax's own rules, which
 * the "all" convention approximates.
 */
import type { BlogConfig } from '../blog/types';

export type MathDelimiterSetting = 'blog' | 'dollars' | 'brackets' | 'all';

export interface MathSyntax {
  /** `pandoc`: the renbaoshuo rules above; `loose`: MathJax-style `$…$` and `$$…$$` anywhere; `none`: no dollar math. */
  dollars: 'pandoc' | 'loose' | 'none';
  /** `\(…\)` inline and `\[…\]` display. */
  brackets: boolean;
}

export const BLOG_MATH_SYNTAX: MathSyntax = Object.freeze({ dollars: 'pandoc', brackets: false });

export function isMathDelimiterSetting(value: unknown): value is MathDelimiterSetting {
  return value === 'blog' || value === 'dollars' || value === 'brackets' || value === 'all';
}

/** The syntax a setting stands for; "blog" looks at the blog's math engine. */
export function resolveMathSyntax(setting: MathDelimiterSetting | undefined, blog?: Pick<BlogConfig, 'math'>): MathSyntax {
  switch (setting) {
    case 'dollars':
      return { dollars: 'loose', brackets: false };
    case 'brackets':
      return { dollars: 'none', brackets: true };
    case 'all':
      return { dollars: 'loose', brackets: true };
    default:
      return blog?.math.use === 'mathjax' ? { dollars: 'loose', brackets: true } : BLOG_MATH_SYNTAX;
  }
}

/** A short stable string for cache keys. */
export function mathSyntaxKey(syntax: MathSyntax): string {
  return `${syntax.dollars}${syntax.brackets ? '+brackets' : ''}`;
}
