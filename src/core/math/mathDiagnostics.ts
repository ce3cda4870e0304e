/**
 * Math problems where the author sees them (codes `math.*`): KaTeX parse errors at the exact
 * character, and warnings for math the blog will not render as math although it looks like math.
 */
import type { BlogConfig } from '../blog/types';
import type { CoreDiagnostic, CoreFix, Localize } from '../text';
import { BLOG_MATH_SYNTAX, type MathDelimiterSetting, resolveMathSyntax } from './delimiters';
import { type MacroState, type MathError, MathRenderer } from './katexRenderer';
import { macroDiagnostics } from './macroDiagnostics';
import { type MathScan, type MathSpan, scanMath } from './mathSpans';
import type { Note } from '../note/note';

export interface MathDiagnosticOptions {
  blog?: BlogConfig;
  delimiters?: MathDelimiterSetting;
  macros?: Record<string, string>;
  /** Share the preview's KaTeX cache (optional). */
  renderer?: MathRenderer;
}

const sharedRenderer = new MathRenderer(5000);

/** True when the blog renders math with @renbaoshuo/markdown-it-katex's rules (the warnings are about those). */
function blogUsesPandocDollars(blog: BlogConfig | undefined): boolean {
  return !blog || (blog.math.use !== 'mathjax' && blog.renderer !== 'marked' && blog.renderer !== 'kramed');
}

export function mathDiagnostics(note: Note | string, options: MathDiagnosticOptions, t: Localize): CoreDiagnostic[] {
  const check = new MathCheck(note, options, t);
  const warnings = check.warnings();
  while (!check.done) check.checkNext();
  return check.diagnostics(warnings);
}

/**
 * The math checks in two parts, so the editor can publish the quick ones first (issue #15): `warnings()`
 * (one scan of the note, a few ms) and the KaTeX check of every formula, one `checkNext()` at a time in
 * document order (macros defined by a formula hold for the ones after it).
 */
export class MathCheck {
  private readonly note: Note | string;
  private readonly scan: MathScan;
  private readonly renderer: MathRenderer;
  private readonly state: MacroState;
  private next = 0;
  private readonly parseErrors: CoreDiagnostic[] = [];

  constructor(
    note: Note | string,
    private readonly options: MathDiagnosticOptions,
    private readonly t: Localize,
  ) {
    this.note = note;
    this.scan = scanMath(note, resolveMathSyntax(options.delimiters, options.blog));
    this.renderer = options.renderer ?? sharedRenderer;
    this.state = this.renderer.beginNote(this.macros());
  }

  /** Formulas still to check. */
  get remaining(): number {
    return this.scan.spans.length - this.next;
  }

  get done(): boolean {
    return this.next >= this.scan.spans.length;
  }

  /** KaTeX checks the next formula (in document order). */
  checkNext(): void {
    const span = this.scan.spans[this.next++];
    const error = this.renderer.check(span.tex, span.display, this.state);
    if (error) this.parseErrors.push(parseErrorDiagnostic(span, error, this.t));
  }

  /** Every math diagnostic that needs no KaTeX: escapes, macros, what the blog will not render as math. */
  warnings(): CoreDiagnostic[] {
    const noteText = typeof this.note === 'string' ? this.note : this.note.text;
    const diagnostics: CoreDiagnostic[] = [];
    for (const span of this.scan.spans) diagnostics.push(...markedEscapes(span, this.t));
    diagnostics.push(...macroDiagnostics(noteText, this.scan.spans, this.macros(), this.t));
    if (blogUsesPandocDollars(this.options.blog)) {
      const syntax = resolveMathSyntax(this.options.delimiters, this.options.blog);
      const blogScan = syntax.dollars === 'pandoc' && !syntax.brackets ? this.scan : scanMath(this.note, BLOG_MATH_SYNTAX);
      diagnostics.push(...blogWarnings(noteText, blogScan, this.t));
    }
    return diagnostics;
  }

  /** The parse errors found so far with `warnings`, in the order `mathDiagnostics` gives them. */
  diagnostics(warnings: readonly CoreDiagnostic[]): CoreDiagnostic[] {
    return [...this.parseErrors, ...warnings].sort((a, b) => a.start - b.start || a.end - b.end);
  }

  private macros(): Record<string, string> {
    return { ...(this.options.blog?.katexMacros ?? {}), ...(this.options.macros ?? {}) };
  }
}

function parseErrorDiagnostic(span: MathSpan, error: MathError, t: Localize): CoreDiagnostic {
  let start = span.start;
  let end = span.end;
  if (error.position !== undefined && error.position <= span.tex.length) {
    // KaTeX's control-word tokens include the spaces after them; the range should not.
    let errorEnd = Math.min(span.tex.length, error.position + Math.max(1, error.length ?? 1));
    while (errorEnd > error.position + 1 && /\s/.test(span.tex[errorEnd - 1])) errorEnd--;
    start = span.texOffset(error.position);
    end = span.texOffset(errorEnd);
    if (end <= start) end = start + 1;
    // A formula left open at the end of the note (`$$` with no closing line) has no closing
    // delimiter to point at: mark its last character instead of one past the end of the text.
    if (end > span.end) {
      end = span.end;
      start = Math.max(span.start, Math.min(start, end - 1));
    }
  }
  return { code: 'math.parse-error', message: t('KaTeX: {0}', error.message), severity: 'error', start, end, data: { tex: span.tex } };
}

/**
 * Escapes written for hexo-renderer-marked (which eats one level of backslashes) that markdown-it
 * passes to KaTeX as written: `\\{` `\\}` (meant `\{`), `\_` `\*` (meant `_` `*`), `\\\\` (meant `\\`).
 */
