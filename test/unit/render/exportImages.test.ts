/**
 * The standalone export inlines the note's local images as data: URIs (issue "self-contained
 * export"): every way a note names a local image, the caps, and the problems reported when an
 * image stays a link.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { ReadOnlyFileSystem } from '../../../src/core/fileSystem';
import { InMemoryFileSystem } from '../inMemoryFileSystem';
import { exportStandaloneHtml, exportStandaloneHtmlWithReport, type ExportImageProblem, imageProblemList } from '../../../src/core/render/exportHtml';
import { imageMimeOf } from '../../../src/core/blog/images';
import { base64Encode } from '../../../src/core/render/exportImages';
import type { RenderOptions } from '../../../src/core/render/renderNote';
import { englishText } from '../../../src/core/text';
import { assertSafeHtml, exportBody } from '../hardening/htmlSafety';
import { testBlog } from './helpers';

const NOTE = '/blog/source/_posts/note.md';
const ASSETS = '/blog/source/_posts/note';
const STYLES = { katexCss: '.katex{}' };
const MB = 1024 * 1024;

/** Bytes that are not valid UTF-8, so a text round trip anywhere would corrupt them. */
function binary(length: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) bytes[i] = (i * 131 + seed * 17 + (i >> 3)) & 0xff;
  return bytes;
}

const png = binary(300, 1);
const jpeg = binary(200, 2);
const gif = binary(100, 3);
const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><script>alert(1)</script><rect width="4" height="4"/></svg>';

function files(extra: Record<string, string | Uint8Array> = {}): InMemoryFileSystem {
  return new InMemoryFileSystem({
    '/blog/_config.yml': 'title: test',
    [`${ASSETS}/pic.png`]: png,
    [`${ASSETS}/photo.JPG`]: jpeg,
    [`${ASSETS}/anim.gif`]: gif,
    [`${ASSETS}/diagram.svg`]: svg,
    '/blog/source/img/cover.png': png,
    ...extra,
  });
}

function options(fs: ReadOnlyFileSystem, extra: Partial<RenderOptions> = {}): RenderOptions {
  return { blog: testBlog(), notePath: NOTE, fs, allowHtml: true, resourceUri: (path) => `file://${path}`, ...extra };
}

/** Every `<img src>` of the exported file, in document order. */
function imageSources(html: string): string[] {
  return [...html.matchAll(/<img\b[^>]*?\ssrc="([^"]*)"/g)].map((match) => match[1].replace(/&amp;/g, '&'));
}

function decodeDataUri(uri: string): { mime: string; bytes: Uint8Array } {
  const match = /^data:([^;,]+);base64,([A-Za-z0-9+/]*={0,2})$/.exec(uri);
  assert.ok(match, `not a base64 data: URI: ${uri.slice(0, 60)}`);
  return { mime: match[1], bytes: new Uint8Array(Buffer.from(match[2], 'base64')) };
}

