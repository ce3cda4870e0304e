/**
 * Raw HTML, `<!-- more -->` and HTML comments as the blog has them (issue #10 items 1 and 2): every expected
 * output is what real Hexo 8 + hexo-renderer-markdown-it makes of the same text in this test run.
 */
import * as assert from 'node:assert/strict';
import { exportStandaloneHtml } from '../../../src/core/render/exportHtml';
import { htmlSetting } from '../../../src/core/render/rawHtml';
import { blockHtml, NoteRenderer, renderNote, type RenderOptions } from '../../../src/core/render/renderNote';
import { BlogOracle, comparableHtml } from './blogHtmlOracle';
import { testBlog } from './helpers';

/** Posts use these; each must come out as the blog makes it. */
const RAW_HTML_POSTS: Record<string, string> = {
  center: '<center>居中的一行字</center>',
  'img with width, height and align': '<img src="https://ok.example/a.png" width="300" height="200" align="right" alt="示意图">',
  "Typora's zoom": '<img src="https://ok.example/typora.png" alt="image-20230101" style="zoom:50%;" />',
  'inline u, font and br': '文字 <u>下划线</u> 与 <font color="red">红色</font><br>换行',
  'figure and figcaption': '<figure><img src="https://ok.example/f.png" alt="f"><figcaption>图 1：KL 散度</figcaption></figure>',
  table:
    '<table>\n<thead><tr><th align="center">p</th><th>q</th></tr></thead>\n<tbody><tr><td colspan="2" style="text-align:center">0.5</td></tr></tbody>\n</table>',
  'details and summary': '<details>\n<summary>点击展开证明</summary>\n由 Jensen 不等式可得。\n</details>',
  'styled paragraph': '<p style="text-align: center; color: #333; font-size: 14px; margin: 0 auto">居中</p>',
  'div align with a percentage img': '<div align="center"><img src="https://ok.example/c.png" width="50%"></div>',
  'sup, kbd and mark among markdown': '**粗体** 与脚注<sup>1</sup>，按 <kbd>Ctrl</kbd>+<kbd>C</kbd>，<mark>重点</mark>。',
  'span with a background color': '<span style="background-color: yellow; padding: 2px 4px; border: 1px solid #ccc">高亮</span>',
  'details around markdown, with blank lines':
    '<details>\n<summary>点击展开证明</summary>\n\n由 **Jensen** 不等式可得：\n\n- 一\n- 二\n\n</details>\n\n之后的段落。',
  'a centered markdown image': '<div align="center">\n\n![图](https://ok.example/c.png)\n\n</div>',
  'nested containers': '<div class="a">\n<div class="b">\n\n内层 *markdown*\n\n</div>\n\n外层\n\n</div>\n\n外面',
  'markdown around an html block': '前一段 **markdown**。\n\n<div class="note">HTML 块</div>\n\n后一段 *强调* 之外的文字。',
};

const MORE_POSTS: Record<string, string> = {
  'its own paragraph': '摘要的一段。\n\n<!-- more -->\n\n正文。',
  'inside a paragraph': '摘要 <!--more--> 正文',
  'upper case': '摘要\n\n<!--MORE-->\n\n正文',
  'twice (only the first counts)': '一\n\n<!-- more -->\n\n二\n\n<!-- more -->\n\n三',
  'not a marker (two spaces)': '一\n\n<!--  more  -->\n\n二',
  // (Fenced code is left out: the blog highlights it, which is another part of issue #10.)
  'in code (never a marker)': '`<!-- more -->`\n\n    <!-- more -->\n\n<!-- more -->\n\n正文',
};

const COMMENT_POSTS: Record<string, string> = {
  inline: '看不见 <!-- 作者的备注 --> 的备注',
  block: '一\n\n<!-- 整块的备注 -->\n\n二',
  'several lines': '一\n\n<!--\n草稿：\n- 以后再写\n-->\n\n二',
};

const LINK_POSTS: Record<string, string> = {
  'URL then CJK text': '参考 https://example.com/a中文字，后面还有话',
  'URL then full-width punctuation': '见 https://github.com/x/y。然后',
  'URL then a full-width bracket': '（地址 https://x.com/a?b=1）中文',
  'URL right after CJK': '访问https://example.com/path看看',
  'URL then a space': 'https://example.com/a 中文',
  'www link and e-mail': 'www.example.com/a_b_c中 与 a@b.com中文',
  'URL with emphasis characters': 'https://example.com/_foo_bar_ 和 http://a.com/*b*',
  'typographer around links': '"引号" -- 破折号 (c) https://example.com/x...',
};

function bodyHtml(text: string, options: RenderOptions = {}): string {
  return renderNote(text, { blog: testBlog(), headingIds: 'export', ...options })
    .blocks.map((block) => block.html)
    .join('\n');
}

