/**
 * `render.link-swallows-text` (issue #10 item 6): where the blog's linkify makes a bare URL and the CJK text after
 * it one link, a warning on exactly that text and a fix that ends the link where the address ends — both checked
 * against real Hexo + hexo-renderer-markdown-it.
 */
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCheck } from '../../../src/cli/check';
import { checkNote } from '../../../src/core/checkNote';
import { InMemoryFileSystem } from '../inMemoryFileSystem';
import { LINK_SWALLOWS_TEXT, linkDiagnostics, linkFixes } from '../../../src/core/render/linkDiagnostics';
import { englishText, type TextEdit } from '../../../src/core/text';
import { BlogOracle } from './blogHtmlOracle';
import { testBlog } from './helpers';

const swallows = (text: string, blog = testBlog()) => linkDiagnostics(text, { blog }, englishText);
const covered = (text: string): string[] => swallows(text).map((diagnostic) => text.slice(diagnostic.start, diagnostic.end));

function applied(text: string, edits: readonly TextEdit[]): string {
  return [...edits].sort((a, b) => b.start - a.start).reduce((result, edit) => result.slice(0, edit.start) + edit.newText + result.slice(edit.end), text);
}

/** The `<a>` elements of the blog's HTML: [href, text]. */
function links(html: string): Array<[string, string]> {
  return [...html.matchAll(/<a href="([^"]*)">([^<]*)<\/a>/g)].map((match) => [match[1], match[2]]);
}

