import * as assert from 'node:assert/strict';
import { LineIndex, applyEdits, englishText } from '../../src/core/text';

describe('core/text', () => {
  it('maps offsets and positions across LF and CRLF lines', () => {
    const index = new LineIndex('ab\r\ncd\nef');
    assert.deepEqual(index.positionAt(5), { line: 1, character: 1 });
    assert.equal(index.offsetAt({ line: 2, character: 1 }), 8);
    assert.equal(index.lineEnd(0), 2);
    assert.equal(index.lineCount, 3);
  });

  it('applies edits from the end so earlier offsets stay valid', () => {
    assert.equal(
      applyEdits('hello world', [
        { start: 0, end: 5, newText: 'bye' },
        { start: 6, end: 11, newText: 'all' },
      ]),
      'bye all',
    );
    assert.throws(() =>
      applyEdits('abc', [
        { start: 0, end: 2, newText: '' },
        { start: 1, end: 3, newText: '' },
      ]),
    );
  });

  it('fills {n} placeholders like vscode.l10n.t', () => {
    assert.equal(englishText('{0} of {1}', 1, 'two'), '1 of two');
  });
});
