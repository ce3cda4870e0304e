/**
 * Hints about the note's own macros (issue #11), reported with the other math checks so the editor and
 * `mathpost check` list the same ones: a macro the note defines and never uses (`math.unused-macro`), and one
 * defined again although the note, the blog's `katex.macros` or `mathpost.math.macros` already defines it
 * (`math.redefined-macro`; the later definition silently wins in KaTeX, which is easy to do by accident).
 */
import type { CoreDiagnostic, Localize } from '../text';
import { MACRO_DEFINITION_PATTERN } from './katexOptions';
import type { MathSpan } from './mathSpans';
import { mathModelOf } from './noteMath';

/** `noteText` only serves to name the line of an earlier definition. */
export function macroDiagnostics(noteText: string, spans: MathSpan[], baseMacros: Readonly<Record<string, string>>, t: Localize): CoreDiagnostic[] {
  // Most notes define nothing: skip the control-word scan of every formula then.
  if (!spans.some((span) => MACRO_DEFINITION_PATTERN.test(span.tex))) return [];
  const model = mathModelOf(spans);
  if (model.definitions.length === 0) return [];
  const used = new Set(model.uses.map((use) => use.name));
  const seen = new Map<string, number>();
  const diagnostics: CoreDiagnostic[] = [];
  for (const definition of model.definitions) {
    const { name, start, end } = definition;
    if (!used.has(name)) {
      diagnostics.push({
        code: 'math.unused-macro',
        message: t('The macro \\{0} is defined but never used in this note.', name),
        severity: 'hint',
        start,
        end,
        data: { name },
      });
    }
    const earlier = seen.get(name);
    if (earlier !== undefined) {
      diagnostics.push({
        code: 'math.redefined-macro',
        message: t('The macro \\{0} is defined again; the definition on line {1} no longer applies after this one.', name, earlier),
        severity: 'hint',
        start,
        end,
        data: { name },
      });
    } else if (`\\${name}` in baseMacros) {
      diagnostics.push({
        code: 'math.redefined-macro',
        message: t("The macro \\{0} redefines the blog's or the settings' macro of that name.", name),
        severity: 'hint',
        start,
        end,
        data: { name },
      });
    }
    seen.set(name, lineOf(noteText, start));
  }
  return diagnostics;
}

/** 1-based line of a note offset (only for the rare redefinition). */
function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let at = text.indexOf('\n'); at !== -1 && at < offset; at = text.indexOf('\n', at + 1)) line++;
  return line;
}
