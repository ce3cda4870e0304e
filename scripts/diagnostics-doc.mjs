// Writes docs/diagnostics.md and docs/diagnostics.zh-cn.md from src/core/diagnosticCatalogue.json (after `npm run build`).
//   node scripts/diagnostics-doc.mjs
// test/unit/cli/diagnosticDocs.test.ts fails when the committed files differ from what this writes.
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { repoRoot } from './lib/paths.mjs';

const { diagnosticsMarkdown } = createRequire(import.meta.url)(join(repoRoot, 'out/src/core/diagnosticCatalogue.js'));
for (const [locale, name] of [
  ['en', 'diagnostics.md'],
  ['zh-cn', 'diagnostics.zh-cn.md'],
]) {
  writeFileSync(join(repoRoot, 'docs', name), diagnosticsMarkdown(locale));
  console.log(`wrote docs/${name}`);
}
