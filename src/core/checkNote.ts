/**
 * Every diagnostic Mathpost computes for one note — front matter, math, KL snippets, links — in one call.
 * The editor's diagnostics, "Validate All Posts" and `mathpost check` all call this function, so
 * they report exactly the same problems for the same file (test/integration/sameDiagnostics.test.ts).
 */
import type { BlogConfig } from './blog/types';
import type { ReadOnlyFileSystem } from './fileSystem';
import { checkFile } from './frontMatter/check';
import type { FrontMatterSchema } from './frontMatter/schema';
import { analyzeNote } from './kl/analyze';
import { defaultKlOptions, type KlOptions } from './kl/context';
import { mathDiagnostics, type MathDiagnosticOptions } from './math/mathDiagnostics';
import { Note } from './note/note';
import { linkDiagnostics } from './render/linkDiagnostics';
import type { CoreDiagnostic, Localize } from './text';

export interface NoteCheckOptions {
  blog?: BlogConfig;
  schema?: FrontMatterSchema;
  /** Reader's locale for schema descriptions (English when absent). */
  locale?: string;
  kl?: KlOptions;
  /** The math delimiters and macros of the settings, and a KaTeX cache to share. */
  math?: Omit<MathDiagnosticOptions, 'blog'>;
  /** `false` skips the front-matter checks (setting `mathpost.frontMatter.enable`). */
  frontMatter?: boolean;
}

export function checkNote(path: string, source: Note | string, fs: ReadOnlyFileSystem, t: Localize, options: NoteCheckOptions = {}): CoreDiagnostic[] {
  const note = Note.of(source);
  const diagnostics = options.frontMatter === false ? [] : checkFile(path, note, fs, t, { blog: options.blog, schema: options.schema, locale: options.locale });
  diagnostics.push(...analyzeNote(note, options.kl ?? defaultKlOptions, t).diagnostics);
  diagnostics.push(...mathDiagnostics(note, { ...options.math, blog: options.blog }, t));
  diagnostics.push(...linkDiagnostics(note, { blog: options.blog, delimiters: options.math?.delimiters }, t));
  return diagnostics.sort((a, b) => a.start - b.start || a.end - b.end || a.code.localeCompare(b.code));
}
