/**
 * `mathpost new` against the real `hexo new` (Hexo 8.1.2 through its API): the same blog config is
 * created twice, Hexo creates posts in one copy and Mathpost in the other, and the created paths, the
 * files' bytes and the whole `source/` trees (asset folders, `-1` suffixes) must be identical.
 * Hexo writes `date:` in the process's zone, so each case runs under a TZ equal to the blog's
 * `timezone`; Mathpost is given Hexo's creation instant, read back from Hexo's date line.
 */
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { main } from '../../../src/cli';
import type { CliIo } from '../../../src/cli/io';
import { runNew } from '../../../src/cli/new';
import { zoneOffsetMinutes } from '../../../src/core/frontMatter/dates';

interface HexoInstance {
  init(): Promise<void>;
  call(name: string, args: Record<string, unknown>): Promise<void>;
  on(event: 'new', listener: (post: { path: string; content: string }) => void): void;
  load(): Promise<void>;
  extend: { renderer: { register(from: string, to: string, render: (data: { text: string }) => string, sync: true): void } };
  model(name: 'Post'): { toArray(): Array<{ source: string; date: { valueOf(): number } }> };
  exit(): Promise<void>;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the oracle is loaded only by this test
const Hexo = require('hexo') as new (base: string, args: Record<string, unknown>) => HexoInstance;

interface NewCall {
  title: string;
  layout?: string;
  path?: string;
  slug?: string;
}

interface BlogCase {
  name: string;
  config: string;
  scaffolds?: Record<string, string>;
  /** Files (relative to the blog) present before the first call. */
  existing?: Record<string, string>;
  calls: NewCall[];
  /** The zone both tools run in (Hexo's date is the process's wall clock). */
  tz: string;
}

const hexoStarterScaffolds = {
  'post.md': '---\ntitle: {{ title }}\ndate: {{ date }}\ntags:\n---\n',
  'page.md': '---\ntitle: {{ title }}\ndate: {{ date }}\n---\n',
  'draft.md': '---\ntitle: {{ title }}\ntags:\n---\n',
};

const cases: BlogCase[] = [
  {
    name: 'defaults: no scaffolds folder (Hexo built-in scaffold), post, page, draft, slug, path, an existing name twice',
    config: 'title: Blog\npermalink: :year/:month/:day/:title/\n',
    calls: [
      { title: 'Hello World' },
      { title: 'Hello World' },
      { title: 'Hello World' },
      { title: 'About Me', layout: 'page' },
      { title: 'An Idea', layout: 'draft' },
      { title: 'Custom slug', slug: 'my slug' },
      { title: 'By path', path: 'notes/by-path' },
    ],
    tz: 'UTC',
  },
  {
    name: 'new_post_name :year/:month/:title.md with the hexo-init scaffolds',
    config: 'title: Blog\npermalink: :year/:month/:day/:title/\nnew_post_name: :year/:month/:title.md\n',
    scaffolds: hexoStarterScaffolds,
    calls: [{ title: 'KL Divergence' }, { title: 'KL Divergence' }, { title: 'Draft one', layout: 'draft' }, { title: 'Links', layout: 'page' }],
    tz: 'UTC',
  },
  {
    name: 'post_asset_folder: true creates the asset folders (not for a page index)',
    config: 'title: Blog\npermalink: :year/:month/:day/:title/\npost_asset_folder: true\n',
    scaffolds: hexoStarterScaffolds,
    calls: [{ title: 'With Images' }, { title: 'With Images' }, { title: 'Gallery', layout: 'page' }, { title: 'Later', layout: 'draft' }],
    tz: 'UTC',
  },
  {
    name: 'filename_case: 1, a Chinese title, default_layout: draft',
    config: 'title: Blog\npermalink: :year/:month/:day/:title/\nfilename_case: 1\ndefault_layout: draft\n',
    scaffolds: hexoStarterScaffolds,
    calls: [{ title: 'KL 散度：从定义到 PPO' }, { title: 'Mixed CASE Title', layout: 'post' }, { title: '强化学习 RLHF 笔记', layout: 'Post' }],
    tz: 'UTC',
  },
  {
    name: 'a custom scaffold: key order, quoting, long titles, dates inside, a body, YAML-read titles',
    config: 'title: Blog\npermalink: :year/:month/:day/:title/\n',
    scaffolds: {
      'post.md':
        '---\ntitle: {{ title }}\ntags:\nupdated: "{{ date }}"\ndate: {{ date }}\nmath: true\ncategories: [ML, RL]\nfirst: 2020-01-01\ncover: /img/{{ slug }}.png\n---\n## {{ title }}\n\nBody.\n',
      'normal.md': '---\nlayout: {{ layout }}\ntitle: {{ title }}\n---\nnormal scaffold\n',
    },
    calls: [
      { title: 'KL: a definition' },
      { title: 'A gentle introduction to KL divergence and its role in PPO, RLHF and DPO training runs' },
      { title: '123' },
      { title: 'a #b' },
      { title: 'It\'s "quoted" [x]' },
      { title: 'Uses normal', layout: 'photo' },
    ],
    tz: 'UTC',
  },
  {
    name: 'a JSON (;;;) scaffold and an existing post with a suffix already taken',
    config: 'title: Blog\npermalink: :year/:month/:day/:title/\n',
    scaffolds: { 'post.md': ';;;\n"title": {{ title }},\n"date": "{{ date }}",\n"tags": []\n;;;\ntext\n' },
    existing: { 'source/_posts/hello.md': 'mine\n', 'source/_posts/hello-3.md': 'mine too\n' },
    calls: [{ title: 'hello' }, { title: 'JSON "mode"' }],
    tz: 'UTC',
  },
  {
    name: 'a non-UTC timezone (Asia/Shanghai) with dates in the file name',
    config: 'title: Blog\npermalink: :year/:month/:day/:title/\ntimezone: Asia/Shanghai\nnew_post_name: :year-:month-:day-:title.md\n',
    scaffolds: hexoStarterScaffolds,
    calls: [{ title: 'Policy gradients' }],
    tz: 'Asia/Shanghai',
  },
];

const io = (): CliIo & { out: string; err: string } => {
  const state = {
    out: '',
    err: '',
    stdout: (text: string) => void (state.out += text),
    stderr: (text: string) => void (state.err += text),
    readFile: (path: string) => readFileSync(path, 'utf8'),
    writeFile: (path: string, text: string) => writeFileSync(path, text),
    version: 'test',
  };
  return state;
};

function makeBlog(blogCase: Pick<BlogCase, 'config' | 'scaffolds' | 'existing'>): string {
  const dir = mkdtempSync(join(tmpdir(), 'mathpost-new-'));
  // `hexo` in package.json is what makes Hexo read _config.yml (update_package.js sets env.init).
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'blog', private: true, hexo: { version: '8.1.2' } }, null, '  '));
  writeFileSync(join(dir, '_config.yml'), blogCase.config);
  for (const [name, text] of Object.entries(blogCase.scaffolds ?? {})) {
    mkdirSync(join(dir, 'scaffolds'), { recursive: true });
    writeFileSync(join(dir, 'scaffolds', name), text);
  }
  for (const [name, text] of Object.entries(blogCase.existing ?? {})) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

