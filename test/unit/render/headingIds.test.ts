/** Heading ids as the blog publishes them (hexo-renderer-markdown-it `markdown.anchors`, hexo-util slugize). */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { DEFAULT_HEADING_ANCHORS, findBlog } from '../../../src/core/blog/discover';
import type { HeadingAnchors } from '../../../src/core/blog/types';
import { InMemoryFileSystem } from '../inMemoryFileSystem';
import { exportStandaloneHtml } from '../../../src/core/render/exportHtml';
import { escapeDiacritic, slugize } from '../../../src/core/render/headingIds';
import { type NotePatch, NoteRenderer, type RenderedBlock, renderNote, type RenderOptions } from '../../../src/core/render/renderNote';
import { blogNoteOptions, testBlog } from './helpers';

function optionsWith(anchors: Partial<HeadingAnchors>, extra: Partial<RenderOptions> = {}): RenderOptions {
  const blog = testBlog();
  blog.markdown = { ...blog.markdown, anchors: { ...DEFAULT_HEADING_ANCHORS, ...anchors } };
  return blogNoteOptions({ blog, ...extra });
}

/** Every `<hN …>` opening tag's id (null when it has none), in document order. */
function headingIds(html: string): Array<string | null> {
  return [...html.matchAll(/<h[1-6]\b([^>]*)>/g)].map((match) => /\sid="([^"]*)"/.exec(match[1])?.[1] ?? null);
}

function previewIds(text: string, options: RenderOptions = blogNoteOptions()): Array<string | null> {
  return headingIds(
    renderNote(text, options)
      .blocks.map((block) => block.html)
      .join('\n'),
  );
}

describe('render/heading ids: slugize (hexo-util)', () => {
  it('folds precomposed Latin letters as hexo-util does, and only those', () => {
    assert.equal(escapeDiacritic('Héllo Ｗörld ß ø Łódź ǅ'), 'Hello World s o Lodz Dz');
    // hexo-util folds per character through a table: a combining mark written separately stays.
    assert.equal(escapeDiacritic('e\u0301'), 'e\u0301');
    // NFKD would decompose these; hexo-util leaves them (and so must we).
    assert.equal(escapeDiacritic('が 한국어 ﬁ ²'), 'が 한국어 ﬁ ²');
  });

  it('keeps CJK, joins ASCII punctuation and spaces into one separator, trims it', () => {
    assert.equal(slugize('KL 散度的定义'), 'KL-散度的定义');
    assert.equal(slugize('  What is KL?! (part 1) -- a_b  '), 'What-is-KL-part-1-a-b');
    assert.equal(slugize('第一章：引言'), '第一章：引言', 'full-width punctuation is not ASCII: it stays');
    assert.equal(slugize('a\u0001b\tc d'), 'abc-d', 'control characters (a tab too) go before spaces become separators');
    assert.equal(slugize('!!!'), '');
  });

  it('applies the case transform and the separator', () => {
    assert.equal(slugize('Héllo World', { transform: 1 }), 'hello-world');
    assert.equal(slugize('Héllo World', { transform: 2 }), 'HELLO-WORLD');
    assert.equal(slugize('Héllo World', { transform: 0 }), 'Hello-World');
    assert.equal(slugize('a b__c', { separator: '_' }), 'a_b_c');
  });
});

