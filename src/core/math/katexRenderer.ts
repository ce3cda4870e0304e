/**
 * KaTeX rendering with a cache keyed by formula source, display mode and the macro state before
 * the formula. `\newcommand`/`\gdef` write into the macro table shared by one note (KaTeX
 * `globalGroup: true`), so a formula's output depends on the definitions before it: the macro
 * state carries a signature that changes with every defining formula, and cache entries of
 * defining formulas remember the table they leave behind.
 */
import { katexLibrary } from '../libraries';
import { KATEX_OPTIONS_SIGNATURE, MACRO_DEFINITION_PATTERN, katexOptionsFor } from './katexOptions';

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

export class MathRenderer {
  private readonly cache = new Map<string, CacheEntry>();
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

  /** Render one formula in the note's macro state (which it may change). Never throws. */
  render(tex: string, displayMode: boolean, state: MacroState): MathResult {
    const key = `${state.signature}\u0000${displayMode ? 'D' : 'I'}${tex}`;
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
    if (MACRO_DEFINITION_PATTERN.test(tex)) {
      state.signature = this.intern(`${state.signature}\u0004${tex}`);
      entry.signatureAfter = state.signature;
      entry.macrosAfter = { ...state.macros };
    }
    this.remember(key, entry);
    return entry;
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
    this.signatures.clear();
  }

  private remember(key: string, entry: CacheEntry): void {
    if (this.cache.size >= this.maxEntries) {
      // Map iterates in insertion order: drop the oldest tenth.
      let drop = Math.ceil(this.maxEntries / 10);
      for (const oldKey of this.cache.keys()) {
        this.cache.delete(oldKey);
        if (--drop <= 0) break;
      }
    }
    this.cache.set(key, entry);
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

function renderWithKatex(tex: string, displayMode: boolean, macros: Record<string, unknown>): MathResult {
  try {
    return { html: katexLibrary().renderToString(tex, katexOptionsFor(displayMode, macros)) };
  } catch (error) {
    return { html: '', error: toMathError(error) };
  }
}

function toMathError(error: unknown): MathError {
  if (error instanceof katexLibrary().ParseError) {
    const position = typeof error.position === 'number' ? error.position : undefined;
    const length = typeof error.length === 'number' ? error.length : undefined;
    return { message: error.rawMessage || error.message, position, length };
  }
  // KaTeX can throw plain errors on pathological input (e.g. too many expansions in older versions).
  return { message: error instanceof Error ? error.message : String(error) };
}
