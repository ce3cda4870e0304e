// Every benchmark, in the order of the table. Names are fixed: results are compared over time by name.
import { activation } from './activation.mjs';
import { cliRender } from './cli.mjs';
import { frontMatterBlog, frontMatterPost } from './frontmatter.mjs';
import { klHover, klTokens } from './kl.mjs';
import { mathCompletion, mathHover } from './mathAuthoring.mjs';
import { previewMemory } from './memory.mjs';
import { editRender, firstRender, firstRenderColdWorker } from './preview.mjs';
import { firstDiagnostics, firstPaint } from './realHost.mjs';
import { vsixSize } from './vsix.mjs';
import { webviewPatch } from './webview.mjs';

export const cases = [
  firstRender,
  firstRenderColdWorker,
  cliRender,
  editRender,
  webviewPatch,
  frontMatterPost,
  frontMatterBlog,
  klHover,
  klTokens,
  mathHover,
  mathCompletion,
  activation,
  vsixSize,
  previewMemory,
  firstPaint,
  firstDiagnostics,
];
