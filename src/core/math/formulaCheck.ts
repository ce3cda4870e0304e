/**
 * Whether a formula has an error, without building its HTML (issue #15): the diagnostics only need the
 * error, and KaTeX's parse is about 1/8 of a full render on the benchmark note (25–35 ms of 180–230 ms for
 * 1,400 formulas). The error must be exactly the one `renderWithKatex` gives, so:
 * - the parse is KaTeX's own (`__parse` is `parseTree(tex, new Settings(options))`, the first half of
 *   `renderToString`), with the same limits and options, and it runs the macro definitions (`\gdef`…) into
 *   the note's table just as the render does;
 * - the one ParseError KaTeX throws while BUILDING from a tree that parsed (not from internal invariants)
 *   is "Unsupported character" for a character of the Mathematical Alphanumeric block (U+1D400–U+1D7FF,
 *   high surrogate D835) that it has no font for (wide-character.ts). A tree holding such a character,
 *   however it got there (typed, `\char"1D6A4`, a macro), is rendered in full instead.
 * test/unit/math/formulaCheck.test.ts compares both on every formula of the benchmark notes, on mutated
 * formulas and on KaTeX's build-time edge cases.
 */
import { katexLibrary } from '../libraries';
import { expansionLimitError, formulaLimitError } from './formulaLimits';
import { katexOptionsFor } from './katexOptions';
import { type MathError, renderWithKatex, toMathError } from './katexRenderer';

interface KatexParser {
  __parse(tex: string, options: object): unknown;
}

const WIDE_CHARACTER = '\uD835';

/** The error `renderWithKatex(tex, displayMode, macros)` would give (undefined: none), and the same change to `macros`. */
export function checkWithKatex(tex: string, displayMode: boolean, macros: Record<string, unknown>): MathError | undefined {
  const limit = formulaLimitError(tex) ?? expansionLimitError(tex, macros);
  if (limit) return limit;
  const before = { ...macros };
  let tree: unknown;
  try {
    tree = (katexLibrary() as unknown as KatexParser).__parse(tex, katexOptionsFor(displayMode, macros));
  } catch (error) {
    return toMathError(error);
  }
  if (!holdsString(tree, WIDE_CHARACTER)) return undefined;
  // The render parses again: give it the table as it was, or a `\newcommand` would now find its own definition.
  for (const name of Object.keys(macros)) delete macros[name];
  Object.assign(macros, before);
  return renderWithKatex(tex, displayMode, macros).error;
}

/** True when a string anywhere in a KaTeX parse tree contains `part` (source locations are skipped: they hold the whole input). */
function holdsString(node: unknown, part: string): boolean {
  if (typeof node === 'string') return node.includes(part);
  if (Array.isArray(node)) return node.some((child) => holdsString(child, part));
  if (node === null || typeof node !== 'object') return false;
  const record = node as Record<string, unknown>;
  for (const key in record) if (key !== 'loc' && holdsString(record[key], part)) return true;
  return false;
}
