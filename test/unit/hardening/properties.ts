/**
 * The hardening properties, shared by the CI tests (fuzz.test.ts, modest runs) and the long run
 * `node scripts/fuzz.mjs` (many runs). Each property takes a note that may be anything a person
 * pastes (noteArbitraries.ts: realistic pieces shuffled, mutated, or plain random strings).
 */
import fc from 'fast-check';
import { findBlog, noteScope } from '../../../src/core/blog/discover';
import type { BlogConfig } from '../../../src/core/blog/types';
import { checkNote } from '../../../src/core/checkNote';
import { InMemoryFileSystem } from '../inMemoryFileSystem';
import { fixAll, fixesForDiagnostic } from '../../../src/core/frontMatter/fixes';
import { splitFrontMatter } from '../../../src/core/frontMatter/split';
import { validateFrontMatter } from '../../../src/core/frontMatter/validate';
import type { ValidationContext } from '../../../src/core/frontMatter/report';
import { analyzeNote, evaluateForCli, hoverAt } from '../../../src/core/kl';
import { klFenceRenderer } from '../../../src/core/kl/card';
import { mathDiagnostics, mathFixes } from '../../../src/core/math/mathDiagnostics';
import { exportStandaloneHtml } from '../../../src/core/render/exportHtml';
import { blockHtml, NoteRenderer, renderNote, type RenderOptions } from '../../../src/core/render/renderNote';
import { applyEdits, englishText, type CoreDiagnostic, type TextEdit } from '../../../src/core/text';
import { assertSafeHtml, exportBody } from './htmlSafety';
import { anyNote, body, frontMatterForm, klExpression, withFrontMatter } from './noteArbitraries';

// ---- a blog to put the notes in ---------------------------------------------------------------

export const NOTE_PATH = '/blog/source/_posts/note.md';

export const blogFiles = new InMemoryFileSystem({
  '/blog/_config.yml': 'title: Notes\ntimezone: Asia/Shanghai\nsource_dir: source\npost_asset_folder: true\ntheme: butterfly\nmarkdown:\n  html: true\n',
  '/blog/_config.butterfly.yml': 'math:\n  use: katex\n  per_page: false\n',
  '/blog/package.json': '{"dependencies": {"hexo": "^8.1.2", "hexo-theme-butterfly": "^5.7.0"}}',
  '/blog/source/img/cover.png': 'png',
  '/blog/source/_posts/note/pic.png': 'png',
});

export const blog: BlogConfig = findBlog(NOTE_PATH, blogFiles);

export const validationContext: ValidationContext = {
  scope: noteScope(NOTE_PATH, blog),
  blog,
  fileName: NOTE_PATH,
  notePath: NOTE_PATH,
  fs: blogFiles,
  today: new Date('2025-07-01T04:05:06Z'),
};

export function renderOptions(allowHtml: boolean): RenderOptions {
  return {
    blog,
    notePath: NOTE_PATH,
    fs: blogFiles,
    allowHtml,
    resourceUri: (path) => `https://file%2B.vscode-resource.vscode-cdn.net${encodeURI(path)}`,
    fenceRenderers: { kl: klFenceRenderer(englishText) },
  };
}

// ---- properties -------------------------------------------------------------------------------

function assertRangesInside(text: string, diagnostics: readonly CoreDiagnostic[], where: string): void {
  for (const diagnostic of diagnostics) {
    if (!(
      Number.isInteger(diagnostic.start) &&
      Number.isInteger(diagnostic.end) &&
      diagnostic.start >= 0 &&
      diagnostic.start <= diagnostic.end &&
      diagnostic.end <= text.length
    )) {
      throw new Error(
        `${where}: range outside the text (${text.length}): ${JSON.stringify({ code: diagnostic.code, start: diagnostic.start, end: diagnostic.end })}`,
      );
    }
    if (diagnostic.code.endsWith('internal-error')) throw new Error(`${where}: ${diagnostic.message}`);
    if (typeof diagnostic.message !== 'string' || diagnostic.message === '') throw new Error(`${where}: empty message for ${diagnostic.code}`);
  }
}

