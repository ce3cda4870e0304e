import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { allDiagnosticDocs, diagnosticsMarkdown } from '../../../src/core/diagnosticCatalogue';
import { repoRoot } from './helpers';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/**
 * Codes where diagnostics are made: `code: '…'`, `klError('…'`, `klMessage('…'`, `inform('…'`, `warnOrFail('…'`,
 * and codes named once as a constant (`export const LINK_SWALLOWS_TEXT = 'render.…'`).
 */
function reportedCodes(): Set<string> {
  const reporting =
    /(?:\bcode:\s*|\bklError\(\s*|\bklMessage\(\s*|\.inform\(\s*|\.warnOrFail\(\s*)'((?:frontmatter|math|kl|render|mathpost)\.[a-z-]+)'|\bconst [A-Z_]+ = '((?:frontmatter|math|kl|render)\.[a-z-]+)'/g;
  const codes = new Set<string>();
  for (const file of sourceFiles(join(repoRoot, 'src'))) {
    for (const match of readFileSync(file, 'utf8').matchAll(reporting)) codes.add(match[1] ?? match[2]);
  }
  return codes;
}

describe('diagnostic catalogue (SARIF rules and docs/diagnostics*.md)', () => {
  const documented = new Set(allDiagnosticDocs().map((doc) => doc.code));

  it('documents every code the sources report, and only those', () => {
    const reported = reportedCodes();
    assert.ok(reported.size > 50, `found ${reported.size} codes: the scan still finds the reporting calls`);
    assert.deepEqual([...reported].filter((code) => !documented.has(code)).sort(), [], 'add these to src/core/diagnosticCatalogue.json');
    assert.deepEqual([...documented].filter((code) => !reported.has(code)).sort(), [], 'no longer reported: remove from the catalogue');
  });

  it('has an English and a Chinese summary and help for every code', () => {
    for (const doc of allDiagnosticDocs()) {
      for (const text of [doc.summary.en, doc.help.en, doc.summary['zh-cn'], doc.help['zh-cn']]) assert.ok(text.trim().length > 0, doc.code);
      assert.match(doc.summary['zh-cn'] + doc.help['zh-cn'], /[\u4e00-\u9fff]/, `${doc.code}: a real Chinese text`);
      assert.ok(!doc.summary.en.endsWith('.'), `${doc.code}: the summary is a title (the docs add the full stop)`);
    }
  });

  it('docs/diagnostics.md and docs/diagnostics.zh-cn.md are what the catalogue generates (node scripts/diagnostics-doc.mjs)', () => {
    assert.equal(readFileSync(join(repoRoot, 'docs/diagnostics.md'), 'utf8'), diagnosticsMarkdown('en'));
    assert.equal(readFileSync(join(repoRoot, 'docs/diagnostics.zh-cn.md'), 'utf8'), diagnosticsMarkdown('zh-cn'));
    for (const doc of allDiagnosticDocs()) assert.ok(diagnosticsMarkdown('en').includes(`### \`${doc.code}\``), doc.code);
  });
});
