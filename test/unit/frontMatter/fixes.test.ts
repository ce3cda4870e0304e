import * as assert from 'node:assert/strict';
import { applyEdits, englishText } from '../../../src/core/text';
import type { CoreDiagnostic } from '../../../src/core/text';
import { fixAll, fixesForDiagnostic } from '../../../src/core/frontMatter/fixes';
import type { ValidationContext } from '../../../src/core/frontMatter/report';
import { blogContext, pageContext, validate } from './helpers';

/** Apply the fix titled `title` (or the first) of the diagnostic with `code`; returns the whole new text. */
function applyFix(text: string, code: string, title?: RegExp, ctx: ValidationContext = blogContext()): string {
  const diagnostic = validate(text, ctx).find((candidate) => candidate.code === code);
  assert.ok(diagnostic, `no ${code} in:\n${text}`);
  // Strip data as VS Code does: the fixes are found again from the text.
  const bare: Pick<CoreDiagnostic, 'code' | 'start' | 'end'> = { code: diagnostic.code, start: diagnostic.start, end: diagnostic.end };
  const fixes = fixesForDiagnostic(text, bare, ctx, englishText);
  const fix = title ? fixes.find((candidate) => title.test(candidate.title)) : fixes[0];
  assert.ok(fix, `no fix ${title} for ${code}: ${fixes.map((candidate) => candidate.title).join(', ')}`);
  return applyEdits(text, fix.edits);
}

const body = '\n# 定义\n\n正文，带注释。\n';
const frame = (frontMatter: string): string => `---\n${frontMatter}---\n${body}`;

/** The titles of the fixes offered for the first diagnostic with `code`. */
function fixTitles(text: string, code: string): string[] {
  const diagnostic = validate(text, blogContext()).find((candidate) => candidate.code === code);
  assert.ok(diagnostic, `no ${code} in:\n${text}`);
  return fixesForDiagnostic(text, diagnostic, blogContext(), englishText).map((fix) => fix.title);
}

