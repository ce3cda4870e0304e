/**
 * Runs a `StagedNoteCheck` without holding the thread (issue #15): the editor's extension host serves every
 * extension's typing, hovers and completions, and the whole check of a 200 KB note takes hundreds of ms on a
 * loaded machine. The front matter runs at once and can be shown (`onFrontMatter`), then the rest runs in
 * slices of about `sliceMs`, yielding between them; a check that is no longer `current` (a newer version of
 * the document, a close, new settings) stops at its next slice and never reports.
 * The clock and the yield are passed in, so the unit tests drive the slices step by step.
 */
import type { StagedNoteCheck } from './checkNote';
import type { CoreDiagnostic } from './text';

export interface SliceOptions {
  /** Work per slice before yielding (a few ms: a keystroke waits at most this long for the thread). */
  sliceMs: number;
  now(): number;
  /** Resolves once the event loop has run what waited (setImmediate in the extension host). */
  yieldNow(): Promise<void>;
  /** False once the result is of no use (stops the work; nothing more is reported). */
  current(): boolean;
  /** The diagnostics found by the first step, the front matter, when more is still to run. */
  onFrontMatter?(diagnostics: CoreDiagnostic[]): void;
}

/** The check's whole result (`checkNote`'s), or undefined when it stopped being current first. */
export async function checkInSlices(check: StagedNoteCheck, options: SliceOptions): Promise<CoreDiagnostic[] | undefined> {
  if (!options.current()) return undefined;
  if (!check.frontMatterChecked) check.run(() => true);
  if (!check.done) options.onFrontMatter?.(check.diagnostics());
  while (!check.done) {
    await options.yieldNow();
    if (!options.current()) return undefined;
    const deadline = options.now() + options.sliceMs;
    check.run(() => options.now() >= deadline);
  }
  return options.current() ? check.diagnostics() : undefined;
}
