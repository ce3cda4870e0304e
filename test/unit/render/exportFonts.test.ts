import * as assert from 'node:assert/strict';
import { InMemoryFileSystem } from '../inMemoryFileSystem';
import { katexCssWithEmbeddedFonts } from '../../../src/core/render/exportHtml';

describe('render/export: KaTeX fonts embedded', () => {
  const font = new Uint8Array([0x77, 0x4f, 0x46, 0x32, 0, 255]);
  const css =
    '@font-face{font-family:KaTeX_Main;src:url(fonts/KaTeX_Main-Regular.woff2) format("woff2")}' +
    '@font-face{font-family:KaTeX_Size1;src:url("fonts/KaTeX_Size1-Regular.woff2") format("woff2")}' +
    '.katex{font:normal 1.21em KaTeX_Main}.x{background:url(fonts/KaTeX_Main-Regular.woff2)}';

  it('replaces every font url with a data: URI of its bytes, reading each font once', () => {
    const files = new InMemoryFileSystem({ '/ext/dist/katex/katex.min.css': css, '/ext/dist/katex/fonts/KaTeX_Main-Regular.woff2': font });
    let reads = 0;
    const counting = {
      ...files,
      readFile: (path: string) => files.readFile(path),
      exists: (path: string) => files.exists(path),
      listDirectory: (path: string) => files.listDirectory(path),
      readBytes: (path: string) => (reads++, files.readBytes(path)),
    };
    const embedded = katexCssWithEmbeddedFonts('/ext/dist/katex', counting) ?? '';
    const uris = [...embedded.matchAll(/url\(data:font\/woff2;base64,([A-Za-z0-9+/=]+)\)/g)].map((match) => match[1]);
    assert.equal(uris.length, 2, 'both uses of the font that exists');
    assert.deepEqual([...Buffer.from(uris[0], 'base64')], [...font]);
    assert.equal(reads, 2, 'KaTeX_Main read once, the missing KaTeX_Size1 tried once');
    assert.match(embedded, /url\("fonts\/KaTeX_Size1-Regular\.woff2"\)/, 'a font that cannot be read stays a link');
    assert.match(embedded, /\.katex\{font:normal 1\.21em KaTeX_Main\}/, 'the rest of the CSS is unchanged');
  });

  it('is undefined when the CSS itself cannot be read', () => {
    assert.equal(katexCssWithEmbeddedFonts('/nowhere', new InMemoryFileSystem({})), undefined);
  });
});
