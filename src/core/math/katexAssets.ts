/**
 * KaTeX's files as the extension ships them in `dist/katex` (scripts/build.mjs): the stylesheet and TrueType
 * fonts for the hover image, the command table for the completion. Read through the core's file system on
 * first use and kept.
 */
import type { ReadOnlyFileSystem } from '../fileSystem';
import { TrueTypeFont } from './fontSubset';
import type { KatexAssets } from './hoverImage';
import { parseKatexCss } from './katexCss';

/** One entry of `commands.json`, from KaTeX's own tables (scripts/lib/katexCommands.mjs). */
export interface KatexCommand {
  name: string;
  kind: 'function' | 'symbol' | 'macro';
  args: number;
  optionalArgs: number;
}

export interface KatexCommandTable {
  katexVersion: string;
  commands: KatexCommand[];
  environments: Array<{ name: string; args: number }>;
}

/** The stylesheet and fonts in `katexFolder`, or undefined when its CSS cannot be read. */
export function loadKatexAssets(katexFolder: string, fs: ReadOnlyFileSystem): KatexAssets | undefined {
  const css = fs.readFile(`${katexFolder}/katex.min.css`);
  if (css === undefined) return undefined;
  const fonts = new Map<string, TrueTypeFont | undefined>();
  return {
    stylesheet: parseKatexCss(css),
    font(file) {
      if (!fonts.has(file)) {
        const bytes = fs.readBytes?.(`${katexFolder}/ttf/${file}.ttf`);
        let font: TrueTypeFont | undefined;
        try {
          font = bytes ? new TrueTypeFont(bytes) : undefined;
        } catch {
          font = undefined; // a damaged file: the formula shows in the fallback font
        }
        fonts.set(file, font);
      }
      return fonts.get(file);
    },
  };
}

export function loadKatexCommands(katexFolder: string, fs: ReadOnlyFileSystem): KatexCommandTable | undefined {
  const text = fs.readFile(`${katexFolder}/commands.json`);
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as KatexCommandTable;
  } catch {
    return undefined;
  }
}
