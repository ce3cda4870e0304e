import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { builtInSchema, loadSchema, localized } from '../../../src/core/frontMatter/schema';
import { blogContext, codes, post } from './helpers';

const root = join(__dirname, '../../../..');

function sources(folder: string, filter: (name: string) => boolean): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? sources(path, filter) : filter(name) ? [path] : [];
  });
}

/** The string literal templates passed to `t(...)` / `vscode.l10n.t(...)` in a file. */
function templates(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found: string[] = [];
  for (const match of text.matchAll(/\bt\(\s*('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")/g)) {
    found.push(match[1].slice(1, -1).replace(/\\(.)/g, (_, char: string) => ({ n: '\n', t: '\t' })[char] ?? char));
  }
  return found;
}

describe('front matter schema and translations', () => {
  it('every built-in key has an English and a Chinese description and default', () => {
    for (const spec of builtInSchema().keys.values()) {
      assert.ok(spec.description.en && spec.description['zh-cn'], spec.name);
      assert.ok(spec.default.en && spec.default['zh-cn'], spec.name);
      assert.ok(['active', 'noEffect', 'foreign', 'internal'].includes(spec.status), spec.name);
    }
    assert.equal(localized(builtInSchema().keys.get('toc')!.description, 'zh-cn').includes('目录'), true);
  });

  it('aliases point at known keys', () => {
    for (const target of builtInSchema().aliases.values()) assert.ok(builtInSchema().keys.has(target), target);
  });

  it('a custom schema and extra keys are merged, bad entries reported', () => {
    const { schema, problems } = loadSchema(
      { keys: [{ name: 'index_img', status: 'active', type: 'image', description: 'Fluid thumbnail' }, { nope: 1 }], tagPlugins: ['fluidtag'] },
      ['my_key'],
    );
    assert.equal(schema.keys.get('index_img')?.status, 'active');
    assert.equal(schema.keys.get('my_key')?.status, 'extra');
    assert.ok(schema.themeTags.has('fluidtag'));
    assert.deepEqual(problems, ['keys[1] has no "name"']);
    assert.deepEqual(loadSchema('nonsense').problems.length, 1);
    const ctx = { ...blogContext(), schema };
    assert.deepEqual(codes(post('title: a\ndate: 2025-06-25 10:00:00\nmy_key: 1\nindex_img: /img/a.png\n', '\n{% fluidtag %}\n'), ctx), []);
  });

  it('every user-facing template of the front-matter code has a zh-cn translation with the same placeholders', () => {
    const translations = JSON.parse(readFileSync(join(root, 'l10n/frontMatter.zh-cn.json'), 'utf8')) as Record<string, string>;
    const files = [
      ...sources(join(root, 'src/core/frontMatter'), (name) => name.endsWith('.ts')),
      ...sources(join(root, 'src/vscode'), (name) => /^(frontMatter.*|validateBlogCommand)\.ts$/.test(name)),
    ];
    const missing: string[] = [];
    for (const file of files) {
      for (const template of templates(file)) {
        const chinese = translations[template];
        if (chinese === undefined) missing.push(template);
        else assert.deepEqual([...new Set(chinese.match(/\{\d\}/g) ?? [])].sort(), [...new Set(template.match(/\{\d\}/g) ?? [])].sort(), template);
      }
    }
    assert.deepEqual(missing, []);
  });
});
