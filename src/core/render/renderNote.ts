/**
 * A note → header card + HTML blocks with source lines, and the incremental path the preview
 * uses: `NoteRenderer.update(text)` re-renders only blocks whose source (or the macros / link
 * references before them) changed, and says which blocks to remove, add and re-number.
 */
import { flatString } from '../flatString';
import { MathRenderer, MIN_PARALLEL_FORMULAS } from '../math/katexRenderer';
import type { SourceBlock } from '../note/blocks';
import { Note } from '../note/note';
import { BlockRenderer, type RenderOptions } from './blockRenderer';
import { frontMatterData } from './frontMatterData';
import { type HeaderCard, headerCard, headerHtml } from './header';
import { fillHeadingIds, HeadingIdCounter } from './headingIds';
import type { FenceRenderer, NoteReferences } from './markdown';
import { moveInlineStyles } from './inlineStyles';
import { prefetchNoteMath, prefetchNoteMathFromEnd } from './prefetchMath';

export type { RenderOptions } from './blockRenderer';
export type { FenceRenderer } from './markdown';

export interface RenderedBlock {
  /** Stable while the block's source is unchanged (across updates of one NoteRenderer). */
  id: string;
  /** First source line (0-based) and the line after the last one. */
  startLine: number;
  endLine: number;
  /** Elements inside carry `data-offset` = line relative to `startLine`. */
  html: string;
}

export interface RenderedNote {
  header: HeaderCard | undefined;
  headerHtml: string;
  /** First line of the body (after the front matter). */
  bodyLine: number;
  blocks: RenderedBlock[];
}

export interface LineChange {
  id: string;
  startLine: number;
  endLine: number;
}

export interface NotePatch {
  removed: string[];
  /** New blocks in document order; each goes before `beforeId` (null: at the end). */
  added: Array<{ block: RenderedBlock; beforeId: string | null }>;
  /** Kept blocks whose lines moved. */
  lines: LineChange[];
  /** Present when the header card changed. */
  headerHtml?: string;
}

export interface NoteUpdate {
  note: RenderedNote;
  patch: NotePatch;
  /** Blocks that went through markdown-it/KaTeX in this pass (the rest came from the cache). */
  renderedBlocks: number;
  /** Blocks left as placeholders by `update(…, shouldRender)`: a later pass renders them. */
  pendingBlocks: number;
}

/**
 * For a pass that renders part of the note (the preview's visible range first): whether to render a block
 * the cache does not hold. Blocks it declines become empty placeholders with their lines, so ids, patches
 * and scroll sync agree with the full render the later passes complete.
 */
export type RenderFilter = (block: SourceBlock) => boolean;

interface BlockCacheEntry {
  /** With heading id placeholders (`headingSlugs` fills them). */
  html: string;
  headingSlugs: string[];
  excerptMarker: boolean;
  signatureAfter?: string;
  macrosAfter?: Record<string, unknown>;
}

interface PassBlock extends RenderedBlock {
  key: string;
  /** The block's source when the pass rendered it ('' for a placeholder), for `prepare` to tell what is new. */
  text: string;
}