describe('render/raw HTML, excerpt marker, comments and links: as the blog has them', function () {
  this.timeout(120_000);
  let blog: BlogOracle;
  before(async () => {
    blog = await BlogOracle.start();
  });
  after(async () => {
    await blog?.stop();
  });

  const groups: Record<string, Record<string, string>> = {
    'raw HTML': RAW_HTML_POSTS,
    '<!-- more -->': MORE_POSTS,
    'HTML comments': COMMENT_POSTS,
    'bare links': LINK_POSTS,
  };
  for (const [group, posts] of Object.entries(groups)) {
    for (const [name, text] of Object.entries(posts)) {
      it(`${group}: ${name}`, async () => {
        const expected = comparableHtml(await blog.render(text));
        assert.equal(comparableHtml(bodyHtml(text)), expected);
        // The export is the same body, in its file.
        const exported = exportStandaloneHtml(text, { blog: testBlog() }, { katexCss: '' });
        const body = /<main id="mp-body">\n([\s\S]*)\n<\/main>/.exec(exported)?.[1];
        assert.equal(body, renderNote(text, { blog: testBlog(), headingIds: 'export' }).blocks.map(blockHtml).join('\n'));
      });
    }
  }

  it('the blog keeps the markers Hexo places (a control for the normalization above)', async () => {
    assert.match(await blog.render('a\n\n<!-- more -->\n\nb'), /<span id="more"><\/span>/);
    assert.match(await blog.render('<u>x</u>'), /<u>x<\/u>/);
  });

  it('"blog" follows markdown.render.html: with html: false the blog prints raw HTML as text, so does the preview', async () => {
    const noHtml = await BlogOracle.start('title: oracle\nmarkdown:\n  render:\n    html: false\n');
    try {
      const text = '文字 <u>下划线</u>\n\n<center>居中</center>';
      const blogHtml = noHtml.render(text);
      const options = { blog: testBlog({ markdown: { ...testBlog().markdown, html: false } }) };
      assert.equal(comparableHtml(bodyHtml(text, options)), comparableHtml(await blogHtml));
      assert.match(bodyHtml(text, { ...options, allowHtml: 'on' }), /<u>下划线<\/u>/, '"on" renders it even so');
    } finally {
      await noHtml.stop();
    }
  });
});

describe('render/raw HTML setting', () => {
  it('reads the enum and the former booleans', () => {
    assert.equal(htmlSetting(true), 'on');
    assert.equal(htmlSetting(false), 'off');
    assert.equal(htmlSetting('on'), 'on');
    assert.equal(htmlSetting('off'), 'off');
    assert.equal(htmlSetting('blog'), 'blog');
    assert.equal(htmlSetting(undefined), 'blog');
    assert.equal(htmlSetting('nonsense'), 'blog');
  });

  it('"off" (and Restricted Mode) shows raw HTML as text', () => {
    const html = bodyHtml('<b id="x">RAW</b> <!-- note -->', { allowHtml: 'off' });
    assert.match(html, /&lt;b id=.*x.*&gt;RAW&lt;\/b&gt;/);
    assert.doesNotMatch(html, /<b[ >]/);
  });
});

describe('render/excerpt marker in the preview', () => {
  it('is the blog element with a localized label for the CSS divider, its id prefixed like every note id', () => {
    const t = (message: string): string => (message === 'Excerpt ends here' ? '摘要到此为止' : message);
    const html = renderNote('a\n\n<!-- more -->\n\nb', { blog: testBlog(), t }).blocks[1].html;
    assert.equal(html, '<span id="user-more" data-mp-excerpt="摘要到此为止"></span>');
  });

  it("stays the marker with raw HTML off, instead of the typographer's <!–more–>", () => {
    for (const text of ['a\n\n<!-- more -->\n\nb', 'a <!--more--> b']) {
      const html = bodyHtml(text, { allowHtml: 'off' });
      assert.match(html, /<span id="more" data-mp-excerpt="Excerpt ends here"><\/span>/, text);
      assert.doesNotMatch(html, /–more–|&lt;!--/, text);
    }
    assert.equal((bodyHtml('a\n\n<!-- more -->\n\nb\n\n<!-- more -->', { allowHtml: 'off' }).match(/id="more"/g) ?? []).length, 1);
  });

  it('is not made when the blog does not render HTML (Hexo finds no comment to replace)', () => {
    const html = bodyHtml('a\n\n<!-- more -->\n\nb', { blog: testBlog({ markdown: { ...testBlog().markdown, html: false } }) });
    assert.doesNotMatch(html, /id="more"/);
  });

  it('moves when an earlier marker is typed in, and back when it is removed (incremental = fresh)', () => {
    const renderer = new NoteRenderer({ blog: testBlog() });
    const withOne = 'a\n\nb\n\n<!-- more -->\n\nc';
    const withTwo = 'a\n\n<!-- more -->\n\nb\n\n<!-- more -->\n\nc';
    const html = (text: string): string =>
      renderer
        .update(text)
        .note.blocks.map((block) => block.html)
        .join('|');
    const fresh = (text: string): string =>
      renderNote(text, { blog: testBlog() })
        .blocks.map((block) => block.html)
        .join('|');
    assert.equal(html(withOne), fresh(withOne));
    assert.equal(html(withTwo), fresh(withTwo));
    assert.equal((html(withTwo).match(/id="user-more"/g) ?? []).length, 1);
    assert.ok(html(withTwo).split('|')[1].startsWith('<span id="user-more"'), 'the first marker is the one');
    assert.equal(html(withOne), fresh(withOne));
  });
});
