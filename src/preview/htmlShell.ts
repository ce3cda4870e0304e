/**
 * The one function that builds the preview's HTML shell. Everything the webview may load is
 * listed here: our script (with a fresh nonce), our and KaTeX's CSS and fonts, images from the
 * allowed roots, https images unless the setting blocks them, data: images. No inline script or
 * style, no frames, no forms, no remote scripts/styles/fonts.
 */
import { randomBytes } from 'node:crypto';
import { core } from '../coreLoader';

export interface ShellOptions {
  /** `webview.cspSource`. */
  cspSource: string;
  nonce: string;
  scriptUri: string;
  styleUris: readonly string[];
  allowRemoteImages: boolean;
  /** The note's URI (kept in the page so the webview can store it for the serializer). */
  documentUri: string;
  bodyClasses: readonly string[];
  title: string;
  /** The visible part of the note, rendered by the host (issue #15: painted before any message). */
  initial?: { headerHtml: string; bodyHtml: string };
}

export function createNonce(): string {
  return randomBytes(18)
    .toString('base64')
    .replace(/[^A-Za-z0-9]/g, '');
}

export function contentSecurityPolicy(options: Pick<ShellOptions, 'cspSource' | 'nonce' | 'allowRemoteImages'>): string {
  const images = `${options.cspSource}${options.allowRemoteImages ? ' https:' : ''} data:`;
  return [
    "default-src 'none'",
    `img-src ${images}`,
    `style-src ${options.cspSource}`,
    `font-src ${options.cspSource}`,
    `script-src 'nonce-${options.nonce}'`,
    "form-action 'none'",
    "frame-src 'none'",
    "base-uri 'none'",
  ].join('; ');
}

export function previewShellHtml(options: ShellOptions): string {
  const { escapeHtml } = core();
  const styles = options.styleUris.map((uri) => `<link rel="stylesheet" href="${escapeHtml(uri)}">`).join('\n');
  return `<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(contentSecurityPolicy(options))}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(options.title)}</title>
${styles}
</head>
<body class="${escapeHtml(options.bodyClasses.join(' '))}" data-uri="${escapeHtml(options.documentUri)}">
<div id="mp-header">${options.initial?.headerHtml ?? ''}</div>
<main id="mp-body">${options.initial?.bodyHtml ?? ''}</main>
<script nonce="${escapeHtml(options.nonce)}" src="${escapeHtml(options.scriptUri)}"></script>
</body>
</html>`;
}
