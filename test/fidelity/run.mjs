// The `fidelity` tier: every post of test/fixtures/fidelity/posts rendered by real Hexo 8 + Butterfly 5.7
// (hexoOracle.mjs) and by Mathpost's render core (body only), compared element by element (compare.mjs).
// Posts are rendered under the blog config test/fixtures/fidelity/configs/default.yml; posts with code fences
// also under every other config there (highlight settings). Prints `N identical of M`, every remaining
// difference, and fails when fewer than REQUIRED_SHARE of the renders are identical.
//   node test/fidelity/run.mjs [--only <post-name-substring>] [--config <name>]
// Needs a build (`node scripts/build.mjs`: it uses out/src).
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { repoRoot } from '../../scripts/lib/paths.mjs';
import { tierSummary } from '../../scripts/lib/workspace.mjs';
import { compareBodies } from './compare.mjs';
import { createOracleBlog } from './hexoOracle.mjs';
import { mathpostBody } from './mathpostRender.mjs';

/** The gate, in one place: the share of renders that must come out identical to the blog's. */
export const REQUIRED_SHARE = 0.95;
/** The issue asks for a corpus of at least this many posts. */
const MINIMUM_POSTS = 40;

const fixtures = join(repoRoot, 'test', 'fixtures', 'fidelity');
const args = process.argv.slice(2);
const option = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const only = option('--only');
const onlyConfig = option('--config');

const hasFence = (text) => /^\s*(?:```|~~~)/m.test(text);

async function main() {
  const posts = readdirSync(join(fixtures, 'posts'))
    .filter((name) => name.endsWith('.md'))
    .sort();
  const configs = readdirSync(join(fixtures, 'configs'))
    .filter((name) => name.endsWith('.yml'))
    .map((name) => basename(name, '.yml'))
    .sort((a, b) => (a === 'default' ? -1 : b === 'default' ? 1 : a.localeCompare(b)));
  let passed = 0;
  let failed = 0;
  const check = (ok, what) => {
    if (ok) passed++;
    else failed++;
    console.log(`${ok ? '  ok  ' : '  FAIL'} ${what}`);
  };

  const rows = [];
  const differences = [];
  let oracleErrors = 0;
  for (const config of configs) {
    if (onlyConfig && config !== onlyConfig) continue;
    const blog = await createOracleBlog(readFileSync(join(fixtures, 'configs', `${config}.yml`), 'utf8'));
    try {
      let identical = 0;
      let total = 0;
      for (const name of posts) {
        if (only && !name.includes(only)) continue;
        const text = readFileSync(join(fixtures, 'posts', name), 'utf8');
        if (config !== 'default' && !hasFence(text)) continue;
        let blogHtml;
        try {
          blogHtml = await blog.render(name, text);
        } catch (error) {
          oracleErrors++;
          console.log(`hexo could not render ${name} (${config}): ${error instanceof Error ? error.message : error}`);
          continue;
        }
        const ours = mathpostBody(text, join(blog.base, 'source', '_posts', name).replace(/\\/g, '/'));
        const found = compareBodies(ours, blogHtml);
        total++;
        if (found.length === 0) identical++;
        for (const difference of found) differences.push({ post: name, config, ...difference });
      }
      rows.push({ config, identical, total });
    } finally {
      blog.dispose();
    }
  }

  const clip = (text) => (text.length > 400 ? `${text.slice(0, 400)}…` : text);
  if (differences.length) console.log(`\nremaining differences (${differences.length}):`);
  for (const difference of differences) {
    console.log(`- ${difference.post} [${difference.config}] at ${difference.path}\n    ours: ${clip(difference.ours)}\n    blog: ${clip(difference.blog)}`);
  }
  console.log('\n| blog config | identical | posts |\n|---|---|---|');
  for (const row of rows) console.log(`| ${row.config} | ${row.identical} | ${row.total} |`);
  const identical = rows.reduce((sum, row) => sum + row.identical, 0);
  const total = rows.reduce((sum, row) => sum + row.total, 0);
  const share = total ? identical / total : 0;
  console.log(`\n${identical} identical of ${total} (${(share * 100).toFixed(1)}%; required ${(REQUIRED_SHARE * 100).toFixed(0)}%)\n`);

  // The comparator must be able to fail: the blog's own HTML is identical to itself, and one changed
  // attribute value or word in it is found.
  const sample = '<p class="a b">x <strong>y</strong></p>\n<figure class="highlight js"><table><tr><td>1</td></tr></table></figure>';
  check(compareBodies(sample, sample).length === 0, 'the comparator finds a body identical to itself');
  check(
    compareBodies(sample.replace('highlight js', 'highlight ts'), sample).length === 1 && compareBodies(sample.replace('y<', 'z<'), sample).length === 1,
    'the comparator finds one changed class and one changed word',
  );
  check(oracleErrors === 0, 'real Hexo rendered every post');
  if (!only && !onlyConfig) check(posts.length >= MINIMUM_POSTS, `the corpus has at least ${MINIMUM_POSTS} posts (${posts.length})`);
  check(share >= REQUIRED_SHARE, `at least ${(REQUIRED_SHARE * 100).toFixed(0)}% of the renders are identical to the blog's (${identical} of ${total})`);
  console.log(tierSummary('fidelity', passed, failed));
  process.exitCode = failed > 0 ? 1 : 0;
}

try {
  await main();
} catch (error) {
  console.error(`fidelity: crashed: ${error instanceof Error ? error.stack : error}`);
  console.log(tierSummary('fidelity', 0, 1));
  process.exitCode = 1;
}
