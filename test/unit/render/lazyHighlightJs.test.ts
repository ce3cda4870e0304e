/**
 * The lazy highlight.js of dist/vendor/hexo-highlight.js (src/core/render/lazyHighlightJs.ts) against the full
 * highlight.js that hexo-util requires in the blog: for every language highlight.js ships, by each of its names
 * and aliases, on a fresh instance (nothing registered by an earlier language can hide a missing one), the
 * markup must be the same to the byte, including the languages a grammar highlights inside itself.
 */
/* eslint-disable @typescript-eslint/no-require-imports -- highlight.js and the built bundle are CommonJS */
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import type { HLJSApi, LanguageFn } from 'highlight.js';
import { lazyHighlightJs, type HighlightJsLanguageTable } from '../../../src/core/render/lazyHighlightJs';

const root = join(__dirname, '..', '..', '..', '..');
const full = require('highlight.js') as HLJSApi;
const core = require('highlight.js/lib/core') as HLJSApi & { newInstance(): HLJSApi };
const load = (language: string) => require(`highlight.js/lib/languages/${language}`) as LanguageFn;

/** Code that crosses many grammars' constructs: strings, comments, tags, templates, prompts, blocks. */
const GENERIC = `#!/usr/bin/env x
// comment /* block */ # hash -- dash ; semi
<div class="a" id='b'>text &amp; <b>bold</b></div>
<script>var x = 1 + 2; function f(a) { return a * 2; }</script>
<style>.a { color: red; margin: 0 auto; }</style>
<?php echo $x; ?> <%= @name %> {{ value | filter }} {% block body %}{% endblock %}
def f(x): return "str" if x else 'c'
SELECT id, name FROM t WHERE x = 1;
$ ls -la /tmp && echo "$HOME"
key: value
  - item: [1, 2.5e3, 0x1F, true, null]
\`\`\`js
let y = \`t \${x}\`;
\`\`\`
`;

/**
 * Each language that embeds others, with code that enters the embedded grammar (checked below). Not nix: its
 * Markdown doc comments come after the plain block comment, which always matches first.
 */
const EMBEDDING: Record<string, string> = {
  xml: '<p>hi</p>\n<style>a { color: red }</style>\n<script>const x = 1; if (x) { alert("y") }</script>',
  html: '<!DOCTYPE html>\n<body><script type="text/javascript">let a = [1, 2]; function f() {}</script><style>b{margin:0}</style></body>',
  markdown: '# Title\n\nSome <b>html</b> and <span class="x">more</span>.\n\n```js\nlet x = 1;\n```\n',
  'php-template': '<html><body><?php foreach ($items as $i) { echo $i; } ?><p class="a">x</p></body></html>',
  erb: '<ul>\n<% @items.each do |item| %>\n  <li class="x"><%= item.name %></li>\n<% end %>\n</ul>',
  django: '<ul class="a">{% for x in items %}<li>{{ x|upper }}</li>{% endfor %}</ul>',
  twig: '<ul class="a">{% for x in items %}<li>{{ x|upper }}</li>{% endfor %}</ul>',
  handlebars: '<div class="entry">{{#if author}}<h1>{{firstName}}</h1>{{/if}}</div>',
  dust: '<ul class="a">{#names}<li>{.}</li>{/names}</ul>',
  'vbscript-html': '<p class="a"><% If x > 1 Then Response.Write("big") End If %></p>',
  parser3: '@main[]\n<div class="a">^if($x){<b>yes</b>}</div>',
  asciidoc: '= Title\n\n++++\n<div class="a"><b>raw</b></div>\n++++\n',
  javascript: 'const el = <div className="a">{x}</div>;\nconst s = css`color: red;`;\nconst q = graphql`query { a }`;\nconst h = html`<b class="x">y</b>`;',
  typescript: 'const s: string = css`color: red; margin: 0;`;\nconst q = gql`query Q { a { b } }`;\nconst h = html`<b class="x">y</b>`;',
  coffeescript: 'x = 1\n`var y = function() { return 2; }`\n',
  livescript: 'x = 1\n``var y = function() { return 2; }``\n',
  'clojure-repl': "user=> (defn f [x] (* x 2))\n#'user/f",
  'julia-repl': 'julia> f(x) = 2x + 1\nf (generic function with 1 method)',
  'node-repl': '> const a = [1, 2].map((x) => x * 2)\nundefined\n> a\n[ 2, 4 ]',
  'python-repl': '>>> def f(x):\n...     return x * 2\n>>> f("a")\n\'aa\'',
  shell: '$ ls -la /tmp | grep "x" && echo $HOME\ntotal 0\n$ export A=1',
  dockerfile: 'FROM node:20\nRUN apt-get update && apt-get install -y curl && echo "$HOME"\nCMD ["node", "x.js"]',
  haml: '%ul\n  - @items.each do |item|\n    %li= item.name.upcase\n  %p #{1 + 2}',
  yaml: 'name: <%= ENV["NAME"].upcase %>\nlist:\n  - a',
  tap: '1..2\nok 1 - first\nnot ok 2 - second\n  ---\n  message: "boom"\n  data: [1, 2]\n  ...\n',
  pgsql: 'CREATE FUNCTION f() RETURNS int AS $$\nimport math\ndef g(x):\n    return math.sqrt(x)\n$$ LANGUAGE plpython3u;',
  perl: 'print "hi";\n__DATA__\n<p class="a"><%= $x %></p>\n__END__\n',
  mojolicious: '<p class="a"><%= $user->name %></p>\n% for my $x (@list) {\n<b><%= $x %></b>\n% }',
  dart: '/// Returns [x] *doubled*, see `y`.\nint f(int x) => x * 2;\n/** Block **doc** with `code` */\nvoid g() {}',
  qml: 'Text {\n  text: (<b class="a">bold</b>);\n}',
  xquery: 'let $x := 1\nreturn <p class="a">{ $x + 1 }</p>',
  cos: 'set x = 1\n&sql(SELECT name INTO :n FROM t WHERE id = 1)\n&js<var a = 1; alert(a);>\n',
  http: 'POST /api HTTP/1.1\nContent-Type: application/json\n\n{"a": [1, 2, {"b": "c"}], "d": null}',
};

