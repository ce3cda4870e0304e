/**
 * The editor's check in slices (issue #15, core/checkNote.ts StagedNoteCheck + core/checkInSlices.ts): the
 * front matter is reported first, the rest in slices that a newer version stops, and the end result is
 * exactly what the four checks give (and so what `mathpost check` and "Validate All Posts" print).
 * The clock and the yields are fakes driven by the test: no timing is measured here.
 */
import * as assert from 'node:assert/strict';
import { checkInSlices } from '../../../src/core/checkInSlices';
import { checkNote, StagedNoteCheck } from '../../../src/core/checkNote';
import { checkFile } from '../../../src/core/frontMatter/check';
import { analyzeNote } from '../../../src/core/kl/analyze';
import { defaultKlOptions } from '../../../src/core/kl/context';
import { MathRenderer } from '../../../src/core/math/katexRenderer';
import { mathDiagnostics } from '../../../src/core/math/mathDiagnostics';
import { linkDiagnostics } from '../../../src/core/render/linkDiagnostics';
import { englishText, type CoreDiagnostic } from '../../../src/core/text';
import { InMemoryFileSystem } from '../inMemoryFileSystem';

const fs = new InMemoryFileSystem({});

/** A post with a problem of every kind: a bad date, KaTeX errors, macros defined then used, math warnings, a KL snippet that fails, a swallowed link. */
function post(formulas: number, seed = 1): string {
  const paragraphs = [];
  for (let i = 0; i < formulas; i++) {
    const n = i * 7 + seed;
    const tex =
      i % 97 === 13
        ? `\\frac{a_${n}}{\\undefinedmacro}`
        : i % 53 === 5
          ? `x_{${n}}^{`
          : i % 41 === 3
            ? `\\KL_{${n}}(p\\|q)`
            : `\\mathbb{E}_{x_{${n}}}[\\log p(x) - ${n}]`;
    paragraphs.push(i % 9 === 0 ? `推导 ${i}：\n\n$$\n${tex}\n$$\n` : `第 ${i} 步，其中 $${tex}$ 成立。`);
  }
  paragraphs.splice(2, 0, '先定义 $\\gdef\\KL{\\mathrm{KL}}$ 再用，还有 $ x^2 $ 和 $a\\_b$。');
  paragraphs.splice(5, 0, '```kl\np = [0.5, 0.5]\nq = [1, 0]\nkl(p, q)\n```');
  paragraphs.push('参考 https://example.com/ppo说明在这里。');
  return `---\ntitle: 一篇长文\ndate: 2025-13-45 25:61:00\nunknownkey: 1\n---\n\n${paragraphs.join('\n\n')}\n`;
}

/** What the four checks give one by one, put together as checkNote documents it (the reference, not the code under test). */
function reference(text: string): CoreDiagnostic[] {
  const all = [
    ...checkFile('post.md', text, fs, englishText, {}),
    ...analyzeNote(text, defaultKlOptions, englishText).diagnostics,
    ...mathDiagnostics(text, { renderer: new MathRenderer() }, englishText),
    ...linkDiagnostics(text, {}, englishText),
  ];
  return all.sort((a, b) => a.start - b.start || a.end - b.end || a.code.localeCompare(b.code));
}

/** A fake clock that moves one tick per reading, and a yield that counts. */
function slicer(sliceMs: number, current: () => boolean = () => true) {
  let ticks = 0;
  const calls = { yields: 0, frontMatter: [] as CoreDiagnostic[][] };
  const options = {
    sliceMs,
    now: () => ticks++,
    yieldNow: async () => {
      calls.yields++;
    },
    current,
    onFrontMatter: (diagnostics: CoreDiagnostic[]) => calls.frontMatter.push(diagnostics),
  };
  return { options, calls };
}

const codes = (diagnostics: readonly CoreDiagnostic[]) => new Set(diagnostics.map((d) => d.code.split('.')[0]));

