/**
 * What a front-matter golden holds: the diagnostics of a fixture note (range, severity, code, covered text,
 * message, fixes) and the "fix all" result. Shared by golden.test.ts (compares) and
 * scripts/update-goldens.mjs (the only writer).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { applyEdits, englishText, LineIndex } from '../../../src/core/text';
import { fixAll, fixesForDiagnostic } from '../../../src/core/frontMatter/fixes';
import { validateFrontMatter } from '../../../src/core/frontMatter/validate';
import { blogContext } from './helpers';

/** out/test/unit/frontMatter → the fixtures in the source tree. */
export const fixturesFolder = join(__dirname, '../../../../test/fixtures/frontMatter/notes');

export function fixtureNames(): string[] {
  return readdirSync(fixturesFolder)
    .filter((name) => name.endsWith('.md'))
    .sort();
}

export function goldenPathOf(name: string): string {
  return join(fixturesFolder, name.replace(/\.md$/, '.golden.txt'));
}

export function renderGolden(name: string, text: string): string {
  const path = name.startsWith('page-') ? `/blog/source/${name.replace(/\.md$/, '')}/index.md` : `/blog/source/_posts/${name}`;
  const ctx = blogContext(path);
  const index = new LineIndex(text);
  const lines = validateFrontMatter(text, ctx, englishText).map((diagnostic) => {
    const start = index.positionAt(diagnostic.start);
    const end = index.positionAt(diagnostic.end);
    const fixes = fixesForDiagnostic(text, diagnostic, ctx, englishText).map((fix) => `${fix.isPreferred ? '*' : ''}${fix.title}`);
    return `${start.line + 1}:${start.character + 1}-${end.line + 1}:${end.character + 1} ${diagnostic.severity} ${diagnostic.code} ${JSON.stringify(text.slice(diagnostic.start, diagnostic.end))}\n  ${diagnostic.message}${fixes.length ? `\n  fixes: ${fixes.join(' | ')}` : ''}`;
  });
  const fixed = applyEdits(text, fixAll(text, ctx, englishText));
  return `${lines.join('\n')}\n=== fix all ===\n${fixed === text ? '(no change)\n' : fixed}`;
}
