/**
 * What a `kl` block's card depends on, as a key the preview can cache the block's HTML under
 * (issue #10/#15: a one-line edit must not re-evaluate every kl block of the note).
 *
 * A card is a function of its own text, of the definitions its names resolve to (the latest
 * earlier block defining each name, transitively) and of the note's shared work budget. So a
 * block's key is its raw text plus the keys of the blocks defining the names it mentions: prose
 * edits change no key, and editing `P = …` changes exactly the keys of the blocks that use P
 * (directly or through another name). The budget is the one thing not named: a block's key is
 * given only when the work of every block up to it is known from an evaluation within the budget
 * and stays within it, so a card is never reused where the budget would now stop it.
 */
import type { KlAnalysis } from './analyze';
import { tokenize } from './lexer';
import { MAX_WORK_PER_NOTE } from './limits';
import { parseProgram } from './parser';
import { findKlBlocks, type KlBlockSnippet } from './snippets';
import type { Note } from '../note/note';

interface BlockNames {
  /** Names assigned in the block. */
  defines: string[];
  /** Every identifier in the block (a superset of the names it reads: over-approximating is safe). */
  mentions: string[];
}

interface NoteKeys {
  text: string;
  blocks: readonly KlBlockSnippet[];
  keys: string[];
}

/** Bounds of the per-text caches (block texts seen, block keys with a known work). */
const MAX_ENTRIES = 2048;

export class KlFenceKeys {
  private readonly names = new Map<string, BlockNames>();
  /** Work charged by the block with this key when it was evaluated (within the budget). */
  private readonly work = new Map<string, number>();
  private readonly ids = new Map<string, string>();
  private nextId = 0;
  private last: NoteKeys | undefined;

  /** The key of every kl block of the note, in order (computed once per text). */
  keysOf(note: Note): NoteKeys {
    if (this.last?.text === note.text) return this.last;
    const blocks = findKlBlocks(note);
    const definedBy = new Map<string, string>();
    const keys: string[] = [];
    for (const block of blocks) {
      const raw = note.text.slice(block.start, block.end);
      const names = this.namesOf(raw, block);
      const dependencies = names.mentions.map((name) => `${name}=${definedBy.get(name) ?? ''}`).join('\u0002');
      const key = this.idOf(`${raw}\u0001${dependencies}`);
      keys.push(key);
      for (const name of names.defines) definedBy.set(name, key);
    }
    this.last = { text: note.text, blocks, keys };
    return this.last;
  }

  /**
   * The key for the kl blocks opening on lines [startLine, endLine), or undefined when there is none
   * or the work budget could matter (unknown work of a block up to them, or a total near the limit).
   */
  keyFor(note: Note, startLine: number, endLine: number): string | undefined {
    const { blocks, keys } = this.keysOf(note);
    let spent = 0;
    const parts: string[] = [];
    for (let i = 0; i < blocks.length && blocks[i].openLine < endLine; i++) {
      const work = this.work.get(keys[i]);
      if (work === undefined) return undefined;
      spent += work;
      if (blocks[i].openLine >= startLine) parts.push(keys[i]);
    }
    if (parts.length === 0 || spent > MAX_WORK_PER_NOTE) return undefined;
    return parts.join('+');
  }

  /** Whether every block of the note has a known work (else `record` is due after evaluating it). */
  knowsAll(note: Note): boolean {
    return this.keysOf(note).keys.every((key) => this.work.has(key));
  }

  /** Keeps each block's work from an analysis of the note, when it stayed within the budget. */
  record(note: Note, analysis: KlAnalysis): void {
    const { keys } = this.keysOf(note);
    if (analysis.blocks.length !== keys.length) return;
    const total = analysis.blocks.reduce((sum, block) => sum + (block.work ?? Infinity), 0);
    if (!(total <= MAX_WORK_PER_NOTE)) return;
    if (this.work.size > MAX_ENTRIES) this.work.clear();
    analysis.blocks.forEach((block, i) => this.work.set(keys[i], block.work as number));
  }

  /** A short id per distinct text-and-dependencies (interned: no hash, so no collision). */
  private idOf(full: string): string {
    let id = this.ids.get(full);
    if (id === undefined) {
      if (this.ids.size > MAX_ENTRIES) this.ids.clear();
      id = `k${this.nextId++}`;
      this.ids.set(full, id);
    }
    return id;
  }

  private namesOf(raw: string, block: KlBlockSnippet): BlockNames {
    const cached = this.names.get(raw);
    if (cached) return cached;
    const defines = parseProgram(block.content, 0).flatMap((parsed) => (parsed.statement?.type === 'assign' ? [parsed.statement.name] : []));
    const mentions = [...new Set(tokenize(block.content, 0).flatMap((token) => (token.kind === 'identifier' ? [token.text] : [])))].sort();
    const names = { defines, mentions };
    if (this.names.size > MAX_ENTRIES) this.names.clear();
    this.names.set(raw, names);
    return names;
  }
}
