/**
 * Bare URLs linked as the blog links them. hexo-renderer-markdown-it 7 runs markdown-it 13 with linkify-it 4,
 * which lets a URL run on through CJK text and full-width punctuation (`https://a.com/x中文，后面` is one link);
 * linkify-it 5+ (markdown-it 15's) stops at the punctuation, a nicer link than the reader will get. linkify-it 4
 * already has the `matchAtStart` that markdown-it's inline linkify rule calls (13 has that rule too).
 */
import { type LinkifyIt, linkifyItLibrary } from '../libraries';

let shared: LinkifyIt | undefined;

/** One linkify-it 4 instance (compiling its patterns is the expensive part; matching keeps no state between calls). */
export function blogLinkify(): LinkifyIt {
  return (shared ??= new (linkifyItLibrary())());
}
