/**
 * KaTeX's stylesheet read as rules, to build the hover image's CSS: only the rules whose classes occur in
 * the formula's HTML, and the font faces those rules can select (see hoverImage.ts for why so little).
 */

export interface FontFace {
  family: string;
  weight: number;
  style: 'normal' | 'italic';
  /** The font's base name, e.g. `KaTeX_Main-Regular` (from its woff2 url). */
  file: string;
}

interface StyleRule {
  /** Each comma-separated selector as its compounds (`.a .b.c` → [['a'], ['b', 'c']]), each as its classes. */
  selectors: string[][][];
  css: string;
  family?: string;
  weight?: number;
  style?: 'normal' | 'italic';
}

export interface KatexStylesheet {
  faces: FontFace[];
  rules: StyleRule[];
}

const DECLARATION = (name: string) => new RegExp(`(?:^|;)\\s*${name}\\s*:\\s*([^;]+)`);

export function parseKatexCss(css: string): KatexStylesheet {
  const faces: FontFace[] = [];
  const rules: StyleRule[] = [];
  for (const match of css.matchAll(/([^{}]+)\{([^{}]*)\}/g)) {
    const selector = match[1].trim();
    const body = match[2];
    if (selector === '@font-face') {
      const family = DECLARATION('font-family').exec(body)?.[1].replace(/["']/g, '').trim();
      const file = /url\(["']?fonts\/([\w-]+)\.woff2/.exec(body)?.[1];
      if (!family || !file) continue;
      faces.push({
        family,
        weight: weightOf(DECLARATION('font-weight').exec(body)?.[1]) ?? 400,
        style: /italic/.test(DECLARATION('font-style').exec(body)?.[1] ?? '') ? 'italic' : 'normal',
        file,
      });
      continue;
    }
    const shorthand = DECLARATION('font').exec(body)?.[1];
    const familyText = DECLARATION('font-family').exec(body)?.[1] ?? shorthand;
    const family = /KaTeX_\w+/.exec(familyText ?? '')?.[0];
    const styleText = DECLARATION('font-style').exec(body)?.[1];
    rules.push({
      selectors: selector.split(',').map((part) =>
        part
          .trim()
          .split(/\s*[\s>+~]\s*/)
          .map((compound) => [...compound.matchAll(/\.([\w-]+)/g)].map((cls) => cls[1])),
      ),
      css: `${selector}{${body}}`,
      family,
      weight: weightOf(DECLARATION('font-weight').exec(body)?.[1]),
      style: styleText === undefined ? undefined : /italic/.test(styleText) ? 'italic' : 'normal',
    });
  }
  return { faces, rules };
}

function weightOf(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (/bold/.test(value)) return 700;
  const number = Number.parseInt(value, 10);
  return Number.isFinite(number) ? number : 400;
}

/** The classes of a piece of KaTeX HTML: all of them, and each element's own combination. */
export interface HtmlClasses {
  all: Set<string>;
  /** Each distinct `class` attribute, as its classes. */
  elements: string[][];
}

export function classesIn(html: string): HtmlClasses {
  const all = new Set<string>();
  const attributes = new Set<string>();
  for (const match of html.matchAll(/class="([^"]*)"/g)) attributes.add(match[1]);
  const elements = [...attributes].map((attribute) => attribute.split(/\s+/).filter((name) => name !== ''));
  for (const names of elements) for (const name of names) all.add(name);
  return { all, elements };
}

/**
 * The rules that can apply to HTML with these classes and the font faces they select. A selector applies when one
 * element has all the classes of its last compound (`.delimsizing.size3` needs both on one element: `size3` alone
 * also marks script sizes) and the classes of its other compounds occur at all (their nesting is not checked, so
 * this errs on the side of keeping a rule).
 */
export function rulesAndFacesFor(sheet: KatexStylesheet, classes: HtmlClasses): { css: string; faces: FontFace[] } {
  const onOneElement = (needed: string[]) => needed.length === 0 || classes.elements.some((names) => needed.every((name) => names.includes(name)));
  const applies = (compounds: string[][]) =>
    compounds.some((compound) => compound.length > 0) &&
    onOneElement(compounds[compounds.length - 1]) &&
    compounds.every((compound) => compound.every((name) => classes.all.has(name)));
  const matched = sheet.rules.filter((rule) => rule.selectors.some(applies));
  const anyBold = matched.some((rule) => rule.family === undefined && (rule.weight ?? 400) >= 600);
  const anyItalic = matched.some((rule) => rule.family === undefined && rule.style === 'italic');
  const faces = new Set<FontFace>();
  const pick = (family: string, weight: number, style: 'normal' | 'italic'): void => {
    const candidates = sheet.faces.filter((face) => face.family === family);
    const face = candidates.find((c) => c.weight === weight && c.style === style) ?? candidates.find((c) => c.style === style) ?? candidates[0];
    if (face) faces.add(face);
  };
  for (const rule of matched) {
    if (!rule.family) continue;
    const weight = rule.weight ?? 400;
    const style = rule.style ?? 'normal';
    pick(rule.family, weight, style);
    if (anyBold) pick(rule.family, 700, style);
    if (anyItalic) pick(rule.family, weight, 'italic');
  }
  return { css: matched.map((rule) => rule.css).join(''), faces: [...faces] };
}
