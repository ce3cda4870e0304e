/**
 * Completion inside math only (issue #11), from KaTeX's own tables, with the note's, the settings' and the
 * blog's macros; macros as symbols (definitions, hints).
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import katex from 'katex';
import { BLOG_MATH_SYNTAX } from '../../../src/core/math/delimiters';
import { macroOriginAt } from '../../../src/core/math/formulaHover';
import { loadKatexCommands } from '../../../src/core/math/katexAssets';
import { completionSite, katexCompletionItems, macroCompletionItems } from '../../../src/core/math/latexCompletion';
import { mathDiagnostics } from '../../../src/core/math/mathDiagnostics';
import { analyzeNoteMath } from '../../../src/core/math/noteMath';
import { englishText } from '../../../src/core/text';
import { NodeFileSystem } from '../../../src/node/nodeFileSystem';

const katexFolder = path.resolve(__dirname, '../../../../dist/katex').replace(/\\/g, '/');
const table = loadKatexCommands(katexFolder, new NodeFileSystem())!;
const katexItems = katexCompletionItems(table);

/** Completion labels at the `‸` of a note. */
function labelsAt(marked: string, sources = { blog: {}, settings: {} }): string[] | undefined {
  const offset = marked.indexOf('‸');
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  const site = completionSite(text, offset, analyzeNoteMath(text, BLOG_MATH_SYNTAX), BLOG_MATH_SYNTAX);
  return site && [...macroCompletionItems(site, sources), ...katexItems].map((item) => item.label);
}

describe('math/latexCompletion', () => {
  it("lists KaTeX's commands and environments, each one KaTeX parses", () => {
    const labels = new Set(katexItems.map((item) => item.label));
    for (const name of [
      '\\frac',
      '\\alpha',
      '\\mathbb',
      '\\operatorname',
      '\\left',
      '\\sum',
      '\\KaTeX',
      '\\begin{aligned}',
      '\\begin{pmatrix}',
      '\\left( \\right)',
    ])
      assert.ok(labels.has(name), name);
    assert.ok(!labels.has('\\notacommand'));
    // Every command is one this KaTeX knows: alone or with arguments it may need context, but it is never undefined.
    const failures = katexItems
      .filter((item) => item.kind !== 'delimiter' && item.kind !== 'environment')
      .filter((item) => {
        try {
          katex.renderToString(item.previewTex, { throwOnError: true, strict: 'ignore', displayMode: true });
          return false;
        } catch (error) {
          return /Undefined control sequence/.test(String(error));
        }
      });
    assert.deepEqual(
      failures.map((item) => item.label),
      [],
    );
  });

  it('gives environments tab stops and commands their arguments', () => {
    const aligned = katexItems.find((item) => item.label === '\\begin{aligned}')!;
    assert.match(aligned.snippet, /^\\\\begin\{aligned\}\n\t\$\{1:a\} & \$\{2:b\} .*\n.*\n\\\\end\{aligned\}\$0$/);
    assert.equal(katexItems.find((item) => item.label === '\\frac')!.snippet, '\\\\frac{$1}{$2}$0');
    assert.equal(katexItems.find((item) => item.label === '\\alpha')!.snippet, '\\\\alpha');
  });

  it('completes inside math only: not in prose, code or front matter', () => {
    const note = (body: string) => `---\ntitle: t $\\fr\n---\n\n${body}\n`;
    assert.ok(labelsAt(note('Let $\\fr‸$ be.'))?.includes('\\frac'));
    assert.ok(labelsAt(note('Typing $\\fr‸ now'))?.includes('\\frac'), 'an inline formula not closed yet');
    assert.ok(labelsAt(note('$$\n\\begin{aligned} a &= \\fr‸\n\\end{aligned}\n$$'))?.includes('\\frac'), 'display math');
    assert.equal(labelsAt(note('Plain \\fr‸ text')), undefined);
    assert.equal(labelsAt(note('Code `$\\fr‸$` span')), undefined);
    assert.equal(labelsAt(note('```\n$\\fr‸$\n```')), undefined);
    assert.equal(labelsAt('---\ntitle: t $\\fr‸$\n---\n\nbody\n'), undefined, 'front matter');
  });

  it("offers the note's macros defined before the cursor, the settings' and the blog's", () => {
    const labels = labelsAt('$\\newcommand{\\KL}[2]{D(#1\\|#2)}$ and $\\gdef\\half{\\frac12}$ then $\\K‸$ and $\\newcommand{\\late}{x}$', {
      blog: { '\\blogm': 'b' },
      settings: { '\\setm': 's' },
    })!;
    for (const name of ['\\KL', '\\half', '\\blogm', '\\setm']) assert.ok(labels.includes(name), name);
    assert.ok(!labels.includes('\\late'), 'defined after the cursor');
    const text = '$\\newcommand{\\KL}[2]{D(#1\\|#2)}$ $\\K$';
    const site = completionSite(text, text.length - 1, analyzeNoteMath(text, BLOG_MATH_SYNTAX), BLOG_MATH_SYNTAX)!;
    const kl = macroCompletionItems(site, { blog: {}, settings: {} }).find((item) => item.label === '\\KL')!;
    assert.equal(kl.snippet, '\\\\KL{$1}{$2}$0');
    assert.equal(kl.detail, 'D(#1\\|#2)');
  });

  it('finds the definition in force for a macro use', () => {
    const note = '$\\newcommand{\\V}{a}$ $\\V$ $\\renewcommand{\\V}{b}$ $\\V + \\W$';
    const model = analyzeNoteMath(note, BLOG_MATH_SYNTAX);
    const second = note.lastIndexOf('\\V');
    const origin = macroOriginAt(model, 'V', second, {}, {});
    assert.equal(origin?.kind, 'note');
    assert.equal(origin.kind === 'note' && note.slice(origin.definition.start, origin.definition.end), '\\V');
    assert.equal(origin.kind === 'note' && origin.definition.command, 'renewcommand');
    assert.deepEqual(macroOriginAt(model, 'W', note.indexOf('\\W'), { '\\W': 'w' }, {}), { kind: 'blog', body: 'w' });
    assert.equal(macroOriginAt(model, 'W', note.indexOf('\\W'), {}, {}), undefined);
  });

  it('hints at unused and redefined macros through the math checks', () => {
    const note = '$\\newcommand{\\used}{u}\\newcommand{\\unused}{v}$ $\\used$ $\\renewcommand{\\used}{w}\\used$ $\\def\\blogm{x}\\blogm$\n';
    const hints = mathDiagnostics(note, { macros: { '\\blogm': 'b' } }, englishText).filter((d) => d.severity === 'hint');
    assert.deepEqual(
      hints.map((d) => [d.code, note.slice(d.start, d.end)]),
      [
        ['math.unused-macro', '\\unused'],
        ['math.redefined-macro', '\\used'],
        ['math.redefined-macro', '\\blogm'],
      ],
    );
    assert.match(hints[1].message, /line 1/);
  });
});
