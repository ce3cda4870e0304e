import * as assert from 'node:assert/strict';
import { BlogService, type BlogChange } from '../../../src/core/blog/blogService';
import type { ReadOnlyFileSystem } from '../../../src/core/fileSystem';
import { InMemoryFileSystem } from '../inMemoryFileSystem';
import { isInFrontMatter } from '../../../src/core/frontMatter/complete';

const files = {
  '/blog/_config.yml': 'title: Notes\ntimezone: Asia/Shanghai\ntheme: butterfly\n',
  '/blog/package.json': '{"dependencies": {"hexo": "^8.1.2"}}',
  '/blog/source/_posts/a.md': '---\ntitle: a\ntags: [RL, KL]\n---\n',
  '/blog/source/_posts/b.md': '---\ntitle: b\ntags: [KL]\n---\n',
  '/blog/source/img/c.png': 'png',
};

/** Counts reads of post files (the inventory) and of `_config.yml` (the blog config). */
function countingFs(): { fs: ReadOnlyFileSystem; reads: { posts: number; config: number } } {
  const inner = new InMemoryFileSystem(files);
  const reads = { posts: 0, config: 0 };
  const fs: ReadOnlyFileSystem = {
    readFile: (path) => {
      if (path.endsWith('.md')) reads.posts++;
      if (path.endsWith('_config.yml')) reads.config++;
      return inner.readFile(path);
    },
    exists: (path) => inner.exists(path),
    listDirectory: (path) => inner.listDirectory(path),
  };
  return { fs, reads };
}

describe('blog/BlogService: one blog cache for the editor and the CLI', () => {
  it('reads a blog config once per blog root, again after a config change', () => {
    const { fs, reads } = countingFs();
    const service = new BlogService(fs);
    const first = service.blogFor('/blog/source/_posts/a.md');
    assert.equal(first.root, '/blog');
    const afterFirst = reads.config;
    assert.equal(service.blogFor('/blog/source/_posts/b.md'), first);
    assert.equal(reads.config, afterFirst);
    service.invalidate({ settings: true });
    assert.equal(service.blogFor('/blog/source/_posts/a.md'), first, 'a settings change keeps the config');
    service.invalidate({ config: true });
    assert.notEqual(service.blogFor('/blog/source/_posts/a.md'), first);
    assert.ok(reads.config > afterFirst);
  });

  it('keeps the inventory until the posts change or it expires, and says what changed', () => {
    const { fs, reads } = countingFs();
    let now = 0;
    const service = new BlogService(fs, 1000, () => now);
    const changes: BlogChange[] = [];
    service.onDidChange((change) => changes.push(change));
    const blog = service.blogFor('/blog/source/_posts/a.md');
    assert.deepEqual(service.inventory(blog), { at: 0, tags: ['KL', 'RL'], categories: [], images: ['/img/c.png'] });
    const postReads = reads.posts;
    service.inventory(blog);
    service.invalidate({ settings: true });
    service.inventory(blog);
    assert.equal(reads.posts, postReads, 'a settings change does not re-read the posts');
    service.invalidate({ posts: true });
    service.inventory(blog);
    assert.equal(reads.posts, 2 * postReads);
    now = 1001;
    service.inventory(blog);
    assert.equal(reads.posts, 3 * postReads, 'an old inventory is read again');
    assert.deepEqual(changes, [
      { config: false, posts: false, settings: true },
      { config: false, posts: true, settings: false },
    ]);
  });

  it('completion looks at the blog only inside the front matter', () => {
    const text = '---\ntitle: a\n---\nbody text\n';
    assert.equal(isInFrontMatter(text, text.indexOf('title')), true);
    assert.equal(isInFrontMatter(text, text.indexOf('body') + 2), false);
    assert.equal(isInFrontMatter('title: legacy\n---\nbody', 3), true);
  });
});
