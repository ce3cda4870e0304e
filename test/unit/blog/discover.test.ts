import * as assert from 'node:assert/strict';
import { defaultBlogConfig, findBlog, findBlogRoot, noteScope } from '../../../src/core/blog/discover';
import { byUse, listBlogImages, listBlogTaxonomy } from '../../../src/core/blog/inventory';
import { InMemoryFileSystem } from '../inMemoryFileSystem';

const site =
  'title: Notes\ntimezone: Asia/Shanghai\ntheme: butterfly\npost_asset_folder: true\nroot: /blog/\nmarkdown:\n  render:\n    breaks: false\n  plugins:\n    - "@renbaoshuo/markdown-it-katex"\n    - name: markdown-it-emoji\n';

describe('blog discovery', () => {
  it('finds the nearest Hexo site config upwards, skipping configs that are not Hexo sites', () => {
    const fs = new InMemoryFileSystem({
      '/w/blog/_config.yml': site,
      '/w/blog/themes/butterfly/_config.yml': 'math:\n  use: mathjax\n',
      '/w/blog/themes/butterfly/source/css/index.styl': '',
      '/w/_config.yml': 'permalink: x\n',
    });
    assert.equal(findBlogRoot('/w/blog/source/_posts/a.md', fs), '/w/blog');
    assert.equal(findBlogRoot('/w/blog/themes/butterfly/layout/x.md', fs), '/w/blog');
    assert.equal(findBlogRoot('/elsewhere/a.md', fs), undefined);
  });

  it('reads the site config: timezone, theme, asset folders, url root, renderer options', () => {
    const fs = new InMemoryFileSystem({ '/b/_config.yml': site, '/b/package.json': '{"dependencies": {"hexo-renderer-markdown-it": "^7"}}' });
    const blog = findBlog('/b/source/_posts/a.md', fs);
    assert.equal(blog.root, '/b');
    assert.equal(blog.timezone, 'Asia/Shanghai');
    assert.equal(blog.theme, 'butterfly');
    assert.equal(blog.postAssetFolder, true);
    assert.equal(blog.urlRoot, '/blog/');
    assert.equal(blog.renderer, 'markdown-it');
    assert.equal(blog.markdown.breaks, false);
    assert.deepEqual(blog.markdown.plugins, ['@renbaoshuo/markdown-it-katex', 'markdown-it-emoji']);
    assert.deepEqual(blog.sourceFolders, ['/b/source']);
  });

  it('merges the theme config: _config.<theme>.yml over the theme’s own _config.yml', () => {
    const fs = new InMemoryFileSystem({
      '/b/_config.yml': site,
      '/b/node_modules/hexo-theme-butterfly/_config.yml': 'math:\n  use:\n  per_page: true\n  katex:\n    macros:\n      \\RR: \\mathbb{R}\n',
      '/b/node_modules/hexo-theme-butterfly/source/img/404.jpg': 'x',
      '/b/_config.butterfly.yml': 'math:\n  use: katex\n  per_page: false\n',
    });
    const blog = findBlog('/b/source/_posts/a.md', fs);
    assert.deepEqual(blog.math, { use: 'katex', perPage: false });
    assert.equal(blog.themeConfigPath, '/b/_config.butterfly.yml');
    assert.deepEqual(blog.katexMacros, { '\\RR': '\\mathbb{R}' });
    assert.deepEqual(blog.sourceFolders, ['/b/source', '/b/node_modules/hexo-theme-butterfly/source']);
  });

  it('uses Butterfly 5 defaults when the theme config says nothing about math', () => {
    const fs = new InMemoryFileSystem({ '/b/_config.yml': site, '/b/themes/butterfly/_config.yml': 'toc:\n  post: true\n' });
    const blog = findBlog('/b/source/_posts/a.md', fs);
    assert.deepEqual(blog.math, { use: '', perPage: true });
    assert.equal(blog.themeConfigPath, '/b/themes/butterfly/_config.yml');
  });

  it('reports an unreadable config instead of throwing', () => {
    const fs = new InMemoryFileSystem({ '/b/_config.yml': site, '/b/_config.butterfly.yml': 'math: [\n' });
    const blog = findBlog('/b/source/_posts/a.md', fs);
    assert.equal(blog.problems.length, 1);
    assert.equal(blog.problems[0].file, '/b/_config.butterfly.yml');
  });

  it('finds tags registered by the blog’s scripts and the installed packages', () => {
    const fs = new InMemoryFileSystem({
      '/b/_config.yml': site,
      '/b/scripts/tags/x.js': "hexo.extend.tag.register('bilibili', fn);",
      '/b/package.json': '{"devDependencies": {"hexo-abbrlink": "1"}}',
    });
    const blog = findBlog('/b/source/_posts/a.md', fs);
    assert.deepEqual(blog.customTags, ['bilibili']);
    assert.deepEqual(blog.dependencies, ['hexo-abbrlink']);
  });

  it('works without a blog around the file', () => {
    assert.deepEqual(findBlog('/tmp/a.md', new InMemoryFileSystem({})), defaultBlogConfig());
  });

  it('tells posts, drafts, pages and other files apart (with a custom source_dir and Windows paths)', () => {
    const fs = new InMemoryFileSystem({ 'C:/b/_config.yml': 'theme: butterfly\nsource_dir: src\n' });
    const blog = findBlog('C:/b/src/_posts/a.md', fs);
    assert.equal(noteScope('C:\\b\\src\\_posts\\a.md', blog), 'post');
    assert.equal(noteScope('C:/b/src/_drafts/a.md', blog), 'draft');
    assert.equal(noteScope('C:/b/src/about/index.md', blog), 'page');
    assert.equal(noteScope('C:/b/src/_data/x.md', blog), 'other');
    assert.equal(noteScope('C:/b/README.md', blog), 'other');
    assert.equal(noteScope('/x/source/_posts/a.md', defaultBlogConfig()), 'post');
  });
});

describe('blog inventory', () => {
  const fs = new InMemoryFileSystem({
    '/b/_config.yml': site,
    '/b/source/_posts/a.md': '---\ntitle: a\ntags: [ML, RL]\ncategories: [[AI, RL], Math]\n---\n',
    '/b/source/_posts/sub/b.md': '---\ntitle: b\ntag: ML\ncategory: AI\n---\n',
    '/b/source/_posts/broken.md': '---\ntitle: a: b\n---\n',
    '/b/source/_drafts/c.md': '---\ntags: Draft\n---\n',
    '/b/source/img/x.png': '',
    '/b/source/img/notes.txt': '',
    '/b/source/_hidden/y.png': '',
    '/b/node_modules/pkg/source/_posts/z.md': '---\ntags: [nope]\n---\n',
  });
  const blog = findBlog('/b/source/_posts/a.md', fs);

  it('counts the tags and categories used by posts and drafts (aliases included, broken posts skipped)', () => {
    const taxonomy = listBlogTaxonomy(blog, fs);
    assert.deepEqual(byUse(taxonomy.tags), ['ML', 'Draft', 'RL']);
    assert.deepEqual(byUse(taxonomy.categories), ['AI', 'Math', 'RL']);
  });

  it('respects the file limit', () => {
    assert.equal(listBlogTaxonomy(blog, fs, { maxFiles: 1, maxDepth: 5 }).truncated, true);
  });

  it('lists published images as site-root paths', () => {
    assert.deepEqual(listBlogImages(blog, fs), ['/img/x.png']);
  });
});