describe('render/export: local images inlined', function () {
  // The cap tests build and encode megabytes of images: generous limit for a slow machine, not a timing check.
  this.timeout(30_000);

  it('base64Encode agrees with Node for any bytes (every padding case)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        assert.equal(base64Encode(bytes), Buffer.from(bytes).toString('base64'));
      }),
      { seed: 7, numRuns: 300 },
    );
    const large = binary(100_003, 9); // spans several String.fromCharCode chunks
    assert.equal(base64Encode(large), Buffer.from(large).toString('base64'));
  });

  it('maps image extensions to MIME types, case-insensitively', () => {
    const cases: Record<string, string | undefined> = {
      'a.png': 'image/png',
      'a.JPG': 'image/jpeg',
      'a.jpeg': 'image/jpeg',
      'a.gif': 'image/gif',
      'a.webp': 'image/webp',
      'a.avif': 'image/avif',
      'a.svg': 'image/svg+xml',
      'a.bmp': 'image/bmp',
      'a.ico': 'image/x-icon',
      'a.tiff': undefined,
      'dir.png/a': undefined,
    };
    for (const [path, mime] of Object.entries(cases)) assert.equal(imageMimeOf(path), mime, path);
  });

  it('inlines markdown, {% asset_img %}, {% img %}, raw <img> and the header banner with their exact bytes', () => {
    const note = [
      '---',
      'title: Images',
      'cover: /img/cover.png',
      '---',
      '![p](pic.png)',
      '',
      '{% asset_img photo.JPG a photo %}',
      '',
      '{% img anim.gif %}',
      '',
      '<img src="pic.png" alt="raw">',
      '',
    ].join('\n');
    const { html, imageProblems } = exportStandaloneHtmlWithReport(note, options(files()), STYLES);
    assert.deepEqual(imageProblems, []);
    const sources = imageSources(html);
    const expected: Array<[string, Uint8Array]> = [
      ['image/png', png],
      ['image/png', png],
      ['image/jpeg', jpeg],
      ['image/gif', gif],
      ['image/png', png],
    ];
    assert.equal(sources.length, expected.length, sources.join('\n'));
    sources.forEach((src, i) => {
      const { mime, bytes } = decodeDataUri(src);
      assert.equal(mime, expected[i][0], `image ${i}`);
      assert.deepEqual(bytes, expected[i][1], `image ${i}`);
    });
    assert.match(html, /<div class="mp-header-banner" data-key="cover"><img src="data:image\/png;base64,/);
    assert.doesNotMatch(html, /file:\/\//);
  });

  it('inlines an SVG as image/svg+xml inside <img src> only: its script never becomes markup', () => {
    const html = exportStandaloneHtml('![d](diagram.svg)', options(files()), STYLES);
    const [src] = imageSources(html);
    const { mime, bytes } = decodeDataUri(src);
    assert.equal(mime, 'image/svg+xml');
    assert.equal(new TextDecoder().decode(bytes), svg);
    assert.doesNotMatch(html, /<script|<svg/i);
  });

  it('keeps the CSP strict and the body inert while embedding', () => {
    const note = '---\ncover: /img/cover.png\n---\n![p](pic.png) ![r](https://ok.example/r.png)\n';
    for (const allowRemoteImages of [true, false]) {
      const exported = exportStandaloneHtml(note, options(files(), { allowRemoteImages }), STYLES);
      const { csp, body, problems } = exportBody(exported);
      assert.deepEqual(problems, []);
      // file: stays: an image that is not embedded (over a cap) is still linked as a file.
      assert.equal(csp, `default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src data: file:${allowRemoteImages ? ' https:' : ''};`);
      assertSafeHtml(body, 'exported body with embedded images');
      assert.equal(imageSources(body).includes('https://ok.example/r.png'), allowRemoteImages, 'remote https images stay links (when allowed)');
    }
  });

  it('reports a missing image (markdown, tag and banner) and keeps the missing-image markers', () => {
    const note = ['---', 'top_img: /img/gone.png', '---', '![m](nope.png)', '', '{% asset_img lost.png %}', '', '![again](nope.png)', ''].join('\n');
    const { html, imageProblems } = exportStandaloneHtmlWithReport(note, options(files()), STYLES);
    assert.deepEqual(imageProblems, [
      { path: '/blog/themes/butterfly/source/img/gone.png', reason: 'not found' },
      { path: `${ASSETS}/nope.png`, reason: 'not found' },
      { path: `${ASSETS}/lost.png`, reason: 'not found' },
    ]);
    assert.match(html, /<span class="mp-image-problem" title="Image not found: \/blog\/source\/_posts\/note\/nope\.png">m<\/span>/);
    assert.match(html, /<span class="mp-missing">top_img not found: /);
  });

  it('links and reports an image over 5 MB, unread', () => {
    const big = new Uint8Array(5 * MB + 1);
    let reads = 0;
    const fs = files({ [`${ASSETS}/big.png`]: big, [`${ASSETS}/max.png`]: new Uint8Array(5 * MB) });
    const counting: ReadOnlyFileSystem = {
      readFile: (path) => fs.readFile(path),
      exists: (path) => fs.exists(path),
      listDirectory: (path) => fs.listDirectory(path),
      size: (path) => fs.size(path),
      readBytes: (path, maxBytes) => {
        if (path.endsWith('big.png')) reads++;
        return fs.readBytes(path, maxBytes);
      },
    };
    const { html, imageProblems } = exportStandaloneHtmlWithReport('![b](big.png) ![m](max.png)', options(counting), STYLES);
    assert.deepEqual(imageProblems, [{ path: `${ASSETS}/big.png`, reason: 'larger than 5 MB' }]);
    const [bigSrc, maxSrc] = imageSources(html);
    assert.equal(bigSrc, `file://${ASSETS}/big.png`);
    assert.equal(decodeDataUri(maxSrc).bytes.length, 5 * MB, 'exactly 5 MB is within the cap');
    assert.equal(reads, 0, 'an oversized image is not read');
  });

  it('stops embedding once all images together would pass 20 MB; each use counts', () => {
    const image = (seed: number) => binary(4 * MB, seed);
    const fs = files({
      [`${ASSETS}/a.png`]: image(1),
      [`${ASSETS}/b.png`]: image(2),
      [`${ASSETS}/c.png`]: image(3),
      [`${ASSETS}/d.png`]: binary(4 * MB - png.length, 4),
      [`${ASSETS}/e.png`]: image(5),
      [`${ASSETS}/s.png`]: png,
    });
    // a, b, c, a again (16 MB), d; then e and a third a do not fit, the small s does and fills exactly 20 MB (inclusive).
    const { html, imageProblems } = exportStandaloneHtmlWithReport(
      '![](a.png) ![](b.png) ![](c.png) ![](a.png) ![](d.png) ![](e.png) ![](a.png) ![](s.png)',
      options(fs),
      STYLES,
    );
    assert.deepEqual(imageProblems, [
      { path: `${ASSETS}/e.png`, reason: 'all images together would pass 20 MB' },
      { path: `${ASSETS}/a.png`, reason: 'all images together would pass 20 MB' },
    ]);
    const embedded = imageSources(html).map((src) => (src.startsWith('data:') ? 'data' : src));
    assert.deepEqual(embedded, ['data', 'data', 'data', 'data', 'data', `file://${ASSETS}/e.png`, `file://${ASSETS}/a.png`, 'data']);
  });

  it('honours custom limits and names them in the reasons', () => {
    const fs = files({ [`${ASSETS}/a.png`]: binary(600_000, 1), [`${ASSETS}/b.png`]: binary(MB, 2), [`${ASSETS}/c.png`]: binary(MB + 1, 3) });
    const limits = { maxImageBytes: MB, maxTotalBytes: 1.5 * MB };
    const { imageProblems } = exportStandaloneHtmlWithReport('![](a.png) ![](b.png) ![](c.png)', options(fs), STYLES, undefined, limits);
    assert.deepEqual(imageProblems, [
      { path: `${ASSETS}/b.png`, reason: 'all images together would pass 1.5 MB' },
      { path: `${ASSETS}/c.png`, reason: 'larger than 1 MB' },
    ]);
  });

  it('reports an image the file system cannot read as bytes, and an unknown image type', () => {
    const inner = files({ [`${ASSETS}/scan.tiff`]: 'x' });
    const textOnly: ReadOnlyFileSystem = { readFile: (p) => inner.readFile(p), exists: (p) => inner.exists(p), listDirectory: (p) => inner.listDirectory(p) };
    const { html, imageProblems } = exportStandaloneHtmlWithReport('![](pic.png)', options(textOnly), STYLES);
    assert.deepEqual(imageProblems, [{ path: `${ASSETS}/pic.png`, reason: 'cannot be read' }]);
    assert.deepEqual(imageSources(html), [`file://${ASSETS}/pic.png`]);
    const unknown = exportStandaloneHtmlWithReport('<img src="scan.tiff">', options(inner), STYLES);
    assert.deepEqual(unknown.imageProblems, [{ path: `${ASSETS}/scan.tiff`, reason: 'not a known image type (png, jpg, gif, webp, avif, svg, bmp, ico)' }]);
  });

  it('localizes the reasons through options.t', () => {
    const t = (template: string, ...args: Array<string | number | boolean>) => `«${englishText(template, ...args)}»`;
    const { imageProblems } = exportStandaloneHtmlWithReport('![](nope.png)', options(files(), { t }), STYLES);
    assert.deepEqual(imageProblems, [{ path: `${ASSETS}/nope.png`, reason: '«not found»' }]);
  });

  it('lists at most five problems for the warning, then how many more', () => {
    const problems: ExportImageProblem[] = Array.from({ length: 7 }, (_, i) => ({ path: `/p/${i}.png`, reason: 'not found' }));
    assert.equal(imageProblemList(problems.slice(0, 2), englishText), '/p/0.png (not found); /p/1.png (not found)');
    assert.equal(
      imageProblemList(problems, englishText),
      '/p/0.png (not found); /p/1.png (not found); /p/2.png (not found); /p/3.png (not found); /p/4.png (not found); and 2 more',
    );
  });
});
