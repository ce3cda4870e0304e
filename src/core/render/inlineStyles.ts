/**
 * The preview's CSP refuses parsed `style` attributes (no 'unsafe-inline'), so the preview's HTML carries them as
 * `data-mp-style`, which the webview applies through the CSSOM (src/webview/blocks.ts applyInlineStyles). The
 * rendered HTML escapes `"` in text, so ` style="` only ever starts a real attribute.
 */
export function moveInlineStyles(html: string): string {
  return html.replace(/ style="/g, ' data-mp-style="');
}
