import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { applyEdits, englishText } from '../../../src/core/text';
import { completeFrontMatter } from '../../../src/core/frontMatter/complete';
import { fixAll, fixesForDiagnostic } from '../../../src/core/frontMatter/fixes';
import { hoverFrontMatter } from '../../../src/core/frontMatter/hover';
import { validateFrontMatter } from '../../../src/core/frontMatter/validate';
import { assertOnlySpanChanged, declaredSpan } from '../hardening/properties';
import { blogContext } from './helpers';

// Pieces that reach the tricky paths: separators, keys the rules know, dates, quotes, tabs, tags.
const pieces = [
  '---',
  ';;;',
  '\n',
  '\r\n',
  '\t',
  ' ',
  ': ',
  '- ',
  '[',
  ']',
  '{',
  '}',
  ',',
  '，',
  "'",
  '"',
  '#',
  '&a',
  '*a',
  '|',
  '>',
  'title',
  'date',
  'updated',
  'tags',
  'tag',
  'categories',
  'toc',
  'katex',
  'comments',
  'cover',
  'type',
  'Category',
  'keywords',
  '2025-02-30',
  '2025-06-25 10:00:00',
  '2025-06-25T10:00:00+08:00',
  '20250625',
  'false',
  "'false'",
  'no',
  '~',
  'null',
  '$x$',
  '$$',
  '\\(',
  '{% note %}',
  '{% endnote %}',
  '{% nope %}',
  '{{',
  '{#',
  '```',
  '`',
  '{% raw %}',
  '\uFEFF',
  '机器学习',
  '\u{1F600}',
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

  it("every offered fix changes only its diagnostic's span, and the problem is gone from there", () => {
    fc.assert(
      fc.property(noteText, (text) => {
        const diagnostics = validateFrontMatter(text, ctx, englishText);
        for (const diagnostic of diagnostics) {
          for (const fix of fixesForDiagnostic(text, diagnostic, ctx, englishText)) {
            const fixed = applyEdits(text, fix.edits);
            const where = `${fix.title} (${diagnostic.code})`;
            assertOnlySpanChanged(text, fixed, declaredSpan(text, diagnostic), where);
            // Gone from where it was (`{{{`: the space fixes the first `{{` and shows the next one, reported apart).
            const covered = text.slice(diagnostic.start, diagnostic.end);
            const still = validateFrontMatter(fixed, ctx, englishText).find(
              (other) => other.code === diagnostic.code && other.start === diagnostic.start && fixed.slice(other.start, other.end) === covered,
            );
            assert.equal(still, undefined, `${where}: still reported on ${JSON.stringify(covered)}`);
          }
        }
      }),
      { numRuns: 400 },
    );
  });

  it('fix all converges: what it leaves has no preferred fix left, and a second fix all changes nothing', () => {
    fc.assert(
      fc.property(noteText, (text) => {
        const fixed = applyEdits(text, fixAll(text, ctx, englishText));
        assert.deepEqual(fixAll(fixed, ctx, englishText), [], 'a second fix all still edits');
        const left = validateFrontMatter(fixed, ctx, englishText).filter((diagnostic) =>
          fixesForDiagnostic(fixed, diagnostic, ctx, englishText).some((fix) => fix.isPreferred && fix.edits.length > 0),
        );
        assert.deepEqual(
          left.map((diagnostic) => diagnostic.code),
          [],
        );
      }),
      { numRuns: 300 },
    );
  });

  it('CRLF line ends give the same problems as LF (Hexo reads both alike)', () => {
    fc.assert(
      fc.property(
        noteText.filter((text) => !text.includes('\r')),
        (text) => {
          const codes = (note: string) =>
            validateFrontMatter(note, ctx, englishText)
              .map((diagnostic) => `${diagnostic.code} ${note.slice(diagnostic.start, diagnostic.end).replace(/\r\n?/g, '\n')}`)
              .sort();
          assert.deepEqual(codes(text.replace(/\n/g, '\r\n')), codes(text));
        },
      ),
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
