/**
 * A TrueType subsetter for the hover image (issue #11): the image is a `data:` URI inside hover Markdown, which
 * VS Code cuts at 100,000 characters (`preprocessMarkdownString` in its markdownRenderer), and one KaTeX font as
 * base64 is 7–85 KB. So each embedded font keeps only the outlines of the characters the formula shows.
 *
 * The subset keeps glyph ids (cmap, hmtx and the GSUB/kern-free KaTeX tables stay valid unchanged): the outlines
 * of unused glyphs are emptied (zero-length `loca` entries), composite glyphs keep their components, `post`
 * drops its glyph-name table (version 3) and the hinting instructions go (see HINTING_TABLES). The result is a
 * valid TrueType file (Chromium's font sanitizer accepts it: the e2e test loads one), typically 2–5 KB for the
 * KaTeX fonts, most of it tables shared by every glyph.
 */

interface TableRecord {
  tag: string;
  offset: number;
  length: number;
}

/** One parsed font: enough to cut subsets quickly (parsed once per font file). */
export class TrueTypeFont {
  private readonly view: DataView;
  private readonly tables: TableRecord[];
  private readonly glyphOffsets: number[];
  private readonly glyfStart: number;
  private readonly cmap = new Map<number, number>();

  constructor(private readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const count = this.view.getUint16(4);
    this.tables = [];
    for (let i = 0; i < count; i++) {
      const at = 12 + 16 * i;
      this.tables.push({ tag: String.fromCharCode(...bytes.subarray(at, at + 4)), offset: this.view.getUint32(at + 8), length: this.view.getUint32(at + 12) });
    }
    const head = this.table('head');
    const glyphCount = this.view.getUint16(this.table('maxp').offset + 4);
    const longLoca = this.view.getInt16(head.offset + 50) === 1;
    const loca = this.table('loca');
    this.glyphOffsets = [];
    for (let i = 0; i <= glyphCount; i++) {
      this.glyphOffsets.push(longLoca ? this.view.getUint32(loca.offset + 4 * i) : this.view.getUint16(loca.offset + 2 * i) * 2);
    }
    this.glyfStart = this.table('glyf').offset;
    this.readCmap();
  }

  /** The glyph id of a code point, or undefined when the font has none. */
  glyphOf(codePoint: number): number | undefined {
    return this.cmap.get(codePoint);
  }

  /** True when the font draws the code point (its glyph has an outline). */
  hasOutline(codePoint: number): boolean {
    const glyph = this.cmap.get(codePoint);
    return glyph !== undefined && this.glyphOffsets[glyph + 1] > this.glyphOffsets[glyph];
  }

  /** A TrueType font with the outlines of `codePoints` only (plus .notdef and composite components). */
  subset(codePoints: Iterable<number>): Uint8Array {
    const keep = new Set<number>([0]);
    const pending: number[] = [];
    for (const codePoint of codePoints) {
      const glyph = this.cmap.get(codePoint);
      if (glyph !== undefined && !keep.has(glyph)) pending.push(glyph);
    }
    while (pending.length > 0) {
      const glyph = pending.pop()!;
      if (keep.has(glyph)) continue;
      keep.add(glyph);
      for (const component of this.components(glyph)) if (!keep.has(component)) pending.push(component);
    }
    return this.write(keep);
  }

  private table(tag: string): TableRecord {
    const table = this.tables.find((candidate) => candidate.tag === tag);
    if (!table) throw new Error(`not a TrueType font: no ${tag} table`);
    return table;
  }

