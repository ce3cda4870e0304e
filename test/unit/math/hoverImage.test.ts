/**
 * The hover image of issue #11: a well-formed SVG whose HTML is the preview's KaTeX HTML, with only the fonts
 * the formula uses, subset to its characters; errors marked at KaTeX's position; note macros applied.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { BLOG_MATH_SYNTAX } from '../../../src/core/math/delimiters';
import { TrueTypeFont } from '../../../src/core/math/fontSubset';
import { errorMarkdown, FormulaImages, formulaHoverAt } from '../../../src/core/math/formulaHover';
import { loadKatexAssets } from '../../../src/core/math/katexAssets';
import { MathRenderer } from '../../../src/core/math/katexRenderer';
import { analyzeNoteMath } from '../../../src/core/math/noteMath';
import { NoteRenderer } from '../../../src/core/render/renderNote';
import { englishText } from '../../../src/core/text';
import { NodeFileSystem } from '../../../src/node/nodeFileSystem';
/* eslint-disable @typescript-eslint/no-require-imports -- sax is only a strict XML parser for the assertion */
const sax = require('sax') as { parser(strict: boolean): { onerror: (error: Error) => void; write(text: string): { close(): void } } };

// out/test/unit/math -> the built extension's KaTeX assets (scripts/build.mjs)
const katexFolder = path.resolve(__dirname, '../../../../dist/katex').replace(/\\/g, '/');
const fs = new NodeFileSystem();
const assets = loadKatexAssets(katexFolder, fs)!;

function parseXml(svg: string): void {
  const parser = sax.parser(true);
  parser.onerror = (error) => {
    throw error;
  };
  parser.write(svg).close();
}

function imageOf(tex: string, display = false, macros: Record<string, string> = {}) {
  const images = new FormulaImages(new MathRenderer(), () => assets);
  const rendering = images.render(tex, display, new MathRenderer().beginNote(macros), '#cccccc');
  assert.ok(rendering.image, `no image: ${rendering.error?.message}`);
  return rendering.image;
}

function embeddedFonts(svg: string): Array<{ family: string; bytes: Uint8Array }> {
  return [...svg.matchAll(/font-family:(KaTeX_\w+);[^}]*src:url\(data:font\/ttf;base64,([A-Za-z0-9+/=]+)\)/g)].map((match) => ({
    family: match[1],
    bytes: Uint8Array.from(Buffer.from(match[2], 'base64')),
  }));
}

