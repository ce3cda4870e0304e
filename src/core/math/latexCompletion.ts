/**
 * LaTeX completion inside math, and only there (issue #11): KaTeX's own commands (commands.json, built from its
 * registration tables), its environments as snippets, `\left…\right` pairs, and the macros of the blog, the
 * settings and the note. Offsets are note offsets; snippets use VS Code's snippet syntax.
 */
import type { MathSyntax } from './delimiters';
import type { KatexCommandTable } from './katexAssets';
import { analyzeNoteMath, type NoteMath, spanIndexAt } from './noteMath';

export type LatexItemKind = 'command' | 'symbol' | 'environment' | 'delimiter' | 'macro';

export interface LatexCompletionItem {
  /** What the list shows and filters on, with its backslash (`\frac`, `\begin{aligned}`). */
  label: string;
  kind: LatexItemKind;
  snippet: string;
  /** TeX whose rendering the documentation panel shows. */
  previewTex: string;
  /** For macros: their expansion and where they come from. */
  detail?: string;
  origin?: 'note' | 'blog' | 'setting';
}

export interface CompletionSite {
  /** Note offsets to replace: from the backslash to the cursor. */
  start: number;
  end: number;
  /** Index of the formula (in the model the caller passed, or the closed copy). */
  span: number;
  /** The model the site refers to (a copy with the formula closed when the author is still typing it). */
  model: NoteMath;
}

/**
 * Where completion applies: a control word being typed inside a formula. An inline `$…` the author has not
 * closed yet is not math for the blog, so when the cursor is in no formula the note is read once more with the
 * formula closed right after the cursor (`x$` inserted): if the blog would then see math there, it is math.
 * Code, prose and front matter never become math that way.
 */
export function completionSite(text: string, offset: number, model: NoteMath, syntax: MathSyntax): CompletionSite | undefined {
  const word = /\\[a-zA-Z]*$/.exec(text.slice(Math.max(0, offset - 64), offset));
  if (!word) return undefined;
  const start = offset - word[0].length;
  const inside = (m: NoteMath): number | undefined => {
    const index = spanIndexAt(m, start);
    if (index === undefined) return undefined;
    const span = m.spans[index];
    return start >= span.texOffset(0) && offset <= span.texOffset(span.tex.length) ? index : undefined;
  };
  const index = inside(model);
  if (index !== undefined) return { start, end: offset, span: index, model };
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  if (!text.slice(lineStart, start).includes('$')) return undefined;
  const closed = analyzeNoteMath(text.slice(0, offset) + 'x$' + text.slice(offset), syntax);
  const closedIndex = inside(closed);
  return closedIndex === undefined ? undefined : { start, end: offset, span: closedIndex, model: closed };
}

const ARG_NAMES = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'];

/** `\frac{$1}{$2}$0` for a command with two arguments. */
function commandSnippet(name: string, args: number): string {
  let snippet = escapeSnippet(name);
  for (let i = 1; i <= args; i++) snippet += `{$${i}}`;
  return args > 0 ? snippet + '$0' : snippet;
}

const MATRIX_LIKE = /matrix|cases|array/;

function environmentSnippet(name: string, args: number): string {
  const argument = args > 0 ? '{${1:cc}}' : '';
  const first = args > 0 ? 2 : 1;
  const body =
    MATRIX_LIKE.test(name) || name.startsWith('align') || name.startsWith('gather') || name === 'split'
      ? `\${${first}:a} & \${${first + 1}:b} \\\\\\\\\n\t\${${first + 2}:c} & \${${first + 3}:d}`
      : `$${first}`;
  return `\\\\begin{${name}}${argument}\n\t${body}\n\\\\end{${name}}$0`;
}

function environmentPreview(name: string, args: number): string {
  return `\\begin{${name}}${args > 0 ? '{cc}' : ''} a & b \\\\ c & d \\end{${name}}`;
}

const DELIMITER_PAIRS: Array<[string, string]> = [
  ['(', ')'],
  ['[', ']'],
  ['\\{', '\\}'],
  ['|', '|'],
  ['\\|', '\\|'],
  ['\\langle', '\\rangle'],
  ['\\lfloor', '\\rfloor'],
  ['\\lceil', '\\rceil'],
  ['.', '|'],
];

function escapeSnippet(text: string): string {
  return text.replace(/[\\$}]/g, (char) => '\\' + char);
}

/** The items that do not depend on the note: KaTeX's commands, environments and delimiter pairs. */
export function katexCompletionItems(table: KatexCommandTable): LatexCompletionItem[] {
  const items: LatexCompletionItem[] = table.commands.map((command) => ({
    label: command.name,
    kind: command.kind === 'symbol' ? 'symbol' : 'command',
    snippet: commandSnippet(command.name, command.args),
    previewTex:
      command.name +
      ARG_NAMES.slice(0, command.args)
        .map((arg) => `{${arg}}`)
        .join(''),
  }));
  for (const environment of table.environments) {
    items.push({
      label: `\\begin{${environment.name}}`,
      kind: 'environment',
      snippet: environmentSnippet(environment.name, environment.args),
      previewTex: environmentPreview(environment.name, environment.args),
    });
  }
  for (const [open, close] of DELIMITER_PAIRS) {
    items.push({
      label: `\\left${open} \\right${close}`,
      kind: 'delimiter',
      snippet: `${escapeSnippet(`\\left${open}`)} $1 ${escapeSnippet(`\\right${close}`)}$0`,
      previewTex: `\\left${open} \\frac{a}{b} \\right${close}`,
    });
  }
  return items;
}

export interface MacroSources {
  blog: Readonly<Record<string, string>>;
  settings: Readonly<Record<string, string>>;
}

/** The macros usable at the site: the note's (defined anywhere before the cursor), the settings', the blog's. */
export function macroCompletionItems(site: CompletionSite, sources: MacroSources): LatexCompletionItem[] {
  const items = new Map<string, LatexCompletionItem>();
  const add = (name: string, body: string, args: number, origin: LatexCompletionItem['origin']): void => {
    const label = name.startsWith('\\') ? name : `\\${name}`;
    if (!/^\\[a-zA-Z]+$/.test(label)) return;
    items.set(label, {
      label,
      kind: 'macro',
      snippet: commandSnippet(label, args),
      previewTex:
        label +
        ARG_NAMES.slice(0, args)
          .map((arg) => `{${arg}}`)
          .join(''),
      detail: body,
      origin,
    });
  };
  for (const [name, body] of Object.entries(sources.blog)) add(name, body, argumentCount(body), 'blog');
  for (const [name, body] of Object.entries(sources.settings)) add(name, body, argumentCount(body), 'setting');
  for (const definition of site.model.definitions) {
    if (definition.start < site.start) add(definition.name, definition.body, argumentCount(definition.body), 'note');
  }
  return [...items.values()];
}

/** The highest `#n` in a macro body: how many arguments it takes. */
function argumentCount(body: string): number {
  let count = 0;
  for (const match of body.matchAll(/#(\d)/g)) count = Math.max(count, Number(match[1]));
  return count;
}
