import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { splitFrontMatter } from '../../../src/core/frontMatter/split';

// The real hexo-front-matter 4.2.1 (devDependency) is the oracle: we must find the same block.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const hexo = require('hexo-front-matter') as { split(text: string): { data?: string; content: string; separator?: string; prefixSeparator?: boolean } };

function hexoView(text: string): { data?: string; content: string } {
  // hexo-fs strips the BOM and turns CRLF into LF before hexo-front-matter sees the text.
  const normalized = text.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n');
  const result = hexo.split(normalized);
  return { data: result.data, content: result.content };
}

function ourView(text: string): { data?: string; content: string } {
  const split = splitFrontMatter(text);
  const content = text.slice(split.bodyStart).replace(/\r\n/g, '\n');
  if (!split.block) return { data: undefined, content: text.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n') };
  return { data: text.slice(split.block.dataStart, split.block.dataEnd).replace(/\r\n/g, '\n'), content };
}

const cases: Record<string, string> = {
  usual: '---\ntitle: a\n---\nbody\n',
  longSeparator: '----\ntitle: a\n----\nbody',
  mismatchedSeparator: '----\ntitle: a\n---\nbody',
  json: ';;;\n"title": "a"\n;;;\nbody',
  noPrefix: 'title: a\ndate: 2025-06-25\n---\nbody',
  noPrefixJson: '"title": "a"\n;;;\nbody',
  trailingSpace: '--- \ntitle: a\n---\nbody',
  empty: '---\n---\nbody',
  unclosed: '---\ntitle: a\nbody',
  leadingBlank: '\n---\ntitle: a\n---\nbody',
  leadingSpace: ' ---\ntitle: a\n---\n',
  crlf: '---\r\ntitle: a\r\n---\r\nbody\r\n',
  bom: '\uFEFF---\ntitle: a\n---\nbody',
  bomCrlf: '\uFEFF---\r\ntitle: a\r\n---\r\nbody',
  closeWithoutNewline: '---\ntitle: a\n---',
  closeGluedToText: '---\ntitle: a\n---more',
  horizontalRuleInPage: '# Heading\n\nSome: text\n\n---\n\nMore',
  noSeparatorAtAll: 'just text\nand more',
};

describe('front matter split (Hexo-exact)', () => {
  for (const [name, text] of Object.entries(cases)) {
    it(`finds the same block as hexo-front-matter: ${name}`, () => {
      assert.deepEqual(ourView(text), hexoView(text));
    });
  }

  it('agrees with hexo-front-matter on random separator soup', () => {
    const piece = fc.constantFrom('---', '----', ';;;', '\n', '\r\n', 'title: a', ' ', 'x', '\t', '--- ', '\uFEFF');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 14 }), (pieces) => {
        const text = pieces.join('');
        assert.deepEqual(ourView(text), hexoView(text));
      }),
      { numRuns: 500 },
    );
  });

  it('gives original offsets of the separator lines and the body with CRLF and a BOM', () => {
    const text = '\uFEFF---\r\ntitle: a\r\n---\r\nbody';
    const split = splitFrontMatter(text);
    assert.ok(split.block);
    assert.equal(text.slice(split.block.openStart, split.block.openEnd), '---');
    assert.equal(text.slice(split.block.dataStart, split.block.dataEnd), 'title: a');
    assert.equal(text.slice(split.block.closeStart, split.block.closeEnd), '---');
    assert.equal(text.slice(split.bodyStart), 'body');
    assert.equal(split.block.language, 'yaml');
  });

  it('explains why a block that looks like front matter is not one', () => {
    assert.equal(splitFrontMatter('--- \ntitle: a\n---\n').problem, 'trailing-space');
    assert.equal(splitFrontMatter('---\ntitle: a\n').problem, 'unclosed');
    assert.equal(splitFrontMatter('---\n---\n').problem, 'empty');
    assert.equal(splitFrontMatter('---\ntitle: a\n---\n').problem, undefined);
  });

  it('recognises the JSON form', () => {
    const split = splitFrontMatter(';;;\n"title": "a"\n;;;\n');
    assert.equal(split.block?.language, 'json');
    assert.equal(split.block?.separator, ';;;');
  });
});
