import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileChecker } from '../../../src/cli/check';
import type { CheckResult } from '../../../src/cli/checkFormats';
import { checkInParallel, MIN_PARALLEL_FILES } from '../../../src/cli/parallelCheck';
import { exampleBlogCopy, runBuiltCli } from './helpers';

/** The compiled CLI next to this test's compiled sources (out/src/cli.js): what the workers run. */
const cliScript = join(__dirname, '..', '..', '..', 'src', 'cli.js');

/**
 * The example blog with `count` more posts, each with its own problems at its own places (a date Hexo cannot read,
 * a formula KaTeX rejects, a KL snippet, an unknown key), so that results put in the wrong order or under the wrong
 * file show in the output.
 */
function bigBlog(count: number) {
  const copy = exampleBlogCopy();
  const posts = join(copy.blog, 'source', '_posts');
  const template = readFileSync(join(posts, 'kl-divergence.md'), 'utf8');
  const files: string[] = [];
  for (let i = 0; i < count; i++) {
    const file = join(posts, `p-${String(i).padStart(4, '0')}.md`);
    const day = (i % 31) + 1; // 2025-02-29, -30 and -31 do not exist
    const broken = i % 3 === 0 ? `\n\n公式 ${'x'.repeat(i % 7)} $\\frac{${i}}{$ 在这里。\n` : `\n\n$x_{${i}}$\n`;
    const extra = i % 5 === 0 ? `tag: 笔记${i}\n` : '';
    writeFileSync(
      file,
      template.replace(/^title: .*$/m, `title: 第 ${i} 篇`).replace(/^date: .*$/m, `date: 2025-02-${String(day).padStart(2, '0')}\n${extra}`) + broken,
    );
    files.push(file);
  }
  return { ...copy, files };
}

describe('mathpost check on several threads (src/cli/parallelCheck.ts)', function () {
  this.timeout(60_000);
  let blog: ReturnType<typeof bigBlog>;
  let here: ReturnType<typeof fileChecker>;
  /** Each post's results checked on this thread alone. */
  let sequential: CheckResult[][];
  before(() => {
    blog = bigBlog(MIN_PARALLEL_FILES + 20);
    here = fileChecker((path) => readFileSync(path, 'utf8'));
    sequential = blog.files.map(here);
  });
  after(() => blog.dispose());

  it('gives every file the results a check on one thread gives, in the same order, with the workers checking part of them', async () => {
    assert.ok(
      sequential.filter((results) => results.some((result) => result.code === 'math.parse-error')).length > 100,
      'the posts have KaTeX errors to report',
    );
    let checkedHere = 0;
    const parallel = await checkInParallel(
      blog.files,
      (file) => {
        checkedHere++;
        return here(file);
      },
      2,
      cliScript,
    );
    assert.deepEqual(parallel, sequential);
    assert.ok(checkedHere < blog.files.length, `the workers checked some posts (this thread checked ${checkedHere} of ${blog.files.length})`);
  });

  it('checks on this thread what a worker that fails at start would have checked', async () => {
    const crashing = join(blog.folder, 'crash.js');
    writeFileSync(crashing, "throw new Error('no worker today');\n");
    const some = blog.files.slice(0, 150);
    assert.deepEqual(await checkInParallel(some, here, 2, crashing), sequential.slice(0, 150));
  });

  it('prints the same report with --jobs 1 and --jobs 3 (every format is a function of the results)', () => {
    const one = runBuiltCli(['check', '.', '--format', 'json', '--jobs', '1'], blog.blog);
    const three = runBuiltCli(['check', '.', '--format', 'json', '--jobs', '3'], blog.blog);
    assert.equal(one.status, 1, one.stderr);
    assert.ok(Number(/^(\d+) file\(s\) checked/.exec(one.stderr)?.[1]) > blog.files.length, one.stderr);
    assert.equal(three.stdout, one.stdout);
    assert.equal(three.stderr, one.stderr);
    assert.equal(three.status, one.status);
  });

  it('rejects a --jobs that is not a positive number (exit 2)', () => {
    for (const jobs of ['0', 'two', '-1', '1.5']) {
      const run = runBuiltCli(['check', '.', '--jobs', jobs], blog.blog);
      assert.equal(run.status, 2, `--jobs ${jobs}: ${run.stderr}`);
      assert.match(run.stderr, /--jobs/);
    }
  });

  it("treats the workers' own argument typed on a command line as an unknown command (exit 2), not a crash", () => {
    const run = runBuiltCli(['--mathpost-check-worker'], blog.blog);
    assert.equal(run.status, 2, run.stderr);
    assert.match(run.stderr, /unknown command '--mathpost-check-worker'/);
    assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace');
  });
});
