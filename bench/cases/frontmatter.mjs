// frontmatter.post: validating one typical post vs hexo-front-matter parsing it (what Hexo does).
// frontmatter.blog-10k: `mathpost check` over 10,000 generated posts vs a script that reads and
// parses them with hexo-front-matter. Both sides are child processes started the same way, so
// Node's start-up is on both clocks.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateBlog } from '../lib/blog.mjs';
import { compare, median, spread } from '../lib/harness.mjs';
import { NotAvailable, repoRoot, requireFromRoot } from '../lib/ours.mjs';
import { createOurValidator } from '../lib/ourSides.mjs';

const hexoFrontMatter = requireFromRoot('hexo-front-matter');
const HEXO = 'hexo-front-matter 4.2.1 parse';
export const typicalPostPath = join(repoRoot, 'examples/blog/source/_posts/kl-divergence.md');

export const frontMatterPost = {
  name: 'frontmatter.post',
  goal: '≤ 2 ms',
  meets: (r) => r.ours_ms <= 2,
  async run({ quick }) {
    const text = readFileSync(typicalPostPath, 'utf8');
    let validate;
    let why;
    try {
      validate = createOurValidator(typicalPostPath, text);
    } catch (error) {
      if (!(error instanceof NotAvailable)) throw error;
      why = error.message;
    }
    const result = await compare({
      ours: validate ?? null,
      baseline: () => hexoFrontMatter.parse(text),
      warmup: 50,
      batch: 20,
      minRuns: quick ? 5 : 30,
      maxRuns: quick ? 5 : 200,
      budgetMs: quick ? 200 : 2000,
      gc: false,
    });
    if (why) return { ...result, ours_ms: null, baseline: HEXO, status: 'not available', note: why };
    return { ...result, baseline: HEXO, note: 'examples/blog/source/_posts/kl-divergence.md' };
  },
};

function runNode(args) {
  const start = performance.now();
  const result = spawnSync(process.execPath, args, { cwd: repoRoot, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  const ms = performance.now() - start;
  if (result.error) throw result.error;
  return { ms, status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export const frontMatterBlog = {
  name: 'frontmatter.blog-10k',
  goal: '≤ 5 s',
  meets: (r) => r.ours_ms <= 5000,
  async run({ quick, log }) {
    const started = performance.now();
    const blog = generateBlog({ posts: 10_000 });
    log(`  10,000 posts in ${blog.root} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
    const cli = join(repoRoot, 'dist/cli.js');
    const baselineScript = join(repoRoot, 'bench/lib/hexoParseAll.mjs');
    let why = existsSync(cli) ? undefined : 'dist/cli.js not built';
    let problems;
    const ours = () => {
      const result = runNode([cli, 'check', blog.postsFolder, '--format', 'json']);
      // 0 = clean, 1 = problems found; anything else means the check itself failed.
      if (result.status !== 0 && result.status !== 1) {
        throw new NotAvailable(`mathpost check exited ${result.status}: ${(result.stderr || result.stdout).split('\n')[0].slice(0, 160)}`);
      }
      problems ??= countProblems(result.stdout);
      // The CLI's own count on stderr ("N file(s) checked"): a check that found fewer posts measured less work.
      const checked = Number(/(\d+) file\(s\) checked/.exec(result.stderr)?.[1]);
      if (checked !== blog.posts)
        throw new Error(`mathpost check checked ${Number.isNaN(checked) ? 'an unknown number of' : checked} files, not ${blog.posts}`);
      return result.ms;
    };
    const baseline = () => {
      const result = runNode([baselineScript, blog.postsFolder]);
      if (result.status !== 0) throw new Error(`hexoParseAll failed: ${result.stderr}`);
      return result.ms;
    };
    // Child processes: the clock is the child's wall time, measured around spawnSync.
    const samples = { ours: [], baseline: [] };
    // Up to 3 interleaved runs, fewer when one pair already takes long (the suite's budget).
    const maxRuns = quick ? 1 : 3;
    const measuring = performance.now();
    let runs = 0;
    for (let i = 0; i < maxRuns && (i === 0 || performance.now() - measuring < 40_000); i++, runs++) {
      for (const side of i % 2 ? ['baseline', 'ours'] : ['ours', 'baseline']) {
        if (side === 'ours' && why) continue;
        try {
          samples[side].push(side === 'ours' ? ours() : baseline());
        } catch (error) {
          if (!(error instanceof NotAvailable)) throw error;
          why = error.message;
        }
      }
    }
    const result = {
      ours_ms: median(samples.ours),
      baseline: `${HEXO} (read + parse, one process)`,
      baseline_ms: median(samples.baseline),
      runs,
      ...spread(samples.ours, 'ours'),
      ...spread(samples.baseline, 'baseline'),
      samples: [samples.ours, samples.baseline],
    };
    if (why) return { ...result, ours_ms: null, status: 'not available', note: why };
    return {
      ...result,
      files_checked: blog.posts,
      formulas: blog.formulas,
      distinct_formulas: blog.distinctFormulas,
      note: `dist/cli.js check <10,000 posts> --format json, 10,000 files checked (the CLI's count); ${blog.distinctFormulas} distinct of ${blog.formulas} formulas${problems === undefined ? '' : `; ${problems}`}`,
    };
  },
};

function countProblems(stdout) {
  try {
    const parsed = JSON.parse(stdout);
    const items = Array.isArray(parsed) ? parsed : (parsed.diagnostics ?? parsed.files ?? parsed.results);
    if (!Array.isArray(items)) return undefined;
    return `${items.length} ${Array.isArray(parsed) ? 'entries' : 'items'} reported`;
  } catch {
    return 'output is not JSON';
  }
}
