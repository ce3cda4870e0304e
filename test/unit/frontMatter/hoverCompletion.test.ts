import * as assert from 'node:assert/strict';
import { englishText } from '../../../src/core/text';
import { completeFrontMatter } from '../../../src/core/frontMatter/complete';
import type { CompletionContext } from '../../../src/core/frontMatter/complete';
import { hoverFrontMatter } from '../../../src/core/frontMatter/hover';
import { blogContext, pageContext, withCursor } from './helpers';

function hover(source: string, ctx = blogContext()) {
  const { text, offset } = withCursor(source);
  const result = hoverFrontMatter(text, offset, ctx, englishText);
  return result && { ...result, covered: text.slice(result.start, result.end) };
}

function complete(source: string, ctx: CompletionContext = blogContext()) {
  const { text, offset } = withCursor(source);
  return completeFrontMatter(text, offset, ctx, englishText).map((item) => ({ ...item, replaced: text.slice(item.replaceStart, item.replaceEnd) }));
}

describe('front matter hover', () => {
  it('documents a key, with its boolean semantics and default', () => {
    const result = hover('---\nto$$CURSOR$$c: true\n---\n');
    assert.equal(result?.covered, 'toc');
    assert.match(result!.markdown, /\*\*`toc`\*\* · Butterfly/);
    assert.match(result!.markdown, /Only a real `true`\/`false` counts/);
    assert.match(result!.markdown, /Default: posts: the theme's `toc.post`/);
  });

  it('documents keys in Chinese when the locale is zh-cn', () => {
    const result = hover('---\nkatex$$CURSOR$$: true\n---\n', { ...blogContext(), locale: 'zh-cn' });
    assert.match(result!.markdown, /加载 KaTeX/);
  });

  it('says an unknown key is read by nobody, and a no-effect key has no effect', () => {
    assert.match(hover('---\nfoo$$CURSOR$$: 1\n---\n')!.markdown, /not a Hexo or Butterfly 5.7 front-matter key/);
    assert.match(hover('---\nkeywords$$CURSOR$$: 1\n---\n')!.markdown, /No effect in Butterfly 5.7/);
  });

  it('shows the date Hexo stores, in the blog time zone', () => {
    const result = hover('---\ndate: 2025-06-25 10:$$CURSOR$$00:00\n---\n');
    assert.equal(result?.covered, '2025-06-25 10:00:00');
    assert.match(result!.markdown, /Hexo stores 2025-06-25 10:00:00 in Asia\/Shanghai \(UTC\+08:00\), i.e. 2025-06-25T02:00:00Z/);
    assert.match(hover('---\ndate: 2025-06-25T10:00:00+08:00$$CURSOR$$\n---\n')!.markdown, /02:00:00 in Asia\/Shanghai.*offset is dropped/);
    const quoted = hover("---\ndate: '2025-06-25$$CURSOR$$'\n---\n")!.markdown;
    assert.match(quoted, /built in UTC: 2025-06-25 00:00:00/);
    assert.match(quoted, /built in America\/New_York: 2025-06-24 20:00:00/);
  });

  it('shows the category hierarchies and the tag list as Hexo reads them', () => {
    const categories = hover('---\ncategories: [[AI, RL], Math$$CURSOR$$]\n---\n')!.markdown;
    assert.match(categories, /- AI › RL\n- Math/);
    assert.match(hover('---\ncategories: [AI, R$$CURSOR$$L]\n---\n')!.markdown, /- AI › RL/);
    assert.match(hover('---\ntags: a, $$CURSOR$$b\n---\n')!.markdown, /1 tag\(s\): `a, b`/);
    assert.match(hover('---\ntags:\n  - a\n  - b$$CURSOR$$\n---\n')!.markdown, /2 tag\(s\): `a`, `b`/);
  });

  it('shows how the theme reads a boolean', () => {
    assert.match(hover("---\ncopyright: 'fal$$CURSOR$$se'\n---\n")!.markdown, /read as \*\*on\*\*/);
    assert.match(hover("---\ntoc: 'fal$$CURSOR$$se'\n---\n")!.markdown, /read as \*\*the default\*\*/);
  });

  it('is silent outside the front matter', () => {
    assert.equal(hover('---\ntitle: a\n---\nbo$$CURSOR$$dy\n'), undefined);
  });
});

describe('front matter completion', () => {
  it('completes keys for posts, without keys already present or no-effect keys', () => {
    const items = complete('---\ntitle: a\nto$$CURSOR$$\n---\n');
    const labels = items.map((item) => item.label);
    assert.ok(labels.includes('toc') && labels.includes('tags') && labels.includes('katex'));
    assert.ok(!labels.includes('title') && !labels.includes('keywords') && !labels.includes('type') && !labels.includes('postDesc'));
    const toc = items.find((item) => item.label === 'toc')!;
    assert.equal(toc.insertText, 'toc: ');
    assert.equal(toc.replaced, 'to');
    assert.match(toc.documentation, /table of contents/);
  });

  it('completes page keys on pages', () => {
    const labels = complete('---\ntitle: a\n$$CURSOR$$\n---\n', pageContext()).map((item) => item.label);
    assert.ok(labels.includes('type') && !labels.includes('tags'));
  });

  it('completes booleans, enums and the date', () => {
    assert.deepEqual(
      complete('---\ntoc: $$CURSOR$$\n---\n').map((item) => item.label),
      ['true', 'false'],
    );
    assert.deepEqual(
      complete('---\ntype: ta$$CURSOR$$\n---\n', pageContext())
        .map((item) => [item.label, item.replaced])
        .slice(0, 1),
      [['tags', 'ta']],
    );
    assert.deepEqual(
      complete('---\ndate: $$CURSOR$$\n---\n').map((item) => item.label),
      ['2025-07-01 12:05:06'],
    );
  });

  it('completes tags and categories used elsewhere, in a flow list and a block list', () => {
    const ctx: CompletionContext = { ...blogContext(), tags: ['机器学习', '信息论'], categories: ['人工智能'] };
    const flow = complete('---\ntags: [机器学习, 信$$CURSOR$$]\n---\n', ctx);
    assert.deepEqual(
      flow.map((item) => item.label),
      ['机器学习', '信息论'],
    );
    assert.equal(flow[1].replaced, '信');
    assert.deepEqual(
      complete('---\ncategories:\n  - $$CURSOR$$\n---\n', ctx).map((item) => item.label),
      ['人工智能'],
    );
  });

  it('completes images under source/ for cover', () => {
    const ctx: CompletionContext = { ...blogContext(), images: ['/img/cover.png'] };
    assert.deepEqual(
      complete('---\ncover: /im$$CURSOR$$\n---\n', ctx).map((item) => [item.label, item.replaced]),
      [
        ['/img/cover.png', '/im'],
        ['false', '/im'],
      ],
    );
  });

  it('offers nothing outside the front matter', () => {
    assert.deepEqual(complete('---\ntitle: a\n---\nto$$CURSOR$$\n'), []);
  });
});
