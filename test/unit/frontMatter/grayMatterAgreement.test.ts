// Cross-check: on the ordinary `---` form both Hexo and gray-matter (what most editor tools use) agree,
// so Mathpost's Hexo-exact splitter must find the same block and body as gray-matter does there.
// gray-matter runs with engines that throw for `---js`, so nothing in the note is ever evaluated.
import * as assert from 'node:assert/strict';
import matter from 'gray-matter';
import { splitFrontMatter } from '../../../src/core/frontMatter/split';

const refuse = (): never => {
  throw new Error('front matter is never evaluated');
};
const safeOptions = { engines: { js: refuse, javascript: refuse } };

const notes = [
  '---\ntitle: KL\ndate: 2025-06-25\n---\n\n# Body\n$x$\n',
  '---\ntitle: "a: b"\ntags: [a, b]\n---\nbody without blank line\n',
  '---\n# comment\ncategories:\n  - [A, B]\n---\n',
  '---\ntitle: 中文标题\n---\n\n正文 $D_{KL}$\n',
];

describe('front-matter split agrees with gray-matter on the common form', () => {
  for (const note of notes) {
    it(JSON.stringify(note.slice(0, 30)), () => {
      const ours = splitFrontMatter(note);
      const theirs = matter(note, safeOptions as never);
      assert.ok(ours.block, 'a block is found');
      assert.equal(ours.block.data.trim(), theirs.matter.trim());
      assert.equal(note.slice(ours.bodyStart).replace(/^\n/, ''), theirs.content.replace(/^\n/, ''));
    });
  }

  it('gray-matter with our options refuses ---js instead of running it', () => {
    assert.throws(() => matter('---js\n{ title: (() => { throw 1 })() }\n---\n', { ...safeOptions, cache: false } as never), /never evaluated/);
  });
});
