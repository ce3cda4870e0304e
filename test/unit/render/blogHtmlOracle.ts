/**
 * The blog as the reference: real Hexo 8 with hexo-renderer-markdown-it 7 renders a post body (`hexo.post.render`,
 * so Hexo's own filters such as the `<!-- more -->` excerpt run too), and `comparableHtml` reduces an HTML
 * string to what a reader sees, so Mathpost's output and the blog's can be compared as strings.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
/* eslint-disable @typescript-eslint/no-require-imports -- Hexo is loaded the way a blog loads it */

interface HexoInstance {
  init(): Promise<void>;
  loadPlugin(path: string): Promise<void>;
  exit(): Promise<void>;
  post: { render(source: string | null, data: { content: string; engine: string }): Promise<{ content: string }> };
}

export class BlogOracle {
  private constructor(
    private readonly hexo: HexoInstance,
    private readonly base: string,
  ) {}

  /** A Hexo site with this `_config.yml` and hexo-renderer-markdown-it (its defaults unless the config sets them). */
  static async start(siteConfig = 'title: oracle\n'): Promise<BlogOracle> {
    const base = mkdtempSync(join(tmpdir(), 'mathpost-oracle-'));
    writeFileSync(join(base, '_config.yml'), siteConfig);
    writeFileSync(join(base, 'package.json'), JSON.stringify({ name: 'oracle', hexo: { version: '8.1.2' } }));
    const Hexo = require('hexo') as new (base: string, options: object) => HexoInstance;
    const hexo = new Hexo(base, { silent: true, safe: false });
    await hexo.init();
    await hexo.loadPlugin(require.resolve('hexo-renderer-markdown-it'));
    return new BlogOracle(hexo, base);
  }

  async render(markdown: string): Promise<string> {
    return (await this.hexo.post.render(null, { content: markdown, engine: 'markdown' })).content;
  }

  async stop(): Promise<void> {
    await this.hexo.exit();
    rmSync(this.base, { recursive: true, force: true });
  }
}

/**
 * What a reader cannot see is removed: comments, Mathpost's `data-*` attributes (line numbers, the excerpt
 * label), `loading="lazy"` on images, the order of attributes, `<br />` vs `<br>`, whitespace between tags and the formatting of `style`
 * values (`zoom:50%;` and `zoom: 50%` are one declaration).
 */
export function comparableHtml(html: string): string {
  return html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<([a-zA-Z][\w-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*\/?>/g, (_, name: string, attributes: string) => {
      const list = [...attributes.matchAll(/([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g)]
        .map((match) => [match[1].toLowerCase(), match[2] ?? match[3] ?? match[4] ?? ''] as const)
        .filter(([attribute]) => !attribute.startsWith('data-offset') && !attribute.startsWith('data-mp-') && attribute !== 'loading')
        .map(([attribute, value]) => (attribute === 'style' ? [attribute, normalStyle(value)] : [attribute, value]))
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([attribute, value]) => ` ${attribute}="${value}"`);
      return `<${name.toLowerCase()}${list.join('')}>`;
    })
    .replace(/>\s+</g, '><')
    .trim();
}

function normalStyle(style: string): string {
  return style
    .split(';')
    .map((declaration) => declaration.trim().replace(/\s*:\s*/, ':'))
    .filter(Boolean)
    .join(';');
}
