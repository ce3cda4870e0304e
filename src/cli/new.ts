import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs, UsageError } from './args';
import type { CliIo } from './io';
import { findBlogRoot, joinPath } from '../core/blog/discover';
import { NewPostError, planNewPost } from '../core/blog/newPost';
import { NodeFileSystem } from '../node/nodeFileSystem';

export const NEW_HELP = `  new <title>                   Create a post as \`hexo new\` does (scaffold, new_post_name, asset folder…)
      --layout <name>           post, page, draft or another scaffold (default: the blog's default_layout)
      --path <path>             file path under _posts/ (source/ for a page, _drafts/ for a draft)
      --slug <slug>             file name instead of the slugized title
      --replace                 overwrite an existing file instead of adding -1, -2…
      --cwd <folder>            the blog (default: the current folder or the nearest blog above it)`;

/**
 * `mathpost new <title> [--layout L] [--path P] [--slug S] [--replace] [--cwd DIR]`: writes the post
 * (and its asset folder) and prints its path. `now` is the creation time (injected by the tests).
 */
export async function runNew(argv: readonly string[], io: CliIo, now: () => Date = () => new Date()): Promise<number> {
  const { positionals, options } = parseArgs(argv, [
    { name: 'layout', short: 'l', takesValue: true },
    { name: 'path', short: 'p', takesValue: true },
    { name: 'slug', short: 's', takesValue: true },
    { name: 'replace', short: 'r', takesValue: false },
    { name: 'cwd', takesValue: true },
  ]);
  const path = options.get('path') as string | undefined;
  if (positionals.length > 1) throw new UsageError(`new takes one title (quote it if it has spaces): got ${positionals.length} arguments`);
  if (positionals.length === 0 && !path) throw new UsageError('new needs a title');
  const layout = options.get('layout') as string | undefined;
  if (layout !== undefined && !/^[\w-]+$/.test(layout)) throw new UsageError(`--layout must be a scaffold name such as post, page or draft (got '${layout}')`);
  const start = resolve(typeof options.get('cwd') === 'string' ? (options.get('cwd') as string) : process.cwd()).replace(/\\/g, '/');
  const fs = new NodeFileSystem();
  const root = findBlogRoot(joinPath(start, '_config.yml'), fs);
  if (root === undefined) throw new UsageError(`no Hexo blog (a _config.yml with Hexo's keys) in ${start} or above it`);
  let planned;
  try {
    planned = planNewPost(
      root,
      { title: positionals[0], layout, path, slug: options.get('slug') as string | undefined, replace: options.has('replace') },
      { fs, now: now(), sha1: (text) => sha1Hex(text) },
    );
  } catch (error) {
    if (error instanceof NewPostError) throw new UsageError(error.message);
    throw error;
  }
  mkdirSync(dirname(planned.path), { recursive: true });
  // `wx`: never overwrite a file that appeared since the name was chosen (unless --replace).
  writeFileSync(planned.path, planned.content, { flag: options.has('replace') ? 'w' : 'wx' });
  if (planned.assetFolder && !existsSync(planned.assetFolder)) mkdirSync(planned.assetFolder, { recursive: true });
  if (positionals[0] !== undefined && planned.writtenTitle !== undefined && planned.writtenTitle !== positionals[0]) {
    io.stderr(`warning: the scaffold's front matter reads the title as ${JSON.stringify(planned.writtenTitle)} (as hexo new would write it)\n`);
  }
  io.stdout(planned.path + '\n');
  return 0;
}

/** node:crypto is required here, not at the top: loading it costs every other command ~10 ms. */
function sha1Hex(text: string): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { createHash } = require('node:crypto') as typeof import('node:crypto');
  return createHash('sha1').update(text).digest('hex');
}
