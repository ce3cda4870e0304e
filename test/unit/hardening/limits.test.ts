/**
 * Pathological math and huge or odd files (issue "hardening"): each must end with a clear error
 * diagnostic or a sane result, in bounded time. The time bounds are generous (seconds, for a fixed amount
 * of work, measured around that work only) so a loaded CI machine passes, while a regression to the
 * multi-second KaTeX runs the limits exist to prevent fails; mocha's timeout is only a hang detector.
 */
import * as assert from 'node:assert/strict';
import { MAX_FORMULA_LENGTH, MAX_FORMULA_NESTING } from '../../../src/core/math/katexRenderer';
import { mathDiagnostics } from '../../../src/core/math/mathDiagnostics';
import { renderNote } from '../../../src/core/render/renderNote';
import { englishText } from '../../../src/core/text';
import { assertSafeHtml } from './htmlSafety';
import { blog, diagnosticsAreSane, fixesPreserveText, renderOptions } from './properties';

/** Runs `work` once and fails when it took longer than `seconds` (wall clock, this work only). */
function withinSeconds<T>(seconds: number, what: string, work: () => T): T {
  const started = performance.now();
  const result = work();
  const elapsed = (performance.now() - started) / 1000;
  assert.ok(elapsed < seconds, `${what} took ${elapsed.toFixed(2)} s; the bound is ${seconds} s`);
  return result;
}

function mathErrors(text: string): Array<{ code: string; message: string }> {
  return mathDiagnostics(text, { blog }, englishText)
    .filter((diagnostic) => diagnostic.code === 'math.parse-error')
    .map((diagnostic) => ({ code: diagnostic.code, message: diagnostic.message }));
}

function renderedHtml(text: string, allowHtml = false): string {
  const note = renderNote(text, renderOptions(allowHtml));
  return note.headerHtml + note.blocks.map((block) => block.html).join('');
}

/** A deterministic byte generator (xorshift32), so the "binary" note is the same on every run. */
function pseudoRandomBytes(length: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let state = seed;
  for (let i = 0; i < length; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    bytes[i] = state & 0xff;
  }
  return bytes;
}

