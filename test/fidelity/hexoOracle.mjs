// The reference: real Hexo 8 + hexo-renderer-markdown-it + @renbaoshuo/markdown-it-katex + Butterfly 5.7,
// set up as a throw-away blog in a temp folder, rendering a post body with Hexo's own post renderer
// (before_post_render filters such as the backtick code-block highlighter, Nunjucks tag plugins including
// Butterfly's, the markdown renderer, after_post_render filters such as the `<!-- more -->` excerpt).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../../scripts/lib/paths.mjs';

const require = createRequire(join(repoRoot, 'package.json'));
const Hexo = require('hexo');
const { parse: parseFrontMatter } = require('hexo-front-matter');
const { deepMerge } = require('hexo-util');
const yaml = require('js-yaml');
const { readFile } = require('hexo-fs');

/**
 * A blog whose `_config.yml` is `configYaml`, with the project's node_modules (hexo-renderer-markdown-it
 * registered as the blog's plugin, the Butterfly theme from node_modules as Hexo 8 finds it).
 */
export async function createOracleBlog(configYaml) {
  const base = mkdtempSync(join(tmpdir(), 'mathpost-fidelity-'));
  writeFileSync(join(base, '_config.yml'), configYaml);
  // `hexo.version` in package.json is what makes Hexo read _config.yml and load plugins (update_package.js).
  writeFileSync(
    join(base, 'package.json'),
    JSON.stringify(
      { name: 'fidelity-blog', hexo: { version: '8.1.2' }, dependencies: { 'hexo-renderer-markdown-it': '*', 'hexo-theme-butterfly': '*' } },
      null,
      2,
    ),
  );
  symlinkSync(join(repoRoot, 'node_modules'), join(base, 'node_modules'), 'dir');
  mkdirSync(join(base, 'source', '_posts'), { recursive: true });
  const hexo = new Hexo(base, { silent: true });
  await hexo.init();
  if (!hexo.theme_dir.includes('hexo-theme-butterfly')) throw new Error(`the oracle blog did not find Butterfly (theme_dir ${hexo.theme_dir})`);
  if (!hexo.extend.renderer.get('md')) throw new Error('the oracle blog did not load hexo-renderer-markdown-it');
  // `hexo.load()` would process every theme file (~20 s) only to read the theme's _config.yml; do what its
  // config processor and Hexo's mergeCtxThemeConfig do: the theme's config, then the site's theme_config.
  const themeConfig = yaml.load(readFileSync(join(hexo.theme_dir, '_config.yml'), 'utf8'));
  hexo.theme.config = deepMerge(themeConfig, hexo.config.theme_config ?? {});
  return {
    base,
    /** The post body HTML Hexo publishes for `text` (a whole .md file, front matter included). */
    async render(name, text) {
      const source = join(base, 'source', '_posts', name);
      writeFileSync(source, text);
      // As Hexo's post processor: hexo-fs reads the file (BOM stripped, CRLF → LF), hexo-front-matter splits it.
      const data = parseFrontMatter(await readFile(source));
      const content = data._content;
      delete data._content;
      const rendered = await hexo.post.render(source, { ...data, content, engine: 'md', source: `_posts/${name}` });
      return rendered.content;
    },
    dispose() {
      rmSync(base, { recursive: true, force: true });
    },
  };
}
