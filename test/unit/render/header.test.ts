import * as assert from 'node:assert/strict';
import { englishText } from '../../../src/core/text';
import { frontMatterData } from '../../../src/core/render/frontMatterData';
import { Note } from '../../../src/core/note/note';

const readFrontMatter = (lines: string[]) => frontMatterData(new Note(lines.join('\n')).frontMatter);
import { headerCard, hexoCategories, hexoTags, type HeaderContext } from '../../../src/core/render/header';
import { hexoDate } from '../../../src/core/render/hexoDate';
import { testBlog, testFiles } from './helpers';

const context: HeaderContext = {
  blog: testBlog(),
  notePath: '/blog/source/_posts/note.md',
  fs: testFiles,
  t: englishText,
  allowRemoteImages: true,
  resourceUri: (path) => `uri:${path}`,
};
const card = (yaml: string) => headerCard(readFrontMatter(['---', ...yaml.split('\n'), '---', 'body']), context);

describe('render/header', () => {
  it('reads dates as Hexo stores them (wall clock in the blog timezone)', () => {
    assert.deepEqual(hexoDate('2025-06-25', true, 'Asia/Shanghai', englishText), { text: '2025-06-25 00:00:00', timezone: 'Asia/Shanghai', note: undefined });
    assert.equal(hexoDate('2025-6-5 9:05:00', true, 'Asia/Shanghai', englishText)?.text, '2025-06-05 09:05:00');
    const offset = hexoDate('2025-06-25T10:00:00+08:00', true, 'Asia/Shanghai', englishText);
    assert.equal(offset?.text, '2025-06-25 02:00:00');
    assert.match(offset?.note ?? '', /ignores the offset/);
    assert.match(hexoDate('2025-02-30', true, '', englishText)?.note ?? '', /rolls it over/);
    assert.equal(hexoDate('2025-02-30', true, '', englishText)?.text, '2025-03-02 00:00:00');
    assert.equal(hexoDate('hello', false, '', englishText)?.text, '');
    assert.equal(hexoDate('2025-06-25T02:00:00Z', false, 'Asia/Shanghai', englishText)?.text, '2025-06-25 10:00:00');
  });

  it('reads tags and categories with Hexo rules', () => {
    assert.deepEqual(hexoTags('a, b'), ['a, b']);
    assert.deepEqual(hexoTags(['a', null, '', 3]), ['a', '3']);
    assert.deepEqual(hexoCategories(['A', 'B']), [['A', 'B']]);
    assert.deepEqual(hexoCategories([['A', 'B'], ['C', 'D'], 'E']), [['A', 'B'], ['C', 'D'], ['E']]);
    assert.deepEqual(hexoCategories('人工智能'), [['人工智能']]);
  });

  it('takes top_img before cover, and resolves paths like Hexo and Butterfly', () => {
    assert.deepEqual(card('cover: /img/site.png')?.banner, {
      kind: 'image',
      src: 'uri:/blog/source/img/site.png',
      path: '/blog/source/img/site.png',
      missing: undefined,
    });
    assert.equal(card('top_img: "#fff"\ncover: /img/site.png')?.bannerKey, 'top_img');
    const both = card('top_img: img/both.png')?.banner;
    assert.equal(both?.kind === 'image' ? both.path : '', '/blog/themes/butterfly/source/img/both.png');
    const asset = card('cover: pic.png')?.banner;
    assert.equal(asset?.kind === 'image' ? asset.path : '', '/blog/source/_posts/note/pic.png');
    const missing = card('cover: /img/none.png')?.banner;
    assert.equal(missing?.kind === 'image' && missing.missing, true);
    assert.deepEqual(card('cover: "#49b1f5"')?.banner, { kind: 'color', css: '#49b1f5' });
    assert.deepEqual(card('cover: "linear-gradient(20deg, #0062be, #925696)"')?.banner, { kind: 'color', css: 'linear-gradient(20deg, #0062be, #925696)' });
    assert.equal(card('cover: http://x.com/a.png')?.banner?.kind, 'blocked');
    assert.equal(card('top_img: false\ncover: /img/site.png')?.banner, undefined);
  });

  it('reads a CSS url() background as CSS, as Butterfly does, and says the preview does not load it', () => {
    const banner = card('top_img: "url(http://evil.invalid/top.png)"')?.banner;
    assert.equal(banner?.kind, 'blocked');
    assert.match(banner?.kind === 'blocked' ? banner.reason : '', /CSS background with url\(\)/);
    assert.deepEqual(
      card('top_img: banner.ico')?.banner,
      { kind: 'color', css: 'banner.ico' },
      'a bare name without one of its extensions: Butterfly writes it as `background:`',
    );
    assert.equal(card('top_img: /img/banner')?.banner?.kind, 'image', 'a path: getBgPath makes it `background-image: url(…)`');
  });

  it('has no header without front matter, and survives broken YAML', () => {
    assert.equal(headerCard(readFrontMatter(['# title']), context), undefined);
    assert.equal(headerCard(readFrontMatter(['---', 'title: [unclosed', '---']), context), undefined);
  });
});