describe('render/heading ids: the note', () => {
  it('gives h2..h6 the slug of their inline text (math as TeX, code as written), not h1', () => {
    const text = '# Title\n\n## KL $D_{KL}$ 与 `code`\n\n### Héllo, *World*!\n\n###### deep';
    assert.deepEqual(previewIds(text), [null, 'user-KL-D-KL-与-code', 'user-Hello-World', 'user-deep']);
  });

  it('numbers repeated slugs over the whole note: -2, -3 (and the collisionSuffix)', () => {
    const text = '## 例子\n\ntext\n\n## 例子\n\n- list\n\n## 例子\n### 例子';
    assert.deepEqual(previewIds(text), ['user-例子', 'user-例子-2', 'user-例子-3', 'user-例子-4']);
    assert.deepEqual(previewIds(text, optionsWith({ collisionSuffix: 'v' })), ['user-例子', 'user-例子-v2', 'user-例子-v3', 'user-例子-v4']);
  });

  it('follows anchors.level and anchors.case', () => {
    const text = '# One\n\n## Two Words\n\n### Three';
    assert.deepEqual(previewIds(text, optionsWith({ level: 1 })), ['user-One', 'user-Two-Words', 'user-Three']);
    assert.deepEqual(previewIds(text, optionsWith({ level: 3, case: 1 })), [null, null, 'user-three']);
    assert.deepEqual(previewIds(text, optionsWith({ case: 2 })), [null, 'user-TWO-WORDS', 'user-THREE']);
  });

  it('numbers repeats from 1 for hexo-renderer-marked (a, a-1) and ids every level', () => {
    assert.deepEqual(previewIds('# a\n\n## a\n\n## a', optionsWith({ level: 1, firstRepeat: 1 })), ['user-a', 'user-a-1', 'user-a-2']);
  });

  it('gives no id to a title without slug characters, but still counts it', () => {
    assert.deepEqual(previewIds('## !!!\n\n## ???'), [null, 'user--2']);
  });

  it('never lets quotes or brackets of a title into the attribute', () => {
    const html = renderNote('## `a"b<c>&\'d` x', blogNoteOptions()).blocks[0].html;
    assert.match(html, /^<h2 data-offset="0" id="user-a-b-c-d-x">/);
  });

  it('slugizes the title as markdown-it hands it over: typographer quotes included', () => {
    assert.deepEqual(previewIds('## a "b" & \'c\''), ['user-a-“b”-‘c’']);
  });

  it('counts headings inside a Hexo tag body on their own, as Hexo renders each tag body separately', () => {
    const text = '## A\n\n{% note info %}\n## A\n\n## A\n{% endnote %}\n\n## A';
    assert.deepEqual(previewIds(text), ['user-A', 'user-A', 'user-A-2', 'user-A-2']);
  });

  it('keeps the sanitizer prefix on raw HTML ids and adds no id to raw HTML headings', () => {
    const html = renderNote('<h2 id="mp-body">raw</h2>\n\n## mp body', blogNoteOptions({ allowHtml: true }))
      .blocks.map((block) => block.html)
      .join('');
    assert.deepEqual(headingIds(html), ['user-mp-body', 'user-mp-body']);
    assert.doesNotMatch(html, /id="mp-body"/);
  });
});

