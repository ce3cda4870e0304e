import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

// out/test/unit/manifest.test.js -> project root
const root = join(__dirname, '..', '..', '..');
const readJson = (path: string) => JSON.parse(readFileSync(join(root, path), 'utf8'));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** First string-literal argument of every `t(...)` / `l10n.t(...)` call: the templates shown to users. */
function templatesIn(source: string): string[] {
  const found: string[] = [];
  const call = /(?:\bl10n\.t|(?<![\w.])t)\(\s*(['"`])((?:\\.|(?!\1)[^\\])*)\1/g;
  for (const match of source.matchAll(call)) {
    if (match[1] === '`' && match[2].includes('${')) continue;
    found.push(match[2].replace(/\\(['"`\\])/g, '$1').replace(/\\n/g, '\n'));
  }
  return found;
}

describe('manifest and translations', () => {
  const manifest = readJson('package.json');
  const english = readJson('package.nls.json');
  const chinese = readJson('package.nls.zh-cn.json');

  it('resolves every %placeholder% of package.json in English and Chinese', () => {
    const placeholders = [...JSON.stringify(manifest).matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]);
    assert.ok(placeholders.length > 10);
    for (const key of placeholders) {
      assert.ok(key in english, `package.nls.json lacks ${key}`);
      assert.ok(key in chinese, `package.nls.zh-cn.json lacks ${key}`);
    }
  });

  it('gives every command the Mathpost category and an nls title', () => {
    for (const command of manifest.contributes.commands) {
      assert.equal(command.category, 'Mathpost', command.command);
      assert.match(command.title, /^%.+%$/, command.command);
    }
  });

  it('has a zh-cn translation for every localized template in src/', () => {
    const bundle: Record<string, string> = {};
    for (const name of readdirSync(join(root, 'l10n')).filter((n) => n.endsWith('.zh-cn.json'))) {
      Object.assign(bundle, readJson(join('l10n', name)));
    }
    const missing = new Set<string>();
    for (const file of sourceFiles(join(root, 'src'))) {
      for (const template of templatesIn(readFileSync(file, 'utf8'))) {
        if (!(template in bundle)) missing.add(`${file.slice(root.length + 1)}: ${template}`);
      }
    }
    assert.deepEqual([...missing], []);
  });

  it('pins @types/vscode to the engines.vscode minimum', () => {
    const minimum = manifest.engines.vscode.replace(/^\^/, '');
    assert.equal(manifest.devDependencies['@types/vscode'], minimum);
  });
});
