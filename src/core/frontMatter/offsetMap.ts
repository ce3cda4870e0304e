/**
 * Hexo never parses the note as it is on disk: hexo-fs strips the BOM and turns CRLF into LF, and
 * hexo-front-matter turns leading tabs into two spaces each. We parse the same transformed text (so
 * we accept and reject exactly what Hexo does) and map every offset back to the editor's text.
 */

/** A run of the transformed text that came from `[originalStart, originalEnd)` of the source. */
interface Segment {
  start: number;
  end: number;
  originalStart: number;
  originalEnd: number;
}

export class OffsetMap {
  /** Sorted, contiguous; an empty list means the identity. */
  private constructor(
    private readonly segments: Segment[],
    private readonly base: number,
  ) {}

  static identity(base = 0): OffsetMap {
    return new OffsetMap([], base);
  }

  /** Original offset of a transformed offset (inside a replaced run: its start; at its end: its end). */
  toOriginal(offset: number): number {
    const segments = this.segments;
    if (segments.length === 0) return this.base + offset;
    let low = 0;
    let high = segments.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (segments[mid].start <= offset) low = mid;
      else high = mid - 1;
    }
    const segment = segments[low];
    const length = segment.end - segment.start;
    const originalLength = segment.originalEnd - segment.originalStart;
    const inside = offset - segment.start;
    if (length === originalLength) return this.base + segment.originalStart + inside;
    if (inside >= length) return this.base + segment.originalEnd + (inside - length);
    return this.base + segment.originalStart + Math.floor((inside * originalLength) / Math.max(1, length));
  }

  /** Compose: `this` maps A -> B, `inner` maps C -> A; the result maps C -> B. */
  after(inner: OffsetMap): { toOriginal(offset: number): number } {
    return { toOriginal: (offset) => this.toOriginal(inner.toOriginal(offset)) };
  }

  /**
   * Build a map for `text` transformed by replacing every match of `pattern` (global) with
   * `replace(match)`. Returns the transformed text and the map back to `text` (offset by `base`).
   */
  static replaceAll(text: string, pattern: RegExp, replace: (match: string) => string, base = 0): { text: string; map: OffsetMap } {
    const segments: Segment[] = [];
    let transformed = '';
    let last = 0;
    pattern.lastIndex = 0;
    for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
      if (match[0].length === 0) {
        pattern.lastIndex++;
        continue;
      }
      if (match.index > last) {
        segments.push({ start: transformed.length, end: transformed.length + match.index - last, originalStart: last, originalEnd: match.index });
        transformed += text.slice(last, match.index);
      }
      const replacement = replace(match[0]);
      segments.push({
        start: transformed.length,
        end: transformed.length + replacement.length,
        originalStart: match.index,
        originalEnd: match.index + match[0].length,
      });
      transformed += replacement;
      last = match.index + match[0].length;
    }
    if (segments.length === 0) return { text, map: OffsetMap.identity(base) };
    segments.push({ start: transformed.length, end: transformed.length + text.length - last, originalStart: last, originalEnd: text.length });
    transformed += text.slice(last);
    return { text: transformed, map: new OffsetMap(segments, base) };
  }

  /** Insert texts at original offsets (sorted, distinct); inserted text maps back to its insertion point. */
  static insert(text: string, insertions: ReadonlyArray<{ at: number; text: string }>): { text: string; map: OffsetMap } {
    if (insertions.length === 0) return { text, map: OffsetMap.identity() };
    const segments: Segment[] = [];
    let transformed = '';
    let last = 0;
    for (const insertion of insertions) {
      if (insertion.at > last) {
        segments.push({ start: transformed.length, end: transformed.length + insertion.at - last, originalStart: last, originalEnd: insertion.at });
        transformed += text.slice(last, insertion.at);
      }
      segments.push({ start: transformed.length, end: transformed.length + insertion.text.length, originalStart: insertion.at, originalEnd: insertion.at });
      transformed += insertion.text;
      last = insertion.at;
    }
    segments.push({ start: transformed.length, end: transformed.length + text.length - last, originalStart: last, originalEnd: text.length });
    transformed += text.slice(last);
    return { text: transformed, map: new OffsetMap(segments, 0) };
  }
}
