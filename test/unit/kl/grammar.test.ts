import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '../../../..');
const load = (name: string) => JSON.parse(readFileSync(join(root, 'syntaxes', name), 'utf8'));

/** Oniguruma → JavaScript for the constructs these grammars use: \G, (?i:…), \p{…}. */
function toJs(pattern: string): RegExp {
  const caseInsensitive = pattern.includes('(?i:');
  return new RegExp(pattern.replace(/\\G/g, '^').replace(/\(\?i:/g, '(?:'), caseInsensitive ? 'iu' : 'u');
}

function collectPatterns(node: unknown, found: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((item) => collectPatterns(item, found));
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (['match', 'begin', 'end', 'while'].includes(key) && typeof value === 'string') found.push(value);
      else collectPatterns(value, found);
    }
  }
  return found;
}

describe('kl TextMate grammars', () => {
  const language = load('kl.tmLanguage.json');
  const injection = load('kl-markdown-injection.tmLanguage.json');

  it('have the scopes the manifest refers to and valid regexes', () => {
    assert.equal(language.scopeName, 'source.mathpost-kl');
    assert.equal(injection.injectionSelector, 'L:text.html.markdown');
    for (const pattern of [...collectPatterns(language), ...collectPatterns(injection)]) assert.doesNotThrow(() => toJs(pattern), pattern);
    const includes = JSON.stringify(language).match(/"include":\s*"#([\w-]+)"/g) ?? [];
    for (const include of includes) {
      const name = include.replace(/.*#/, '').replace('"', '');
      assert.ok(name in language.repository, `missing repository entry ${name}`);
    }
  });

  it('the injection opens on ```kl and ~~~kl fences only and embeds source.mathpost-kl', () => {
    const block = injection.repository['kl-code-block'];
    const begin = toJs(block.begin);
    for (const line of ['```kl', '~~~kl', '````KL', '  ```kl title', '```{.kl}']) assert.match(line, begin, line);
    for (const line of ['```python', '```klx', '``kl', 'kl', '```']) assert.doesNotMatch(line, begin, line);
    assert.equal(block.patterns[0].contentName, 'meta.embedded.block.mathpost-kl');
    assert.deepEqual(block.patterns[0].patterns, [{ include: 'source.mathpost-kl' }]);
    // In TextMate, \2 and \3 of `end` refer to the begin match: here no indentation and ```.
    const end = toJs(block.end.replace('\\2', '').replace('\\3', '```'));
    assert.match('```', end);
    assert.match('   ```', end);
    assert.doesNotMatch('~~~', end);
  });

  it('recognises the language elements', () => {
    const repo = language.repository;
    const first = (rule: string, text: string) => toJs(repo[rule].match).exec(text)?.[0];
    assert.equal(first('comment', 'p = 1 # note'), '# note');
    assert.equal(toJs(repo.assignment.match).exec('pi_theta = [0.1]')?.[1], 'pi_theta');
    assert.equal(toJs(repo.assignment.match).exec('β = 0.1')?.[1], 'β');
    assert.equal(first('number', 'x = 1.5e-3'), '1.5e-3');
    assert.equal(toJs(repo['measure-call'].match).exec('d = kl(p, q)')?.[1], 'kl');
    assert.equal(toJs(repo['distribution-call'].match).exec('softmax([1, 2])')?.[1], 'softmax');
    assert.equal(toJs(repo.label.match).exec('{left: 0.1}')?.[1], 'left');
    assert.equal(toJs(repo.constant.match).exec('2 * pi')?.[1], 'pi');
  });
});
