import * as assert from 'node:assert/strict';
import { defaultBlogConfig } from '../../../src/core/blog/discover';
import { blogContext, codes, find, pageContext, post } from './helpers';

const dated = (date: string, extra = ''): string => post(`title: a\ndate: ${date}\n${extra}`);

describe('front matter rules: dates', () => {
  it('accepts the formats Hexo reads reliably', () => {
    for (const date of ['2025-06-25', '2025-06-25 10:00:00', '2025-06-25T10:00:00'])
      assert.deepEqual(
        codes(dated(date)).filter((code) => code !== 'frontmatter.date-format'),
        [],
        date,
      );
    assert.deepEqual(codes(dated('2025-06-25 10:00:00')), []);
  });

  it('hints at reliable but unusual formats, with the canonical one', () => {
    const [diagnostic] = find(dated('2025/06/25 10:00:00'), 'frontmatter.date-format');
    assert.equal(diagnostic.severity, 'hint');
    assert.match(diagnostic.message, /2025-06-25 10:00:00/);
  });

  it('offers no change to a date whose year `YYYY` cannot hold (the fix would be reported again)', () => {
    const [diagnostic] = find(dated('202525 10:00:00'), 'frontmatter.date-format');
    assert.ok(diagnostic, 'Hexo reads it, in an unusual format');
    assert.deepEqual((diagnostic.data as { fixes?: unknown[] } | undefined)?.fixes ?? [], []);
    assert.equal(
      (find(dated('2025/06/25 10:00:00'), 'frontmatter.date-format')[0].data as { fixes?: unknown[] } | undefined)?.fixes?.length,
      1,
      'a four-digit year still gets its fix',
    );
  });

  it('a quoted ISO date depends on the build machine', () => {
    const [diagnostic] = find(dated("'2025-06-25'"), 'frontmatter.date-machine-dependent');
    assert.equal(diagnostic.severity, 'error');
    assert.equal(diagnostic.covered, "'2025-06-25'");
    assert.match(diagnostic.message, /Remove the quotes/);
  });

  it('a string with an explicit zone depends on the build machine', () => {
    assert.equal(find(dated("'2025-06-25 10:00:00 +0800'"), 'frontmatter.date-machine-dependent').length, 1);
  });

  it('an offset or Z in a YAML timestamp is dropped: says what Hexo stores', () => {
    const [offset] = find(dated('2025-06-25T10:00:00+08:00'), 'frontmatter.date-offset');
    assert.equal(offset.severity, 'error');
    assert.match(offset.message, /stores 2025-06-25 02:00:00 in Asia\/Shanghai/);
    const [zulu] = find(dated('2025-06-25T10:00:00Z'), 'frontmatter.date-offset');
    assert.match(zulu.message, /stores 2025-06-25 10:00:00 in Asia\/Shanghai/);
  });

  it('an offset that Hexo happens to read right is only a hint', () => {
    const utcBlog = blogContext('/blog/source/_posts/note.md', { '/blog/_config.yml': 'timezone: UTC\ntheme: butterfly\n' });
    assert.deepEqual(codes(dated('2025-06-25T10:00:00Z'), utcBlog), ['frontmatter.date-format']);
  });

  it('an impossible date rolls over', () => {
    const [diagnostic] = find(dated('2025-02-30'), 'frontmatter.date-impossible');
    assert.equal(diagnostic.severity, 'error');
    assert.match(diagnostic.message, /rolls it over to 2025-03-02/);
    assert.match(find(dated('2025-13-45'), 'frontmatter.date-impossible')[0].message, /2026-02-14/);
    assert.match(find(dated("'2024/02/30'"), 'frontmatter.date-impossible')[0].message, /2024-03-01/);
  });

  it('an integer is milliseconds since 1970', () => {
    const [diagnostic] = find(dated('20250625'), 'frontmatter.date-integer');
    assert.match(diagnostic.message, /1970-01-01/);
  });

  it('an unparseable date silently falls back to the file time', () => {
    const [diagnostic] = find(dated('hello'), 'frontmatter.date-invalid');
    assert.equal(diagnostic.severity, 'error');
    assert.match(diagnostic.message, /file’s time/);
    assert.equal(find(dated('[2025]'), 'frontmatter.date-invalid').length, 1);
  });

  it('a missing or empty date is a warning (file creation time)', () => {
    assert.equal(find(post('title: a\n'), 'frontmatter.date-missing')[0].severity, 'warning');
    assert.equal(find(post('title: a\ndate:\n'), 'frontmatter.date-missing')[0].covered, 'date');
    assert.deepEqual(codes(post('title: a\n'), { ...blogContext(), scope: 'other', blog: defaultBlogConfig() }), []);
  });

  it('updated earlier than date', () => {
    const [diagnostic] = find(dated('2025-06-25 10:00:00', 'updated: 2025-06-24\n'), 'frontmatter.updated-before-date');
    assert.equal(diagnostic.covered, '2025-06-24');
    assert.deepEqual(codes(dated('2025-06-25 10:00:00', 'updated: 2025-06-26\n')), []);
  });

  it('a blog without timezone, or with an invalid one', () => {
    const noZone = blogContext('/blog/source/_posts/note.md', { '/blog/_config.yml': 'theme: butterfly\n' });
    assert.deepEqual(codes(dated('2025-06-25 10:00:00'), noZone), ['frontmatter.timezone-unset']);
    const badZone = blogContext('/blog/source/_posts/note.md', { '/blog/_config.yml': 'theme: butterfly\ntimezone: China\n' });
    assert.deepEqual(codes(dated('2025-06-25 10:00:00'), badZone), ['frontmatter.timezone-invalid']);
  });
});

