/**
 * Quick fixes. Every rule computes its fixes while it has the parse at hand (they travel in
 * `diagnostic.data.fixes`); here we re-validate the current text so a fix always matches it (VS Code
 * does not keep `data` on its diagnostics), and apply the preferred fixes one at a time for "fix all".
 */
import { applyEdits } from '../text';
import type { CoreDiagnostic, CoreFix, Localize, TextEdit } from '../text';
import { parseFrontMatter } from './parse';
import { toCoreFixes } from './report';
import type { ValidationContext } from './report';
import { validateFrontMatter } from './validate';

export function fixesForDiagnostic(
  text: string,
  diagnostic: Pick<CoreDiagnostic, 'code' | 'start' | 'end'> & { data?: Record<string, unknown> },
  ctx: ValidationContext,
  t: Localize,
): CoreFix[] {
  const current = Array.isArray(diagnostic.data?.fixes)
    ? (diagnostic as CoreDiagnostic)
    : validateFrontMatter(text, ctx, t).find(
        (candidate) => candidate.code === diagnostic.code && candidate.start === diagnostic.start && candidate.end === diagnostic.end,
      );
  return current ? safeFixes(text, toCoreFixes(current)) : [];
}

/**
 * Safety net: a fix must never turn a front matter Hexo reads into one it drops (a YAML or JSON
 * error). Checked only when fixes are asked for, not on every validation.
 */
export function safeFixes(text: string, fixes: CoreFix[]): CoreFix[] {
  if (fixes.length === 0) return fixes;
  const before = parseFrontMatter(text);
  if (before.status === 'syntax-error') {
    // A fix for broken YAML must leave fewer syntax problems (quoting a value whose next line continues
    // it, e.g. `a: [x]"` over `  - y`, only moves the error: found by the fuzzer).
    return fixes.filter((fix) => parsesWith(text, fix, (after) => after.syntaxProblems.length < before.syntaxProblems.length));
  }
  if (before.status !== 'mapping') return fixes;
  return fixes.filter((fix) => parsesWith(text, fix, (after) => after.status === 'mapping'));
}

function parsesWith(text: string, fix: CoreFix, accept: (after: ReturnType<typeof parseFrontMatter>) => boolean): boolean {
  try {
    return accept(parseFrontMatter(applyEdits(text, fix.edits)));
  } catch {
    return false;
  }
}

/** All fixes of the current text, for a code-action provider that asks for a whole range. */
export function fixesInRange(
  text: string,
  start: number,
  end: number,
  ctx: ValidationContext,
  t: Localize,
): Array<{ diagnostic: CoreDiagnostic; fixes: CoreFix[] }> {
  return validateFrontMatter(text, ctx, t)
    .filter((diagnostic) => diagnostic.start <= end && diagnostic.end >= start)
    .map((diagnostic) => ({ diagnostic, fixes: safeFixes(text, toCoreFixes(diagnostic)) }))
    .filter((item) => item.fixes.length > 0);
}

/**
 * Apply every preferred fix (those that are not guesses) until none is left, re-validating after
 * each so fixes never conflict; return the change as one minimal edit of the original text.
 */
export function fixAll(text: string, ctx: ValidationContext, t: Localize, maxRounds = 50): TextEdit[] {
  let current = text;
  const tried = new Set<string>();
  for (let round = 0; round < maxRounds; round++) {
    const next = validateFrontMatter(current, ctx, t)
      .flatMap((diagnostic) =>
        safeFixes(
          current,
          toCoreFixes(diagnostic).filter((fix) => fix.isPreferred && fix.edits.length > 0),
        )
          .slice(0, 1)
          .map((fix) => ({ diagnostic, fix })),
      )
      .find(({ diagnostic, fix }) => !tried.has(`${diagnostic.code}@${diagnostic.start}:${fix.title}`));
    if (!next) break;
    tried.add(`${next.diagnostic.code}@${next.diagnostic.start}:${next.fix.title}`);
    try {
      current = applyEdits(current, next.fix.edits);
    } catch {
      continue;
    }
  }
  return minimalEdit(text, current);
}

/** The single edit that turns `before` into `after`, touching only what differs. */
export function minimalEdit(before: string, after: string): TextEdit[] {
  if (before === after) return [];
  let prefix = 0;
  const shorter = Math.min(before.length, after.length);
  while (prefix < shorter && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < shorter - prefix && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix++;
  return [{ start: prefix, end: before.length - suffix, newText: after.slice(prefix, after.length - suffix) }];
}