  private readCmap(): void {
    const cmap = this.table('cmap');
    const count = this.view.getUint16(cmap.offset + 2);
    let best: { offset: number; rank: number } | undefined;
    for (let i = 0; i < count; i++) {
      const at = cmap.offset + 4 + 8 * i;
      const platform = this.view.getUint16(at);
      const encoding = this.view.getUint16(at + 2);
      const offset = cmap.offset + this.view.getUint32(at + 4);
      const format = this.view.getUint16(offset);
      const rank = format === 12 ? 3 : format === 4 && (platform === 3 || platform === 0) ? 2 : 0;
      if (rank > 0 && (!best || rank > best.rank) && (platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10)))) best = { offset, rank };
    }
    if (!best) return;
    if (this.view.getUint16(best.offset) === 12) this.readCmap12(best.offset);
    else this.readCmap4(best.offset);
  }

  private readCmap4(offset: number): void {
    const segments = this.view.getUint16(offset + 6) / 2;
    const ends = offset + 14;
    const starts = ends + 2 * segments + 2;
    const deltas = starts + 2 * segments;
    const rangeOffsets = deltas + 2 * segments;
    for (let s = 0; s < segments; s++) {
      const start = this.view.getUint16(starts + 2 * s);
      const end = this.view.getUint16(ends + 2 * s);
      const delta = this.view.getUint16(deltas + 2 * s);
      const rangeOffset = this.view.getUint16(rangeOffsets + 2 * s);
      for (let code = start; code <= end && code !== 0xffff; code++) {
        let glyph: number;
        if (rangeOffset === 0) glyph = (code + delta) & 0xffff;
        else {
          const at = rangeOffsets + 2 * s + rangeOffset + 2 * (code - start);
          glyph = this.view.getUint16(at);
          if (glyph !== 0) glyph = (glyph + delta) & 0xffff;
        }
        if (glyph !== 0) this.cmap.set(code, glyph);
      }
    }
  }

  private readCmap12(offset: number): void {
    const groups = this.view.getUint32(offset + 12);
    for (let g = 0; g < groups; g++) {
      const at = offset + 16 + 12 * g;
      const start = this.view.getUint32(at);
      const end = this.view.getUint32(at + 4);
      const first = this.view.getUint32(at + 8);
      for (let code = start; code <= end; code++) this.cmap.set(code, first + code - start);
    }
  }

  /** The glyph ids a composite glyph is made of ([] for a simple or empty glyph). */
  private components(glyph: number): number[] {
    const start = this.glyphOffsets[glyph];
    const end = this.glyphOffsets[glyph + 1];
    if (start === undefined || end === undefined || end - start < 10) return [];
    const at = this.glyfStart + start;
    if (this.view.getInt16(at) >= 0) return [];
    const found: number[] = [];
    let cursor = at + 10;
    for (;;) {
      const flags = this.view.getUint16(cursor);
      found.push(this.view.getUint16(cursor + 2));
      cursor += 4 + (flags & 0x0001 ? 4 : 2);
      if (flags & 0x0008) cursor += 2;
      else if (flags & 0x0040) cursor += 4;
      else if (flags & 0x0080) cursor += 8;
      if (!(flags & 0x0020)) return found;
    }
  }

  private write(keep: ReadonlySet<number>): Uint8Array {
    const glyphCount = this.glyphOffsets.length - 1;
    const glyphParts: Uint8Array[] = [];
    const loca = new Uint8Array(4 * (glyphCount + 1));
    const locaView = new DataView(loca.buffer);
    let glyfLength = 0;
    for (let glyph = 0; glyph < glyphCount; glyph++) {
      locaView.setUint32(4 * glyph, glyfLength);
      if (!keep.has(glyph)) continue;
      const data = this.bytes.subarray(this.glyfStart + this.glyphOffsets[glyph], this.glyfStart + this.glyphOffsets[glyph + 1]);
      const padded = pad4(withoutInstructions(data));
      glyphParts.push(padded);
      glyfLength += padded.length;
    }
    locaView.setUint32(4 * glyphCount, glyfLength);
    const glyf = concat(glyphParts, glyfLength);
    const replaced = new Map<string, Uint8Array>([
      ['glyf', glyf],
      ['loca', loca],
    ]);
    const head = this.bytes.slice(this.table('head').offset, this.table('head').offset + this.table('head').length);
    new DataView(head.buffer).setInt16(50, 1); // long loca offsets
    new DataView(head.buffer).setUint32(8, 0); // checkSumAdjustment, set below
    replaced.set('head', head);
    const post = this.tables.find((table) => table.tag === 'post');
    if (post && post.length >= 32) {
      const header = this.bytes.slice(post.offset, post.offset + 32);
      new DataView(header.buffer).setUint32(0, 0x00030000);
      replaced.set('post', header);
    }
    const tables = this.tables.filter((table) => !HINTING_TABLES.has(table.tag));
    const bodies = tables.map((table) => replaced.get(table.tag) ?? this.bytes.subarray(table.offset, table.offset + table.length));
    const headerLength = 12 + 16 * tables.length;
    const total = headerLength + bodies.reduce((sum, body) => sum + align4(body.length), 0);
    const out = new Uint8Array(total);
    const view = new DataView(out.buffer);
    out.set(this.bytes.subarray(0, 4));
    const power = 2 ** Math.floor(Math.log2(tables.length));
    view.setUint16(4, tables.length);
    view.setUint16(6, power * 16);
    view.setUint16(8, Math.log2(power));
    view.setUint16(10, tables.length * 16 - power * 16);
    let offset = headerLength;
    let headOffset = 0;
    tables.forEach((table, index) => {
      const body = bodies[index];
      out.set(body, offset);
      const record = 12 + 16 * index;
      for (let i = 0; i < 4; i++) out[record + i] = table.tag.charCodeAt(i);
      view.setUint32(record + 4, checksum(out, offset, body.length));
      view.setUint32(record + 8, offset);
      view.setUint32(record + 12, body.length);
      if (table.tag === 'head') headOffset = offset;
      offset += align4(body.length);
    });
    view.setUint32(headOffset + 8, (0xb1b0afba - checksum(out, 0, out.length)) >>> 0);
    return out;
  }
}

