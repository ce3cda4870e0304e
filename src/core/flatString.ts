/**
 * The string as one flat copy. HTML built by concatenation (KaTeX's output, markdown-it's) is kept
 * by V8 as a tree of pieces (a "cons string", one heap object per piece) until something reads it
 * as a whole. Caches that keep a whole note's output hold hundreds of thousands of such pieces
 * (270,000 for the benchmark's 200 KB note), and every full garbage collection marks them all:
 * half the time of a one-line edit in the preview (`preview.edit-200kb`). A flat copy is one object.
 *
 * Slicing a string makes V8 flatten it first (one copy of the characters) and return a view on that copy
 * (for all but very short strings): two objects, whatever the number of pieces. It is 2–3× faster than a
 * JSON round trip, which escapes, copies and parses every character (a fifth of `mathpost render`'s own work
 * besides KaTeX was that round trip on each block). The leading space keeps the slice from being the string itself.
 */
export function flatString(text: string): string {
  return (' ' + text).slice(1);
}