/** Rendering, one-shot and incremental, with raw HTML off and on: no throw, safe HTML, same result. */
export function renderIsSafe(text: string, previous = ''): void {
  for (const allowHtml of [false, true]) {
    const options = renderOptions(allowHtml);
    const note = renderNote(text, options);
    assertSafeHtml(note.headerHtml, `header (allowHtml ${allowHtml})`);
    for (const block of note.blocks) assertSafeHtml(blockHtml(block), `block at line ${block.startLine} (allowHtml ${allowHtml})`);
    // The preview renders incrementally: after any earlier text it must show what a fresh render shows.
    const renderer = new NoteRenderer(options);
    renderer.update(previous);
    const update = renderer.update(text);
    for (const { block } of update.patch.added) assertSafeHtml(block.html, 'patched block');
    const fresh = note.blocks.map((block) => `${block.startLine}-${block.endLine}:${block.html}`);
    const incremental = update.note.blocks.map((block) => `${block.startLine}-${block.endLine}:${block.html}`);
    if (fresh.join('\n') !== incremental.join('\n')) {
      const index = fresh.findIndex((html, i) => html !== incremental[i]);
      throw new Error(
        `incremental render differs from a fresh one at block ${index}:\n  fresh:       ${fresh[index]?.slice(0, 300)}\n  incremental: ${incremental[index]?.slice(0, 300)}`,
      );
    }
    if (update.note.headerHtml !== note.headerHtml) throw new Error('incremental header differs from a fresh one');
  }
}

export function exportIsSafe(text: string): void {
  const { csp, body, problems } = exportBody(exportStandaloneHtml(text, renderOptions(true), { katexCss: '.katex{}' }));
  if (problems.length > 0) throw new Error(`export head: ${problems.join('; ')}`);
  if (!csp.startsWith("default-src 'none';") || /script-src|unsafe-eval|http:|\*/.test(csp)) throw new Error(`export CSP too open: ${csp}`);
  assertSafeHtml(body, 'exported body');
}

/** Every checker the editor runs on a note: no throw, every range inside the text. */
export function diagnosticsAreSane(text: string): CoreDiagnostic[] {
  const all = checkNote(NOTE_PATH, text, blogFiles, englishText, { blog });
  assertRangesInside(text, all, 'checkNote');
  return all;
}

/**
 * Apply `edits` independently of applyEdits, and check what "nothing lost" means: every byte
 * outside the edited spans is unchanged and in order, and the inverse edits restore the note.
 */
export function assertEditsPreserveText(text: string, edits: readonly TextEdit[], where: string): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let cursor = 0;
  let expected = '';
  const inverse: TextEdit[] = [];
  for (const edit of sorted) {
    if (!(Number.isInteger(edit.start) && Number.isInteger(edit.end) && edit.start >= cursor && edit.start <= edit.end && edit.end <= text.length)) {
      throw new Error(`${where}: edit out of range or overlapping: ${JSON.stringify(edit)} (text length ${text.length})`);
    }
    expected += text.slice(cursor, edit.start);
    inverse.push({ start: expected.length, end: expected.length + edit.newText.length, newText: text.slice(edit.start, edit.end) });
    expected += edit.newText;
    cursor = edit.end;
  }
  expected += text.slice(cursor);
  const applied = applyEdits(text, edits);
  if (applied !== expected) throw new Error(`${where}: applyEdits changed text outside the edited spans`);
  if (applyEdits(applied, inverse) !== text) throw new Error(`${where}: undoing the edits does not restore the note`);
  return applied;
}

/** Fixes that add a missing key: they may write anywhere in the front matter (or create one at the top). */
const INSERTING_CODES = new Set(['frontmatter.date-missing', 'frontmatter.math-not-loaded', 'frontmatter.missing-title']);

function lineStartAt(text: string, offset: number): number {
  return Math.max(text.lastIndexOf('\n', offset - 1), text.lastIndexOf('\r', offset - 1)) + 1;
}

function nextLineStart(text: string, offset: number): number {
  const match = /\r\n|\n|\r/g;
  match.lastIndex = offset;
  const found = match.exec(text);
  return found ? found.index + found[0].length : text.length;
}

/**
 * The span a fix of `diagnostic` may touch, decided from the diagnostic alone (not from the fix's edits):
 * the lines it covers, plus the indented or `- ` lines that continue a key's value (a key is removed with its
 * value); for the fixes that add a missing key, the whole front matter block, or the top of a note without one.
 */
export function declaredSpan(text: string, diagnostic: Pick<CoreDiagnostic, 'code' | 'start' | 'end'>): { start: number; end: number } {
  if (INSERTING_CODES.has(diagnostic.code)) {
    const block = splitFrontMatter(text).block;
    return { start: 0, end: block ? block.closeEnd : Math.max(diagnostic.end, 0) };
  }
  const start = lineStartAt(text, diagnostic.start);
  let end = nextLineStart(text, Math.max(diagnostic.start, diagnostic.end - 1));
  // Continuation lines of the value (indented, `- ` items, blank lines between them) go with the key.
  for (let probe = end; probe < text.length;) {
    const next = nextLineStart(text, probe);
    const line = text.slice(probe, next);
    if (/^(?:[ \t]+\S|- )/.test(line)) end = probe = next;
    else if (/^[ \t]*(?:\r\n|\n|\r)?$/.test(line)) probe = next;
    else break;
  }
  return { start, end };
}

