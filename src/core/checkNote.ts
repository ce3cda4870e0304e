/**
 * Every diagnostic Mathpost computes for one note — front matter, math, KL snippets — in one call,
 * so the CLI's `check` and the editor report exactly the same problems.
 */
import type { BlogConfig } from './blog/types';
import type { ReadOnlyFileSystem } from './fileSystem';
import { checkFile } from './frontMatter/check';
import type { FrontMatterSchema } from './frontMatter/schema';
import { analyzeNote } from './kl/analyze';
import { defaultKlOptions, type KlOptions } from './kl/context';
import type { CoreDiagnostic, Localize } from './text';

export interface NoteCheckOptions {
  blog?: BlogConfig;
  schema?: FrontMatterSchema;
  kl?: KlOptions;
  /** Extra checkers (the math checks plug in here), each given the note text and its blog. */
  extraCheckers?: ReadonlyArray<(text: string, blog: BlogConfig | undefined) => CoreDiagnostic[]>;
}

export function checkNote(path: string, text: string, fs: ReadOnlyFileSystem, t: Localize, options: NoteCheckOptions = {}): CoreDiagnostic[] {
  const diagnostics = checkFile(path, text, fs, t, { blog: options.blog, schema: options.schema });
  diagnostics.push(...analyzeNote(text, options.kl ?? defaultKlOptions, t).diagnostics);
  for (const checker of options.extraCheckers ?? []) diagnostics.push(...checker(text, options.blog));
  return diagnostics.sort((a, b) => a.start - b.start || a.end - b.end);
}
