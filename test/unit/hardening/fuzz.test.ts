/**
 * Random and mutated notes through every entry point the editor calls on a note (issue
 * "hardening"). Fixed seeds: a failure here replays exactly; `node scripts/fuzz.mjs` runs the same
 * properties much longer with a seed of your choice.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { assertEditsPreserveText, fixesPreserveText, propertyDefinitions, renderIsSafe, toProperty } from './properties';
import { htmlSafetyProblems } from './htmlSafety';

const RUNS: Record<string, number> = {
  'render: no throw, safe HTML, incremental = fresh': 60,
  'render: incremental = fresh when the front-matter form changes': 40,
  'export: safe body and a strict CSP': 40,
  'diagnostics: no throw, ranges inside the text': 120,
  'quick fixes and fix all: nothing else changes, undo restores': 80,
  'kl: analyze, hover and CLI eval never throw': 120,
};

describe('hardening/fuzz', function () {
  // A hang detector for a loaded CI machine, not a timing assertion.
  this.timeout(60_000);

  for (const [index, definition] of propertyDefinitions().entries()) {
    it(definition.name, () => {
      fc.assert(toProperty(definition), { seed: 0x5eed + index, numRuns: RUNS[definition.name] ?? 50, endOnFailure: true });
    });
  }

  it('the safety checker itself rejects what it must (so a passing fuzz run means something)', () => {
    const unsafe = [
      '<script>alert(1)</script>', '<img src="x" onerror="alert(1)">', '<a href="jav&#x09;ascript:alert(1)">x</a>', '<a href="JaVaScRiPt:x">x</a>',
      '<iframe src="https://e"></iframe>', '<frame>', '<object data="x">', '<embed src="x">', '<form>', '<style>x</style>', '<link rel="stylesheet" href="x">',
      '<meta http-equiv="refresh">', '<base href="https://evil/">', '<img src="http://evil/x.png">', '<img src="//evil/x.png">', '<div style="background:url(http://e)">',
      '<a href="command:workbench.action.terminal.new">x</a>', '<a href="data:text/html,x">x</a>', '<svg><foreignObject>', '<div src="https://evil">', '<img src="data:text/html,x">',
      '<!-- x -->', '<img src="x', '<span style="position:fixed">', '<a href="vbscript:x">',
    ];
    for (const html of unsafe) assert.notDeepEqual(htmlSafetyProblems(html), [], html);
    const safe = ['<img src="https://img.example/a.png" alt="">', '<a href="https://example.com">x</a>', '<span style="height:1.2em;vertical-align:-0.25em;">x</span>', 'a &lt;script&gt; b', '<a href="#x">x</a>', '<img src="data:image/png;base64,AA">'];
    for (const html of safe) assert.deepEqual(htmlSafetyProblems(html), [], html);
  });

  it('the edit checker catches an edit that loses text or overlaps', () => {
    assert.equal(assertEditsPreserveText('abcdef', [{ start: 1, end: 3, newText: 'XY' }, { start: 4, end: 4, newText: '!' }], 't'), 'aXYd!ef');
    assert.throws(() => assertEditsPreserveText('abcdef', [{ start: 1, end: 4, newText: '' }, { start: 3, end: 5, newText: '' }], 't'), /overlapping/);
    assert.throws(() => assertEditsPreserveText('abc', [{ start: 2, end: 9, newText: '' }], 't'), /out of range/);
  });

  it('regressions: notes the fuzzer once produced', () => {
    for (const note of ['\uFEFF---\r\ntitle: a\r\n---\r\n$x$', '---\ntitle: "<script>"\n---\n', '']) {
      renderIsSafe(note);
      fixesPreserveText(note);
    }
  });
});