describe('hardening/limits: pathological math', function () {
  this.timeout(60_000); // hang detector; the bounds that matter are the withinSeconds ones

  const cases: Array<{ name: string; tex: string; message: RegExp }> = [
    { name: 'a macro that expands forever', tex: '\\def\\x{\\x\\x}\\x', message: /Too many expansions/ },
    { name: 'a global macro bomb used later', tex: '\\gdef\\y{\\y\\y}\\y', message: /Too many expansions/ },
    { name: '10,000 unclosed {', tex: '{'.repeat(10_000), message: /nested too deeply/ },
    { name: '10,000 balanced { }', tex: '{'.repeat(10_000) + '}'.repeat(10_000), message: /too long|nested too deeply/ },
    { name: '5,000 balanced { }', tex: '{'.repeat(5_000) + '}'.repeat(5_000), message: /nested too deeply/ },
    { name: '5,000 nested \\frac', tex: '\\frac{1}{'.repeat(5_000) + 'x' + '}'.repeat(5_000), message: /too long|nested too deeply/ },
    { name: '1,500 nested \\frac (under the length limit)', tex: '\\frac{1}{'.repeat(1_500) + 'x' + '}'.repeat(1_500), message: /nested too deeply/ },
    { name: '1,000 nested \\left( \\right)', tex: '\\left('.repeat(1_000) + 'x' + '\\right)'.repeat(1_000), message: /nested too deeply/ },
    { name: 'a 1 MB formula', tex: 'x+'.repeat(500_000) + 'x', message: /too long/ },
  ];

  for (const { name, tex, message } of cases) {
    it(`${name}: a math.parse-error inside the formula, and the preview shows the error`, () => {
      for (const text of [`before\n\n$$\n${tex}\n$$\n\nafter $y$\n`, `inline $${tex}$ end\n`]) {
        // One formula's diagnostics and its preview: each well under a second when the limits hold.
        const errors = withinSeconds(2, `${name}: diagnostics`, () => mathErrors(text));
        assert.equal(errors.length, 1, JSON.stringify(errors.map((error) => error.message)));
        assert.match(errors[0].message, message);
        const diagnostic = mathDiagnostics(text, { blog }, englishText)[0];
        const formula = text.indexOf(tex);
        // Inside the formula and its delimiters (`$$` + line break at most), never elsewhere.
        assert.ok(
          diagnostic.start >= formula - 3 && diagnostic.end <= formula + tex.length + 3 && diagnostic.end > diagnostic.start,
          `${diagnostic.start}-${diagnostic.end}`,
        );
        const html = withinSeconds(2, `${name}: preview render`, () => renderedHtml(text));
        assert.match(html, /class="mp-math-error/);
        assert.match(html, /after|end/);
      }
    });
  }

  it('the limits leave real formulas alone', () => {
    const aligned =
      '\\begin{aligned}' +
      Array.from({ length: 200 }, (_, i) => `D_{KL}(P_{${i}}\\|Q) &= \\sum_x p(x)\\log\\frac{p(x)}{q(x)} \\\\`).join('\n') +
      '\\end{aligned}';
    assert.ok(aligned.length < MAX_FORMULA_LENGTH);
    const nested = '\\frac{1}{'.repeat(MAX_FORMULA_NESTING - 5) + 'x' + '}'.repeat(MAX_FORMULA_NESTING - 5);
    for (const tex of [aligned, nested])
      assert.deepEqual(
        withinSeconds(2, `a ${tex.length}-character real formula`, () => mathErrors(`$$\n${tex}\n$$\n`)),
        [],
      );
  });

  it('an unclosed $$ at the end of the note puts its error on the last character, not past the end', () => {
    // Found by the fuzzer: the range ended one past the text, which VS Code rejects.
    for (const text of ['$${% btn https://ok.example,Go %}', '$$\n\\frac{a}{', 'x\n\n$$\n\\frac{a}{b']) {
      const diagnostics = mathDiagnostics(text, { blog }, englishText);
      assert.equal(diagnostics.length, 1);
      assert.equal(diagnostics[0].end, text.length);
      assert.equal(diagnostics[0].start, text.length - 1);
    }
  });
});

describe('hardening/limits: huge and odd files', function () {
  // A hang detector only (these have no time bound): 50,000 formulas took 34 s at a load average of 20 on 2 cores.
  this.timeout(180_000);

  it('a 5 MB note renders completely and validates', () => {
    const paragraph = (i: number): string => `中文 KL 散度 ${i}: $D_{KL}(P_{${i % 97}}\\|Q)$, **bold** [link](https://example.com/${i}) \`code\`\n`;
    const parts = ['---\ntitle: huge\ntags: [a]\n---\n'];
    let length = parts[0].length;
    for (let i = 0; length < 5_000_000; i++) {
      const piece = (i % 25 === 0 ? `\n## Section ${i}\n\n` : '') + paragraph(i);
      parts.push(piece);
      length += piece.length;
    }
    const text = parts.join('');
    const note = renderNote(text, renderOptions(true));
    const lines = text.split('\n').length;
    assert.ok(note.blocks.length > 1000, `${note.blocks.length} blocks`);
    assert.equal(note.blocks[note.blocks.length - 1].endLine, lines - 1);
    assert.equal(note.header?.title, 'huge');
    const formulas = note.blocks.reduce((count, block) => count + (block.html.match(/class="katex"/g)?.length ?? 0), 0);
    assert.equal(formulas, text.match(/\$D_/g)?.length);
    assert.deepEqual(
      diagnosticsAreSane(text).filter((diagnostic) => diagnostic.severity === 'error'),
      [],
    );
  });

  it('a note with 50,000 formulas renders every one of them and validates', () => {
    const text = '---\ntitle: many\n---\n' + Array.from({ length: 50_000 }, (_, i) => `$x_{${i}}$`).join('\n\n');
    const note = renderNote(text, renderOptions(false));
    assert.equal(note.blocks.length, 50_000);
    assert.ok(note.blocks.every((block) => block.html.includes('class="katex"')));
    assert.deepEqual(
      diagnosticsAreSane(text).filter((diagnostic) => diagnostic.code.startsWith('math.')),
      [],
    );
  });

  it('a binary file with a .md name (random bytes with NULs, read as latin1): no throw, safe output', () => {
    const bytes = pseudoRandomBytes(200_000, 0x2545f491);
    for (let i = 0; i < bytes.length; i += 37) bytes[i] = 0;
    const text = Buffer.from(bytes).toString('latin1');
    assert.ok(text.includes('\u0000'));
    diagnosticsAreSane(text);
    for (const allowHtml of [false, true]) assertSafeHtml(renderedHtml(text, allowHtml), `binary note (allowHtml ${allowHtml})`);
    fixesPreserveText(text.slice(0, 20_000));
  });

  it('a non-UTF-8 file decoded as UTF-8 (replacement characters) and lone surrogates: no throw, ranges inside', () => {
    const gbk = Buffer.from([
      0x2d, 0x2d, 0x2d, 0x0a, 0x74, 0x69, 0x74, 0x6c, 0x65, 0x3a, 0x20, 0xd6, 0xd0, 0xce, 0xc4, 0x0a, 0x2d, 0x2d, 0x2d, 0x0a, 0x24, 0xc4, 0xe3, 0x24, 0x0a,
    ]).toString('utf8');
    assert.ok(gbk.includes('\uFFFD'));
    const surrogates =
      '---\ntitle: \uD800x\ntags: [\uDC00]\n---\n$\uD83D$ \uDE00 $$\n\uDBFF\n$$\n```kl\np = [\uD800]\n```\n{% note \uDC00 %}\n\uD800\n{% endnote %}\n';
    for (const text of [gbk, surrogates, surrogates.replace(/\n/g, '\r\n'), '\uFEFF' + surrogates]) {
      diagnosticsAreSane(text);
      fixesPreserveText(text);
      for (const allowHtml of [false, true]) assertSafeHtml(renderedHtml(text, allowHtml), JSON.stringify(text.slice(0, 30)));
    }
  });

  it('BOM + CRLF front matter: diagnostics on the exact characters, the card read', () => {
    const text = "\uFEFF---\r\ntitle: 笔记\r\ndate: 2025-02-30\r\ntoc: 'false'\r\n---\r\n$\\frac{a}{$\r\n";
    const covered = new Map(diagnosticsAreSane(text).map((diagnostic) => [diagnostic.code, text.slice(diagnostic.start, diagnostic.end)]));
    assert.equal(covered.get('frontmatter.date-impossible'), '2025-02-30');
    assert.equal(covered.get('frontmatter.string-boolean'), "'false'");
    assert.ok(covered.has('math.parse-error'));
    // The preview read the front matter as text when a BOM preceded it (Hexo strips the BOM).
    const note = renderNote(text, renderOptions(false));
    assert.equal(note.header?.title, '笔记');
    assert.equal(note.bodyLine, 5);
    assert.doesNotMatch(note.blocks.map((block) => block.html).join(''), /title:/);
    fixesPreserveText(text);
  });
});