describe('front matter quick fixes change only their span', () => {
  it('offers "Remove the trailing spaces" only where that makes Hexo read the front matter', () => {
    assert.deepEqual(fixTitles('--- \ntitle: a\n---\n', 'frontmatter.not-recognised'), ['Remove the trailing spaces']);
    // No closing line: without the spaces the block would still be unclosed (fuzz seed 1412627955).
    assert.deepEqual(fixTitles('--- ', 'frontmatter.not-recognised'), []);
    assert.deepEqual(fixTitles('--- \ntitle: a\n\nbody\n', 'frontmatter.not-recognised'), []);
  });

  it('offers a rename to a key Butterfly ignores, but fix all leaves it (it would then remove it: fuzz seed 99991)', () => {
    const text = frame('title: a\ndate: 2025-06-25 10:00:00\n(keywords: a, b\n');
    assert.ok(fixTitles(text, 'frontmatter.unknown-key').includes('Rename to `keywords`'));
    assert.deepEqual(fixAll(text, blogContext(), englishText), []);
  });

  it('renames a misspelled key, keeping the value, comment and CRLF line ends', () => {
    const text = '---\r\ntitle: a # 标题\r\ndate: 2025-06-25 10:00:00\r\nCategory: 笔记 # 分类\r\n---\r\nbody\r\n';
    assert.equal(applyFix(text, 'frontmatter.unknown-key'), text.replace('Category:', 'categories:'));
  });

  it('turns a string into a real boolean', () => {
    const text = frame("title: a\ndate: 2025-06-25 10:00:00\ntoc: 'false'   # 目录\nkatex: true\n");
    assert.equal(applyFix(text, 'frontmatter.string-boolean'), text.replace("toc: 'false'", 'toc: false'));
  });

  it('wraps a comma-separated tag string into a list', () => {
    const text = frame('title: a\ndate: 2025-06-25 10:00:00\ntags: 机器学习, 强化学习\n');
    assert.equal(applyFix(text, 'frontmatter.comma-in-name'), text.replace('tags: 机器学习, 强化学习', 'tags: [机器学习, 强化学习]'));
  });

  it('makes categories separate or a hierarchy, as asked', () => {
    const text = frame('title: a\ndate: 2025-06-25 10:00:00\ncategories: A，B\n');
    assert.equal(applyFix(text, 'frontmatter.comma-in-name', /hierarchy/), text.replace('categories: A，B', 'categories: [A, B]'));
    assert.equal(applyFix(text, 'frontmatter.comma-in-name', /separate/), text.replace('categories: A，B', 'categories: [[A], [B]]'));
    const block = frame('title: a\ndate: 2025-06-25 10:00:00\ncategories:\n  - A\n  - B\n');
    assert.equal(applyFix(block, 'frontmatter.category-hierarchy'), block.replace('  - A\n  - B', '  - [A]\n  - [B]'));
  });

  it('fixes dates: impossible, offset, quoted, integer, Chinese', () => {
    const text = (date: string): string => frame(`title: a\ndate: ${date}\n`);
    assert.equal(applyFix(text('2025-02-30'), 'frontmatter.date-impossible', /02-28/), text('2025-02-28'));
    assert.equal(applyFix(text('2025-02-30'), 'frontmatter.date-impossible', /03-02/), text('2025-03-02'));
    assert.equal(applyFix(text('2025-06-25T02:00:00Z'), 'frontmatter.date-offset'), text('2025-06-25 10:00:00'));
    assert.equal(applyFix(text('2025-06-25T10:00:00+08:00'), 'frontmatter.date-offset'), text('2025-06-25 10:00:00'));
    assert.equal(applyFix(text("'2025-06-25'"), 'frontmatter.date-machine-dependent'), text('2025-06-25'));
    assert.equal(applyFix(text('20250625'), 'frontmatter.date-integer'), text('2025-06-25'));
    assert.equal(applyFix(text('2025年6月25日'), 'frontmatter.date-invalid'), text('2025-06-25'));
  });

  it('adds a missing date after the title, in the blog’s time zone', () => {
    const text = frame('title: a  # keep\ntags: [x]\n');
    assert.equal(applyFix(text, 'frontmatter.date-missing'), frame('title: a  # keep\ndate: 2025-07-01 12:05:06\ntags: [x]\n'));
  });

  it('adds a missing title from the first heading, or fills an empty one', () => {
    assert.equal(applyFix(frame('date: 2025-06-25 10:00:00\n'), 'frontmatter.missing-title'), frame('title: 定义\ndate: 2025-06-25 10:00:00\n'));
    assert.equal(applyFix(frame('title:\ndate: 2025-06-25 10:00:00\n'), 'frontmatter.missing-title'), frame('title: 定义\ndate: 2025-06-25 10:00:00\n'));
    const noHeading = '---\ndate: 2025-06-25 10:00:00\n---\ntext\n';
    assert.equal(
      applyFix(noHeading, 'frontmatter.missing-title', undefined, blogContext('/blog/source/_posts/kl-divergence.md')),
      '---\ntitle: kl divergence\ndate: 2025-06-25 10:00:00\n---\ntext\n',
    );
  });

  it('creates a front matter for a post without one', () => {
    assert.equal(applyFix('# KL\n\ntext\n', 'frontmatter.missing-title'), '---\ntitle: KL\n---\n# KL\n\ntext\n');
  });

  it('adds `katex: true` at the end of the front matter', () => {
    const text = '---\ntitle: a\ndate: 2025-06-25 10:00:00\n# 注释\n---\n$x$\n';
    assert.equal(applyFix(text, 'frontmatter.math-not-loaded'), '---\ntitle: a\ndate: 2025-06-25 10:00:00\n# 注释\nkatex: true\n---\n$x$\n');
    const off = '---\ntitle: a\ndate: 2025-06-25 10:00:00\nkatex: false\n---\n$x$\n';
    assert.equal(applyFix(off, 'frontmatter.math-not-loaded'), off.replace('katex: false', 'katex: true'));
  });

  it('removes a no-effect key with all its lines and nothing else', () => {
    const text = frame('title: a\n# 关键词\nkeywords:\n  - KL\n  - PPO\ndate: 2025-06-25 10:00:00\nkatex: true\n');
    assert.equal(applyFix(text, 'frontmatter.no-effect'), frame('title: a\n# 关键词\ndate: 2025-06-25 10:00:00\nkatex: true\n'));
  });

  it('quotes a value that contains “: ”', () => {
    const text = frame("title: KL: it's a primer\ndate: 2025-06-25 10:00:00\n");
    assert.equal(applyFix(text, 'frontmatter.yaml-syntax'), frame("title: 'KL: it''s a primer'\ndate: 2025-06-25 10:00:00\n"));
  });

  it('changes a bad enum value and a misspelled tag plugin', () => {
    const page = frame('title: a\ndate: 2025-06-25 10:00:00\ntype: tag\n');
    assert.equal(applyFix(page, 'frontmatter.bad-value', undefined, pageContext()), page.replace('type: tag', 'type: tags'));
    const tags = frame('title: a\ndate: 2025-06-25 10:00:00\n') + '{% notee info %}x{% endnote %}\n';
    assert.equal(applyFix(tags, 'frontmatter.unknown-tag'), tags.replace('notee', 'note'));
  });

  it('inserts a space to stop Nunjucks', () => {
    const text = frame('title: a\ndate: 2025-06-25 10:00:00\nkatex: true\n') + '$a^{{2}}$\n';
    assert.equal(applyFix(text, 'frontmatter.nunjucks-syntax'), text.replace('{{2}}', '{ {2}}'));
  });

  it('fix all applies the safe fixes and leaves guesses alone', () => {
    const text =
      "---\ntitle: 一篇需要修改的笔记\ndate: 2025-02-30\nCategory: 笔记\ntags: 机器学习, 强化学习\ntoc: 'false'\nkeywords: KL\n---\n\n数学 $E = mc^2$。\n";
    const fixed = applyEdits(text, fixAll(text, blogContext(), englishText));
    assert.equal(
      fixed,
      '---\ntitle: 一篇需要修改的笔记\ndate: 2025-02-30\ncategories: 笔记\ntags: [机器学习, 强化学习]\ntoc: false\nkatex: true\n---\n\n数学 $E = mc^2$。\n',
    );
    assert.deepEqual(
      validate(fixed).map((diagnostic) => diagnostic.code),
      ['frontmatter.date-impossible'],
    );
  });

  it('fix all on a clean note changes nothing', () => {
    assert.deepEqual(fixAll(frame('title: a\ndate: 2025-06-25 10:00:00\n'), blogContext(), englishText), []);
  });
});
