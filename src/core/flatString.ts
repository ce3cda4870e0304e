/**
 * The string as one flat copy. HTML built by concatenation (KaTeX's output, markdown-it's) is kept
 * by V8 as a tree of pieces (a "cons string", one heap object per piece) until something reads it
 * as a whole. Caches that keep a whole note's output hold hundreds of thousands of such pieces
 * (270,000 for the benchmark's 200 KB note), and every full garbage collection marks them all:
 * half the time of a one-line edit in the preview (`preview.edit-200kb`). A flat copy is one object.
 */
export function flatString(text: string): string {
  return JSON.parse(JSON.stringify(text)) as string;
}
