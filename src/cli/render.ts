import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs, UsageError } from './args';
import type { CliIo } from './io';
import { findBlog } from '../core/blog/discover';
import { defaultCodeHighlightConfig } from '../core/blog/codeHighlightConfig';
import { klFenceRenderer } from '../core/kl/card';
import { MathRenderer } from '../core/math/katexRenderer';
import { exportStandaloneHtmlParts, katexCssWithEmbeddedFonts } from '../core/render/exportHtml';
import { warmHighlighter } from '../core/render/codeHighlight';
import { fillDuringRender } from '../core/math/parallelFill';
import { noteBaseMacros, noteFormulaJobs } from '../core/render/prefetchMath';
import type { RenderOptions } from '../core/render/renderNote';
import { englishText } from '../core/text';
import { COLD_START_MIN_CORES, defaultPoolSize } from '../node/katexPool';
import { KatexWorkerChannel } from '../node/katexWorkerChannel';
import { NodeFileSystem } from '../node/nodeFileSystem';

/**
 * `mathpost render <post.md> [-o out.html] [--butterfly]`: one offline HTML file, fonts and local
 * images inlined. Images it could not embed are listed on stderr; the exit code stays 0 (the file is
 * written and usable, only less portable).
 */
export async function runRender(argv: readonly string[], io: CliIo): Promise<number> {
  const { positionals, options } = parseArgs(argv, [
    { name: 'output', short: 'o', takesValue: true },
    { name: 'butterfly', takesValue: false },
  ]);
  if (positionals.length !== 1) throw new UsageError('render takes exactly one note');
  const notePath = resolve(positionals[0]);
  let text: string;
  try {
    text = io.readFile(notePath);
  } catch (error) {
    throw new UsageError(`cannot read ${positionals[0]}: ${(error as Error).message}`);
  }
  const assets = assetFolder();
  const fs = new NodeFileSystem();
  const renderOptions: RenderOptions = {
    blog: findBlog(notePath.replace(/\\/g, '/'), fs),
    notePath: notePath.replace(/\\/g, '/'),
    fs,
    resourceUri: (path) => pathToFileURL(path).href,
    fenceRenderers: { kl: klFenceRenderer(englishText) },
    t: englishText,
  };
  // The formulas on worker threads while this thread renders the note (issue #15, src/core/math/parallelFill.ts),
  // for a note with many, where there are cores to spare (cliKatexWorkers). The workers boot while this thread
  // prepares what the page needs anyway (the highlighter's grammars, KaTeX's fonts); each worker gets V8's default
  // heap sizes, as this process has (a short-lived one).
  const workers = new KatexWorkerChannel({ size: cliKatexWorkers() });
  const math = new MathRenderer();
  // The note's formula list is a scan of the whole note (~40 ms for 200 KB): only for workers to share.
  const fill = workers.size > 0 ? fillDuringRender(math, noteFormulaJobs(text, renderOptions), noteBaseMacros(renderOptions), workers) : { finish: () => 0 };
  let rendered: ReturnType<typeof exportStandaloneHtmlParts>;
  try {
    warmHighlighter(renderOptions.blog?.codeHighlight ?? defaultCodeHighlightConfig(), new Set(Array.from(text.matchAll(FENCE_LANGUAGE), (match) => match[1])));
    const katexFolder = join(assets, 'dist', 'katex').replace(/\\/g, '/');
    const katexCss = katexCssWithEmbeddedFonts(katexFolder, fs);
    if (katexCss === undefined) throw new Error(`cannot read ${katexFolder}/katex.min.css`);
    rendered = exportStandaloneHtmlParts(
      text,
      renderOptions,
      {
        katexCss,
        previewCss: readFileSync(join(assets, 'media', 'preview.css'), 'utf8'),
        butterflyCss: options.has('butterfly') ? readFileSync(join(assets, 'media', 'butterfly.css'), 'utf8') : undefined,
      },
      math,
    );
  } finally {
    fill.finish();
    workers.dispose();
  }
  const { parts, imageProblems } = rendered;
  for (const problem of imageProblems) io.stderr(`warning: image not embedded: ${problem.path} (${problem.reason})\n`);
  const output = options.get('output');
  if (typeof output === 'string') {
    if (io.writeFileParts) io.writeFileParts(output, parts);
    else io.writeFile(output, parts.join(''));
    io.stderr(`wrote ${output} (${parts.reduce((bytes, part) => bytes + Buffer.byteLength(part), 0)} bytes)\n`);
  } else {
    io.stdout(parts.join(''));
  }
  return 0;
}

/**
 * KaTeX worker threads for `render`: none below COLD_START_MIN_CORES, the preview's rule for a worker that starts with
 * the render (a process's workers always do). On the 2-core machine of the benchmarks, one worker made the whole
 * process slower, not faster (cli.render-200kb, 6 interleaved runs: median 1,160 ms with it, 1,010 ms without): this
 * thread and the worker each ran KaTeX at about half the speed of one thread alone (a plain KaTeX loop over the note's
 * 1,400 formulas: ~450 ms alone, 720–800 ms each when two run at once), because V8's own compiler and GC threads,
 * which run beside one busy thread, already use the second core, and a worker compiles KaTeX a second time. With
 * more cores, as the pool: one per core but this thread's, at most MAX_WORKERS.
 */
export function cliKatexWorkers(cores = availableParallelism()): number {
  return cores >= COLD_START_MIN_CORES ? defaultPoolSize(cores) : 0;
}

const FENCE_LANGUAGE = /^ {0,3}(?:`{3,}|~{3,})[ \t]*([\w+#.-]+)/gm;

/** The extension root: dist/cli.js runs from <root>/dist, the tests from <root>/out/src/cli. */
function assetFolder(): string {
  let folder = __dirname;
  for (let i = 0; i < 4; i++) {
    if (existsSync(join(folder, 'dist', 'katex', 'katex.min.css')) && existsSync(join(folder, 'media', 'preview.css'))) return folder;
    folder = dirname(folder);
  }
  throw new Error('cannot find dist/katex and media/ next to the CLI: run `npm run build` first');
}
