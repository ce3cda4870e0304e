import * as assert from 'node:assert/strict';
import { analyzeNote } from '../../../src/core/kl/analyze';
import { englishText } from '../../../src/core/text';
import { nats, offsetOf, strict } from './helpers';

describe('kl analyzeNote', () => {
  it('evaluates blocks in order; later blocks see earlier names', () => {
    const note = '```kl\np = [0.5, 0.5]\n```\ntext\n```kl\nq = [0.9, 0.1]\nd = kl(p, q)\n```\n';
    const analysis = analyzeNote(note, nats, englishText);
    assert.deepEqual(analysis.diagnostics, []);
    assert.equal(analysis.blocks.length, 2);
    const d = analysis.blocks[1].statements[1];
    assert.equal(d.name, 'd');
    assert.equal(d.line, 6);
    assert.equal(d.value?.kind, 'measure');
    assert.ok(analysis.environment.has('d'));
  });

  it('names are not visible before their block', () => {
    const note = '```kl\nkl(p, [0.5, 0.5])\n```\n```kl\np = [0.5, 0.5]\n```\n';
    const [diagnostic] = analyzeNote(note, nats, englishText).diagnostics;
    assert.equal(diagnostic.code, 'kl.undefined-name');
    assert.equal(diagnostic.start, offsetOf(note, 'p, ['));
    assert.equal(diagnostic.end, diagnostic.start + 1);
  });

  it('puts diagnostics at the exact culprit with kl.* codes and no cascades', () => {
    const note = '# t\n\n```kl\np = categorical([0.5, -0.5])\nd = kl(p, p)\nq = [0.1, 0.9]\nkl(q, [0.2, 0.3, 0.5])\n```\n';
    const diagnostics = analyzeNote(note, nats, englishText).diagnostics;
    assert.deepEqual(
      diagnostics.map((d) => d.code),
      ['kl.negative', 'kl.length-mismatch'],
    );
    assert.equal(note.slice(diagnostics[0].start, diagnostics[0].end), '-0.5');
    assert.equal(note.slice(diagnostics[1].start, diagnostics[1].end), '[0.2, 0.3, 0.5]');
    assert.ok(diagnostics.every((d) => d.severity === 'error'));
  });

  it('unnormalised input: a warning, or an error when strict', () => {
    const note = '```kl\nkl([2, 2], [0.5, 0.5])\n```';
    const [warning] = analyzeNote(note, nats, englishText).diagnostics;
    assert.equal(warning.severity, 'warning');
    assert.equal(warning.code, 'kl.unnormalized');
    assert.equal(note.slice(warning.start, warning.end), '[2, 2]');
    const [error] = analyzeNote(note, strict, englishText).diagnostics;
    assert.equal(error.severity, 'error');
  });

  it('inline spans are checked when the note has kl blocks, and ignored as plain code otherwise', () => {
    const withBlock = '```kl\np = [0.5, 0.5]\n```\nSee `kl(p, [0.9, 0.1])`, `kl(p, [0.2, 0.3, 0.5])` and `kl(x, y)`.';
    const analysis = analyzeNote(withBlock, nats, englishText);
    assert.equal(analysis.inlines.length, 3);
    assert.deepEqual(
      analysis.diagnostics.map((d) => d.code),
      ['kl.length-mismatch'],
    );
    assert.equal(withBlock.slice(analysis.diagnostics[0].start, analysis.diagnostics[0].end), '[0.2, 0.3, 0.5]');
    // Undefined names in prose code are not underlined, but the hover explains them.
    assert.equal(analysis.inlines[2].error?.code, 'kl.undefined-name');
    const prose = 'In PyTorch, `kl(p, q)` is spelled differently.';
    assert.deepEqual(analyzeNote(prose, nats, englishText).diagnostics, []);
  });

  it('an infinite KL is an information diagnostic at q (kl.zero-support), not an error', () => {
    const note = '```kl\nd = kl({a: 0.5, b: 0.5}, {a: 1, b: 0})\n```';
    const [diagnostic] = analyzeNote(note, nats, englishText).diagnostics;
    assert.equal(diagnostic.code, 'kl.zero-support');
    assert.equal(diagnostic.severity, 'information');
    assert.equal(note.slice(diagnostic.start, diagnostic.end), '{a: 1, b: 0}');
    assert.match(diagnostic.message, /outcome b probability 0/);
  });

  it('block results carry line ranges and values for the preview card', () => {
    const note = 'a\n\n```kl\nx = 1 + 1\n\n# comment\ny = x * 3\n```\n';
    const [block] = analyzeNote(note, nats, englishText).blocks;
    assert.equal(block.openLine, 2);
    assert.equal(block.closeLine, 7);
    assert.deepEqual(
      block.statements.map((s) => [s.line, s.source, s.value?.kind === 'number' ? s.value.value : undefined]),
      [
        [3, 'x = 1 + 1', 2],
        [6, 'y = x * 3', 6],
      ],
    );
  });

  it('caches by note text and options', () => {
    const note = '```kl\nx = 1\n```';
    assert.equal(analyzeNote(note, nats, englishText), analyzeNote(note, { ...nats }, englishText));
    assert.notEqual(analyzeNote(note, nats, englishText), analyzeNote(note, strict, englishText));
  });

  it('a syntax error in one statement leaves the others evaluated', () => {
    const note = '```kl\np = [0.5, 0.5\nq = [0.9, 0.1]\nkl(q, q)\n```';
    const analysis = analyzeNote(note, nats, englishText);
    assert.equal(analysis.diagnostics.length, 1);
    assert.equal(analysis.diagnostics[0].start, note.indexOf('['));
    assert.equal(analysis.blocks[0].statements[2].value?.kind, 'measure');
  });
});

describe('kl documentation examples', () => {
  it('every kl block and inline call in docs/kl-language.md evaluates without errors', async () => {
    const { readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const docs = readFileSync(join(__dirname, '../../../../docs/kl-language.md'), 'utf8');
    // The example inside the ````markdown fence is documentation of the syntax; evaluate it too.
    const unwrapped = docs.replace(/````markdown\n([\s\S]*?)````/g, (_, inner: string) => inner.replace(/^ {2}/gm, ''));
    const analysis = analyzeNote(unwrapped, nats, englishText);
    assert.ok(analysis.blocks.length >= 2);
    assert.deepEqual(
      analysis.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message),
      [],
    );
    const values = analysis.blocks.flatMap((block) => block.statements).map((s) => s.value);
    assert.ok(values.every((value) => value !== undefined));
  });
});
