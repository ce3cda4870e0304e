/**
 * What the editor's math hover shows (issue #11): the formula under the cursor rendered as the preview renders
 * it (hoverImage.ts), or KaTeX's error with the offending character marked; on a macro use, where the macro is
 * defined and what it stands for.
 */
import { codeSpan, escapeMarkdown } from '../kl/markdownText';
import type { Localize } from '../text';
import { hoverImage, type HoverImage, type KatexAssets, type KatexBox } from './hoverImage';
import { MACRO_DEFINITION_PATTERN } from './katexOptions';
import { type MacroState, type MathError, type MathRenderer, renderFormulaTree } from './katexRenderer';
import { type MacroDefinition, type NoteMath, spanIndexAt } from './noteMath';

export interface FormulaRendering {
  image?: HoverImage;
  error?: MathError;
}

/**
 * Hover images cached per formula, display mode, macro state and color. The macro state before a formula is
 * built from the defining formulas before it (through the preview's cache), so a note's own `\newcommand`
 * renders in the hover exactly as in the preview.
 */
export class FormulaImages {
  private readonly cache = new Map<string, FormulaRendering>();

  constructor(
    private readonly renderer: MathRenderer,
    private readonly assets: () => KatexAssets | undefined,
    private readonly maxEntries = 500,
  ) {}

  /** The macro table in force at formula `index` of the note (settings and blog macros, then the note's). */
  stateBefore(model: NoteMath, index: number, baseMacros: Readonly<Record<string, string>>): MacroState {
    const state = this.renderer.beginNote(baseMacros);
    for (let i = 0; i < index; i++) {
      const span = model.spans[i];
      if (MACRO_DEFINITION_PATTERN.test(span.tex)) this.renderer.render(span.tex, span.display, state);
    }
    return state;
  }

  render(tex: string, display: boolean, state: MacroState, color: string): FormulaRendering {
    const key = `${state.signature}\u0000${display ? 'D' : 'I'}${color}\u0000${tex}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    const result = renderFormulaTree(tex, display, { ...state.macros });
    const assets = this.assets();
    const rendering: FormulaRendering =
      result.error || !assets ? { error: result.error } : { image: hoverImage(result.html, result.tree as KatexBox, color, assets) };
    if (this.cache.size >= this.maxEntries) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(key, rendering);
    return rendering;
  }

  clear(): void {
    this.cache.clear();
  }
}

export interface FormulaHover {
  markdown: string;
  start: number;
  end: number;
}

/** Where a macro comes from, for hovers and go to definition. */
export type MacroOrigin = { kind: 'note'; definition: MacroDefinition } | { kind: 'blog' | 'setting'; body: string };

/** The definition in force at `offset` for macro `name`: the note's last one before it, else blog/settings. */
export function macroOriginAt(
  model: NoteMath,
  name: string,
  offset: number,
  blogMacros: Readonly<Record<string, string>>,
  settingMacros: Readonly<Record<string, string>>,
): MacroOrigin | undefined {
  let found: MacroDefinition | undefined;
  for (const definition of model.definitions) if (definition.name === name && definition.start < offset) found = definition;
  // \gdef in a later formula still counts for KaTeX only after it; a use before any definition falls back.
  if (found) return { kind: 'note', definition: found };
  const key = `\\${name}`;
  if (key in settingMacros) return { kind: 'setting', body: settingMacros[key] };
  if (key in blogMacros) return { kind: 'blog', body: blogMacros[key] };
  return undefined;
}

export interface FormulaHoverOptions {
  blogMacros: Readonly<Record<string, string>>;
  settingMacros: Readonly<Record<string, string>>;
  color: string;
  /** 1-based line of a note offset, for "defined on line N". */
  lineOf(offset: number): number;
}

export function formulaHoverAt(model: NoteMath, offset: number, images: FormulaImages, options: FormulaHoverOptions, t: Localize): FormulaHover | undefined {
  const index = spanIndexAt(model, offset);
  if (index === undefined) return undefined;
  const span = model.spans[index];
  const parts: string[] = [];
  const use = model.uses.find((candidate) => candidate.span === index && candidate.start <= offset && offset <= candidate.end);
  const origin = use && macroOriginAt(model, use.name, use.start, options.blogMacros, options.settingMacros);
  if (use && origin) parts.push(macroMarkdown(use.name, origin, options, t));
  const state = images.stateBefore(model, index, { ...options.blogMacros, ...options.settingMacros });
  const rendering = images.render(span.tex, span.display, state, options.color);
  if (rendering.image) parts.push(`![${t('Rendered formula')}](${rendering.image.uri})`);
  else if (rendering.error) parts.push(errorMarkdown(span.tex, rendering.error, t));
  return { markdown: parts.join('\n\n---\n\n'), start: span.start, end: span.end };
}

export function macroMarkdown(name: string, origin: MacroOrigin, options: Pick<FormulaHoverOptions, 'lineOf'>, t: Localize): string {
  const body = origin.kind === 'note' ? origin.definition.body : origin.body;
  const where =
    origin.kind === 'note'
      ? t('Defined with \\{0} on line {1} of this note', origin.definition.command, options.lineOf(origin.definition.start))
      : origin.kind === 'blog'
        ? t("Defined in the blog's KaTeX macros (katex.macros)")
        : t('Defined in the setting mathpost.math.macros');
  return `${codeSpan(`\\${name}`)} → ${codeSpan(body)}\n\n${where}`;
}

/** KaTeX's message, and the line of the formula with the offending character marked below it. */
export function errorMarkdown(tex: string, error: MathError, t: Localize): string {
  const message = escapeMarkdown(t('KaTeX: {0}', error.message));
  if (error.position === undefined) return message;
  const lineStart = tex.lastIndexOf('\n', error.position - 1) + 1;
  const lineEndAt = tex.indexOf('\n', error.position);
  const line = tex.slice(lineStart, lineEndAt === -1 ? tex.length : lineEndAt);
  const column = error.position - lineStart;
  const marker = ' '.repeat(column) + '^'.repeat(Math.max(1, Math.min(error.length ?? 1, line.length - column)));
  const fence = '`'.repeat(Math.max(3, longestRun(line, '`') + 1));
  return `${message}\n\n${fence}latex\n${line}\n${marker}\n${fence}`;
}

function longestRun(text: string, char: string): number {
  let best = 0;
  let run = 0;
  for (const c of text) {
    run = c === char ? run + 1 : 0;
    best = Math.max(best, run);
  }
  return best;
}
