/**
 * The string, flattened in place. HTML built by concatenation (KaTeX's output, markdown-it's) is kept
 * by V8 as a tree of pieces (a "cons string", one heap object per piece) until something reads it
 * as a whole. Caches that keep a whole note's output hold hundreds of thousands of such pieces
 * (270,000 for the benchmark's 200 KB note), and every full garbage collection marks them all:
 * half the time of a one-line edit in the preview (`preview.edit-200kb`).
 *
 * Converting a string to a number makes V8 flatten it first, in place: the pieces become garbage and
 * the string one flat object. Measured on the 1,400 formulas of the benchmark note: half the time of a
 * flat copy (`JSON.parse(JSON.stringify(s))`, used before) and a third less heap, with the same full-GC time.
 */
const conversion = { result: 0 };

export function flatString(text: string): string {
  // Stored, so that no compiler drops the conversion as dead code.
  conversion.result = Number(text);
  return text;
}
