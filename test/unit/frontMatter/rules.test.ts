import * as assert from 'node:assert/strict';
import { defaultBlogConfig } from '../../../src/core/blog/discover';
import { blogContext, codes, find, pageContext, post, validate } from './helpers';

const valid = post('title: KL\ndate: 2025-06-25 10:00:00\ntags: [a, b]\nkatex: true\n');

describe('front matter rules: structure', () => {
  it('accepts a clean post with no diagnostics at all', () => {
    assert.deepEqual(validate(valid), []);
  });

  it('reports an unquoted “: ” inside a value as a YAML error on the value, saying Hexo drops the post', () => {
    const [diagnostic] = find(post('title: KL: a primer\ndate: 2025-06-25\n'), 'frontmatter.yaml-syntax');
    assert.equal(diagnostic.severity, 'error');
    assert.equal(diagnostic.covered, 'KL: a primer');
    assert.match(diagnostic.message, /quotes/);
    assert.match(diagnostic.message, /Hexo will drop this post/);
  });

  it('explains a value that starts with a bracket', () => {
    const [diagnostic] = find(post('title: [draft] KL\n'), 'frontmatter.yaml-syntax');
    assert.equal(diagnostic.covered, '[draft] KL');
    assert.match(diagnostic.message, /starts with `\[`/);
  });

  it('explains text after a closing quote', () => {
    const [diagnostic] = find(post("title: 'it's'\n"), 'frontmatter.yaml-syntax');
    assert.match(diagnostic.message, /after the closing quote/);
  });

  it('reports a duplicated key on its second occurrence', () => {
    const text = post('title: a\ndate: 2025-06-25\ntitle: b\n');
    const [diagnostic] = find(text, 'frontmatter.duplicate-key');
    assert.equal(diagnostic.severity, 'error');
    assert.equal(diagnostic.start, text.lastIndexOf('title'));
    assert.equal(diagnostic.covered, 'title');
  });

  it('reports wrong indentation and a second document as YAML errors', () => {
    assert.deepEqual(codes(post('tags:\n  - a\n b: 2\n')), ['frontmatter.yaml-syntax']);
    // `----` ... `----` with a `---` line inside: js-yaml sees a second document.
    const [second] = find('----\ntitle: a\n---\ndate: 2025-06-25\n----\nbody', 'frontmatter.yaml-syntax');
    assert.match(second.message, /second YAML document/);
  });

  it('reports an unclosed block, a separator with trailing spaces and an empty block', () => {
    assert.equal(find('---\ntitle: a\n\nbody\n', 'frontmatter.not-recognised')[0].data?.reason, 'unclosed');
    const trailing = find('--- \ntitle: a\n---\n', 'frontmatter.not-recognised')[0];
    assert.equal(trailing.data?.reason, 'trailing-space');
    assert.equal(trailing.severity, 'error');
    assert.equal(find('---\n---\nbody', 'frontmatter.not-recognised')[0].severity, 'warning');
  });

  it('reports a front matter that is not a mapping', () => {
    const [diagnostic] = find('---\n- a\n- b\n---\nbody', 'frontmatter.not-a-mapping');
    assert.equal(diagnostic.severity, 'error');
    assert.equal(diagnostic.covered, '---');
  });

  it('reports invalid JSON front matter as silently ignored', () => {
    const [diagnostic] = find(';;;\n"title": "a",\n;;;\nbody', 'frontmatter.json-syntax');
    assert.match(diagnostic.message, /silently ignores it/);
  });

  it('validates the keys of valid JSON front matter too', () => {
    assert.ok(codes(';;;\n"title": "a",\n"date": "2025-06-25 10:00:00",\n"keywards": "x"\n;;;\nbody').includes('frontmatter.unknown-key'));
  });

  it('checks the form without an opening line', () => {
    assert.deepEqual(codes("title: a\ndate: 2025-06-25 10:00:00\ntoc: 'false'\n---\nbody"), ['frontmatter.string-boolean']);
  });
});

