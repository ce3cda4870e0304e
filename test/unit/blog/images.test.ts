/**
 * The one image rule (core/blog/images.ts) against Butterfly 5.7's own code, loaded from the
 * devDependency with a stub `hexo` that captures what the scripts register.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { runInNewContext } from 'node:vm';
import { butterflyImageKind } from '../../../src/core/blog/images';
import { englishText } from '../../../src/core/text';
import { headerCard } from '../../../src/core/render/header';
import { frontMatterData } from '../../../src/core/render/frontMatterData';
import { Note } from '../../../src/core/note/note';
import { testBlog, testFiles } from '../render/helpers';
import { codes, post } from '../frontMatter/helpers';

const themeRequire = createRequire(require.resolve('hexo-theme-butterfly/package.json'));

/** Runs one theme script with a stub hexo; returns what it registered by name. */
function loadThemeScript(relative: string, config: Record<string, unknown> = {}): Record<string, (...args: unknown[]) => unknown> {
  const path = themeRequire.resolve(`./${relative}`);
  const registered: Record<string, (...args: unknown[]) => unknown> = {};
  const register = (name: string, fn: (...args: unknown[]) => unknown) => void (registered[name] = fn);
  const hexo = {
    extend: { helper: { register }, generator: { register }, filter: { register: () => undefined } },
    config: { post_asset_folder: false },
    theme: { config: { cover: { default_cover: false }, ...config } },
  };
  runInNewContext(readFileSync(path, 'utf8'), { hexo, require: createRequire(path), module: {}, exports: {}, console }, { filename: path });
  return registered;
}

const getBgPath = loadThemeScript('scripts/helpers/page.js').getBgPath;
const postGenerator = loadThemeScript('scripts/filters/random_cover.js').post;

function butterflyTopImg(value: string): 'color' | 'image' | 'css' {
  const css = String(getBgPath.call({ url_for: (path: string) => path }, value));
  return css.startsWith('background-color') ? 'color' : css.startsWith('background-image') ? 'image' : 'css';
}

function butterflyCoverIsImage(value: string): boolean {
  const post = { cover: value, path: 'p/' };
  const routes = postGenerator({ posts: { sort: () => ({ toArray: () => [post] }) } }) as Array<{ data: { cover_type?: string } }>;
  return routes[0].data.cover_type === 'img';
}

const values = [
  '/img/cover.png',
  'img/cover.png',
  'cover.png',
  'x.png?v=2',
  '/img/x.png?v=2',
  'cover.tiff',
  'cover.tif',
  'cover.bmp',
  'cover.ico',
  'cover.avif',
  '/img/cover',
  'img/cover',
  'cover',
  'https://example.com/a',
  '//cdn.example/a',
  'data:image/png;base64,AAAA',
  '#fff',
  'rgb(1,2,3)',
  'orange',
  'linear-gradient(#fff, #000)',
  'transparent',
  'url(/img/a.png)',
  'C.JPG',
  'a.webp',
  'a.svg',
];

describe('blog/images: Butterfly 5.7 decides what an image is', () => {
  for (const value of values) {
    it(`classifies ${JSON.stringify(value)} as Butterfly does`, () => {
      assert.equal(butterflyImageKind('top_img', value), butterflyTopImg(value), 'top_img (getBgPath)');
      assert.equal(butterflyImageKind('cover', value) === 'image', butterflyCoverIsImage(value), 'cover (random_cover)');
    });
  }

  it('the validator and the header card agree with it on a cover with a query and a .tiff cover', () => {
    const card = (yaml: string) =>
      headerCard(frontMatterData(new Note(`---\n${yaml}\n---\n`).frontMatter), {
        blog: testBlog(),
        notePath: '/blog/source/_posts/note.md',
        fs: testFiles,
        t: englishText,
        allowRemoteImages: true,
        resourceUri: (path: string) => path,
      });
    assert.equal(card('cover: x.png?v=2')?.banner?.kind, 'image');
    assert.notEqual(card('cover: cover.tiff')?.banner?.kind, 'image');
    assert.ok(codes(post('title: t\ndate: 2025-06-25\ncover: cover.tiff\n')).includes('frontmatter.cover-not-image'));
    assert.ok(!codes(post('title: t\ndate: 2025-06-25\ncover: /img/x.png?v=2\n')).includes('frontmatter.cover-not-image'));
  });
});
