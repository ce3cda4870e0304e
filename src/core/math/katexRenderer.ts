/**
 * KaTeX rendering with a cache keyed by formula source, display mode and the macro state before
 * the formula. `\newcommand`/`\gdef` write into the macro table shared by one note (KaTeX
 * `globalGroup: true`), so a formula's output depends on the definitions before it: the macro
 * state carries a signature that changes with every defining formula, and cache entries of
 * defining formulas remember the table they leave behind.
 */
import { flatString } from '../flatString';
import { katexLibrary } from '../libraries';
import { checkWithKatex } from './formulaCheck';
import { expansionLimitError, formulaLimitError } from './formulaLimits';
import { KATEX_OPTIONS_SIGNATURE, MACRO_DEFINITION_PATTERN, katexOptionsFor } from './katexOptions';
import { type MathPrefetch, WorkerPrefetch } from './workerPrefetch';

export type { MathPrefetch } from './workerPrefetch';

// The limits moved to their own file; these names stay importable from here (tests, the worker).
export { MAX_EXPANDED_LENGTH, MAX_FORMULA_LENGTH, MAX_FORMULA_NESTING, expansionLimitError, formulaLimitError } from './formulaLimits';

export interface MathError {
  /** KaTeX's message without the "KaTeX parse error: " prefix. */
  message: string;
  /** Offset of the offending token in the TeX source, when KaTeX knows it. */
  position?: number;
  length?: number;
}

export interface MathResult {
  /** KaTeX HTML, or '' when the formula has an error. */
  html: string;
  error?: MathError;
}

/** The macro table of one note while it is being rendered, in document order. */
export interface MacroState {
  macros: Record<string, unknown>;
  /** Identifies the definitions seen so far (interned, short). */
  signature: string;
}

interface CacheEntry extends MathResult {
  signatureAfter?: string;
  macrosAfter?: Record<string, unknown>;
}

const DEFAULT_MAX_ENTRIES = 20_000;

/** One formula to render: its TeX and whether it is display math. */
export interface FormulaJob {
  tex: string;
  display: boolean;
}

/**
 * KaTeX off the calling thread (worker threads, src/node/katexPool.ts): `renderChunk` renders each formula
 * with `renderFormula` and a fresh copy of `macros`, exactly as MathRenderer would on this thread.
 */
export interface ParallelMath {
  /** How many chunks can run at once (the workers); 0 when there is no parallelism to use. */
  readonly size: number;
  renderChunk(formulas: readonly FormulaJob[], macros: Readonly<Record<string, string>>): Promise<MathResult[]>;
  /**
   * True while workers that a render starts would slow that render down (none is running, and the machine has too
   * few cores for them to load and compile KaTeX beside this thread): the render goes alone, then calls `warmUp`.
   */
  readonly cold?: boolean;
  /** Starts the workers and has them compile KaTeX on `formulas` (the results are dropped), for the next renders. */
  warmUp?(formulas: readonly FormulaJob[], macros: Readonly<Record<string, string>>): void;
}

/** Below this many formulas to render, a note is rendered on the calling thread only (workers cost more than they save). */
export const MIN_PARALLEL_FORMULAS = 96;

export class MathRenderer {
  private readonly cache = new Map<string, CacheEntry>();
  /** Errors found by `check` (parse only) for formulas this renderer has not rendered: `null` for none. */
  private readonly checked = new Map<string, MathError | null>();
  private readonly signatures = new Map<string, string>();
  private hits = 0;
  private misses = 0;

  constructor(private readonly maxEntries = DEFAULT_MAX_ENTRIES) {}

  /** A fresh macro state for a note: settings and blog macros, nothing defined by the note yet. */
  beginNote(baseMacros: Readonly<Record<string, string>> = {}): MacroState {
    const base = Object.keys(baseMacros)
      .sort()
      .map((name) => `${name}\u0001${baseMacros[name]}`)
      .join('\u0002');
    return { macros: { ...baseMacros }, signature: this.intern(`${KATEX_OPTIONS_SIGNATURE}\u0003${base}`) };
  }