describe('front matter rules: keys', () => {
  it('suggests `categories` for `Category` and `keywords` for `keywards`', () => {
    const [category] = find(post('title: a\ndate: 2025-06-25\nCategory: x\n'), 'frontmatter.unknown-key');
    assert.equal(category.severity, 'warning');
    assert.equal(category.data?.suggestion, 'categories');
    assert.match(category.message, /Did you mean `categories`\?/);
    assert.equal(find(post('title: a\ndate: 2025-06-25\nkeywards: x\n'), 'frontmatter.unknown-key')[0].data?.suggestion, 'keywords');
  });

  it('outside a Hexo blog an unknown key is only a hint', () => {
    const outside = { ...blogContext(), scope: 'other' as const, blog: defaultBlogConfig() };
    assert.equal(find(post('title: a\nlayout_x: 1\n'), 'frontmatter.unknown-key', outside)[0].severity, 'hint');
  });

  it('flags keys with no effect in Butterfly 5.7 as unnecessary hints', () => {
    for (const key of ['keywords', 'aplayer']) {
      const [diagnostic] = find(post(`title: a\ndate: 2025-06-25\n${key}: x\n`), 'frontmatter.no-effect');
      assert.equal(diagnostic.severity, 'hint');
      assert.equal(diagnostic.data?.unnecessary, true);
      assert.equal(diagnostic.covered, key);
    }
  });

  it('names the plugin or theme of a foreign key, and is silent when the plugin is installed', () => {
    const [swiper] = find(post('title: a\ndate: 2025-06-25\nswiper_index: 1\n'), 'frontmatter.foreign-key');
    assert.equal(swiper.severity, 'information');
    assert.match(swiper.message, /hexo-butterfly-swiper/);
    const withPlugin = blogContext('/blog/source/_posts/note.md', { '/blog/package.json': '{"dependencies": {"hexo-abbrlink": "^2.2.1"}}' });
    assert.deepEqual(codes(post('title: a\ndate: 2025-06-25 10:00:00\nabbrlink: 1a2b\n'), withPlugin), []);
    assert.deepEqual(codes(post('title: a\ndate: 2025-06-25 10:00:00\nabbrlink: 1a2b\n')), ['frontmatter.foreign-key']);
  });

  it('warns about internal keys', () => {
    assert.equal(find(post('title: a\ndate: 2025-06-25\npostDesc: x\n'), 'frontmatter.internal-key')[0].severity, 'warning');
  });

  it('warns that an alias is ignored when the main key is set', () => {
    const [diagnostic] = find(post('title: a\ndate: 2025-06-25\ntags: [a]\ntag: b\n'), 'frontmatter.alias-ignored');
    assert.equal(diagnostic.covered, 'tag');
    assert.deepEqual(codes(post('title: a\ndate: 2025-06-25 10:00:00\ntag: b\n')), []);
  });

  it('checks post-only keys on pages and page-only keys in posts', () => {
    assert.ok(codes(post('title: a\ndate: 2025-06-25\ntags: [a]\n'), pageContext()).includes('frontmatter.wrong-scope'));
    assert.ok(codes(post('title: a\ndate: 2025-06-25\ntype: tags\n')).includes('frontmatter.wrong-scope'));
    const [orderby] = find(post('title: a\ndate: 2025-06-25 10:00:00\norderby: name\n'), 'frontmatter.wrong-scope', pageContext());
    assert.equal(orderby.severity, 'hint');
    assert.deepEqual(codes(post('title: a\ndate: 2025-06-25 10:00:00\ntype: tags\norderby: name\n'), pageContext()), []);
  });

  it('hints at empty values with the default that applies', () => {
    const [diagnostic] = find(post('title: a\ndate: 2025-06-25\ncomments:\n'), 'frontmatter.empty-value');
    assert.equal(diagnostic.severity, 'hint');
    assert.match(diagnostic.message, /default applies: true/);
  });

  it('checks value types', () => {
    assert.ok(find(post('title: [a, b]\ndate: 2025-06-25\n'), 'frontmatter.wrong-type')[0].message.includes('a,b'));
    assert.ok(codes(post('title: a\ndate: 2025-06-25\nsticky: high\n')).includes('frontmatter.wrong-type'));
    assert.ok(find(post('title: a\ndate: 2025-06-25\ncover: [a.png, b.png]\n'), 'frontmatter.wrong-type')[0].message.includes('one image'));
    assert.ok(codes(post('title: a\ndate: 2025-06-25\nlimit: 5\n'), pageContext()).includes('frontmatter.wrong-type'));
  });

  it('checks allowed values with a suggestion', () => {
    const [diagnostic] = find(post('title: a\ndate: 2025-06-25\ntype: tag\n'), 'frontmatter.bad-value', pageContext());
    assert.equal(diagnostic.data?.suggestion, 'tags');
    assert.equal(diagnostic.covered, 'tag');
  });

  it('warns about a missing or empty title, and a post without front matter', () => {
    assert.equal(find(post('date: 2025-06-25\n'), 'frontmatter.missing-title')[0].covered, '---');
    assert.equal(find(post('title:\ndate: 2025-06-25\n'), 'frontmatter.missing-title')[0].covered, 'title');
    assert.equal(find(post("title: ''\ndate: 2025-06-25\n"), 'frontmatter.missing-title').length, 1);
    assert.equal(find('# Heading\n\ntext\n', 'frontmatter.missing-title').length, 1);
    const outsideBlog = { ...blogContext(), scope: 'other' as const, blog: defaultBlogConfig() };
    assert.deepEqual(codes('# Just notes\n', outsideBlog), []);
  });
});

