/**
 * The problems of a note's body — math (`math.*`) and links (`render.*`) — in one call, so the editor
 * (src/vscode/mathDiagnostics.ts) and the CLI's `check` (through checkNote's extra checkers) report the same list.
 */
import { type MathDiagnosticOptions, mathDiagnostics, mathFixes } from './math/mathDiagnostics';
import { linkDiagnostics, linkFixes, LINK_SWALLOWS_TEXT } from './render/linkDiagnostics';
import type { CoreDiagnostic, CoreFix, Localize } from './text';

export function noteBodyDiagnostics(noteText: string, options: MathDiagnosticOptions, t: Localize): CoreDiagnostic[] {
  return [...mathDiagnostics(noteText, options, t), ...linkDiagnostics(noteText, options, t)].sort((a, b) => a.start - b.start || a.end - b.end);
}

export function noteBodyFixes(noteText: string, diagnostic: CoreDiagnostic, t: Localize): CoreFix[] {
  return diagnostic.code === LINK_SWALLOWS_TEXT ? linkFixes(diagnostic, t) : mathFixes(noteText, diagnostic, t);
}
