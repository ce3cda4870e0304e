import * as path from 'node:path';
import { defaultCodeBlockToolbar, defaultCodeHighlightConfig } from '../../../src/core/blog/codeHighlightConfig';
import { DEFAULT_HEADING_ANCHORS } from '../../../src/core/blog/discover';
import type { BlogConfig } from '../../../src/core/blog/types';
import { InMemoryFileSystem } from '../inMemoryFileSystem';
import type { RenderOptions } from '../../../src/core/render/renderNote';

/** The repository's test/fixtures/render (tests run from out/test/unit/render). */
export const renderFixtures = path.resolve(__dirname, '../../../../test/fixtures/render');

export function testBlog(overrides: Partial<BlogConfig> = {}): BlogConfig {
  return {
    root: '/blog',
    timezone: 'Asia/Shanghai',
    theme: 'butterfly',
    postAssetFolder: true,
    urlRoot: '/',
    themeConfigPath: '/blog/_config.butterfly.yml',
    math: { use: 'katex', perPage: true },
    renderer: 'markdown-it',
    markdown: {
      html: true,
      breaks: true,
      linkify: true,
      typographer: true,
      plugins: ['@renbaoshuo/markdown-it-katex'],
      anchors: { ...DEFAULT_HEADING_ANCHORS },
    },
    codeHighlight: defaultCodeHighlightConfig(),
    codeBlocks: defaultCodeBlockToolbar(),
    katexMacros: {},
    sourceFolders: ['/blog/source', '/blog/themes/butterfly/source'],
    problems: [],
    ...overrides,
  };
}

export const testFiles = new InMemoryFileSystem({
  '/blog/_config.yml': 'title: test',
  '/blog/source/_posts/note/pic.png': 'png',
  '/blog/source/_posts/local.png': 'png',
  '/blog/source/img/site.png': 'png',
  '/blog/source/img/both.png': 'site',
  '/blog/themes/butterfly/source/img/both.png': 'theme',
});

/** Options of a note at /blog/source/_posts/note.md in the test blog. */
export function blogNoteOptions(extra: Partial<RenderOptions> = {}): RenderOptions {
  return { blog: testBlog(), notePath: '/blog/source/_posts/note.md', fs: testFiles, resourceUri: (p) => `file://${p}`, ...extra };
}

/** KaTeX HTML is long: tests that look at structure replace each formula by `[math:TeX]`. */
export function withoutKatex(html: string): string {
  let result = '';
  let pos = 0;
  const opener = /<span class="katex(?:-display)?">/g;
  for (let match = opener.exec(html); match; match = opener.exec(html)) {
    if (match.index < pos) continue;
    result += html.slice(pos, match.index);
    let depth = 0;
    const tags = /<span\b|<\/span>/g;
    tags.lastIndex = match.index;
    let end = html.length;
    for (let tag = tags.exec(html); tag; tag = tags.exec(html)) {
      depth += tag[0] === '</span>' ? -1 : 1;
      if (depth === 0) {
        end = tag.index + tag[0].length;
        break;
      }
    }
    const formula = html.slice(match.index, end);
    const tex = /<annotation encoding="application\/x-tex">([\s\S]*?)<\/annotation>/.exec(formula)?.[1] ?? '?';
    result += `[math:${tex}]`;
    pos = end;
    opener.lastIndex = end;
  }
  return result + html.slice(pos);
}
