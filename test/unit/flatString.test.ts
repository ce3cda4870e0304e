/**
 * flatString must return one flat copy, not V8's tree of concatenated pieces (which every garbage collection
 * walks). Only V8's own debug print tells them apart, so a child process with natives syntax checks it.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

describe('flatString (one flat copy of a concatenated string)', () => {
  it('returns the same text, no longer a tree of pieces', () => {
    const module = join(__dirname, '..', '..', 'src', 'core', 'flatString.js');
    const script = `
      const { flatString } = require(${JSON.stringify(module)});
      let html = '';
      for (let i = 0; i < 50; i++) html += '<span class="mord">中' + i + '</span>';
      const expected = JSON.parse(JSON.stringify(html));
      const flat = flatString(html);
      if (flat !== expected) throw new Error('the text changed');
      %DebugPrint(html);
      %DebugPrint(flat);`;
    const result = spawnSync(process.execPath, ['--allow-natives-syntax', '-e', script], { encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr);
    const types = Array.from(result.stdout.matchAll(/^ - type: (\w+)/gm), (match) => match[1]);
    // The input really is a tree of pieces (or the check below would prove nothing), the output is not.
    assert.deepEqual(types.length, 2, result.stdout.slice(0, 500));
    assert.equal(types[0], 'CONS_STRING_TYPE');
    assert.notEqual(types[1], 'CONS_STRING_TYPE');
  });
});
