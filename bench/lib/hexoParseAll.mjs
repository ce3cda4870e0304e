// Baseline for frontmatter.blog-10k: what Hexo does with the front matter of every post of a blog,
// read each file and parse it with hexo-front-matter 4.2.1 (the version Hexo 8.1.2 uses).
//   node bench/lib/hexoParseAll.mjs <posts folder>
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const { parse } = createRequire(import.meta.url)('hexo-front-matter');
const folder = process.argv[2];
let parsed = 0;
let failed = 0;
for (const name of readdirSync(folder)) {
  if (!name.endsWith('.md')) continue;
  try {
    parse(readFileSync(join(folder, name), 'utf8'));
    parsed++;
  } catch {
    failed++;
  }
}
process.stdout.write(JSON.stringify({ parsed, failed }) + '\n');
