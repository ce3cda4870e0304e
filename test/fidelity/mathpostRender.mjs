// Mathpost's side of the fidelity comparison: the render core (compiled to out/ by `node scripts/build.mjs`),
// body only, as the preview renders it for the blog around the note (raw HTML as the blog allows it).
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { repoRoot } from '../../scripts/lib/paths.mjs';

const require = createRequire(join(repoRoot, 'package.json'));
const out = (path) => join(repoRoot, 'out', 'src', path);
const { renderNote, blockHtml } = require(out('core/render/renderNote.js'));
const { findBlog } = require(out('core/blog/discover.js'));
const { NodeFileSystem } = require(out('node/nodeFileSystem.js'));
const { englishText } = require(out('core/text.js'));

/** The body HTML of the note at `notePath` (its blog found from there) with the text `text`. */
export function mathpostBody(text, notePath) {
  const fs = new NodeFileSystem();
  const blog = findBlog(notePath, fs);
  const note = renderNote(text, { blog, notePath, fs, allowHtml: true, headingIds: 'export', t: englishText, resourceUri: (path) => path });
  return note.blocks.map(blockHtml).join('\n');
}
