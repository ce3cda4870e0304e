/**
 * A Hexo tag at the start of a line: Hexo puts an `<!--swig…-->` placeholder there before markdown, an HTML
 * block when the blog's renderer parses HTML, so the tag splits its paragraph (the fidelity tier compares
 * this with real Hexo: posts 41 and 42). These check the switches the tier does not cover.
 */
import * as assert from 'node:assert/strict';
import { renderNote } from '../../../src/core/render/renderNote';
import { blogNoteOptions, testBlog } from './helpers';

const NOTE = 'Before\n{% btn https://example.com/,Go %} <b>rest</b>\nafter\n';
const body = (html: boolean, allowHtml: boolean | 'blog'): string => {
  const blog = testBlog();
  blog.markdown.html = html;
  return renderNote(NOTE, blogNoteOptions({ blog, allowHtml }))
    .blocks.map((block) => block.html)
    .join('');
};

describe('render/tags at the start of a line', () => {
  it('split the paragraph when the blog parses HTML, even if the preview shows HTML as text', () => {
    for (const allowHtml of [true, false]) {
      const html = body(true, allowHtml);
      assert.match(
        html,
        /^<p data-offset="0">Before<\/p>\n<div class="mp-hexo-tag" data-offset="1"><a class="btn-beautify " href="https:\/\/example.com\/" title="Go"><span>Go<\/span><\/a>/,
        `allowHtml ${allowHtml}`,
      );
      assert.match(html, /<p data-offset="2">after<\/p>/);
      // The rest of the line is raw HTML in the blog: sanitized when HTML is on, text when it is off.
      assert.ok(html.includes(allowHtml ? ' <b>rest</b>' : ' &lt;b&gt;rest&lt;/b&gt;'), html);
    }
  });

  it('stay inside the paragraph when the blog does not parse HTML', () => {
    // `blog`: the preview follows the blog's `markdown.render.html: false`, so the rest of the line is text too.
    const html = body(false, 'blog');
    assert.match(html, /^<p data-offset="0">Before<br>\n<a class="btn-beautify "[^]*<\/a> &lt;b&gt;rest&lt;\/b&gt;<br>\nafter<\/p>/);
  });
});
