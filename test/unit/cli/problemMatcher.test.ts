import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CheckResult } from '../../../src/cli/checkFormats';
import { exampleBlogCopy, repoRoot, runBuiltCli } from './helpers';

/**
 * How VS Code turns a matched severity into a marker severity: `Severity.fromValue` knows error, warning/warn and
 * info; `AbstractLineMatcher.getSeverity` (src/vs/workbench/contrib/tasks/common/problemMatcher.ts) adds E, W, I,
 * hint and note; anything else falls back to the matcher's default severity, Error.
 */
function vscodeSeverity(value: string): 'error' | 'warning' | 'info' {
  const lower = value.toLowerCase();
  if (lower === 'error' || value === 'E') return 'error';
  if (lower === 'warning' || lower === 'warn' || value === 'W') return 'warning';
  if (lower === 'info' || value === 'I' || lower === 'hint' || lower === 'note') return 'info';
  return 'error';
}

describe('the $mathpost problem matcher (package.json contributes.problemMatchers)', function () {
  this.timeout(30_000);

  it('parses every line `mathpost check` prints, with the same file, position, severity, code and message', () => {
    const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
    const matcher = manifest.contributes.problemMatchers.find((candidate: { name: string }) => candidate.name === 'mathpost');
    assert.ok(matcher, 'a matcher named mathpost (used as $mathpost)');
    assert.notEqual(matcher.owner, 'mathpost', 'a task run must not clear the extension’s own `mathpost` diagnostics');
    const { pattern } = matcher;
    const regexp = new RegExp(pattern.regexp);
    const copy = exampleBlogCopy();
    try {
      const text = runBuiltCli(['check', '.'], copy.blog);
      const json: CheckResult[] = JSON.parse(runBuiltCli(['check', '.', '--format', 'json'], copy.blog).stdout);
      const lines = text.stdout.trimEnd().split('\n');
      assert.equal(lines.length, json.length);
      assert.ok(new Set(json.map((result) => result.severity)).size >= 3, 'the sample covers several severities');
      lines.forEach((line, i) => {
        const match = regexp.exec(line);
        assert.ok(match, `the matcher does not match: ${line}`);
        const expected = json[i];
        assert.equal(match[pattern.file], expected.file);
        assert.equal(Number(match[pattern.line]), expected.range.start.line + 1);
        assert.equal(Number(match[pattern.column]), expected.range.start.character + 1);
        assert.equal(
          vscodeSeverity(match[pattern.severity]),
          { error: 'error', warning: 'warning', information: 'info', hint: 'info' }[expected.severity],
          line,
        );
        assert.equal(match[pattern.code], expected.code);
        assert.equal(match[pattern.message], expected.message);
      });
      assert.equal(regexp.exec(text.stderr.trim()), null, 'the summary line is not a problem');
    } finally {
      copy.dispose();
    }
  });

  it('maps `information` to an info marker, not to the Error fallback', () => {
    const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
    const { pattern } = manifest.contributes.problemMatchers[0];
    const match = new RegExp(pattern.regexp).exec('source/_posts/a.md:3:1 information kl.zero-support The result is ∞: x');
    assert.ok(match);
    assert.equal(vscodeSeverity(match[pattern.severity]), 'info');
    assert.equal(match[pattern.code], 'kl.zero-support');
    assert.equal(match[pattern.message], 'The result is ∞: x');
  });
});