/**
 * Hinting (TrueType instructions and the tables they run on) only adjusts outlines to the pixel grid; browsers
 * draw KaTeX's fonts unhinted or auto-hinted on most systems anyway, and `fpgm` alone is 3.6 KB of every subset.
 */
const HINTING_TABLES = new Set(['fpgm', 'prep', 'cvt ']);

/** A glyph's data without its instructions (they would call functions of the dropped `fpgm`). */
function withoutInstructions(data: Uint8Array): Uint8Array {
  if (data.length < 10) return data;
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const contours = view.getInt16(0);
  if (contours >= 0) {
    const lengthAt = 10 + 2 * contours;
    const length = view.getUint16(lengthAt);
    if (length === 0) return data;
    const out = new Uint8Array(data.length - length);
    out.set(data.subarray(0, lengthAt + 2));
    out[lengthAt] = 0;
    out[lengthAt + 1] = 0;
    out.set(data.subarray(lengthAt + 2 + length), lengthAt + 2);
    return out;
  }
  const out = data.slice();
  const outView = new DataView(out.buffer);
  let cursor = 10;
  for (;;) {
    const flags = outView.getUint16(cursor);
    outView.setUint16(cursor, flags & ~0x0100); // WE_HAVE_INSTRUCTIONS
    cursor += 4 + (flags & 0x0001 ? 4 : 2);
    if (flags & 0x0008) cursor += 2;
    else if (flags & 0x0040) cursor += 4;
    else if (flags & 0x0080) cursor += 8;
    if (!(flags & 0x0020)) return out.subarray(0, cursor);
  }
}

function align4(length: number): number {
  return (length + 3) & ~3;
}

function pad4(data: Uint8Array): Uint8Array {
  if (data.length % 4 === 0) return data;
  const padded = new Uint8Array(align4(data.length));
  padded.set(data);
  return padded;
}

function concat(parts: readonly Uint8Array[], length: number): Uint8Array {
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

function checksum(bytes: Uint8Array, offset: number, length: number): number {
  let sum = 0;
  for (let i = 0; i < length; i += 4) {
    const word = ((bytes[offset + i] ?? 0) << 24) | ((bytes[offset + i + 1] ?? 0) << 16) | ((bytes[offset + i + 2] ?? 0) << 8) | (bytes[offset + i + 3] ?? 0);
    sum = (sum + (word >>> 0)) >>> 0;
  }
  return sum;
}
