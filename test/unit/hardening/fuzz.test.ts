/**
 * Random and mutated notes through every entry point the editor calls on a note (issue
 * "hardening"). Fixed seeds: a failure here replays exactly; `node scripts/fuzz.mjs` runs the same
 * properties much longer with a seed of your choice.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { assertEditsPreserveText, assertOnlySpanChanged, declaredSpan, fixesPreserveText, propertyDefinitions, renderIsSafe, toProperty } from './properties';
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
      '<script>alert(1)</script>',
      '<img src="x" onerror="alert(1)">',
      '<a href="jav&#x09;ascript:alert(1)">x</a>',
      '<a href="JaVaScRiPt:x">x</a>',
      '<iframe src="https://e"></iframe>',
      '<frame>',
      '<object data="x">',
      '<embed src="x">',
      '<form>',
      '<style>x</style>',
      '<link rel="stylesheet" href="x">',
      '<meta http-equiv="refresh">',
      '<base href="https://evil/">',
      '<img src="http://evil/x.png">',
      '<img src="//evil/x.png">',
      '<div style="background:url(http://e)">',
      '<a href="command:workbench.action.terminal.new">x</a>',
      '<a href="data:text/html,x">x</a>',
      '<svg><foreignObject>',
      '<div src="https://evil">',
      '<img src="data:text/html,x">',
      '<!-- x -->',
      '<img src="x',
      '<span style="position:fixed">',
      '<a href="vbscript:x">',
    ];
    for (const html of unsafe) assert.notDeepEqual(htmlSafetyProblems(html), [], html);
    const safe = [
      '<img src="https://img.example/a.png" alt="">',
      '<a href="https://example.com">x</a>',
      '<span style="height:1.2em;vertical-align:-0.25em;">x</span>',
      'a &lt;script&gt; b',
      '<a href="#x">x</a>',
      '<img src="data:image/png;base64,AA">',
    ];
    for (const html of safe) assert.deepEqual(htmlSafetyProblems(html), [], html);
  });

  it('the edit checker catches an edit that loses text or overlaps', () => {
    assert.equal(
      assertEditsPreserveText(
        'abcdef',
        [
          { start: 1, end: 3, newText: 'XY' },
          { start: 4, end: 4, newText: '!' },
        ],
        't',
      ),
      'aXYd!ef',
    );
    assert.throws(
      () =>
        assertEditsPreserveText(
          'abcdef',
          [
            { start: 1, end: 4, newText: '' },
            { start: 3, end: 5, newText: '' },
          ],
          't',
        ),
      /overlapping/,
    );
    assert.throws(() => assertEditsPreserveText('abc', [{ start: 2, end: 9, newText: '' }], 't'), /out of range/);
  });

  it('the span checker rejects a fix that rewrites more than its diagnostic declares', () => {
    const text = "---\ntitle: a\ntoc: 'false'\ntags:\n  - x\n---\nbody\n";
    const toc = { code: 'frontmatter.string-boolean', start: text.indexOf("'false'"), end: text.indexOf("'false'") + 7 };
    const span = declaredSpan(text, toc);
    assert.equal(text.slice(span.start, span.end), "toc: 'false'\n");
    assert.doesNotThrow(() => assertOnlySpanChanged(text, text.replace("'false'", 'false'), span, 't'));
    // Re-serialising the front matter (here: one space dropped elsewhere) or losing the next key must fail.
    assert.throws(() => assertOnlySpanChanged(text, text.replace("'false'", 'false').replace('title: a', 'title:a'), span, 't'), /outside the declared span/);
    assert.throws(() => assertOnlySpanChanged(text, text.replace("toc: 'false'\ntags:\n", 'toc: false\n'), span, 't'), /outside the declared span/);
    // A key is removed with its value's lines.
    const tags = { code: 'frontmatter.no-effect', start: text.indexOf('tags'), end: text.indexOf('tags') + 4 };
    assert.equal(text.slice(declaredSpan(text, tags).start, declaredSpan(text, tags).end), 'tags:\n  - x\n');
  });

  it('every fix of a note with one problem of each fixable kind keeps the rest of the note and fixes its problem', () => {
    // Deterministic companions of the random property: a removed key followed by another key, a quoted boolean,
    // an impossible date, a misspelt key, a marked escape in math.
    fixesPreserveText("---\ntitle: a\nkeywords: x, y\ntoc: 'false'\ndate: 2025-02-30\nCategory: ML\ncomments: true\n---\n$\\\\{x\\\\}$ body\n");
  });

  it('regressions: notes the fuzzer once produced', () => {
    const notes = [
      '\uFEFF---\r\ntitle: a\r\n---\r\n$x$',
      '---\ntitle: "<script>"\n---\n',
      '',
      // "Quote the value" was offered where quoting left the YAML as broken (the list below continues the value).
      '---\ncategories: [ML, [RL, PPO]"]\n  - 强化学习\n----\n',
      // A key whose plain value continues after a blank line is removed with that line.
      '---\n\nkeywords: a, b\n\n  block text\n\ntitle: KL 散度笔记\n\n---\n\n',
    ];
    for (const note of notes) {
      renderIsSafe(note);
      fixesPreserveText(note);
    }
  });
});