describe('core/StagedNoteCheck + checkInSlices', () => {
  const text = post(300);

  it('the test post has problems of every kind (front matter, math errors and warnings, kl, links)', () => {
    const all = reference(text);
    assert.deepEqual([...codes(all)].sort(), ['frontmatter', 'kl', 'math', 'render']);
    assert.ok(all.filter((d) => d.code === 'math.parse-error').length >= 8);
  });

  it('ends with exactly the four checks combined, whatever the slice size, and checkNote gives the same', async () => {
    const expected = reference(text);
    assert.deepEqual(checkNote('post.md', text, fs, englishText, { math: { renderer: new MathRenderer() } }), expected);
    for (const sliceMs of [1, 2, 5, 40, 10_000]) {
      const { options, calls } = slicer(sliceMs);
      const result = await checkInSlices(new StagedNoteCheck('post.md', text, fs, englishText, { math: { renderer: new MathRenderer() } }), options);
      assert.deepEqual(result, expected, `slices of ${sliceMs}`);
      if (sliceMs <= 5) assert.ok(calls.yields > 300 / sliceMs / 2, `${calls.yields} yields for slices of ${sliceMs}`);
    }
  });

  it('reports the front matter first, alone, before any formula is checked', async () => {
    const { options, calls } = slicer(3);
    const check = new StagedNoteCheck('post.md', text, fs, englishText, { math: { renderer: new MathRenderer() } });
    const result = await checkInSlices(check, options);
    assert.equal(calls.frontMatter.length, 1);
    const early = calls.frontMatter[0];
    assert.deepEqual(
      early,
      reference(text).filter((d) => d.code.startsWith('frontmatter.')),
    );
    assert.ok(
      early.some((d) => d.code === 'frontmatter.bad-date' || d.code.includes('date')),
      JSON.stringify(early.map((d) => d.code)),
    );
    assert.ok(result && result.length > early.length);
  });

  it('what it reports midway is in the final order and part of the final set', () => {
    const check = new StagedNoteCheck('post.md', text, fs, englishText, { math: { renderer: new MathRenderer() } });
    const final = reference(text).map((d) => JSON.stringify(d));
    let steps = 0;
    let previous = 0;
    while (!check.run(() => ++steps % 25 === 0)) {
      const midway = check.diagnostics().map((d) => JSON.stringify(d));
      assert.ok(midway.length >= previous);
      previous = midway.length;
      // A subsequence of the final list: same diagnostics, same order.
      let at = 0;
      for (const item of midway) {
        at = final.indexOf(item, at);
        assert.ok(at >= 0, `not in the final set, or out of order: ${item}`);
        at++;
      }
    }
    assert.deepEqual(
      check.diagnostics().map((d) => JSON.stringify(d)),
      final,
    );
  });

  it('stops at the next slice once it is no longer current, and reports nothing', async () => {
    let current = true;
    const { options, calls } = slicer(2, () => current);
    const check = new StagedNoteCheck('post.md', text, fs, englishText, { math: { renderer: new MathRenderer() } });
    const running = checkInSlices(check, {
      ...options,
      yieldNow: async () => {
        // A newer version arrives after the fifth yield.
        if (++calls.yields === 5) current = false;
      },
    });
    assert.equal(await running, undefined);
    assert.equal(calls.yields, 5);
    assert.equal(check.done, false);
    assert.equal(calls.frontMatter.length, 1);
    // A check that is stale before it starts does nothing at all.
    const stale = new StagedNoteCheck('post.md', text, fs, englishText, {});
    assert.equal(await checkInSlices(stale, { ...slicer(2, () => false).options }), undefined);
    assert.equal(stale.frontMatterChecked, false);
  });

  it('a check finished at once (a code action asks) ends the slices with the same result', async () => {
    const check = new StagedNoteCheck('post.md', text, fs, englishText, { math: { renderer: new MathRenderer() } });
    const { options } = slicer(2);
    const running = checkInSlices(check, {
      ...options,
      yieldNow: async () => {
        check.finish();
      },
    });
    assert.deepEqual(await running, reference(text));
  });

  it('two notes checked in interleaved slices with one shared KaTeX cache each get their own result', async () => {
    const other = post(200, 5).replace('\\gdef\\KL{\\mathrm{KL}}', 'x');
    const renderer = new MathRenderer();
    const first = new StagedNoteCheck('post.md', text, fs, englishText, { math: { renderer } });
    const second = new StagedNoteCheck('post.md', other, fs, englishText, { math: { renderer } });
    let turn = 0;
    while (!first.done || !second.done) (turn++ % 2 === 0 ? first : second).run(() => true);
    assert.deepEqual(first.diagnostics(), reference(text));
    assert.deepEqual(second.diagnostics(), reference(other));
    // Without the definition, the second note's \KL formulas are errors: the macro state is per note.
    const klErrors = (check: StagedNoteCheck) =>
      check.diagnostics().filter((d) => d.code === 'math.parse-error' && String(d.data?.tex).includes('\\KL')).length;
    assert.equal(klErrors(first), 0);
    assert.ok(klErrors(second) > 0);
  });
});