/** What a pass asks of a block's source text, asked once per text (`NoteRenderer.factsOf`). */
interface BlockTextFacts {
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
function cacheKeyOf(facts: BlockTextFacts, parts: readonly string[]): string {
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
const PENDING_KEY = '\u0001';

/** The wrapper every block gets in the preview and in exported HTML. */
export function blockHtml(block: RenderedBlock): string {
  return `<div class="mp-block" id="mp-${block.id}" data-line="${block.startLine}" data-line-end="${block.endLine}">${block.html}</div>`;
}

export class NoteRenderer {
  readonly math: MathRenderer;
  private readonly blocks: BlockRenderer;
  private readonly cache = new Map<string, BlockCacheEntry>();
  /**
   * Per block source text: a short id for the cache keys, and what the pass asks of the text. A pass looks at each
   * of the note's ~1,000 blocks, and a slice is a pass: with the text itself in the key and the questions asked
   * again, every pass concatenated, hashed and searched the whole note. A Note's block texts are the same string
   * objects from pass to pass, and V8 keeps their hash, so this lookup is cheap.
   */
  private readonly texts = new Map<string, BlockTextFacts>();
  private readonly volatileFence: RegExp | undefined;
  /** Per fence renderer: the fences it takes, and its cache key (when it gives one). */
  private readonly fenceKeys: Array<{ fence: RegExp; cacheKey: FenceRenderer['cacheKey'] }>;
  private previous: PassBlock[] = [];
  private previousHeader = '';
  private headerSource: string | undefined;
  private headerCache: { card: HeaderCard | undefined; html: string } = { card: undefined, html: '' };
  private nextId = 1;
  private nextTextId = 1;

  constructor(
    private readonly options: RenderOptions = {},
    math?: MathRenderer,
  ) {
    this.math = math ?? new MathRenderer();
    this.blocks = new BlockRenderer(options, this.math);
    // Also inside block quotes and list items (`> ```kl`, `- ```kl`): a quoted card reads earlier blocks too.
    const fenceOf = (languages: string[]) =>
      new RegExp(`^(?:[ \\t]*(?:>|[-*+](?=[ \\t])|\\d{1,9}[.)](?=[ \\t])))*[ \\t]*(?:\`{3,}|~{3,})[ \\t]*(?:${languages.join('|')})(?![\\w-])`, 'm');
    const renderers = Object.entries(options.fenceRenderers ?? {});
    const languages = renderers.map(([name]) => name.replace(/[^\w-]/g, '\\$&'));
    this.volatileFence = languages.length ? fenceOf(languages) : undefined;
    this.fenceKeys = renderers.map(([, renderer], i) => ({ fence: fenceOf([languages[i]]), cacheKey: renderer.cacheKey }));
  }

  /**
   * Before a render of a note with many new formulas: renders them into the KaTeX cache with the worker pool
   * of `options.parallelMath` (and this thread), yielding to the event loop as it goes. Give the returned Note
   * to `update`/`render`. Without a pool, or with few new formulas, it does nothing and the render does all.
   */
  async prepare(source: Note | string): Promise<Note> {
    const note = Note.of(source);
    if (this.options.parallelMath?.size && this.mayHoldManyNewFormulas(note)) await prefetchNoteMath(note, this.options, this.math, this.options.parallelMath);
    return note;
  }

  /**
   * While the preview renders `note` in slices from line `fromLine` on: starts the workers of `options.parallelMath`
   * on its formulas from the end backwards (MathRenderer.prefetchFromEnd), so the slices find most of them cached.
   * Undefined when the workers have nothing to do (no pool, or few new formulas). `wanted()` false stops them.
   */
  prefetchFromEnd(note: Note, fromLine: number, wanted: () => boolean): Promise<number> | undefined {
    const parallel = this.options.parallelMath;
    if (!parallel?.size || !this.mayHoldManyNewFormulas(note)) return undefined;
    const fromOffset = note.lines.starts[Math.min(Math.max(0, fromLine), note.lines.starts.length - 1)] ?? 0;
    return prefetchNoteMathFromEnd(note, fromOffset, this.options, this.math, parallel, wanted);
  }

  /**
   * Whether the blocks not rendered by the last pass may hold enough formulas for the workers: an edit must not
   * pay for scanning the whole note's math (10 ms on 200 KB, six times the edit itself). Counts delimiters, an upper bound.
   */
  private mayHoldManyNewFormulas(note: Note): boolean {
    const rendered = new Set(this.previous.map((block) => block.text));
    let delimiters = 0;
    for (const block of note.blocks({ dollarBlocks: this.blocks.syntax.dollars !== 'none', bracketBlocks: this.blocks.syntax.brackets })) {
      if (rendered.has(block.text)) continue;
      for (let at = block.text.indexOf('$'); at !== -1; at = block.text.indexOf('$', at + 1)) delimiters++;
      for (let at = block.text.indexOf('\\'); at !== -1; at = block.text.indexOf('\\', at + 1)) if ('(['.includes(block.text[at + 1])) delimiters++;
      if (delimiters >= 2 * MIN_PARALLEL_FORMULAS) return true;
    }
    return false;
  }

  /** A full render (the first one, or after the webview lost its state). */
  render(text: Note | string): RenderedNote {
    return this.update(text).note;
  }

  /**
   * Give the Note of the document version when there is one: its split and blocks are shared.
   * With `shouldRender`, uncached blocks it declines are placeholders (see `RenderFilter`).
   */
  update(source: Note | string, shouldRender?: RenderFilter): NoteUpdate {
    const note = Note.of(source);
    const bodyLine = note.bodyLine;
    const headerSource = note.headSource;
    if (headerSource !== this.headerSource) {
      this.headerSource = headerSource;
      const frontMatter = frontMatterData(note.frontMatter);
      const context = {
        notePath: this.options.notePath,
        blog: this.options.blog,
        fs: this.options.fs,
        t: this.blocks.t,
        allowRemoteImages: this.options.allowRemoteImages !== false,
        resourceUri: this.options.resourceUri ?? ((path: string) => encodeURI(path)),
      };
      const card = headerCard(frontMatter, context);
      const html = headerHtml(card, context);
      this.headerCache = { card, html: this.options.stylesAsData ? moveInlineStyles(html) : html };
    }
    const sourceBlocks = note.blocks({ dollarBlocks: this.blocks.syntax.dollars !== 'none', bracketBlocks: this.blocks.syntax.brackets });
    const { passBlocks, rendered, pending } = this.renderPass(sourceBlocks, note, shouldRender);
    const patch = this.diff(passBlocks);
    if (this.headerCache.html !== this.previousHeader) patch.headerHtml = this.headerCache.html;
    this.previousHeader = this.headerCache.html;
    this.previous = passBlocks;
    const blocks = passBlocks.map(({ id, startLine, endLine, html }) => ({ id, startLine, endLine, html }));
    return {
      note: { header: this.headerCache.card, headerHtml: this.headerCache.html, bodyLine, blocks },
      patch,
      renderedBlocks: rendered,
      pendingBlocks: pending,
    };
  }

  /**
   * A block with fences of a renderer (a `kl` card reads earlier blocks) is rendered again on every
   * pass, unless every such renderer gives a cache key for it: the key then joins the block's.
   */
  private fenceKey(block: SourceBlock, note: Note, mayHoldFence = this.factsOf(block.text).mayHoldRendererFence): string | undefined {
    if (!mayHoldFence) return '';
    let key = '';
    for (const { fence, cacheKey } of this.fenceKeys) {
      if (!fence.test(block.text)) continue;
      const part = cacheKey?.(block.text, block.startLine, block.endLine, note);
      if (part === undefined) return undefined;
      key += `${part}\u0001`;
    }
    return key;
  }

  private renderPass(sourceBlocks: SourceBlock[], note: Note, shouldRender?: RenderFilter): { passBlocks: PassBlock[]; rendered: number; pending: number } {
    const noteText = note.text;
    const references: NoteReferences = {};
    let referenceSources = '';
    const facts = sourceBlocks.map((block) => this.factsOf(block.text));
    for (let index = 0; index < sourceBlocks.length; index++) {
      const block = sourceBlocks[index];
      if (!block.hexoTag && facts[index].referenceDefinition) {
        this.blocks.collectReferences(block.text, references);
        referenceSources += block.text + '\u0000';
      }
    }
    const referencesKey = referenceSources.length ? hashString(referenceSources) : '';
    const state = this.math.beginNote(this.blocks.baseMacros());
    const passBlocks: PassBlock[] = [];
    const headingIds = new HeadingIdCounter(this.blocks.anchors);
    const used = new Set<string>();
    let rendered = 0;
    let pending = 0;
    let excerptSeen = false;
    for (let index = 0; index < sourceBlocks.length; index++) {
      const block = sourceBlocks[index];
      const { id: textId, mayHoldExcerptMarker, neededByLaterBlocks, mayHoldRendererFence } = facts[index];
      const excerptKey: string = mayHoldExcerptMarker ? String(excerptSeen) : '';
      const keyWith = (fenceKey: string | undefined): string =>
        cacheKeyOf(facts[index], [state.signature, referencesKey, excerptKey, block.hexoTag ?? '', fenceKey ?? '']);
      const fenceKey = this.fenceKey(block, note, mayHoldRendererFence);
      const isVolatile = fenceKey === undefined;
      let key = keyWith(fenceKey);
      let entry: BlockCacheEntry | undefined = isVolatile ? undefined : this.cache.get(key);
      if (!entry && shouldRender && !neededByLaterBlocks && !shouldRender(block)) {
        pending++;
        passBlocks.push({
          id: '',
          key: (facts[index].pendingKey ??= PENDING_KEY + textId),
          text: '',
          startLine: block.startLine,
          endLine: block.endLine,
          html: placeholderHtml(block),
        });
        continue;
      }
      if (entry) {
        if (entry.macrosAfter && entry.signatureAfter) {
          state.macros = { ...entry.macrosAfter };
          state.signature = entry.signatureAfter;
        }
      } else {
        const signatureBefore = state.signature;
        const { html, headingSlugs, excerptMarker } = this.blocks.render(block.text, block.hexoTag, block.startLine, state, references, noteText, excerptSeen);
        entry = { html: flatString(this.options.stylesAsData ? moveInlineStyles(html) : html), headingSlugs, excerptMarker };
        if (state.signature !== signatureBefore) {
          entry.signatureAfter = state.signature;
          entry.macrosAfter = { ...state.macros };
        }
        // A renderer may know the key only once it has rendered (a kl card learns its block's work).
        const keyAfter = isVolatile ? this.fenceKey(block, note) : fenceKey;
        if (keyAfter !== undefined) {
          key = isVolatile ? keyWith(keyAfter) : key;
          this.cache.set(key, entry);
        }
        rendered++;
      }
      used.add(key);
      excerptSeen ||= entry.excerptMarker;
      // Repeated titles are numbered across the note: a block keeps its key but its ids follow the
      // headings before it, and `diff` re-posts it when they change (it compares the html).
      const html = entry.headingSlugs.length
        ? fillHeadingIds(
            entry.html,
            entry.headingSlugs.map((slug) => headingIds.next(slug)),
            this.blocks.headingIdPrefix,
          )
        : entry.html;
      passBlocks.push({ id: '', key, text: block.text, startLine: block.startLine, endLine: block.endLine, html });
    }
    if (this.cache.size > 2 * used.size + 256) {
      for (const key of this.cache.keys()) if (!used.has(key)) this.cache.delete(key);
      // Ids of texts no longer in the note go too; kept ones keep their id, so their cache keys still match.
      const texts = new Set(sourceBlocks.map((block) => block.text));
      for (const text of this.texts.keys()) if (!texts.has(text)) this.texts.delete(text);
    }
    return { passBlocks, rendered, pending };
  }

  /** Common prefix and suffix keep their ids; the middle is removed and added. */
  private factsOf(text: string): BlockTextFacts {
    let facts = this.texts.get(text);
    if (facts === undefined) {
      facts = {
        id: `t${this.nextTextId++}`,
        referenceDefinition: REFERENCE_DEFINITION.test(text),
        mayHoldExcerptMarker: MAY_HOLD_EXCERPT_MARKER.test(text),
        neededByLaterBlocks: NEEDED_BY_LATER_BLOCKS.test(text),
        mayHoldRendererFence: this.volatileFence?.test(text) ?? false,
      };
      this.texts.set(text, facts);
    }
    return facts;
  }

  private diff(next: PassBlock[]): NotePatch {
    const old = this.previous;
    const same = (a: PassBlock, b: PassBlock): boolean => a.key === b.key && a.html === b.html;
    let prefix = 0;
    while (prefix < old.length && prefix < next.length && same(old[prefix], next[prefix])) prefix++;
    let suffix = 0;
    while (suffix < old.length - prefix && suffix < next.length - prefix && same(old[old.length - 1 - suffix], next[next.length - 1 - suffix])) suffix++;
    const patch: NotePatch = { removed: [], added: [], lines: [] };
    const keep = (from: PassBlock, to: PassBlock): void => {
      to.id = from.id;
      if (from.startLine !== to.startLine || from.endLine !== to.endLine) patch.lines.push({ id: to.id, startLine: to.startLine, endLine: to.endLine });
    };
    for (let i = 0; i < prefix; i++) keep(old[i], next[i]);
    for (let i = suffix; i > 0; i--) keep(old[old.length - i], next[next.length - i]);
    for (let i = prefix; i < old.length - suffix; i++) patch.removed.push(old[i].id);
    const beforeId = suffix > 0 ? next[next.length - suffix].id : null;
    for (let i = prefix; i < next.length - suffix; i++) {
      next[i].id = `b${this.nextId++}`;
      const { id, startLine, endLine, html } = next[i];
      patch.added.push({ block: { id, startLine, endLine, html }, beforeId });
    }
    return patch;
  }
}

/** Placeholders by line count: every slice of a long note's first render re-lists the ~1,000 blocks still pending. */
const placeholders = new Map<number, string>();

/** An empty box about as tall as the block will be, so the scrollbar and scroll positions are near right meanwhile. */
function placeholderHtml(block: SourceBlock): string {
  const lines = block.endLine - block.startLine;
  let html = placeholders.get(lines);
  if (html === undefined) {
    html = `<div class="mp-pending" data-mp-style="min-height:${(lines * 1.6).toFixed(1)}em"></div>`;
    if (placeholders.size < 1000) placeholders.set(lines, html);
  }
  return html;
}

/** FNV-1a: a short key for the reference definitions of a note. */
function hashString(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(36) + ':' + text.length;
}

/** One-shot render (CLI, export, tests). */
export function renderNote(text: Note | string, options: RenderOptions = {}, math?: MathRenderer): RenderedNote {
  return new NoteRenderer(options, math).render(text);
}