describe('math/hoverImage', () => {
  it('is a well-formed SVG data: URI sized to the formula, in the given color', () => {
    const image = imageOf('D_{KL}(P\\|Q) = \\sum_x P(x) \\log \\frac{P(x)}{Q(x)}', true);
    parseXml(image.svg);
    assert.ok(image.uri.startsWith('data:image/svg+xml,'));
    assert.equal(decodeURIComponent(image.uri.slice('data:image/svg+xml,'.length)), image.svg);
    assert.doesNotMatch(image.uri, /[\s()<>"#&\\]/, 'nothing a Markdown link destination would break on');
    assert.match(image.svg, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="\d+" height="\d+"/);
    assert.match(image.svg, /style="color:#cccccc"/);
    const small = imageOf('x');
    assert.ok(image.width > 3 * small.width && image.height > 2 * small.height, `${image.width}x${image.height} vs ${small.width}x${small.height}`);
    assert.ok(image.uri.length < 100_000, 'VS Code cuts hover Markdown at 100,000 characters');
  });

  it('holds the same KaTeX HTML as the preview', () => {
    const note = '## t\n\nThe loss $\\mathcal{L}(\\theta) = \\mathbb{E}[r]$ here.\n';
    const preview = new NoteRenderer({})
      .render(note)
      .blocks.map((block) => block.html)
      .join('');
    const image = imageOf('\\mathcal{L}(\\theta) = \\mathbb{E}[r]');
    const html = /<span class="katex-html"[\s\S]*<\/span>(?=<\/span><\/div><\/foreignObject>)/.exec(image.svg)?.[0];
    assert.ok(html, 'the image has the katex-html part');
    assert.ok(preview.includes(html), 'the preview shows the same markup');
    assert.doesNotMatch(image.svg, /katex-mathml/, 'no MathML copy in the image');
  });

  it('embeds only the fonts the formula uses, subset to its characters', () => {
    const plain = embeddedFonts(imageOf('x+1').svg);
    assert.deepEqual(plain.map((font) => font.family).sort(), ['KaTeX_Main', 'KaTeX_Math']);
    // `size3` marks the script's size, not a size-3 delimiter (`.delimsizing.size3` needs both on one element).
    assert.deepEqual(
      embeddedFonts(imageOf('\\big( x_{i}^{2} \\big)').svg)
        .map((font) => font.family)
        .sort(),
      ['KaTeX_Main', 'KaTeX_Math', 'KaTeX_Size1'],
    );
    const fancy = embeddedFonts(imageOf('\\mathbb{R} \\mathcal{L} \\sum').svg).map((font) => font.family);
    for (const family of ['KaTeX_AMS', 'KaTeX_Caligraphic']) assert.ok(fancy.includes(family), `${family} in ${fancy}`);
    const math = new TrueTypeFont(plain.find((font) => font.family === 'KaTeX_Math')!.bytes);
    const full = new TrueTypeFont(fs.readBytes(`${katexFolder}/ttf/KaTeX_Math-Italic.ttf`)!);
    assert.ok(math.hasOutline('x'.codePointAt(0)!), 'x is drawn');
    assert.ok(full.hasOutline('y'.codePointAt(0)!) && !math.hasOutline('y'.codePointAt(0)!), 'y is not in the subset');
    assert.ok(
      plain.every((font) => font.bytes.length < 16_000),
      `subsets: ${plain.map((font) => font.bytes.length)}`,
    );
  });

  it("renders a note's own macros as the preview does", () => {
    const note = 'Let $\\newcommand{\\Rset}{\\mathbb{R}}$ be given, and $x \\in \\Rset$.\n';
    const model = analyzeNoteMath(note, BLOG_MATH_SYNTAX);
    const images = new FormulaImages(new MathRenderer(), () => assets);
    const hover = formulaHoverAt(model, note.indexOf('\\in'), images, { blogMacros: {}, settingMacros: {}, color: '#000000', lineOf: () => 1 }, englishText);
    assert.ok(hover && /!\[Rendered formula\]\(data:image\/svg\+xml,/.test(hover.markdown), hover?.markdown.slice(0, 200));
    assert.equal(note.slice(hover.start, hover.end), '$x \\in \\Rset$');
    const macroHover = formulaHoverAt(
      model,
      note.indexOf('\\Rset$') + 1,
      images,
      { blogMacros: {}, settingMacros: {}, color: '#000000', lineOf: () => 1 },
      englishText,
    );
    assert.match(macroHover!.markdown, /`\\Rset` → `\\mathbb\{R\}`/);
    assert.match(macroHover!.markdown, /Defined with \\newcommand on line 1 of this note/);
    // Without the definition the same formula is an error, not an image.
    const alone = formulaHoverAt(
      analyzeNoteMath('$x \\in \\Rset$\n', BLOG_MATH_SYNTAX),
      3,
      images,
      { blogMacros: {}, settingMacros: {}, color: '#000000', lineOf: () => 1 },
      englishText,
    );
    assert.match(alone!.markdown, /Undefined control sequence/);
  });

  it("shows KaTeX's error and marks the offending character of a multi-line formula", () => {
    const note = '$$\n\\begin{aligned}\na &= \\frac{1}{2} \\\\\nb &= \\foo{x}\n\\end{aligned}\n$$\n';
    const model = analyzeNoteMath(note, BLOG_MATH_SYNTAX);
    const images = new FormulaImages(new MathRenderer(), () => assets);
    const hover = formulaHoverAt(model, note.indexOf('\\foo'), images, { blogMacros: {}, settingMacros: {}, color: '#000000', lineOf: () => 1 }, englishText);
    assert.ok(hover);
    assert.match(hover.markdown, /Undefined control sequence: \\\\foo/);
    const code = /```latex\n(.*)\n(.*)\n```/.exec(hover.markdown);
    assert.ok(code, hover.markdown);
    assert.equal(code[1], 'b &= \\foo{x}');
    assert.equal(code[1].slice(code[2].indexOf('^'), code[2].length), '\\foo');
    assert.equal(errorMarkdown('x', { message: 'boom' }, englishText), 'KaTeX: boom');
  });
});