describe('front matter rules: booleans', () => {
  it('strict keys: a string is ignored and the theme default applies', () => {
    const [diagnostic] = find(post("title: a\ndate: 2025-06-25\ntoc: 'false'\n"), 'frontmatter.string-boolean');
    assert.equal(diagnostic.severity, 'warning');
    assert.equal(diagnostic.covered, "'false'");
    assert.match(diagnostic.message, /ignores it and uses the default/);
    assert.match(diagnostic.message, /toc\.post/);
  });

  it('`!== false` keys: the string false keeps the feature on', () => {
    const [diagnostic] = find(post("title: a\ndate: 2025-06-25\ncopyright: 'false'\n"), 'frontmatter.string-boolean');
    assert.match(diagnostic.message, /stays ON/);
    assert.equal(find(post('title: a\ndate: 2025-06-25\naside: no\n'), 'frontmatter.string-boolean')[0].severity, 'warning');
  });

  it('truthy keys: the string false turns the feature on', () => {
    const [diagnostic] = find(post("title: a\ndate: 2025-06-25\nkatex: 'false'\n"), 'frontmatter.string-boolean');
    assert.match(diagnostic.message, /turn it ON/);
    assert.equal(find(post('title: a\ndate: 2025-06-25\nkatex: yes\n'), 'frontmatter.string-boolean')[0].severity, 'hint');
  });

  it("Hexo-cast keys: `no` is true, `'false'` is false", () => {
    const [no] = find(post('title: a\ndate: 2025-06-25\ncomments: no\n'), 'frontmatter.string-boolean');
    assert.equal(no.severity, 'warning');
    assert.match(no.message, /as `true`/);
    assert.equal(find(post("title: a\ndate: 2025-06-25\npublished: 'false'\n"), 'frontmatter.string-boolean')[0].severity, 'hint');
  });

  it('exact-true keys', () => {
    assert.equal(find(post("title: a\ndate: 2025-06-25\ntype: link\nrandom: 'true'\n"), 'frontmatter.string-boolean', pageContext())[0].severity, 'warning');
  });

  it('real booleans are fine, whatever the case', () => {
    assert.deepEqual(codes(post('title: a\ndate: 2025-06-25 10:00:00\ntoc: False\ncopyright: TRUE\nkatex: true\n')), []);
  });
});
