// Baseline for cli.render-200kb: the built-in preview pipeline (baseline.mjs: markdown-it + @vscode/markdown-it-katex,
// as VS Code renders a note) run as a command-line process over one file, writing one HTML page with KaTeX's CSS,
// as `mathpost render <note> -o <file>` does (which also inlines KaTeX's fonts and the preview's CSS).
//   node bench/lib/baselineRender.mjs <note.md> <out.html>
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createBaselineEngine } from './baseline.mjs';
import { repoRoot } from './ours.mjs';

const [input, output] = process.argv.slice(2);
const body = createBaselineEngine().render(readFileSync(input, 'utf8'));
const css = readFileSync(join(repoRoot, 'node_modules/katex/dist/katex.min.css'), 'utf8');
writeFileSync(output, `<!DOCTYPE html>\n<html>\n<head>\n<meta charset="utf-8">\n<style>${css}</style>\n</head>\n<body>\n${body}</body>\n</html>\n`);