describe('front matter rules: tags and categories', () => {
  it('a comma inside a tag string makes one tag', () => {
    const [diagnostic] = find(dated('2025-06-25', 'tags: 机器学习, 强化学习\n'), 'frontmatter.comma-in-name');
    assert.equal(diagnostic.severity, 'warning');
    assert.match(diagnostic.message, /ONE tag named “机器学习, 强化学习”/);
    assert.equal(find(dated('2025-06-25', 'tags: [机器学习，强化学习]\n'), 'frontmatter.comma-in-name')[0].covered, '机器学习，强化学习');
    assert.match(find(dated('2025-06-25', 'categories: A, B\n'), 'frontmatter.comma-in-name')[0].message, /ONE category/);
  });

  it('empty entries are dropped', () => {
    const [diagnostic] = find(dated('2025-06-25', "tags: [a, '', b]\n"), 'frontmatter.empty-entry');
    assert.equal(diagnostic.severity, 'hint');
  });

  it('a flat list of categories is one hierarchy; nested lists are not flagged', () => {
    const [diagnostic] = find(dated('2025-06-25', 'categories: [AI, RL]\n'), 'frontmatter.category-hierarchy');
    assert.match(diagnostic.message, /AI > RL/);
    assert.equal(find(dated('2025-06-25', 'categories:\n  - [AI, RL]\n  - Math\n'), 'frontmatter.category-hierarchy').length, 0);
  });

  it('wrong shapes', () => {
    assert.ok(codes(dated('2025-06-25', 'tags: {a: 1}\n')).includes('frontmatter.wrong-type'));
    assert.ok(codes(dated('2025-06-25', 'tags: [a, [b]]\n')).includes('frontmatter.wrong-type'));
  });
});

