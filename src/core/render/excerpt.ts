/**
 * `<!-- more -->`: Hexo's excerpt filter (hexo/dist/plugins/filter/after_post_render/excerpt.js) replaces the
 * first match of /<!-- ?more ?-->/i in the rendered post with `<span id="more"></span>` and cuts the excerpt
 * there; later ones stay comments, which a reader never sees. The preview keeps the blog's element and makes it
 * visible as a quiet divider through CSS only (media/preview.css, `[data-mp-excerpt]`).
 */
import type MarkdownItModule from 'markdown-it';
import { escapeHtml } from './sanitize';

/** Hexo's own pattern (not global: only the first marker of a post counts). */
export const EXCERPT_MARKER = /<!-- ?more ?-->/i;
const MARKER_AT_START = new RegExp(`^${EXCERPT_MARKER.source}`, 'i');

/** The blog's element; `label` is shown by the preview's CSS (a data attribute, not text in the post). */
export function excerptMarkerHtml(idPrefix: string, label: string): string {
  return `<span id="${escapeHtml(idPrefix)}more" data-mp-excerpt="${escapeHtml(label)}"></span>`;
}

/**
 * With raw HTML shown as text (setting "off", Restricted Mode), markdown-it would print the marker, and its
 * typographer turn it into `<!–more–>`: this rule makes it the blog's marker instead.
 */
export function excerptMarkerRule(state: MarkdownItModule.StateInline, silent: boolean): boolean {
  if (state.src.charCodeAt(state.pos) !== 0x3c /* < */ || state.src.charCodeAt(state.pos + 1) !== 0x21 /* ! */) return false;
  const match = MARKER_AT_START.exec(state.src.slice(state.pos, state.posMax));
  if (!match) return false;
  if (!silent) state.push('excerpt_marker', '', 0);
  state.pos += match[0].length;
  return true;
}
