import * as assert from 'node:assert/strict';
import markdownIt from 'markdown-it';
import { splitBlocks, splitLines } from '../../../src/core/note/blocks';

const split = (text: string, dollarBlocks = true) =>
  splitBlocks(splitLines(text), 0, { dollarBlocks }).map((block) => [block.startLine, block.endLine, block.hexoTag ?? '']);

describe('render/blocks', () => {
  it('splits at blank lines and keeps source lines', () => {
    assert.deepEqual(split('# A\ntext\n\npara\n\n\nlast'), [
      [0, 2, ''],
      [3, 4, ''],
      [6, 7, ''],
    ]);
  });

  it('does not split inside fences, $$ blocks, comments and Hexo tags', () => {
    const text = [
      '```',
      'a',
      '',
      'b',
      '```',
      '',
      '$$',
      'x',
      '',
      'y',
      '$$',
      '',
      '<!--',
      '',
      '-->',
      '',
      '{% note %}',
      'n',
      '',
      'm',
      '{% endnote %}',
      'after',
    ].join('\n');
    assert.deepEqual(split(text), [
      [0, 5, ''],
      [6, 11, ''],
      [12, 15, ''],
      [16, 21, 'note'],
      [21, 22, ''],
    ]);
  });

  it('keeps a loose list and its indented continuation together', () => {
    assert.deepEqual(split('- a\n\n- b\n\n  more b\n\nafter'), [
      [0, 5, ''],
      [6, 7, ''],
    ]);
  });

  it('keeps indented code with blank lines together', () => {
    assert.deepEqual(split('para\n\n    code 1\n\n    code 2\n\npara'), [
      [0, 1, ''],
      [2, 5, ''],
      [6, 7, ''],
    ]);
  });

  it('treats an unclosed $$ as running to the end, as the blog renderer does', () => {
    assert.deepEqual(split('a\n\n$$\nx\n\ny'), [
      [0, 1, ''],
      [2, 6, ''],
    ]);
    assert.deepEqual(split('a\n\n$$\nx\n\ny', false), [
      [0, 1, ''],
      [2, 4, ''],
      [5, 6, ''],
    ]);
  });

  it('starts a tag block even right after a paragraph line, and ignores tags that never close', () => {
    assert.deepEqual(split('text\n{% note %}\nx\n{% endnote %}\n{% label a %}'), [
      [0, 1, ''],
      [1, 4, 'note'],
      [4, 5, ''],
    ]);
  });

  it('handles nested tags of the same name', () => {
    const text = '{% note %}\n{% note %}\ninner\n{% endnote %}\n\nouter\n{% endnote %}\n\nx';
    assert.deepEqual(split(text), [
      [0, 7, 'note'],
      [8, 9, ''],
    ]);
  });

  it('keeps an HTML container with markdown and blank lines in it together, nested ones too, but not one left open', () => {
    assert.deepEqual(split('<details>\n<summary>s</summary>\n\nbody\n\n</details>\n\nafter'), [
      [0, 6, ''],
      [7, 8, ''],
    ]);
    assert.deepEqual(split('<div>\n<div>\n\nin\n\n</div>\n\nout\n\n</div>\n\nafter'), [
      [0, 10, ''],
      [11, 12, ''],
    ]);
    assert.deepEqual(split('<div>x</div>\n\nafter'), [
      [0, 1, ''],
      [2, 3, ''],
    ]);
    assert.deepEqual(split('<div>\n\nnever closed\n\nafter'), [
      [0, 1, ''],
      [2, 3, ''],
      [4, 5, ''],
    ]);
  });

  it('handles CRLF and CR line breaks', () => {
    const lines = splitLines('a\r\nb\rc\nd');
    assert.deepEqual(lines.lines, ['a', 'b', 'c', 'd']);
    assert.deepEqual(lines.starts, [0, 3, 5, 7]);
  });

  it('renders block by block exactly as markdown-it renders the whole text', () => {
    // The safety property behind incremental rendering: splitting never changes the HTML.
    const md = markdownIt({ html: false, linkify: true, typographer: true, breaks: true });
    const text = [
      '# Title',
      'para *one*',
      'line two',
      '',
      '- a',
      '- b',
      '',
      '  continued',
      '',
      '1. one',
      '',
      '2. two',
      '',
      '```js',
      'x',
      '',
      'y',
      '```',
      '',
      '> quote',
      '> more',
      '',
      '    indented',
      '',
      '    code',
      '',
      '| a | b |',
      '| - | - |',
      '| 1 | 2 |',
      '',
      'Setext',
      '===',
      '',
      '***',
      '',
      '<!--',
      '',
      'comment -->',
      '',
      'last',
    ].join('\n');
    const blocks = splitBlocks(splitLines(text), 0, {});
    const joined = blocks.map((block) => md.render(block.text)).join('');
    assert.equal(joined, md.render(text));
  });
});
