/**
 * Golden tests: every note in test/fixtures/frontMatter/notes is validated in an in-memory blog
 * (KaTeX with per_page false, Asia/Shanghai; `page-*` notes are pages) and the diagnostics plus the
 * "fix all" result are compared with `<name>.golden.txt`. Regenerate with UPDATE_GOLDEN=1 and
 * review the diff: the goldens are the spec of the messages.
 */
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyEdits, englishText, LineIndex } from '../../../src/core/text';
import { fixAll, fixesForDiagnostic } from '../../../src/core/frontMatter/fixes';
import { validateFrontMatter } from '../../../src/core/frontMatter/validate';
import { blogContext } from './helpers';

const fixtures = join(__dirname, '../../../../test/fixtures/frontMatter/notes');

function render(name: string, text: string): string {
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

describe('front matter golden fixtures', () => {
  const names = readdirSync(fixtures).filter((name) => name.endsWith('.md')).sort();

  it('has a fixture for every rule code', () => {
    const seen = new Set<string>();
    for (const name of names) {
      for (const match of render(name, readFileSync(join(fixtures, name), 'utf8')).matchAll(/ (frontmatter\.[\w-]+) /g)) seen.add(match[1]);
    }
    const expected = [
      'yaml-syntax', 'duplicate-key', 'not-recognised', 'not-a-mapping', 'json-syntax', 'unknown-key', 'no-effect', 'foreign-key', 'internal-key', 'alias-ignored',
      'wrong-scope', 'empty-value', 'wrong-type', 'bad-value', 'missing-title', 'string-boolean', 'date-format', 'date-offset', 'date-machine-dependent', 'date-impossible',
      'date-integer', 'date-invalid', 'date-missing', 'updated-before-date', 'comma-in-name', 'empty-entry', 'category-hierarchy', 'unknown-tag', 'nunjucks-syntax', 'math-not-loaded', 'image-missing', 'cover-not-image',
    ].map((code) => `frontmatter.${code}`);
    assert.deepEqual(expected.filter((code) => !seen.has(code)), []);
  });

  for (const name of names) {
    it(name, () => {
      const text = readFileSync(join(fixtures, name), 'utf8');
      const actual = render(name, text);
      const goldenPath = join(fixtures, name.replace(/\.md$/, '.golden.txt'));
      if (process.env.UPDATE_GOLDEN || !existsSync(goldenPath)) writeFileSync(goldenPath, actual);
      assert.equal(actual, readFileSync(goldenPath, 'utf8'));
    });
  }
});
