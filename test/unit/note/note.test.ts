import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { findSnippets } from '../../../src/core/kl/snippets';
import { scanMath } from '../../../src/core/math/mathSpans';
import { noteMathOf } from '../../../src/core/math/noteMath';
import { Note, NoteCache } from '../../../src/core/note/note';
import { renderNote } from '../../../src/core/render/renderNote';

// The real hexo-front-matter 4.2.1 (devDependency) is the oracle for where the body starts.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const hexo = require('hexo-front-matter') as { split(text: string): { data?: string; content: string } };

/** What Hexo renders: hexo-fs strips the BOM and turns CRLF into LF, then hexo-front-matter splits. */
function hexoBody(text: string): string {
  return hexo.split(text.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n')).content;
}

/** The body the note model hands to the renderer, the math scan and the KL scanner. */
function modelBody(note: Note): string {
  return note.lines.lines
    .slice(note.bodyLine)
    .join('\n')
    .replace(/^\uFEFF/, '');
}

const forms: Record<string, string> = {
  usual: '---\ntitle: a\n---\nbody $x$\n',
  longSeparator: '----\ntitle: a\n----\nbody $x$',
  legacyNoOpening: 'title: a\ndate: 2025-06-25\n---\nbody $x$',
  legacyJson: '"title": "a"\n;;;\nbody $x$',
  json: ';;;\n"title": "a"\n;;;\nbody $x$',
  emptyBlock: '---\n---\nbody $x$',
  emptyBlockThenRule: '---\n---\nbody\n\n---\n\nmore $x$',
  unclosed: '---\ntitle: a\nbody $x$',
  trailingSpace: '--- \ntitle: a\n---\nbody $x$',
  bom: '\uFEFF---\ntitle: a\n---\nbody $x$',
  crlf: '---\r\ntitle: a\r\n---\r\nbody $x$\r\n',
  bomCrlfLegacy: '\uFEFFtitle: a\r\n---\r\nbody $x$',
  closeWithoutNewline: '---\ntitle: a\n---',
  noFrontMatter: 'just $x$ text\n\nmore',
};

describe('note model: one splitter (Hexo) for every feature', () => {
  for (const [name, text] of Object.entries(forms)) {
    it(`starts the body where Hexo does: ${name}`, () => {
      assert.equal(modelBody(new Note(text)), hexoBody(text));
    });
  }

  it('agrees with hexo-front-matter on random separator soup (whole lines)', () => {
    const piece = fc.constantFrom('---', '----', ';;;', '\n', '\r\n', 'title: a', ' ', 'x', '\t', '--- ', '"a": 1');
    fc.assert(
      fc.property(fc.boolean(), fc.array(piece, { maxLength: 14 }), (bom, pieces) => {
        const text = (bom ? '\uFEFF' : '') + pieces.join('');
        const expected = hexoBody(text);
        const normalized = text.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n');
        // A closing separator glued to text (`---more`) starts Hexo's body mid-line; blocks are whole lines.
        const startsAtLine = expected === normalized || normalized.endsWith('\n' + expected) || expected === '';
        fc.pre(startsAtLine && !text.replace(/\r\n/g, '').includes('\r'));
        assert.equal(modelBody(new Note(text)).replace(/\r\n/g, '\n'), expected);
      }),
      { numRuns: 500 },
    );
  });

  it('the math scan, the KL scanner and the renderer all skip a legacy front matter', () => {
    const text = 'title: $a$ `kl([1],[1])`\ncover: /img/c.png\n---\nbody $x$ and `kl([0.5,0.5],[0.5,0.5])`\n';
    const note = new Note(text);
    assert.equal(note.bodyLine, 3);
    assert.deepEqual(
      scanMath(note, { dollars: 'pandoc', brackets: false }).spans.map((span) => span.tex),
      ['x'],
    );
    assert.deepEqual(
      findSnippets(note).inlines.map((inline) => inline.content),
      ['kl([0.5,0.5],[0.5,0.5])'],
    );
    const rendered = renderNote(note);
    assert.equal(rendered.bodyLine, 3);
    assert.equal(rendered.header?.title, '$a$ `kl([1],[1])`');
    assert.doesNotMatch(rendered.blocks.map((block) => block.html).join(''), /title:/);
  });

  it('an empty block is not front matter for Hexo: the preview renders it as the blog does', () => {
    const rendered = renderNote('---\n---\nbody');
    assert.equal(rendered.bodyLine, 0);
    assert.equal(rendered.header, undefined);
    assert.equal(rendered.blocks[0].startLine, 0);
  });

  it('computes each scan once per note version and shares it', () => {
    const note = new Note('---\ntitle: a\n---\n$x$ and $y$\n');
    const syntax = { dollars: 'pandoc', brackets: false } as const;
    assert.equal(scanMath(note, syntax), scanMath(note, syntax));
    assert.equal(findSnippets(note), findSnippets(note));
    assert.equal(note.frontMatter, note.frontMatter);
    assert.notEqual(scanMath(new Note(note.text), syntax), scanMath(note, syntax));
  });

  it("the math authoring model (hover, completion, go to definition) is built from the note's one math scan", () => {
    const note = new Note('---\ntitle: a\n---\n$\\newcommand{\\R}{\\mathbb{R}} x \\in \\R$ and $y$\n');
    const syntax = { dollars: 'pandoc', brackets: false } as const;
    const model = noteMathOf(note, syntax);
    assert.equal(model, noteMathOf(note, syntax), 'once per note version and syntax');
    // The same span objects the math checks and the renderer read: the body is scanned once per version.
    assert.equal(model.spans, scanMath(note, syntax).spans);
    assert.deepEqual(
      model.definitions.map((definition) => definition.name),
      ['R'],
    );
    assert.notEqual(noteMathOf(note, { dollars: 'none', brackets: true }), model, 'another syntax is another model');
  });

  it('the cache keeps one Note per uri and version', () => {
    const cache = new NoteCache(2);
    let reads = 0;
    const text = (value: string) => () => (reads++, value);
    const first = cache.get('a', 1, text('one'));
    assert.equal(cache.get('a', 1, text('ignored')), first);
    assert.equal(reads, 1);
    const second = cache.get('a', 2, text('two'));
    assert.notEqual(second, first);
    assert.equal(second.text, 'two');
    cache.get('b', 1, text('b'));
    cache.get('c', 1, text('c'));
    assert.notEqual(cache.get('a', 2, text('again')), second, 'the oldest entry is dropped beyond the capacity');
    cache.forget('c');
    assert.equal(cache.get('c', 1, text('c2')).text, 'c2');
  });
});
