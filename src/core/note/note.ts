/**
 * The note model: one object per document version that every feature reads — the text, its lines,
 * Hexo's front-matter split (the ONE splitter, core/frontMatter/split.ts), the parsed front matter
 * with positions, the top-level blocks — each computed on first use and kept for the version.
 * Features that scan the body (math spans, KL snippets and fences) keep their results here too, through
 * `derived`, so the validator, the math checks, the KL analysis and the renderer share one scan.
 * Model: markdown-language-features' token cache per uri + version (src/markdownEngine.ts).
 */
import { parseFrontMatter, type ParsedFrontMatter } from '../frontMatter/parse';
import { splitFrontMatter, type SplitResult } from '../frontMatter/split';
import { LineIndex } from '../text';
import { lineAtOrAfter, splitBlocks, splitLines, type NoteLines, type SourceBlock, type SplitOptions } from './blocks';

export class Note {
  private linesCache: NoteLines | undefined;
  private lineIndexCache: LineIndex | undefined;
  private frontMatterCache: ParsedFrontMatter | undefined;
  private splitCache: SplitResult | undefined;
  private bodyLineCache: number | undefined;
  private readonly derivedCache = new Map<string, unknown>();

  constructor(
    readonly text: string,
    /** Who the note is (a URI or a path); '' for a text without a document. */
    readonly uri = '',
    /** The document version the text belongs to (0 without a document). */
    readonly version = 0,
  ) {}

  /** The note itself when given one, else a model of the text (for callers that only have text). */
  static of(note: Note | string): Note {
    return typeof note === 'string' ? new Note(note) : note;
  }

  get lines(): NoteLines {
    return (this.linesCache ??= splitLines(this.text));
  }

  get lineIndex(): LineIndex {
    return (this.lineIndexCache ??= new LineIndex(this.text));
  }

  /** The front matter parsed with positions (YAML or `;;;` JSON), after Hexo's split. */
  get frontMatter(): ParsedFrontMatter {
    return (this.frontMatterCache ??= parseFrontMatter(this.text));
  }

  /** Hexo's split: where the front matter is and where the body (what Hexo renders) starts. */
  get split(): SplitResult {
    // Without parsing the YAML: the preview needs only where the body starts on every keystroke.
    return (this.splitCache ??= this.frontMatterCache?.split ?? splitFrontMatter(this.text));
  }

  /** The first body line (0 when the note has no front matter). */
  get bodyLine(): number {
    return (this.bodyLineCache ??= lineAtOrAfter(this.lines, this.split.bodyStart));
  }

  /** The text of the lines before the body (the front matter with its separators). */
  get headSource(): string {
    return this.lines.lines.slice(0, this.bodyLine).join('\n');
  }

  /** The body's top-level blocks (see blocks.ts), for the options' math delimiters. */
  blocks(options: SplitOptions = {}): SourceBlock[] {
    const key = `blocks:${options.dollarBlocks ? 1 : 0}${options.bracketBlocks ? 1 : 0}`;
    return this.derived(key, () => splitBlocks(this.lines, this.bodyLine, options));
  }

  /**
   * A value computed once per note version under `key` (math scan per delimiter syntax, KL
   * snippets...). `compute` must depend only on the note and on what `key` names.
   */
  derived<T>(key: string, compute: (note: Note) => T): T {
    if (this.derivedCache.has(key)) return this.derivedCache.get(key) as T;
    const value = compute(this);
    this.derivedCache.set(key, value);
    return value;
  }
}

/**
 * One Note per open document: a new version replaces the old one, so every feature that asks for the
 * same version gets the same object (and its scans). Bounded: closed documents are forgotten.
 */
export class NoteCache {
  private readonly notes = new Map<string, Note>();

  constructor(private readonly capacity = 32) {}

  get(uri: string, version: number, text: () => string): Note {
    const cached = this.notes.get(uri);
    if (cached && cached.version === version) return cached;
    const note = new Note(text(), uri, version);
    this.notes.delete(uri);
    this.notes.set(uri, note);
    if (this.notes.size > this.capacity) this.notes.delete(this.notes.keys().next().value as string);
    return note;
  }

  forget(uri: string): void {
    this.notes.delete(uri);
  }
}