describe('render/link-swallows-text', function () {
  this.timeout(120_000);
  let blog: BlogOracle;
  before(async () => {
    // With the blog's math plugin, so that a URL inside $…$ is math there too.
    blog = await BlogOracle.start("title: oracle\nmarkdown:\n  plugins:\n    - '@renbaoshuo/markdown-it-katex'\n");
  });
  after(async () => {
    await blog?.stop();
  });

  const SWALLOWING: Record<string, { text: string; address: string; swallowed: string }> = {
    'CJK words': { text: '参考 https://example.com/a中文字，后面还有话', address: 'https://example.com/a', swallowed: '中文字，后面还有话' },
    'full-width full stop': { text: '见 https://github.com/x/y。然后', address: 'https://github.com/x/y', swallowed: '。然后' },
    'full-width bracket': { text: '（地址 https://x.com/a?b=1）中文', address: 'https://x.com/a?b=1', swallowed: '）中文' },
    'right after CJK text, in a list item': { text: '- 访问https://example.com/path看看', address: 'https://example.com/path', swallowed: '看看' },
    'in a quote, second line': { text: '> 第一行\n> 链接 http://a.cn/x的说明', address: 'http://a.cn/x', swallowed: '的说明' },
  };

  for (const [name, { text, address, swallowed }] of Object.entries(SWALLOWING)) {
    it(`warns on the address and the words it swallows: ${name}; the fix ends the blog's link at the address`, async () => {
      const [link] = links(await blog.render(text));
      assert.ok(link, 'the blog makes a link');
      assert.ok(link[1].endsWith(swallowed), `the blog's link text "${link[1]}" takes in "${swallowed}"`);

      const diagnostics = swallows(text);
      assert.equal(diagnostics.length, 1);
      const [diagnostic] = diagnostics;
      assert.equal(diagnostic.code, LINK_SWALLOWS_TEXT);
      assert.equal(diagnostic.severity, 'warning');
      assert.equal(text.slice(diagnostic.start, diagnostic.end), address + swallowed);
      assert.match(diagnostic.message, new RegExp(`“${swallowed.replace(/[?()[\]]/g, '\\$&')}”`));

      const [fix] = linkFixes(diagnostic, englishText);
      assert.equal(fix.title, 'Wrap the address in <…>');
      assert.deepEqual(fix.edits, [{ start: diagnostic.start, end: diagnostic.start + address.length, newText: `<${address}>` }]);
      const fixed = applied(text, fix.edits);
      assert.equal(fixed.replace(`<${address}>`, address), text, 'nothing else changed');
      assert.deepEqual(links(await blog.render(fixed)), [[address, address]], 'after the fix the blog links only the address');
      assert.match(await blog.render(fixed), new RegExp(`</a>${swallowed.slice(0, 1).replace(/[?()[\]]/g, '\\$&')}`));
      assert.deepEqual(swallows(fixed), []);
    });
  }

  it('stays quiet where the blog makes no such link', async () => {
    const quiet = [
      'https://example.com/a 中文',
      '`https://example.com/a中文`',
      '```\nhttps://example.com/a中文\n```',
      '[链接](https://example.com/a中文)',
      '<https://example.com/a>中文',
      '$\\text{https://example.com/a中文}$',
      '<a href="https://example.com/">https://example.com/a中文</a>',
      'https://例子.中国/路径 之后',
      'example.com中文',
      '---\ntitle: t\nlink: https://example.com/a中文\n---\n正文',
    ];
    for (const text of quiet) {
      assert.deepEqual(covered(text), [], text);
      // (Front matter is not the body; an explicit link's text is the writer's own.)
      if (text.startsWith('---') || /\]\(|<a /.test(text)) continue;
      // The blog agrees: no link whose text runs from an ASCII address into CJK words.
      for (const [, linkText] of links(await blog.render(text))) assert.doesNotMatch(linkText, /[a-z0-9][\u4e00-\u9fff，。）]/i, text);
    }
  });

  it('follows the blog: nothing when its markdown.render.linkify is off', () => {
    assert.deepEqual(swallows('参考 https://example.com/a中文', testBlog({ markdown: { ...testBlog().markdown, linkify: false } })), []);
  });

  it('finds each of several links on a line, at its own place', () => {
    const text = '一 https://a.com/x中 二 https://a.com/x中 三\n\n`https://b.com/y中` 然后 https://b.com/y中';
    const diagnostics = swallows(text);
    assert.deepEqual(
      diagnostics.map((diagnostic) => text.slice(diagnostic.start, diagnostic.end)),
      ['https://a.com/x中', 'https://a.com/x中', 'https://b.com/y中'],
    );
    assert.deepEqual(
      diagnostics.map((diagnostic) => diagnostic.start),
      [text.indexOf('https://a.com'), text.indexOf('https://a.com', 3), text.lastIndexOf('https://b.com')],
    );
  });

  it('the editor and the CLI report it the same way (one pipeline)', async () => {
    const text = '---\ntitle: 链接\ndate: 2025-01-01 00:00:00\n---\n参考 https://example.com/a中文字\n';
    // checkNote is what the editor's diagnostics, "Validate All Posts" and the CLI all call.
    const inEditor = checkNote('/blog/source/_posts/post.md', text, new InMemoryFileSystem({}), englishText, { blog: testBlog() }).filter(
      (diagnostic) => diagnostic.code === LINK_SWALLOWS_TEXT,
    );
    assert.equal(inEditor.length, 1);
    const folder = mkdtempSync(join(tmpdir(), 'mathpost-links-'));
    try {
      const file = join(folder, 'post.md');
      writeFileSync(file, text);
      let stdout = '';
      await runCheck([file, '--format', 'json'], {
        stdout: (chunk) => (stdout += chunk),
        stderr: () => {},
        readFile: (path) => readFileSync(path, 'utf8'),
        writeFile: () => {},
        version: 'test',
      });
      const reported = (
        JSON.parse(stdout) as Array<{
          code: string;
          range: { start: { line: number; character: number }; end: { line: number; character: number } };
          message: string;
        }>
      ).filter((entry) => entry.code === LINK_SWALLOWS_TEXT);
      assert.equal(reported.length, 1);
      assert.deepEqual(reported[0].range, { start: { line: 4, character: 3 }, end: { line: 4, character: 3 + 'https://example.com/a中文字'.length } });
      assert.equal(reported[0].message, inEditor[0].message);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