  /**
   * Called on a cache miss before this thread renders the formula itself, with the formula's cache key: results
   * rendered meanwhile on worker threads may be put in the cache now (src/core/math/parallelFill.ts).
   */
  onMiss: ((key: string) => void) | undefined;

  /** Render one formula in the note's macro state (which it may change). Never throws. */
  render(tex: string, displayMode: boolean, state: MacroState): MathResult {
    const key = `${state.signature}\u0000${displayMode ? 'D' : 'I'}${tex}`;
    if (this.onMiss && !this.cache.has(key)) this.onMiss(key);
    const cached = this.cache.get(key);
    if (cached) {
      this.hits++;
      if (cached.macrosAfter && cached.signatureAfter) {
        state.macros = { ...cached.macrosAfter };
        state.signature = cached.signatureAfter;
      }
      return cached;
    }
    this.misses++;
    const entry: CacheEntry = renderWithKatex(tex, displayMode, state.macros);
    // Cached for the whole session: one flat string, not KaTeX's tree of pieces for the GC to walk.
    entry.html = flatString(entry.html);
    if (MACRO_DEFINITION_PATTERN.test(tex)) {
      state.signature = this.intern(`${state.signature}\u0004${tex}`);
      entry.signatureAfter = state.signature;
      entry.macrosAfter = { ...state.macros };
    }
    this.remember(key, entry);
    return entry;
  }

  /**
   * The error `render` would give, without building HTML when it can (the diagnostics need only the error;
   * see formulaCheck.ts): a rendered formula's cached error, else KaTeX's parse. A formula that defines
   * macros is rendered, so the macro state and its signature move on exactly as in `render`.
   */
  check(tex: string, displayMode: boolean, state: MacroState): MathError | undefined {
    if (MACRO_DEFINITION_PATTERN.test(tex)) return this.render(tex, displayMode, state).error;
    const key = `${state.signature}\u0000${displayMode ? 'D' : 'I'}${tex}`;
    const rendered = this.cache.get(key);
    if (rendered) return rendered.error;
    const known = this.checked.get(key);
    if (known !== undefined) return known ?? undefined;
    const error = checkWithKatex(tex, displayMode, state.macros);
    setBounded(this.checked, key, error ?? null, this.maxEntries);
    return error;
  }

  /** The cache key of a formula rendered with the note's base macros only (no definition before it in the note). */
  baseKey(baseMacros: Readonly<Record<string, string>>, job: FormulaJob): string {
    return `${this.beginNote(baseMacros).signature}\u0000${job.display ? 'D' : 'I'}${job.tex}`;
  }

  /** Caches a result rendered elsewhere under `baseKey` (same function and options as `render`); the first one stays. */
  storeRendered(key: string, result: MathResult): void {
    if (this.cache.has(key)) return;
    this.misses++;
    this.remember(key, result);
  }

  /**
   * The preview's parallel half (ProgressiveRender): the workers render the note's uncached formulas into the cache,
   * in the order the slices reach them (`formulas` rotated at `startAt`, the first formula below the visible range),
   * `CHUNKS_IN_FLIGHT` chunks per worker at a time, while this thread follows them with the rest of each block (see
   * `MathPrefetch`). Formulas from the first macro definition on are left to the render, which runs them in order.
   * `wanted()` false stops the sending (a newer version of the note came in). Undefined when there is nothing to
   * share: no worker, or fewer than MIN_PARALLEL_FORMULAS uncached formulas.
   */
  prefetch(
    formulas: readonly FormulaJob[],
    startAt: number,
    baseMacros: Readonly<Record<string, string>>,
    parallel: ParallelMath | undefined,
    wanted: () => boolean = () => true,
  ): MathPrefetch | undefined {
    if (!parallel || parallel.size < 1) return undefined;
    const { signature } = this.beginNote(baseMacros);
    const definition = formulas.findIndex((job) => MACRO_DEFINITION_PATTERN.test(job.tex));
    const usable = definition === -1 ? formulas.length : definition;
    const from = Math.min(startAt, usable);
    const keys = formulas.slice(0, usable).map((job) => `${signature}\u0000${job.display ? 'D' : 'I'}${job.tex}`);
    const todo: number[] = [];
    const queued = new Set<string>();
    for (let step = 0; step < usable; step++) {
      const index = (from + step) % usable;
      if (queued.has(keys[index]) || this.cache.has(keys[index])) continue;
      queued.add(keys[index]);
      todo.push(index);
    }
    if (todo.length < MIN_PARALLEL_FORMULAS) return undefined;
    return new WorkerPrefetch(this, formulas, keys, todo, baseMacros, parallel, wanted);
  }