/** `fixed` equals `text` outside [span.start, span.end): the prefix before it and the suffix after it, byte for byte. */
export function assertOnlySpanChanged(text: string, fixed: string, span: { start: number; end: number }, where: string): void {
  const suffix = text.length - span.end;
  if (
    fixed.slice(0, span.start) !== text.slice(0, span.start) ||
    fixed.length < span.start + suffix ||
    fixed.slice(fixed.length - suffix) !== text.slice(span.end)
  ) {
    throw new Error(`${where}: text outside the declared span ${span.start}-${span.end} changed`);
  }
}

/** Where `fixed` differs from `text`, in `fixed`'s offsets: between their common prefix and common suffix. */
function changedRegion(text: string, fixed: string): { start: number; end: number } {
  let start = 0;
  while (start < text.length && start < fixed.length && text[start] === fixed[start]) start++;
  let suffix = 0;
  while (suffix < text.length - start && suffix < fixed.length - start && text[text.length - 1 - suffix] === fixed[fixed.length - 1 - suffix]) suffix++;
  return { start, end: fixed.length - suffix };
}

function countCode(diagnostics: readonly CoreDiagnostic[], code: string): number {
  return diagnostics.filter((diagnostic) => diagnostic.code === code).length;
}

/**
 * Every quick fix of every diagnostic keeps the note byte-for-byte outside the span its diagnostic declares,
 * undoes cleanly, and fixes what it says: re-validating the fixed note reports that code fewer times, or at least
 * not where the fix wrote.
 * "Fix all" keeps every byte it does not need and leaves nothing that fix all would still fix.
 */
export function fixesPreserveText(text: string): void {
  const frontMatter = checkNote(NOTE_PATH, text, blogFiles, englishText, { blog }).filter((diagnostic) => diagnostic.code.startsWith('frontmatter.'));
  for (const diagnostic of frontMatter) {
    // As the editor asks: VS Code does not keep `data`, so the fix is recomputed from code + range.
    for (const fix of fixesForDiagnostic(text, { code: diagnostic.code, start: diagnostic.start, end: diagnostic.end }, validationContext, englishText)) {
      const where = `fix "${fix.title}" for ${diagnostic.code} at ${diagnostic.start}-${diagnostic.end}`;
      const fixed = assertEditsPreserveText(text, fix.edits, where);
      assertOnlySpanChanged(text, fixed, declaredSpan(text, diagnostic), where);
      const before = countCode(frontMatter, diagnostic.code);
      const remaining = validateFrontMatter(fixed, validationContext, englishText).filter((other) => other.code === diagnostic.code);
      // Fewer of them, or none where the fix wrote: fixing one `{{` of `{{{` rightly reveals the `{{` behind it.
      const changed = changedRegion(text, fixed);
      const atFix = remaining.filter((other) =>
        changed.start === changed.end ? other.start <= changed.start && other.end >= changed.end : other.start < changed.end && other.end > changed.start,
      );
      if (remaining.length >= before && atFix.length > 0)
        throw new Error(
          `${where}: the fixed note still reports ${diagnostic.code} ${remaining.length} time(s) (before: ${before}), ${atFix.length} where the fix wrote`,
        );
    }
  }
  const math = mathDiagnostics(text, { blog }, englishText);
  for (const diagnostic of math) {
    for (const fix of mathFixes(text, diagnostic, englishText)) {
      const where = `fix "${fix.title}" for ${diagnostic.code} at ${diagnostic.start}-${diagnostic.end}`;
      const fixed = assertEditsPreserveText(text, fix.edits, where);
      assertOnlySpanChanged(text, fixed, declaredSpan(text, diagnostic), where);
      // Gone from where it was (an escape fix can reveal another escape right behind it: `\\\\}` → `\\}`).
      const covered = text.slice(diagnostic.start, diagnostic.end);
      const still = mathDiagnostics(fixed, { blog }, englishText).find(
        (other) => other.code === diagnostic.code && other.start === diagnostic.start && fixed.slice(other.start, other.end) === covered,
      );
      if (still) throw new Error(`${where}: the fixed note still reports ${diagnostic.code} on ${JSON.stringify(covered)}`);
    }
  }
  const fixedAll = assertEditsPreserveText(text, fixAll(text, validationContext, englishText), 'fix all');
  validateAfterFix(fixedAll);
  const again = fixAll(fixedAll, validationContext, englishText);
  if (again.length > 0) throw new Error(`fix all left work for a second fix all: ${JSON.stringify(again).slice(0, 200)}`);
}

function validateAfterFix(text: string): void {
  assertRangesInside(text, checkNote(NOTE_PATH, text, blogFiles, englishText, { blog }), 'checkNote after fix all');
}

