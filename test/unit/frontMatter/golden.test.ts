/**
 * Golden tests: every note in test/fixtures/frontMatter/notes is validated in an in-memory blog
 * (KaTeX with per_page false, Asia/Shanghai; `page-*` notes are pages) and the diagnostics plus the
 * "fix all" result are compared with `<name>.golden.txt`. The test never writes a golden: a missing one
 * fails. `npm run update-goldens` rewrites them and prints the diff to review: the goldens are the spec
 * of the messages.
 */
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixtureNames, fixturesFolder, goldenPathOf, renderGolden } from './goldenRender';

describe('front matter golden fixtures', () => {
  const names = fixtureNames();

  it('has a fixture for every rule code', () => {
    const seen = new Set<string>();
    for (const name of names) {
      for (const match of renderGolden(name, readFileSync(join(fixturesFolder, name), 'utf8')).matchAll(/ (frontmatter\.[\w-]+) /g)) seen.add(match[1]);
    }
    const expected = [
      'yaml-syntax',
      'duplicate-key',
      'not-recognised',
      'not-a-mapping',
      'json-syntax',
      'unknown-key',
      'no-effect',
      'foreign-key',
      'internal-key',
      'alias-ignored',
      'wrong-scope',
      'empty-value',
      'wrong-type',
      'bad-value',
      'missing-title',
      'string-boolean',
      'date-format',
      'date-offset',
      'date-machine-dependent',
      'date-impossible',
      'date-integer',
      'date-invalid',
      'date-missing',
      'updated-before-date',
      'comma-in-name',
      'empty-entry',
      'category-hierarchy',
      'unknown-tag',
      'nunjucks-syntax',
      'math-not-loaded',
      'image-missing',
      'cover-not-image',
    ].map((code) => `frontmatter.${code}`);
    assert.deepEqual(
      expected.filter((code) => !seen.has(code)),
      [],
    );
  });

  for (const name of names) {
    it(name, () => {
      const goldenPath = goldenPathOf(name);
      // Never written here: a golden created by the test it checks would pass whatever the output.
      assert.ok(existsSync(goldenPath), `${goldenPath} is missing: run \`npm run update-goldens\` and review the diff it prints`);
      assert.equal(renderGolden(name, readFileSync(join(fixturesFolder, name), 'utf8')), readFileSync(goldenPath, 'utf8'));
    });
  }
});