let table: HighlightJsLanguageTable;
before(async () => {
  const { highlightJsLanguageTable } = (await import(join(root, 'scripts/lib/highlightJsLanguages.mjs'))) as {
    highlightJsLanguageTable(root: string): HighlightJsLanguageTable;
  };
  table = highlightJsLanguageTable(root);
});
// The full instance is the process's shared one, which hexo-util (other tests) configures with its own prefix.
beforeEach(() => full.configure({ classPrefix: 'hljs-' }));

const fresh = () => lazyHighlightJs(core.newInstance(), table, load);
const markup = (hljs: HLJSApi, code: string, language: string) => hljs.highlight(code, { language, ignoreIllegals: true }).value;

describe('render/lazy highlight.js (as full highlight.js, language by language)', function () {
  this.timeout(120_000);

  it('the table covers every language and alias of the full highlight.js', () => {
    assert.deepEqual(table.languages, full.listLanguages());
    for (const language of table.languages) {
      for (const name of [language, ...(full.getLanguage(language)?.aliases ?? [])]) {
        assert.equal(full.getLanguage(table.names[name.toLowerCase()]), full.getLanguage(name), name);
      }
    }
  });

  it('highlights every name and alias as full highlight.js does, each on a fresh instance', () => {
    let checked = 0;
    for (const name of Object.keys(table.names)) {
      const code = EMBEDDING[table.names[name]] ?? GENERIC;
      assert.equal(markup(fresh(), code, name), markup(full, code, name), `\`\`\`${name}`);
      checked++;
    }
    assert.ok(checked > 350, `${checked} names`);
  });

  it('highlights each embedding sample as full highlight.js does, and each sample really enters its sub-languages', () => {
    for (const [language, code] of Object.entries(EMBEDDING)) {
      const expected = markup(full, code, language);
      assert.equal(markup(fresh(), code, language), expected, `\`\`\`${language}`);
      // Only the language itself, none of what it embeds: the sample must come out differently, or it
      // would not show a lazy registry that forgets sub-languages.
      const alone = core.newInstance();
      alone.registerLanguage(table.names[language], load(table.names[language]));
      assert.notEqual(markup(alone, code, language), expected, `\`\`\`${language} does not reach a sub-language`);
    }
  });

  it('auto-detects among all languages with full highlight.js order, even after some were registered alone', () => {
    const hljs = fresh();
    markup(hljs, 'x = 1', 'python');
    markup(hljs, 'x = 1', 'lua');
    for (const code of [GENERIC, 'x = 1', 'a b c', EMBEDDING.erb, EMBEDDING.http, '<b>x</b>']) {
      const lazy = hljs.highlightAuto(code);
      const expected = full.highlightAuto(code);
      assert.deepEqual([lazy.language, lazy.secondBest?.language, lazy.value], [expected.language, expected.secondBest?.language, expected.value]);
    }
    assert.deepEqual(hljs.listLanguages(), full.listLanguages());
  });

  it('gives a shared alias to the language full highlight.js gives it, whatever was registered first', () => {
    for (const [first, alias] of [
      ['livescript', 'ls'],
      ['lasso', 'ls'],
      ['sml', 'ml'],
      ['ocaml', 'ml'],
    ]) {
      const hljs = fresh();
      markup(hljs, 'x', table.names[alias]);
      markup(hljs, 'x', first);
      assert.equal(hljs.getLanguage(alias), hljs.getLanguage(table.names[alias]), `${alias} after ${first}`);
      assert.equal(markup(hljs, GENERIC, alias), markup(full, GENERIC, alias), `${alias} after ${first}`);
    }
  });

  it('throws for an unknown language, as full highlight.js does', () => {
    assert.throws(() => markup(fresh(), 'x', 'no-such-language'), /Unknown language/);
    assert.equal(fresh().getLanguage('no-such-language'), undefined);
  });
});

describe("render/the shipped hexo-util highlight (dist/vendor/hexo-highlight.js) as hexo-util's own", function () {
  this.timeout(120_000);
  it('produces the same figure for fences, auto-detection and unknown languages', () => {
    const shipped = require(join(root, 'dist', 'vendor', 'hexo-highlight.js')) as (code: string, options: object) => string;
    const hexo = require('hexo-util/dist/highlight.js') as (code: string, options: object) => string;
    const cases: Array<[string, object]> = [
      ...Object.entries(EMBEDDING).map(([lang, code]): [string, object] => [code, { lang }]),
      [GENERIC, { lang: 'no-such-language' }],
      [GENERIC, {}],
      [GENERIC, { autoDetect: true }],
      [EMBEDDING.markdown, { autoDetect: true, hljs: true, wrap: false }],
      [GENERIC, { lang: 'LS' }],
    ];
    for (const [code, options] of cases) assert.equal(shipped(code, options), hexo(code, options), JSON.stringify(options));
  });
});
