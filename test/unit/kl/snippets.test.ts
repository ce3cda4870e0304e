import * as assert from 'node:assert/strict';
import { findSnippets } from '../../../src/core/kl/snippets';
import { texNameCandidates } from '../../../src/core/kl/mathPatterns';

describe('kl snippet finder', () => {
  it('finds ``` and ~~~ kl fences, and ignores other languages and front matter', () => {
    const note = '---\ntitle: x\n```kl\nnot = 1\n```\n---\n```kl\na = 1\n```\n\n~~~~ KL extra\nb = 2\n~~~~\n```python\nc = 3\n```\n';
    const { blocks } = findSnippets(note);
    assert.equal(blocks.length, 2);
    assert.equal(blocks[0].content, 'a = 1');
    assert.equal(note.slice(blocks[0].contentStart, blocks[0].contentStart + blocks[0].content.length), 'a = 1');
    assert.equal(blocks[0].openLine, 6);
    assert.equal(blocks[0].closeLine, 8);
    assert.equal(blocks[1].content, 'b = 2');
  });

  it('follows CommonMark fence rules: closing length, indentation, unclosed fences', () => {
    const note = '````kl\na = 1\n```\nb = 2\n````\n    ```kl\n    x = 1\n    ```\n  ```kl\n  c = 3\n    d = 4\n  ```\n```kl\nlast = 1';
    const { blocks } = findSnippets(note);
    // The 4-space-indented fence is an indented code block, not a fence.
    assert.deepEqual(
      blocks.map((b) => b.content),
      ['a = 1\n```\nb = 2', '  c = 3\n    d = 4'.replace(/^ {2}/gm, (m) => ' '.repeat(m.length)), 'last = 1'],
    );
    // Offsets map 1:1 onto the note even with indentation stripped to spaces.
    const second = blocks[1];
    assert.equal(note.slice(second.contentStart, second.contentStart + second.content.length).replace(/^ +/gm, ''), second.content.replace(/^ +/gm, ''));
  });

  it('finds fences inside block quotes and list items', () => {
    const note = '> ```kl\n> a = 1\n> ```\n\n- item\n\n    ```kl\n    b = 2\n    ```\n';
    const { blocks } = findSnippets(note);
    assert.equal(blocks.length, 2);
    assert.equal(blocks[0].content, '  a = 1');
    assert.equal(blocks[0].content.length, '> a = 1'.length);
    assert.equal(blocks[1].content.trim(), 'b = 2');
  });

  it('finds inline code spans that call a measure function, not other code', () => {
    const note = 'Use `kl([0.5, 0.5], [0.9, 0.1])`, ``entropy(P)``, `softmax(x)`, `kl` and `kl(p, q) + 1 ...`.';
    const { inlines } = findSnippets(note);
    assert.deepEqual(
      inlines.map((i) => i.content),
      ['kl([0.5, 0.5], [0.9, 0.1])', 'entropy(P)'],
    );
    assert.equal(inlines[0].contentStart, note.indexOf('kl(['));
  });

  it('finds measures in $…$, $$…$$, \\(…\\) and \\[…\\], not in code', () => {
    const note = 'A $D_{KL}(P\\|Q)$ B $$\nH(P) + \\mathrm{KL}(P||Q)\n$$ C \\(JS(P\\|Q)\\) \\[H(P, Q)\\] `$D_{KL}(X\\|Y)$`\n```\n$H(Z)$\n```\n';
    const { maths } = findSnippets(note);
    assert.deepEqual(
      maths.map((m) => m.measure),
      ['kl', 'entropy', 'kl', 'js', 'cross_entropy'],
    );
    const first = maths[0];
    assert.equal(note.slice(first.start, first.end), 'D_{KL}(P\\|Q)');
    assert.equal(note.slice(first.args[1].start, first.args[1].end), 'Q');
  });

  it('maps TeX names to snippet names', () => {
    assert.deepEqual(texNameCandidates('\\pi_{\\text{ref}}'), ['\\pi_{\\text{ref}}', 'pi_ref', 'π_ref']);
    assert.deepEqual(texNameCandidates('\\pi_\\theta'), ['\\pi_\\theta', 'pi_theta', 'π_θ']);
    assert.deepEqual(texNameCandidates('P'), ['P']);
  });
});
