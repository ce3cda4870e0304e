import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '../../../..');

/** Every English template in the kl core: arguments of t('…'), klError/klMessage/warn(…, '…') and { template: '…' } / summary: '…'. */
function templatesInSource(): Set<string> {
  const directory = join(root, 'src/core/kl');
  const templates = new Set<string>();
  const patterns = [
    /\bt\(\s*'((?:[^'\\]|\\.)*)'/g,
    /\b(?:klError|klMessage|warn|warnOrFail|inform)\(\s*'kl\.[a-z-]+',[^']*?'((?:[^'\\]|\\.)*)'/g,
    /\b(?:template|summary):\s*'((?:[^'\\]|\\.)*)'/g,
  ];
  for (const file of readdirSync(directory).filter((name) => name.endsWith('.ts'))) {
    const source = readFileSync(join(directory, file), 'utf8');
    for (const pattern of patterns) for (const match of source.matchAll(pattern)) templates.add(match[1].replace(/\\'/g, "'"));
  }
  return templates;
}

describe('kl translations', () => {
  const translations = JSON.parse(readFileSync(join(root, 'l10n/kl.zh-cn.json'), 'utf8')) as Record<string, string>;
  const templates = templatesInSource();

  it('finds the templates (sanity check of the scanner)', () => {
    assert.ok(templates.size > 80, `only ${templates.size} templates found`);
    assert.ok(templates.has('Expected a number here, but this is {0}.'));
  });

  it('every English template has a Simplified Chinese translation with the same placeholders', () => {
    const missing = [...templates].filter((template) => !(template in translations));
    assert.deepEqual(missing, []);
    for (const [english, chinese] of Object.entries(translations)) {
      const placeholders = (text: string) => [...new Set(text.match(/\{\d+\}/g) ?? [])].sort();
      assert.deepEqual(placeholders(chinese), placeholders(english), english);
      assert.ok(chinese.trim() !== '', english);
    }
  });

  it('has no stale entries', () => {
    assert.deepEqual(
      Object.keys(translations).filter((english) => !templates.has(english)),
      [],
    );
  });
});
