/**
 * Code fences as the blog highlights them, checked against Hexo 8's own code: its before_post_render
 * `backtick_code_block` filter with its highlight.js and prismjs plugins, run on the same fence under the
 * same site config. Mathpost must produce the markup Hexo puts in the page, byte for byte.
 */
/* eslint-disable @typescript-eslint/no-require-imports -- Hexo's internal plugin files have no typings */
import * as assert from 'node:assert/strict';
import { readCodeHighlightConfig } from '../../../src/core/blog/codeHighlightConfig';
import { highlightFence } from '../../../src/core/render/codeHighlight';
import { renderNote } from '../../../src/core/render/renderNote';
import { blogNoteOptions, testBlog } from './helpers';

type Site = Record<string, unknown>;
const HEXO_DEFAULTS = require('hexo/dist/hexo/default_config') as Site;
const highlighters: Record<string, (this: unknown, code: string, options: unknown) => string> = {
  'highlight.js': require('hexo/dist/plugins/highlight/highlight'),
  prismjs: require('hexo/dist/plugins/highlight/prism'),
};
const backtickCodeBlock = require('hexo/dist/plugins/filter/before_post_render/backtick_code_block') as (ctx: unknown) => (data: { content: string }) => void;
const { deepMerge } = require('hexo-util') as { deepMerge: (a: Site, b: Site) => Site };

/** What Hexo's filter makes of one fence: the highlighted HTML, or undefined when it leaves the fence to markdown. */
function hexoFence(site: Site, code: string, info: string): string | undefined {
  const config = deepMerge(HEXO_DEFAULTS, site);
  const ctx = {
    config,
    extend: {
      highlight: {
        query: (name: string) => Object.prototype.hasOwnProperty.call(highlighters, name),
        exec: (name: string, { context, args }: { context: unknown; args: [string, unknown] }) => highlighters[name].apply(context, args),
      },
    },
  };
  const data = { content: `\`\`\`${info}\n${code}\n\`\`\`\n` };
  backtickCodeBlock(ctx)(data);
  return /<hexoPostRenderCodeBlock>([\s\S]*)<\/hexoPostRenderCodeBlock>/.exec(data.content)?.[1];
}

const SITES: Record<string, Site> = {
  default: {},
  'no line numbers': { highlight: { line_number: false } },
  'hljs, no wrap, tabs': { highlight: { hljs: true, wrap: false, tab_replace: '  ' } },
  'auto detect, language attribute': { highlight: { auto_detect: true, language_attr: true } },
  'first line number inline': { highlight: { first_line_number: 'inline' } },
  'excluded language': { highlight: { exclude_languages: ['text', 'js'] } },
  'line threshold': { highlight: { line_threshold: 2 } },
  prismjs: { syntax_highlighter: 'prismjs' },
  'prismjs without preprocess': { syntax_highlighter: 'prismjs', prismjs: { preprocess: false, line_number: true } },
  'prismjs excluded, no line numbers': { syntax_highlighter: 'prismjs', prismjs: { exclude_languages: ['js'], line_number: false } },
  none: { syntax_highlighter: null },
  'empty string': { syntax_highlighter: '' },
  'a plugin Mathpost does not have': { syntax_highlighter: 'shiki' },
};
const INFOS = [
  'js',
  'js mark:1,3-4 first_line:5',
  'python kl.py https://example.com/kl.py source',
  'js Caption text',
  '',
  'text',
  'js line_number:false',
  'js wrap:false',
  'js =3',
  'js highlight:false',
  'no-such-language',
  'html',
  'cpp language_attr:true',
];
const CODE = 'function kl(p, q) {\n\treturn p.map((x, i) => x * Math.log(x / q[i])); // {braces} & <tags>\n}\nconst s = "a/b=c";';

describe('render/code highlighting (against Hexo 8 backtick_code_block + its highlighters)', function () {
  // The first fence loads all of highlight.js, and auto detection tries every language: slow on a busy machine.
  this.timeout(60_000);
  for (const [name, site] of Object.entries(SITES)) {
    it(`matches Hexo for every fence form: ${name}`, () => {
      const config = readCodeHighlightConfig(site);
      for (const info of INFOS) {
        assert.equal(highlightFence(`${CODE}\n`, info, config), hexoFence(site, CODE, info), `fence \`\`\`${info}`);
      }
    });
  }

  it('puts the figure in the rendered note, with its source line for scroll sync', () => {
    const note = renderNote('Intro\n\n```js\nconst a = 1;\n```\n', blogNoteOptions({ blog: testBlog() }));
    const html = note.blocks[1].html;
    assert.match(html, /^<figure data-offset="0" class="highlight js"><table><tr><td class="gutter">/);
    assert.equal(html.replace(' data-offset="0"', '').trim(), hexoFence({}, 'const a = 1;', 'js'));
  });

  it('leaves fences to markdown-it when the blog has no highlighter, and keeps the kl card', () => {
    const blog = testBlog({ codeHighlight: readCodeHighlightConfig({ syntax_highlighter: '' }) });
    const note = renderNote(
      '```js\nconst a = 1;\n```\n\n```kl\np = [0.5, 0.5]\n```\n',
      blogNoteOptions({ blog, fenceRenderers: { kl: () => '<div class="kl-card"></div>' } }),
    );
    assert.equal(note.blocks[0].html, '<pre data-offset="0"><code class="language-js">const a = 1;\n</code></pre>\n');
    assert.match(note.blocks[1].html, /mp-fence-kl.*kl-card/);
  });
});