describe('front matter rules: body (math, tag plugins, Nunjucks)', () => {
  const withBody = (frontMatter: string, body: string): string => post(`title: a\ndate: 2025-06-25 10:00:00\n${frontMatter}`, body);

  it('math on a blog with per_page false and no `katex: true`', () => {
    const text = withBody('', '\nEnergy $E = mc^2$.\n');
    const [diagnostic] = find(text, 'frontmatter.math-not-loaded');
    assert.equal(diagnostic.severity, 'warning');
    assert.equal(diagnostic.covered, '$E = mc^2$');
    assert.match(diagnostic.message, /per_page` is false/);
    assert.deepEqual(codes(withBody('katex: true\n', '\n$x$\n')), []);
    assert.match(find(withBody('mathjax: true\n', '\n$$\nx\n$$\n'), 'frontmatter.math-not-loaded')[0].message, /`mathjax` is ignored/);
  });

  it('math is found in `$$`, `\\(` and `\\[`, and ignored in code', () => {
    assert.equal(find(withBody('', '\n\\(x\\)\n'), 'frontmatter.math-not-loaded').length, 1);
    assert.equal(find(withBody('', '\n```\n$x$\n```\nCost: $5 and $10.\n`$y$`\n'), 'frontmatter.math-not-loaded').length, 0);
  });

  it('math when the theme config sets no engine, when per_page is on, and with a custom layout', () => {
    const noEngine = blogContext('/blog/source/_posts/note.md', { '/blog/_config.butterfly.yml': 'math:\n  use:\n' });
    assert.match(find(withBody('', '\n$x$\n'), 'frontmatter.math-not-loaded', noEngine)[0].message, /sets no `math.use`/);
    const perPage = blogContext('/blog/source/_posts/note.md', { '/blog/_config.butterfly.yml': 'math:\n  use: katex\n' });
    assert.deepEqual(codes(withBody('', '\n$x$\n'), perPage), []);
    assert.match(find(withBody('layout: slides\n', '\n$x$\n'), 'frontmatter.math-not-loaded', perPage)[0].message, /layout: slides/);
  });

  it('no math check outside a blog', () => {
    assert.deepEqual(codes(withBody('', '\n$x$\n'), { ...blogContext(), blog: defaultBlogConfig(), scope: 'other' }), []);
  });

  it('an unknown tag plugin fails the build; known tags, end tags, code and raw are fine', () => {
    const [diagnostic] = find(withBody('katex: true\n', '\n{% notee info %}\nx\n{% endnote %}\n'), 'frontmatter.unknown-tag');
    assert.equal(diagnostic.severity, 'error');
    assert.equal(diagnostic.covered, 'notee');
    assert.equal(diagnostic.data?.suggestion, 'note');
    const fine = withBody('', '\n{% note info %}x{% endnote %}\n{% post_link a %}\n```\n{% nope %}\n```\n`{% nope %}`\n{% raw %}{% nope %}{% endraw %}\n');
    assert.deepEqual(codes(fine), []);
  });

  it('tags are not processed with `disableNunjucks: true`', () => {
    assert.deepEqual(codes(withBody('disableNunjucks: true\n', '\n{% nope %}\n')), []);
  });

  it('tags registered by the blog’s scripts are known; other themes make unknown tags informational', () => {
    const custom = blogContext('/blog/source/_posts/note.md', { '/blog/scripts/tags.js': "hexo.extend.tag.register('mytag', () => '');\n" });
    assert.deepEqual(codes(withBody('', '\n{% mytag %}\n'), custom), []);
    const next = blogContext('/blog/source/_posts/note.md', { '/blog/_config.yml': 'theme: next\ntimezone: Asia/Shanghai\n' });
    assert.equal(find(withBody('', '\n{% nexttag %}\n'), 'frontmatter.unknown-tag', next)[0].severity, 'information');
  });

  it('`{{` and `{#` outside code are Nunjucks', () => {
    const [braces] = find(withBody('katex: true\n', '\n$a^{{2}}$\n'), 'frontmatter.nunjucks-syntax');
    assert.equal(braces.covered, '{{');
    assert.match(braces.message, /renders as/);
    assert.equal(find(withBody('katex: true\n', '\n$\\{#1\\}$\n'), 'frontmatter.nunjucks-syntax').length, 1);
    assert.equal(find(withBody('', '\n`{{x}}`\n'), 'frontmatter.nunjucks-syntax').length, 0);
  });

  it('pages use the page scope for math loading', () => {
    const perPage = blogContext('/blog/source/about/index.md', { '/blog/_config.butterfly.yml': 'math:\n  use: katex\n' });
    assert.deepEqual(codes(post('title: a\ndate: 2025-06-25 10:00:00\n', '\n$x$\n'), perPage), []);
    assert.equal(find(post('title: a\ndate: 2025-06-25 10:00:00\n', '\n$x$\n'), 'frontmatter.math-not-loaded', pageContext()).length, 1);
  });
});

describe('front matter rules: images', () => {
  const withImage = (line: string): string => post(`title: a\ndate: 2025-06-25 10:00:00\n${line}\n`);

  it('finds images under the site source, the theme source and the post asset folder', () => {
    assert.deepEqual(codes(withImage('cover: /img/cover.png')), []);
    assert.deepEqual(codes(withImage('cover: img/cover.png')), []);
    const themed = blogContext('/blog/source/_posts/note.md', { '/blog/node_modules/hexo-theme-butterfly/source/img/404.jpg': '' });
    assert.deepEqual(codes(withImage('top_img: /img/404.jpg'), themed), []);
    const asset = blogContext('/blog/source/_posts/note.md', { '/blog/source/_posts/note/pic.webp': '' });
    assert.deepEqual(codes(withImage('cover: pic.webp'), asset), []);
  });

  it('warns about a missing local image, but not URLs or CSS values', () => {
    const [missing] = find(withImage('cover: /img/nope.png'), 'frontmatter.image-missing');
    assert.equal(missing.severity, 'warning');
    assert.equal(missing.covered, '/img/nope.png');
    assert.match(find(withImage('cover: pic.png'), 'frontmatter.image-missing')[0].message, /asset folder \(`note\/`\)/);
    for (const value of ['https://x.org/a.png', '//cdn/a.png', "'#fff'", 'rgb(0,0,0)', 'linear-gradient(red, blue)', 'transparent', 'orange', 'false']) {
      assert.deepEqual(codes(withImage(`top_img: ${value}`)), [], value);
    }
  });

  it('a cover path without an image extension is used as CSS', () => {
    assert.equal(find(withImage('cover: /img/cover'), 'frontmatter.cover-not-image')[0].severity, 'warning');
    // top_img follows getBgPath (core/blog/images.ts, checked against Butterfly's code): a path is an image, a bare
    // file name only with one of its extensions.
    assert.match(find(withImage('top_img: banner.ico'), 'frontmatter.cover-not-image')[0].message, /`top_img` image will be broken/);
    assert.deepEqual(find(withImage('top_img: /img/banner'), 'frontmatter.cover-not-image'), []);
    assert.equal(find(withImage('top_img: /img/banner'), 'frontmatter.image-missing').length, 1);
    assert.deepEqual(
      find(withImage('top_img: "url(http://evil.invalid/top.png)"'), 'frontmatter.image-missing'),
      [],
      'a CSS url() is not a missing local file',
    );
  });
});