/** Every file and folder under `source/`, with the files' bytes. */
function tree(dir: string): Record<string, string> {
  const result: Record<string, string> = {};
  const walk = (folder: string): void => {
    for (const name of readdirSync(folder).sort()) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) {
        result[relative(dir, path) + '/'] = '';
        walk(path);
      } else result[relative(dir, path)] = readFileSync(path, 'latin1');
    }
  };
  walk(join(dir, 'source'));
  return result;
}

/** The instant of Hexo's `date: YYYY-MM-DD HH:mm:ss` line (wall clock of the process zone). */
function instantOfDateLine(content: string): Date | undefined {
  const match = /^"?date"?: "?(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)/m.exec(content);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number);
  // The JSON scaffold has the UTC wall clock (Hexo never converts it back); YAML ones the local one.
  return content.startsWith(';;;') ? new Date(Date.UTC(year, month - 1, day, hour, minute, second)) : new Date(year, month - 1, day, hour, minute, second);
}

async function withTimeZone<T>(zone: string, action: () => Promise<T>): Promise<T> {
  const previous = process.env.TZ;
  process.env.TZ = zone;
  try {
    return await action();
  } finally {
    if (previous === undefined) delete process.env.TZ;
    else process.env.TZ = previous;
  }
}

describe('mathpost new creates what hexo new creates (real Hexo 8.1.2)', function () {
  this.timeout(60_000);
  const made: string[] = [];
  after(() => {
    for (const dir of made) rmSync(dir, { recursive: true, force: true });
  });

  for (const blogCase of cases) {
    it(blogCase.name, () =>
      withTimeZone(blogCase.tz, async () => {
        const theirs = makeBlog(blogCase);
        const ours = makeBlog(blogCase);
        made.push(theirs, ours);
        const hexo = new Hexo(theirs, { silent: true });
        await hexo.init();
        const reported: Array<{ path: string; content: string }> = [];
        hexo.on('new', (post) => reported.push(post));
        for (const call of blogCase.calls) {
          const count = reported.length;
          const before = Date.now();
          await hexo.call('new', { _: call.layout ? [call.layout, call.title] : [call.title], path: call.path, slug: call.slug });
          const after = Date.now();
          const created = reported[count];
          assert.ok(created, 'hexo new reported no file');
          const hexoNow = instantOfDateLine(created.content) ?? new Date(Math.floor(before / 1000) * 1000);
          // Reading Hexo's date back is right: it is the moment of the call, to the second.
          assert.ok(hexoNow.getTime() >= Math.floor(before / 1000) * 1000 - 1000 && hexoNow.getTime() <= after, `Hexo's date ${created.content}`);

          const args = [call.title, '--cwd', ours];
          if (call.layout) args.push('--layout', call.layout);
          if (call.path) args.push('--path', call.path);
          if (call.slug) args.push('--slug', call.slug);
          const output = io();
          assert.equal(await runNew(args, output, () => hexoNow), 0, output.err);
          const ourPath = output.out.trim();
          assert.equal(relative(ours, ourPath), relative(theirs, created.path), `path for ${JSON.stringify(call)}`);
          assert.equal(readFileSync(ourPath, 'utf8'), created.content, `content for ${JSON.stringify(call)}`);
        }
        await hexo.exit();
        assert.deepEqual(tree(ours), tree(theirs));
      }),
    );
  }

  it('dates the post in the blog timezone, which Hexo reads back as the creation time (hexo new, run elsewhere, is hours off)', () =>
    withTimeZone('Asia/Shanghai', async () => {
      const blog = makeBlog({ config: 'title: Blog\npermalink: :year/:month/:day/:title/\ntimezone: America/New_York\n', scaffolds: hexoStarterScaffolds });
      made.push(blog);
      const now = new Date(Date.UTC(2025, 0, 15, 3, 4, 5));
      const output = io();
      assert.equal(await runNew(['Zones', '--cwd', blog], output, () => now), 0, output.err);
      assert.match(readFileSync(output.out.trim(), 'utf8'), /^date: 2025-01-14 22:04:05$/m);
      const hexo = new Hexo(blog, { silent: true });
      await hexo.init();
      // The blog's markdown renderer plugin is not installed here; any renderer makes `.md` files posts.
      hexo.extend.renderer.register('md', 'html', (data) => data.text, true);
      await hexo.call('new', { _: ['Theirs'] });
      await hexo.load();
      const dates = Object.fromEntries(
        hexo
          .model('Post')
          .toArray()
          .map((post) => [post.source, post.date.valueOf()]),
      );
      await hexo.exit();
      assert.equal(dates['_posts/Zones.md'], now.getTime());
      // Hexo's own file carries the Shanghai wall clock, which the blog reads as New York time: 12–13 h late.
      const written = instantOfDateLine(readFileSync(join(blog, 'source/_posts/Theirs.md'), 'utf8'))!;
      const late = zoneOffsetMinutes(written.getTime(), 'Asia/Shanghai')! - zoneOffsetMinutes(written.getTime(), 'America/New_York')!;
      assert.ok(late >= 12 * 60);
      assert.equal(dates['_posts/Theirs.md'] - written.getTime(), late * 60_000);
    }));
});

