/**
 * Every diagnostic Mathpost computes for one note — front matter, math, KL snippets, links — in one call.
 * The editor's diagnostics, "Validate All Posts" and `mathpost check` all call this function, so
 * they report exactly the same problems for the same file (test/integration/sameDiagnostics.test.ts).
 * The editor runs the same work as a `StagedNoteCheck` in slices (issue #15): the front matter first, then
 * the rest, the KaTeX check formula by formula; `checkNote` is that check run to its end in one go.
 */
import type { BlogConfig } from './blog/types';
import type { ReadOnlyFileSystem } from './fileSystem';
import { checkFile } from './frontMatter/check';
import type { FrontMatterSchema } from './frontMatter/schema';
import { analyzeNote } from './kl/analyze';
import { defaultKlOptions, type KlOptions } from './kl/context';
import { MathCheck, type MathDiagnosticOptions } from './math/mathDiagnostics';
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
  return new StagedNoteCheck(path, source, fs, t, options).finish();
}

/**
 * `checkNote` as a list of small steps: the front matter (a few ms, the first thing a person sees wrong in a
 * post), the KL snippets, the math warnings, the links, then one step per formula for KaTeX (on a 200 KB
 * note, most of the time). `run` does steps until its caller says stop; `diagnostics()` is what is found
 * so far, and once `done`, exactly `checkNote`'s result.
 */
export class StagedNoteCheck {
  readonly note: Note;
  private readonly quickSteps: Array<() => void>;
  private quickDone = 0;
  private frontMatter: CoreDiagnostic[] = [];
  private kl: CoreDiagnostic[] = [];
  private math: MathCheck | undefined;
  private mathWarnings: CoreDiagnostic[] = [];
  private links: CoreDiagnostic[] = [];
  private final: CoreDiagnostic[] | undefined;

  constructor(path: string, source: Note | string, fs: ReadOnlyFileSystem, t: Localize, options: NoteCheckOptions = {}) {
    const note = (this.note = Note.of(source));
    const blog = options.blog;
    this.quickSteps = [
      () => (this.frontMatter = options.frontMatter === false ? [] : checkFile(path, note, fs, t, { blog, schema: options.schema, locale: options.locale })),
      () => (this.kl = analyzeNote(note, options.kl ?? defaultKlOptions, t).diagnostics),
      () => {
        this.math = new MathCheck(note, { ...options.math, blog }, t);
        this.mathWarnings = this.math.warnings();
      },
      () => (this.links = linkDiagnostics(note, { blog, delimiters: options.math?.delimiters }, t)),
    ];
  }

  get done(): boolean {
    return this.quickDone === this.quickSteps.length && this.math !== undefined && this.math.done;
  }

  /** True once the front-matter checks ran (the first step). */
  get frontMatterChecked(): boolean {
    return this.quickDone > 0;
  }

  /** The front-matter diagnostics (running the first step if it has not run: a few ms). */
  frontMatterDiagnostics(): readonly CoreDiagnostic[] {
    if (!this.frontMatterChecked) this.run(() => true);
    return this.frontMatter;
  }

  /** Does steps until `stop()` returns true (asked after each step; at least one step runs); true when done. */
  run(stop: () => boolean): boolean {
    while (!this.done) {
      if (this.quickDone < this.quickSteps.length) this.quickSteps[this.quickDone++]();
      else this.math?.checkNext();
      if (stop()) break;
    }
    return this.done;
  }

  /** Runs what is left now and returns the whole result (`checkNote`'s). */
  finish(): CoreDiagnostic[] {
    this.run(() => false);
    return this.diagnostics();
  }

  /** What the steps run so far found, in `checkNote`'s order (its result once `done`). */
  diagnostics(): CoreDiagnostic[] {
    if (this.final) return this.final;
    const diagnostics = [...this.frontMatter, ...this.kl, ...(this.math?.diagnostics(this.mathWarnings) ?? []), ...this.links];
    diagnostics.sort((a, b) => a.start - b.start || a.end - b.end || a.code.localeCompare(b.code));
    if (this.done) this.final = diagnostics;
    return diagnostics;
  }
}