function markedEscapes(span: MathSpan, t: Localize): CoreDiagnostic[] {
  const diagnostics: CoreDiagnostic[] = [];
  const pattern = /\\+/g;
  for (let match = pattern.exec(span.tex); match; match = pattern.exec(span.tex)) {
    const run = match[0].length;
    const next = span.tex[match.index + run] ?? '';
    let written: string | undefined;
    let meant: string | undefined;
    if (run === 2 && (next === '{' || next === '}')) [written, meant] = [`\\\\${next}`, `\\${next}`];
    else if (run % 2 === 1 && (next === '_' || next === '*')) [written, meant] = [`\\${next}`, next];
    else if (run === 4) [written, meant] = ['\\\\\\\\', '\\\\'];
    if (!written || meant === undefined) continue;
    const from = run === 4 ? match.index : match.index + run - (written.length - 1);
    const start = span.texOffset(from);
    diagnostics.push({
      code: 'math.marked-escape',
      message: t('"{0}" looks like an escape for hexo-renderer-marked; markdown-it gives KaTeX the math as written, so write "{1}".', written, meant),
      severity: 'warning',
      start,
      end: span.texOffset(from + written.length),
      data: { replacement: meant },
    });
  }
  return diagnostics;
}

const LOOKS_LIKE_MATH = /\\[A-Za-z]+|[\^_=<>{}]|^\s*[A-Za-z]\s*$|^\s*[A-Za-z]\s*[+\-*/]\s*[A-Za-z0-9]\s*$/;

function blogWarnings(text: string, scan: MathScan, t: Localize): CoreDiagnostic[] {
  const diagnostics: CoreDiagnostic[] = [];
  const { dollars, doubleDollars, brackets, gluedDisplay } = scan.nonMath;
  for (let i = 0; i + 1 < dollars.length; i++) {
    const open = dollars[i];
    const close = dollars[i + 1];
    if (open.segment !== close.segment) continue;
    const content = text.slice(open.offset + 1, close.offset);
    if (content.includes('\n') || content.trim() === '' || content.length > 300) continue;
    if (!/^\s|\s$/.test(content) || !LOOKS_LIKE_MATH.test(content)) continue;
    diagnostics.push({
      code: 'math.space-inside-dollar',
      message: t('Not math on the blog: @renbaoshuo/markdown-it-katex needs no space just inside the $ delimiters.'),
      severity: 'warning',
      start: open.offset,
      end: close.offset + 1,
      data: { replacement: `$${content.trim()}$` },
    });
    i++;
  }
  for (let i = 0; i + 1 < doubleDollars.length; i++) {
    const open = doubleDollars[i];
    const close = doubleDollars[i + 1];
    if (open.segment !== close.segment) continue;
    const content = text.slice(open.offset + 2, close.offset);
    if (content.trim() === '' || content.includes('\n\n')) continue;
    diagnostics.push({
      code: 'math.display-mid-line',
      message: t('Not math on the blog: $$…$$ is display math only at the start of a line. Put it on lines of its own.'),
      severity: 'warning',
      start: open.offset,
      end: close.offset + 2,
      data: { replacement: `\n$$\n${content.trim()}\n$$\n` },
    });
    i++;
  }
  for (const bracket of brackets) {
    if (!LOOKS_LIKE_MATH.test(bracket.tex) && !/\\|\d/.test(bracket.tex)) continue;
    diagnostics.push({
      code: 'math.bracket-delimiters',
      message: bracket.display
        ? t('Not math on the blog: markdown-it turns \\[ … \\] into plain brackets. Use $$ … $$ on lines of their own.')
        : t('Not math on the blog: markdown-it turns \\( … \\) into plain parentheses. Use $…$.'),
      severity: 'warning',
      start: bracket.start,
      end: bracket.end,
      data: { replacement: bracket.display ? `\n$$\n${bracket.tex.trim()}\n$$\n` : `$${bracket.tex.trim()}$` },
    });
  }
  for (const glued of gluedDisplay) {
    diagnostics.push({
      code: 'math.display-glued-to-html',
      message: t(
        'Not math on the blog: this $$ block follows an HTML line without a blank line, so it becomes part of the HTML block. Add a blank line before it.',
      ),
      severity: 'warning',
      start: glued.start,
      end: glued.end,
    });
  }
  return diagnostics;
}

/** Quick fixes for the math warnings (the edits are as small as the problem). */
export function mathFixes(text: string, diagnostic: CoreDiagnostic, t: Localize): CoreFix[] {
  const replacement = typeof diagnostic.data?.replacement === 'string' ? diagnostic.data.replacement : undefined;
  switch (diagnostic.code) {
    case 'math.space-inside-dollar':
    case 'math.display-mid-line':
    case 'math.bracket-delimiters':
    case 'math.marked-escape':
      if (replacement === undefined) return [];
      return [
        {
          title: t('Replace with {0}', replacement.trim()),
          code: diagnostic.code,
          edits: [{ start: diagnostic.start, end: diagnostic.end, newText: replacement }],
          isPreferred: true,
        },
      ];
    case 'math.display-glued-to-html': {
      const lineStart = text.lastIndexOf('\n', diagnostic.start - 1) + 1;
      return [
        { title: t('Insert a blank line before $$'), code: diagnostic.code, edits: [{ start: lineStart, end: lineStart, newText: '\n' }], isPreferred: true },
      ];
    }
    default:
      return [];
  }
}
