/**
 * What NoteRenderer's passes ask of a block's source text — its cache key, whether it defines references, may hold
 * the excerpt marker, is needed by the blocks after it, may hold a renderer's fence — asked once per text. A pass
 * looks at each of a long note's ~1,000 blocks, and each slice of the preview is a pass: with the text itself in
 * the key and the questions asked again, every slice concatenated, hashed and searched the whole note. A Note's
 * block texts are the same string objects from pass to pass, and V8 keeps their hash, so the lookup is cheap.
 */
import type { SourceBlock } from '../note/blocks';

/** What a pass asks of a block's source text. */
export interface BlockTextFacts {
  id: string;
  referenceDefinition: boolean;
  mayHoldExcerptMarker: boolean;
  neededByLaterBlocks: boolean;
  /** Fences of a fence renderer (a `kl` card) may be in it. */
  mayHoldRendererFence: boolean;
  /** The last cache key built for the text, and from what: the same parts give the same string (its hash kept). */
  key?: string;
  keyParts?: readonly string[];
  pendingKey?: string;
}

/** The block cache key of a text: its id after `parts` (macro state, references, excerpt, tag, fence key). */
export function cacheKeyOf(facts: BlockTextFacts, parts: readonly string[]): string {
  const previous = facts.keyParts;
  if (facts.key !== undefined && previous && parts.every((part, i) => part === previous[i])) return facts.key;
  facts.keyParts = parts;
  facts.key = `${parts.join('\u0000')}\u0000${facts.id}`;
  return facts.key;
}

const REFERENCE_DEFINITION = /^ {0,3}\[[^\]]+\]:/m;
/** Blocks that may hold an excerpt marker: whether one came before them is part of their cache key. */
const MAY_HOLD_EXCERPT_MARKER = /<!-- ?more ?-->/i;
/**
 * Blocks a partial pass never defers, because the blocks after them depend on them: macro definitions
 * (the formulas after them), headings (repeated titles are numbered across the note, so a deferred one
 * would change the ids after it, and the next pass would re-send them all) and excerpt markers.
 */
const NEEDED_BY_LATER_BLOCKS =
  /\\(?:[gex]?def|let|global|(?:re|provide)?newcommand|DeclareMathOperator)(?![a-zA-Z])|^ {0,3}(?:#{1,6}(?:[ \t]|$)|=+[ \t]*$|-+[ \t]*$)|<h[1-6]|<!-- ?more ?-->/im;
/** Keys of placeholders: no real key starts with this character (a KaTeX signature does not). */
export const PENDING_KEY = '\u0001';

/** The facts of the texts of a renderer's note, by text. */
export class BlockTexts {
  private readonly facts = new Map<string, BlockTextFacts>();
  private nextId = 1;

  /** `rendererFence`: the fences of the renderer's fence renderers (e.g. `kl`), if any. */
  constructor(private readonly rendererFence: RegExp | undefined) {}

  factsOf(text: string): BlockTextFacts {
    let facts = this.facts.get(text);
    if (facts === undefined) {
      facts = {
        id: `t${this.nextId++}`,
        referenceDefinition: REFERENCE_DEFINITION.test(text),
        mayHoldExcerptMarker: MAY_HOLD_EXCERPT_MARKER.test(text),
        neededByLaterBlocks: NEEDED_BY_LATER_BLOCKS.test(text),
        mayHoldRendererFence: this.rendererFence?.test(text) ?? false,
      };
      this.facts.set(text, facts);
    }
    return facts;
  }

  /** Forgets texts no longer in the note; kept ones keep their id, so their cache keys still match. */
  keepOnly(blocks: readonly SourceBlock[]): void {
    const texts = new Set(blocks.map((block) => block.text));
    for (const text of this.facts.keys()) if (!texts.has(text)) this.facts.delete(text);
  }
}

/** Placeholders by line count: every slice of a long note's first render re-lists the ~1,000 blocks still pending. */
const placeholders = new Map<number, string>();

/** An empty box about as tall as the block will be, so the scrollbar and scroll positions are near right meanwhile. */
export function placeholderHtml(block: SourceBlock): string {
  const lines = block.endLine - block.startLine;
  let html = placeholders.get(lines);
  if (html === undefined) {
    html = `<div class="mp-pending" data-mp-style="min-height:${(lines * 1.6).toFixed(1)}em"></div>`;
    if (placeholders.size < 1000) placeholders.set(lines, html);
  }
  return html;
}

/** FNV-1a: a short key for the reference definitions of a note. */
export function hashString(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(36) + ':' + text.length;
}