describe('mathpost new on the command line', () => {
  const made: string[] = [];
  after(() => {
    for (const dir of made) rmSync(dir, { recursive: true, force: true });
  });

  it('prints the created path and exits 0', async () => {
    const blog = makeBlog({ config: 'title: Blog\npermalink: :year/:month/:day/:title/\npost_asset_folder: true\n' });
    made.push(blog);
    const output = io();
    assert.equal(await main(['new', 'First post', '--cwd', blog], output), 0, output.err);
    assert.equal(output.out, join(blog, 'source/_posts/First-post.md') + '\n');
    assert.ok(statSync(join(blog, 'source/_posts/First-post')).isDirectory());
  });

  it('exits 2 with a message on usage errors', async () => {
    const blog = makeBlog({ config: 'title: Blog\npermalink: :year/:month/:day/:title/\n' });
    made.push(blog);
    const expectations: Array<[string[], RegExp]> = [
      [['new', '--cwd', blog], /new needs a title/],
      [['new', 'a', 'b', '--cwd', blog], /one title/],
      [['new', 'x', '--layout', '../up', '--cwd', blog], /--layout must be a scaffold name/],
      [['new', '???', '--cwd', blog], /empty file name/],
      [['new', 'x', '--path', '../../outside', '--cwd', blog], /leaves the blog's source folder/],
      [['new', '*alias', '--cwd', blog], /cannot be written into the front matter/],
      [['new', 'x', '--cwd', tmpdir()], /no Hexo blog/],
      [['new', 'x', '--bogus', '--cwd', blog], /unknown option/],
    ];
    for (const [args, message] of expectations) {
      const output = io();
      assert.equal(await main(args, output), 2, args.join(' '));
      assert.match(output.err, message, args.join(' '));
      assert.equal(output.out, '');
    }
    assert.deepEqual(readdirSync(blog).sort(), ['_config.yml', 'package.json']);
  });
});
