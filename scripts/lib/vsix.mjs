// What `npm run package` hands to vsce, shared with the test that lists the VSIX's files.
//
// The README has screenshots (docs/images/*.png, made by `npm run screenshots`) with relative links, which read well
// in the repository. A VSIX cannot show them: vsce only accepts https images (and refuses relative links unless
// --baseImagesUrl names a public host, which Mathpost does not have), and VS Code's extension page only loads
// https:/data: images. So the VSIX gets its own README, dist/README.md: the same text with the screenshot block
// (between <!-- screenshots --> and <!-- /screenshots -->) replaced by one sentence. Nothing else may be relative.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './paths.mjs';

export const vsixReadme = 'dist/README.md';
/** What decides the VSIX's files: `vsce ls ...vsceFileOptions` lists exactly what `vsce package` packs. */
export const vsceFileOptions = ['--no-dependencies', '--readme-path', vsixReadme];
// --allow-missing-repository: there is no public repository yet, and a placeholder URL would be a lie (issue #14).
export const vscePackageOptions = [...vsceFileOptions, '--allow-missing-repository'];

const SCREENSHOTS = /<!-- screenshots -->[\s\S]*?<!-- \/screenshots -->/g;
// vsce's own pattern for markdown links and images (package.js, MarkdownProcessor).
const MARKDOWN_LINK = /(!?)\[([^\][]*|!\[[^\][]*]\([^)]+\))\]\(([^)]+)\)/g;

export function readmeForVsix(markdown) {
  const text = markdown.replace(SCREENSHOTS, '*Screenshots of the preview, the Problems panel and a KL hover are in the repository, `docs/images/`.*');
  const relative = [...text.matchAll(MARKDOWN_LINK)].map((match) => match[3]).filter((link) => !/^(\w+:|#)/.test(link));
  if (relative.length > 0) throw new Error(`README.md has relative links outside the screenshot block, which vsce cannot package: ${relative.join(', ')}`);
  return text;
}

/** Writes dist/README.md of the checkout at `root` (the bench packages a copy of the checkout). */
export function writeVsixReadme(root = repoRoot) {
  writeFileSync(join(root, vsixReadme), readmeForVsix(readFileSync(join(root, 'README.md'), 'utf8')));
}
