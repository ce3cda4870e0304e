/**
 * The core as the editor adapters see it: everything src/vscode, src/preview and src/extension.ts call,
 * in one place. It is built on its own as dist/core.js and reached only through `core()` (src/coreLoader.ts),
 * so activation compiles the small adapter bundle and the core is compiled when a feature first runs.
 * The adapters import the core's TYPES directly (`import type`, erased by the build); values come from here
 * (lint-enforced). Model: vscode-markdown-languageservice's one `createLanguageService` entry point.
 * The CLI imports the core modules directly: it needs all of it at once.
 */

// One note model per version, and the check every entry point runs on it.
export { Note, NoteCache } from './note/note';
export { checkNote, StagedNoteCheck } from './checkNote';
export { checkInSlices } from './checkInSlices';
export { LineIndex } from './text';

// The blog around a note.
export { BlogService } from './blog/blogService';
export { defaultBlogConfig, findBlogRoot, noteScope } from './blog/discover';
export { joinPath } from './blog/paths';
export { defaultCodeBlockToolbar } from './blog/codeHighlightConfig';
export { acceptsImages, imageExtension, imageMimeOf, imageTargets } from './blog/imageTarget';
export { NewPostError, planNewPost, readNewPostConfig, scaffoldNames } from './blog/newPost';

// Front matter: schema, completion, hover, fixes.
export { loadSchema } from './frontMatter/schema';
export { completeFrontMatter, isInFrontMatter } from './frontMatter/complete';
export { hoverFrontMatter } from './frontMatter/hover';
export { fixAll, fixesForDiagnostic } from './frontMatter/fixes';

// Math: KaTeX, the formula hover, LaTeX completion, quick fixes.
export { MathRenderer } from './math/katexRenderer';
export { isMathDelimiterSetting, resolveMathSyntax } from './math/delimiters';
export { FormulaImages, formulaHoverAt, macroOriginAt } from './math/formulaHover';
export { loadKatexAssets, loadKatexCommands } from './math/katexAssets';
export { completionSite, katexCompletionItems, macroCompletionItems } from './math/latexCompletion';
export { noteMathOf, spanIndexAt } from './math/noteMath';
export { mathFixes } from './math/mathDiagnostics';

// KL snippets.
export { hoverAt as klHoverAt } from './kl/hover';
export { klFenceRenderer } from './kl/card';

// Rendering: the preview's incremental renderer, the export, links.
export { blockHtml, NoteRenderer } from './render/renderNote';
export { ProgressiveRender } from './render/progressiveRender';
export { moveInlineStyles } from './render/inlineStyles';
export { exportStandaloneHtmlWithReport, imageProblemList, katexCssWithEmbeddedFonts } from './render/exportHtml';
export { htmlSetting } from './render/rawHtml';
export { escapeHtml } from './render/sanitize';
export { LINK_SWALLOWS_TEXT, linkFixes } from './render/linkDiagnostics';
