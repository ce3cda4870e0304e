/**
 * The few text types the core shares. Everything in `src/core` speaks in UTF-16 offsets into the
 * whole note (what `String.prototype.slice` and `vscode.TextDocument.positionAt` use); the adapters
 * and the CLI turn offsets into line/character positions with `LineIndex`.
 */

export interface Position {
  /** 0-based line. */
  line: number;
  /** 0-based UTF-16 column. */
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** A problem found by the core, positioned by offsets into the whole document text. */
export interface CoreDiagnostic {
  /** Stable code, e.g. `frontmatter.unknown-key`, `math.parse-error`, `kl.zero-support`. */
  code: string;
  message: string;
  severity: Severity;
  start: number;
  end: number;
  /** Whatever a quick fix for this code needs (kept JSON-serialisable). */
  data?: Record<string, unknown>;
}

/** Replace `[start, end)` of the document text with `newText`. */
export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

export interface CoreFix {
  title: string;
  /** The diagnostic code this fix answers. */
  code: string;
  edits: TextEdit[];
  isPreferred?: boolean;
}

/**
 * Translation hook. The extension passes `vscode.l10n.t`; the CLI and the tests pass `englishText`.
 * Templates use `{0}`, `{1}` placeholders, exactly as `vscode.l10n.t` does.
 */
export type Localize = (template: string, ...args: Array<string | number | boolean>) => string;

export const englishText: Localize = (template, ...args) =>
  // Without arguments every placeholder stays as written: no replace (`mathpost check` localizes many strings per post).
  args.length === 0
    ? template
    : template.replace(/\{(\d+)\}/g, (whole, index: string) => {
        const value = args[Number(index)];
        return value === undefined ? whole : String(value);
      });

/** Offset <-> position conversion for a fixed text, O(log lines) per lookup. */
export class LineIndex {
  private readonly lineStarts: number[] = [0];

  constructor(private readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code === 10 /* \n */) {
        this.lineStarts.push(i + 1);
      } else if (code === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) i++;
        this.lineStarts.push(i + 1);
      }
    }
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid] <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: clamped - this.lineStarts[low] };
  }

  offsetAt(position: Position): number {
    if (position.line >= this.lineStarts.length) return this.text.length;
    const start = this.lineStarts[Math.max(0, position.line)];
    return Math.min(start + Math.max(0, position.character), this.lineEnd(position.line));
  }

  /** Offset just before the line break of `line`. */
  lineEnd(line: number): number {
    const next = this.lineStarts[line + 1];
    if (next === undefined) return this.text.length;
    let end = next - 1;
    if (this.text.charCodeAt(end) === 10 && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  lineStart(line: number): number {
    return this.lineStarts[Math.min(Math.max(0, line), this.lineStarts.length - 1)];
  }

  range(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }
}

/** Apply non-overlapping edits to a text (used by the CLI, the tests and `fix all`). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start || b.end - a.end);
  let result = text;
  let previousStart = Infinity;
  for (const edit of sorted) {
    if (edit.end > previousStart) throw new Error('overlapping edits');
    result = result.slice(0, edit.start) + edit.newText + result.slice(edit.end);
    previousStart = edit.start;
  }
  return result;
}