/** KL snippets: analysis, hovers at chosen offsets and the CLI evaluator never throw. */
export function klIsSane(text: string, offsets: readonly number[], expression: string): void {
  const analysis = analyzeNote(text, { unit: 'nats', strict: false }, englishText);
  assertRangesInside(text, analysis.diagnostics, 'analyzeNote');
  for (const seed of offsets) hoverAt(text, text.length === 0 ? 0 : seed % (text.length + 1), { unit: 'bits', strict: true }, englishText);
  const result = evaluateForCli(expression, text, { unit: 'nats', strict: false }, englishText);
  if ('error' in result) {
    const { offset, end } = result.error;
    if (!(offset >= 0 && offset <= end && end <= expression.length))
      throw new Error(`evaluateForCli: error range ${offset}-${end} outside the expression (${expression.length})`);
  }
}

export interface PropertyDefinition {
  name: string;
  /** Generates the arguments of one run. */
  arbitrary: fc.Arbitrary<unknown[]>;
  /** Throws when the property does not hold. */
  check(args: unknown[]): void;
}

/** Named properties, so the CI test and the long run (scripts/fuzz.mjs) report the same names. */
export function propertyDefinitions(): PropertyDefinition[] {
  const offsets = fc.array(fc.nat(), { maxLength: 5 });
  return [
    {
      name: 'render: no throw, safe HTML, incremental = fresh',
      arbitrary: fc.tuple(anyNote, anyNote),
      check: ([text, previous]) => renderIsSafe(text as string, previous as string),
    },
    {
      // Editing the front matter moves the body start (a legacy block gets its opening line, `---` becomes `;;;`...):
      // the incremental preview must then show what a fresh render of the new text shows.
      name: 'render: incremental = fresh when the front-matter form changes',
      arbitrary: fc.tuple(frontMatterForm, frontMatterForm, body, fc.boolean(), fc.boolean()),
      check: ([before, after, text, bom, crlf]) => {
        type Form = { lines: string[]; open: string; close: string };
        renderIsSafe(
          withFrontMatter(after as Form, text as string, bom as boolean, crlf as boolean),
          withFrontMatter(before as Form, text as string, bom as boolean, crlf as boolean),
        );
      },
    },
    { name: 'export: safe body and a strict CSP', arbitrary: fc.tuple(anyNote), check: ([text]) => exportIsSafe(text as string) },
    { name: 'diagnostics: no throw, ranges inside the text', arbitrary: fc.tuple(anyNote), check: ([text]) => void diagnosticsAreSane(text as string) },
    {
      name: 'quick fixes and fix all: nothing else changes, undo restores',
      arbitrary: fc.tuple(anyNote),
      check: ([text]) => fixesPreserveText(text as string),
    },
    {
      name: 'kl: analyze, hover and CLI eval never throw',
      arbitrary: fc.tuple(anyNote, offsets, klExpression),
      check: ([text, at, expression]) => klIsSane(text as string, at as number[], expression as string),
    },
    {
      // The preview caches kl cards by the definitions they read: after one definition is edited,
      // every card (of the blocks reading it, directly or through another name, or not) is what a fresh render shows.
      name: 'render: incremental = fresh after editing a kl definition',
      arbitrary: fc.tuple(fc.array(fc.constantFrom(...klDefinitionPieces), { minLength: 1, maxLength: 10 }), fc.nat(), fc.nat()),
      check: ([pieces, which, to]) => {
        const blocks = pieces as string[];
        const edited = [...blocks];
        const index = (which as number) % blocks.length;
        edited[index] = klDefinitionPieces[(to as number) % klDefinitionPieces.length];
        renderIsSafe(edited.join('\n\n'), blocks.join('\n\n'));
      },
    },
  ];
}

/** kl blocks reading and (re)defining each other's names, and prose between them. */
const klDefinitionPieces = [
  '```kl\nP = [0.5, 0.5]\n```',
  '```kl\nP = [0.2, 0.8]\n```',
  '```kl\nP = softmax([800, 0])\n```',
  '```kl\nQ = softmax([1, 2])\n```',
  '```kl\nQ = P\n```',
  '```kl\nR = P\nentropy(R)\n```',
  '```kl\nkl(P, Q)\n```',
  '```kl\nkl(R, Q)\nS = [0.1, 0.9]\n```',
  '```kl\nentropy(S)\n```',
  '> ```kl\n> kl(Q, P)\n> ```',
  '- item\n\n  ```kl\n  entropy(P)\n  ```',
  'Prose $x$ between.',
];

/** A fast-check property of a definition; `beforeRun` sees each input first (the long run's hang detector). */
export function toProperty(definition: PropertyDefinition, beforeRun?: (args: unknown[]) => void): fc.IPropertyWithHooks<[unknown[]]> {
  return fc.property(definition.arbitrary, (args) => {
    beforeRun?.(args);
    definition.check(args);
  });
}