  /** Whether the cache holds `key` (a key of `baseKey`'s form). */
  has(key: string): boolean {
    return this.cache.has(key);
  }

  /** Cache statistics since the last reset (for tests and the benchmark's description). */
  stats(): { hits: number; misses: number; size: number } {
    return { hits: this.hits, misses: this.misses, size: this.cache.size };
  }

  resetStats(): void {
    this.hits = 0;
    this.misses = 0;
  }

  clear(): void {
    this.cache.clear();
    this.checked.clear();
    this.signatures.clear();
  }

  private remember(key: string, entry: CacheEntry): void {
    setBounded(this.cache, key, entry, this.maxEntries);
  }

  private intern(long: string): string {
    let id = this.signatures.get(long);
    if (id === undefined) {
      id = `s${this.signatures.size}`;
      this.signatures.set(long, id);
    }
    return id;
  }
}

function setBounded<T>(cache: Map<string, T>, key: string, value: T, maxEntries: number): void {
  if (cache.size >= maxEntries) {
    // Map iterates in insertion order: drop the oldest tenth.
    let drop = Math.ceil(maxEntries / 10);
    for (const oldKey of cache.keys()) {
      cache.delete(oldKey);
      if (--drop <= 0) break;
    }
  }
  cache.set(key, value);
}

/** One formula through the limits and KaTeX (the preview's options); `macros` is the note's table. Never throws. */
export function renderWithKatex(tex: string, displayMode: boolean, macros: Record<string, unknown>): MathResult {
  const limit = formulaLimitError(tex) ?? expansionLimitError(tex, macros);
  if (limit) return { html: '', error: limit };
  try {
    return { html: katexLibrary().renderToString(tex, katexOptionsFor(displayMode, macros)) };
  } catch (error) {
    return { html: '', error: toMathError(error) };
  }
}

export function toMathError(error: unknown): MathError {
  if (error instanceof katexLibrary().ParseError) {
    const position = typeof error.position === 'number' ? error.position : undefined;
    const length = typeof error.length === 'number' ? error.length : undefined;
    return { message: error.rawMessage || error.message, position, length };
  }
  // KaTeX can throw plain errors on pathological input (e.g. too many expansions in older versions).
  if (error instanceof RangeError) return { message: 'Formula nested too deeply to render (the stack ran out)' };
  return { message: error instanceof Error ? error.message : String(error) };
}

/**
 * One formula rendered as the preview renders it (same options, limits and macros: `renderToString` is
 * `__renderToDomTree(…).toMarkup()` in KaTeX), keeping KaTeX's build tree, whose box metrics size the
 * hover image. `macros` is used as the note's table (definitions in the formula are written into it).
 */
export function renderFormulaTree(tex: string, displayMode: boolean, macros: Record<string, unknown>): { html: string; tree?: unknown; error?: MathError } {
  const limit = formulaLimitError(tex) ?? expansionLimitError(tex, macros);
  if (limit) return { html: '', error: limit };
  try {
    const katex = katexLibrary() as unknown as { __renderToDomTree(tex: string, options: object): { toMarkup(): string } };
    const tree = katex.__renderToDomTree(tex, katexOptionsFor(displayMode, macros));
    return { html: tree.toMarkup(), tree };
  } catch (error) {
    return { html: '', error: toMathError(error) };
  }
}