describe('render/heading ids: preview and export', () => {
  const note = '---\ntitle: t\n---\n## KL 散度的定义\n\n[见上文](#KL-散度的定义)\n\n## mp header';

  it('prefixes user- in the preview and writes the blog ids in the export', () => {
    assert.deepEqual(previewIds(note), ['user-KL-散度的定义', 'user-mp-header']);
    const exported = exportStandaloneHtml(note, blogNoteOptions(), { katexCss: '' });
    const body = exported.slice(exported.indexOf('<main'));
    assert.deepEqual(headingIds(body), ['KL-散度的定义', 'mp-header']);
    assert.doesNotMatch(body, /id="user-/);
  });

  it('a #slug link in the export points at an element id of the file', () => {
    const exported = exportStandaloneHtml(note, blogNoteOptions(), { katexCss: '' });
    const hrefs = [...exported.matchAll(/href="#([^"]*)"/g)].map((match) => decodeURIComponent(match[1]));
    assert.deepEqual(hrefs, ['KL-散度的定义']);
    const ids = [...exported.matchAll(/\sid="([^"]*)"/g)].map((match) => match[1]);
    assert.ok(ids.includes(hrefs[0]), `no element with id ${hrefs[0]} among ${ids.join(', ')}`);
  });
});

/** What the webview shows after applying `patch` to `blocks` (removed, then added before `beforeId`). */
function applyPatch(blocks: readonly RenderedBlock[], patch: NotePatch): string[] {
  let shown = blocks.map((block) => ({ id: block.id, html: block.html })).filter((block) => !patch.removed.includes(block.id));
  for (const { block, beforeId } of patch.added) {
    const at = beforeId === null ? shown.length : shown.findIndex((item) => item.id === beforeId);
    assert.ok(at >= 0, `beforeId ${beforeId} is not shown`);
    shown = [...shown.slice(0, at), { id: block.id, html: block.html }, ...shown.slice(at)];
  }
  return shown.map((block) => block.html);
}

describe('render/heading ids: incremental', () => {
  const base = '## 例子\n\nfirst\n\n## Other\n\nlast';

  it('re-posts a later heading whose number changed when a heading with its title is inserted above', () => {
    const renderer = new NoteRenderer(blogNoteOptions());
    const before = renderer.update(base);
    assert.deepEqual(headingIds(before.note.blocks.map((block) => block.html).join('')), ['user-例子', 'user-Other']);
    const edited = '## 例子\n\nintro\n\n' + base;
    const update = renderer.update(edited);
    const fresh = renderNote(edited, blogNoteOptions());
    assert.deepEqual(
      update.note.blocks.map((block) => [block.startLine, block.html]),
      fresh.blocks.map((block) => [block.startLine, block.html]),
    );
    assert.deepEqual(headingIds(update.note.blocks.map((block) => block.html).join('')), ['user-例子', 'user-例子-2', 'user-Other']);
    // The webview only learns that the old heading now reads 例子-2 if the patch says so.
    const posted = update.patch.added.map(({ block }) => headingIds(block.html)).flat();
    assert.ok(posted.includes('user-例子-2'), `patch posts ${JSON.stringify(posted)}`);
    assert.deepEqual(
      applyPatch(before.note.blocks, update.patch),
      fresh.blocks.map((block) => block.html),
    );
  });

  it('re-posts an unchanged block whose heading got a number from a heading inserted further up', () => {
    const renderer = new NoteRenderer(blogNoteOptions());
    const text = 'intro\n\n## 例子\n\nend';
    const before = renderer.update(text);
    // Same source for the old heading block: only its html (the id) tells the diff to re-post it.
    const edited = '## 例子\n\nintro\n\n## 例子\n\nend';
    const update = renderer.update(edited);
    assert.deepEqual(
      applyPatch(before.note.blocks, update.patch),
      renderNote(edited, blogNoteOptions()).blocks.map((block) => block.html),
    );
    assert.deepEqual(headingIds(update.note.blocks.map((block) => block.html).join('')), ['user-例子', 'user-例子-2']);
  });

  it('goes back to the plain id when the heading above is deleted again', () => {
    const renderer = new NoteRenderer(blogNoteOptions());
    renderer.update('## 例子\n\nintro\n\n' + base);
    const update = renderer.update(base);
    assert.deepEqual(headingIds(update.note.blocks.map((block) => block.html).join('')), ['user-例子', 'user-Other']);
    assert.deepEqual(
      update.note.blocks.map((block) => block.html),
      renderNote(base, blogNoteOptions()).blocks.map((block) => block.html),
    );
  });

  it('does not re-render a block whose heading only changed number', () => {
    const renderer = new NoteRenderer(blogNoteOptions());
    renderer.update(base);
    const update = renderer.update('## 例子\n\n' + base);
    assert.equal(update.renderedBlocks, 0, 'the new heading block is the same source as a cached one');
  });
});

describe('render/heading ids: incremental = fresh (property)', () => {
  // Repeated titles, tag bodies, h1 (no id), an empty slug: any edit must leave the preview showing
  // what a fresh render shows, ids included.
  const pieces = [
    '## 例子',
    '## 例子 $x$',
    '### 例子',
    '# 例子',
    '## !!!',
    'text',
    '{% note info %}\n## 例子\n{% endnote %}',
    '$$\nx\n$$',
    '- item',
    '## Other',
  ];
  const note = fc
    .array(fc.tuple(fc.constantFrom(...pieces), fc.constantFrom('\n\n', '\n')), { maxLength: 8 })
    .map((parts) => parts.map(([piece, glue]) => piece + glue).join(''));

  it('shows after any edit what a fresh render shows', () => {
    fc.assert(
      fc.property(note, note, (previous, text) => {
        const renderer = new NoteRenderer(blogNoteOptions());
        const before = renderer.update(previous);
        const update = renderer.update(text);
        const fresh = renderNote(text, blogNoteOptions()).blocks.map((block) => block.html);
        assert.deepEqual(
          update.note.blocks.map((block) => block.html),
          fresh,
        );
        assert.deepEqual(applyPatch(before.note.blocks, update.patch), fresh);
      }),
      { numRuns: 150 },
    );
  });
});

describe('render/heading ids: blog config', () => {
  function anchorsOf(config: string, packageJson = '{}'): HeadingAnchors {
    const fs = new InMemoryFileSystem({ '/b/_config.yml': `title: t\ntheme: butterfly\n${config}`, '/b/package.json': packageJson });
    return findBlog('/b/source/_posts/n.md', fs).markdown.anchors;
  }

  it('reads markdown.anchors and keeps the default of each field left out', () => {
    assert.deepEqual(anchorsOf(''), DEFAULT_HEADING_ANCHORS);
    assert.deepEqual(anchorsOf('markdown:\n  anchors:\n    case: 1\n'), { ...DEFAULT_HEADING_ANCHORS, case: 1 });
    assert.deepEqual(anchorsOf("markdown:\n  anchors:\n    level: 1\n    collisionSuffix: 'v'\n    case: 2\n"), {
      ...DEFAULT_HEADING_ANCHORS,
      level: 1,
      collisionSuffix: 'v',
      case: 2,
    });
  });

  it('reads marked.headerIds / modifyAnchors for hexo-renderer-marked blogs', () => {
    const marked = '{"dependencies": {"hexo-renderer-marked": "^6.0.0"}}';
    assert.deepEqual(anchorsOf('marked:\n  modifyAnchors: 1\n', marked), { level: 1, collisionSuffix: '', case: 1, separator: '-', firstRepeat: 1 });
    assert.equal(anchorsOf('marked:\n  headerIds: false\n', marked).level, 7);
  });
});
