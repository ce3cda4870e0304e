import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { applyEdits, englishText } from '../../../src/core/text';
import { completeFrontMatter } from '../../../src/core/frontMatter/complete';
import { fixAll } from '../../../src/core/frontMatter/fixes';
import { hoverFrontMatter } from '../../../src/core/frontMatter/hover';
import { validateFrontMatter } from '../../../src/core/frontMatter/validate';
import { blogContext } from './helpers';

// Pieces that reach the tricky paths: separators, keys the rules know, dates, quotes, tabs, tags.
const pieces = [
  '---', ';;;', '\n', '\r\n', '\t', ' ', ': ', '- ', '[', ']', '{', '}', ',', '，', "'", '"', '#', '&a', '*a', '|', '>',
  'title', 'date', 'updated', 'tags', 'tag', 'categories', 'toc', 'katex', 'comments', 'cover', 'type', 'Category', 'keywords',
  '2025-02-30', '2025-06-25 10:00:00', '2025-06-25T10:00:00+08:00', '20250625', 'false', "'false'", 'no', '~', 'null',
  '$x$', '$$', '\\(', '{% note %}', '{% endnote %}', '{% nope %}', '{{', '{#', '```', '`', '{% raw %}', '\uFEFF', '机器学习', '\u{1F600}',
];

const noteText = fc.oneof(
  fc.array(fc.constantFrom(...pieces), { maxLength: 40 }).map((parts) => parts.join('')),
  fc.string({ maxLength: 200 }),
  fc.array(fc.constantFrom(...pieces), { maxLength: 30 }).map((parts) => `---\n${parts.join('')}\n---\n${parts.reverse().join('')}`),
);

describe('front matter on random input', function () {
  // Thousands of runs: give mocha room on a busy machine (this is not a timing assertion).
  this.timeout(120_000);
  const ctx = blogContext();

  it('validate never throws and every range lies inside the text', () => {
    fc.assert(
      fc.property(noteText, (text) => {
        for (const diagnostic of validateFrontMatter(text, ctx, englishText)) {
          assert.notEqual(diagnostic.code, 'frontmatter.internal-error', diagnostic.message);
          assert.ok(diagnostic.start >= 0 && diagnostic.start <= diagnostic.end && diagnostic.end <= text.length, JSON.stringify(diagnostic));
          assert.ok(diagnostic.code.startsWith('frontmatter.'));
        }
      }),
      { numRuns: 1500 },
    );
  });

  it('every fix applies cleanly, and fix all terminates', () => {
    fc.assert(
      fc.property(noteText, (text) => {
        for (const diagnostic of validateFrontMatter(text, ctx, englishText)) {
          for (const fix of (diagnostic.data?.fixes as Array<{ edits: Array<{ start: number; end: number; newText: string }> }> | undefined) ?? []) {
            assert.doesNotThrow(() => applyEdits(text, fix.edits));
          }
        }
        assert.doesNotThrow(() => applyEdits(text, fixAll(text, ctx, englishText)));
      }),
      { numRuns: 400 },
    );
  });

  it('hover and completion never throw at any offset', () => {
    fc.assert(
      fc.property(noteText, fc.nat(), (text, seed) => {
        const offset = text.length === 0 ? 0 : seed % (text.length + 1);
        hoverFrontMatter(text, offset, ctx, englishText);
        const items = completeFrontMatter(text, offset, ctx, englishText);
        for (const item of items) assert.ok(item.replaceStart <= offset && item.replaceEnd >= offset - 0 && item.replaceEnd <= text.length);
      }),
      { numRuns: 800 },
    );
  });

  it('a throwing rule becomes one internal-error diagnostic', () => {
    const broken = { ...ctx, schema: { keys: null, aliases: new Map() } } as unknown as typeof ctx;
    const diagnostics = validateFrontMatter('---\ntitle: a\n---\n', broken, englishText);
    assert.equal(diagnostics.length, 1);
    assert.equal(diagnostics[0].code, 'frontmatter.internal-error');
    assert.equal(diagnostics[0].severity, 'information');
  });
});
