/**
 * Bare URLs linked as the blog links them. hexo-renderer-markdown-it 7 runs markdown-it 13 with linkify-it 4,
 * which lets a URL run on through CJK text and full-width punctuation (`https://a.com/x中文，后面` is one link);
 * linkify-it 5+ (markdown-it 15's) stops at the punctuation, a nicer link than the reader will get.
 */
import { type LinkifyIt, linkifyItLibrary } from '../libraries';

let shared: LinkifyIt | undefined;

/**
 * A linkify-it 4 instance for markdown-it 15. markdown-it 14+ also links `scheme://` URLs from an inline rule
 * (so that emphasis cannot cut them), through `matchAtStart`, which linkify-it 4 lacks: here it is the first
 * match when that starts the text and has a scheme, the link markdown-it 13 made there.
 */
export function blogLinkify(): LinkifyIt {
  if (shared) return shared;
  const linkify = new (linkifyItLibrary())();
  linkify.matchAtStart = function (text: string) {
    const first = this.match(text)?.[0];
    return first && first.index === 0 && first.schema ? first : null;
  };
  return (shared = linkify);
}
