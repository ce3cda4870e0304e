/**
 * One standalone, offline HTML file for a note (command "Mathpost: Export HTML" and
 * `mathpost render`). No script at all; the CSP in the file allows only inline styles, data:
 * fonts and images, so the page loads nothing from the network except https images (when allowed).
 *
 * The caller passes the CSS texts. `katexCss` must already have its fonts inlined as data: URIs:
 * `katexCssWithEmbeddedFonts(dist/katex folder, fs)`.
 * Local images are inlined as data: URIs (exportImages.ts); one that is missing, unreadable or over
 * the size caps keeps `options.resourceUri` (the CLI and the extension pass `file:` URLs, hence
 * `file:` in the CSP) and is listed in `imageProblems`.
 */
import { joinPath } from '../blog/paths';
import type { ReadOnlyFileSystem } from '../fileSystem';
import type { MathRenderer } from '../math/katexRenderer';
import { englishText } from '../text';
import { base64Encode, DEFAULT_IMAGE_LIMITS, type ExportImageProblem, type ImageEmbedLimits, ImageEmbedder } from './exportImages';
import { blockHtml, renderNote, type RenderOptions } from './renderNote';
import { escapeHtml } from './sanitize';

export { type ExportImageProblem, type ImageEmbedLimits, imageProblemList } from './exportImages';

export interface ExportStyles {
  /** KaTeX CSS with fonts inlined as data: URIs. */
  katexCss: string;
  /** media/preview.css (and media/butterfly.css when the Butterfly look is wanted). */
  previewCss?: string;
  butterflyCss?: string;
}

export interface StandaloneExport {
  html: string;
  /** Local images left as links or markers (missing, unreadable, over a cap), in document order. */
  imageProblems: ExportImageProblem[];
}

export function exportStandaloneHtml(text: string, options: RenderOptions, styles: ExportStyles, math?: MathRenderer): string {
  return exportStandaloneHtmlWithReport(text, options, styles, math).html;
}

export function exportStandaloneHtmlWithReport(
  text: string,
  options: RenderOptions,
  styles: ExportStyles,
  math?: MathRenderer,
  limits: ImageEmbedLimits = DEFAULT_IMAGE_LIMITS,
): StandaloneExport {
  const { parts, imageProblems } = exportStandaloneHtmlParts(text, options, styles, math, limits);
  return { html: parts.join(''), imageProblems };
}

/**
 * The same page as consecutive pieces (the head, the CSS, each block...), for a caller that writes them one by
 * one (`mathpost render`): joined, the page of a CJK note is one string of 16-bit characters, several MB, that is
 * copied whole and then encoded character by character, where most pieces alone (KaTeX's markup, the CSS) are
 * 8-bit strings that encode at the speed of a copy. Measured on the 200 KB note: 85 ms to join and write, 15–30 ms
 * piece by piece.
 */
export function exportStandaloneHtmlParts(
  text: string,
  options: RenderOptions,
  styles: ExportStyles,
  math?: MathRenderer,
  limits: ImageEmbedLimits = DEFAULT_IMAGE_LIMITS,
): { parts: string[]; imageProblems: ExportImageProblem[] } {
  const images = new ImageEmbedder(options.fs, options.resourceUri ?? ((path: string) => encodeURI(path)), options.t ?? englishText, limits);
  const note = renderNote(
    text,
    {
      ...options,
      // No script in the file: heading ids are the blog's own, so `#slug` links work natively.
      headingIds: 'export',
      resourceUri: (path) => images.uri(path),
      onMissingImage: (path) => {
        images.missing(path);
        options.onMissingImage?.(path);
      },
    },
    math,
  );
  const title = note.header?.title || 'Mathpost export';
  const allowRemote = options.allowRemoteImages !== false;
  const csp = `default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src data: file:${allowRemote ? ' https:' : ''};`;
  const css = [styles.katexCss, styles.previewCss ?? '', styles.butterflyCss ?? ''].filter(Boolean).join('\n');
  const bodyClass = styles.butterflyCss ? 'mp-export mp-butterfly' : 'mp-export';
  const parts = [
    `<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Mathpost">
<title>${escapeHtml(title)}</title>
<style>
`,
    css.replace(/<\/style/gi, '<\\/style'),
    `
</style>
</head>
<body class="${bodyClass}">
<div id="mp-header">${note.headerHtml}</div>
<main id="mp-body">
`,
  ];
  note.blocks.forEach((block, i) => parts.push(i === 0 ? blockHtml(block) : `\n${blockHtml(block)}`));
  parts.push(`
</main>
</body>
</html>
`);
  return { parts, imageProblems: images.problems };
}

/**
 * KaTeX's CSS from `katexFolder` (the extension's `dist/katex`) with every `url(fonts/x.woff2)` replaced by a
 * data: URI, for the export; a font that cannot be read is left as a link (only its glyph family degrades).
 * Undefined when the CSS itself cannot be read. One reading for the export command and the CLI.
 */
export function katexCssWithEmbeddedFonts(katexFolder: string, fs: ReadOnlyFileSystem): string | undefined {
  const css = fs.readFile(joinPath(katexFolder, 'katex.min.css'));
  if (css === undefined) return undefined;
  const fonts = new Map<string, string | undefined>();
  return css.replace(/url\((['"]?)(fonts\/[^)'"]+)\1\)/g, (whole, _quote: string, url: string) => {
    if (!fonts.has(url)) {
      const bytes = fs.readBytes?.(joinPath(katexFolder, url));
      fonts.set(url, bytes ? `data:font/woff2;base64,${base64Encode(bytes)}` : undefined);
    }
    const data = fonts.get(url);
    return data ? `url(${data})` : whole;
  });
}
