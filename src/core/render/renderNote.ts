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
import { BlockTexts, cacheKeyOf, hashString, PENDING_KEY, placeholderHtml } from './blockTexts';
import { type NotePrefetch, noteBaseMacros, noteFormulaJobs, prefetchNoteMath } from './prefetchMath';

export type { RenderOptions } from './blockRenderer';
export type { FenceRenderer } from './markdown';

/**
 * Formulas a cold worker renders to warm up: enough calls for V8 to optimise KaTeX's code (~100–150 ms of a worker's
 * time on the benchmark machine), while the person reads the note just rendered.
 */
const WARM_UP_FORMULAS = 400;

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
  /** The block's source when the pass rendered it ('' for a placeholder), for `prefetch` to tell what is new. */
  text: string;
}

/** The wrapper every block gets in the preview and in exported HTML. */
export function blockHtml(block: RenderedBlock): string {
  return `<div class="mp-block" id="mp-${block.id}" data-line="${block.startLine}" data-line-end="${block.endLine}">${block.html}</div>`;
}

export class NoteRenderer {
  readonly math: MathRenderer;
  private readonly blocks: BlockRenderer;
  private readonly cache = new Map<string, BlockCacheEntry>();
  /** What a pass asks of each block text, asked once per text (blockTexts.ts). */
  private readonly texts: BlockTexts;
  private readonly volatileFence: RegExp | undefined;
  /** Per fence renderer: the fences it takes, and its cache key (when it gives one). */
  private readonly fenceKeys: Array<{ fence: RegExp; cacheKey: FenceRenderer['cacheKey'] }>;
  private previous: PassBlock[] = [];
  private previousHeader = '';
  private headerSource: string | undefined;
  private headerCache: { card: HeaderCard | undefined; html: string } = { card: undefined, html: '' };
  private nextId = 1;
  /** A render declined cold workers (see `prefetch`): they warm up once it is whole. */
  private warmUpAfterRender = false;

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
    this.texts = new BlockTexts(this.volatileFence);
    this.fenceKeys = renderers.map(([, renderer], i) => ({ fence: fenceOf([languages[i]]), cacheKey: renderer.cacheKey }));
  }

  /**
   * While the preview renders `note` in slices from line `fromLine` on: puts the workers of `options.parallelMath` on
   * its formulas in the slices' order (prefetchNoteMath), for the slices to follow. Undefined when the workers have
   * nothing to do (no pool, or few new formulas). `wanted()` false stops them.
   */
  prefetch(note: Note, fromLine: number, wanted: () => boolean): NotePrefetch | undefined {
    const parallel = this.options.parallelMath;
    if (!parallel?.size || !this.mayHoldManyNewFormulas(note)) return undefined;
    if (parallel.cold) {
      this.warmUpAfterRender = true;
      return undefined;
    }
    const fromOffset = note.lines.starts[Math.min(Math.max(0, fromLine), note.lines.starts.length - 1)] ?? 0;
    return prefetchNoteMath(note, fromOffset, this.options, this.math, parallel, wanted);
  }

  /** A render declined cold workers: `warmUpWorkers` has them warm up. */
  get warmUpPending(): boolean {
    return this.warmUpAfterRender;
  }

  /**
   * Once a render is whole that left cold workers alone (ParallelMath.cold): has them start and compile KaTeX on the
   * note's formulas, so that the next long note's first render finds them warm.
   */
  warmUpWorkers(note: Note): void {
    if (!this.warmUpAfterRender) return;
    this.warmUpAfterRender = false;
    this.options.parallelMath?.warmUp?.(noteFormulaJobs(note, this.options).slice(0, WARM_UP_FORMULAS), noteBaseMacros(this.options));
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
  private fenceKey(block: SourceBlock, note: Note, mayHoldFence = this.texts.factsOf(block.text).mayHoldRendererFence): string | undefined {
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
    const facts = sourceBlocks.map((block) => this.texts.factsOf(block.text));
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
      this.texts.keepOnly(sourceBlocks);
    }
    return { passBlocks, rendered, pending };
  }

  /** Common prefix and suffix keep their ids; the middle is removed and added. */
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

/** One-shot render (CLI, export, tests). */
export function renderNote(text: Note | string, options: RenderOptions = {}, math?: MathRenderer): RenderedNote {
  return new NoteRenderer(options, math).render(text);
}
