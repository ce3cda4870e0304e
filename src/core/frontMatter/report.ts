/** What every rule gets: the one parse, the context, and a way to report a diagnostic with its fixes. */
import type { BlogConfig } from '../blog/types';
import type { NoteScope } from '../blog/discover';
import type { ReadOnlyFileSystem } from '../fileSystem';
import type { CoreDiagnostic, CoreFix, Localize, Severity, TextEdit } from '../text';
import type { FrontMatterEntry, ParsedFrontMatter } from './parse';
import type { FrontMatterSchema, KeySpec } from './schema';

export interface ValidationContext {
  scope: NoteScope;
  blog: BlogConfig;
  /** The note's file name or path (for a title taken from the file name). */
  fileName: string;
  /** "Now" for a `date` added by a fix (tests pass a fixed one). */
  today?: Date;
  /** Defaults to the built-in Hexo 8.1.2 + Butterfly 5.7.0 schema. */
  schema?: FrontMatterSchema;
  /** Reader's locale (`vscode.env.language`) for schema descriptions; English when absent. */
  locale?: string;
  /** When given with `notePath`, local image paths are checked against the blog's source folders. */
  fs?: ReadOnlyFileSystem;
  notePath?: string;
}

export interface FixData {
  title: string;
  edits: TextEdit[];
  preferred?: boolean;
}

export interface RuleContext {
  parsed: ParsedFrontMatter;
  ctx: ValidationContext;
  t: Localize;
  schema: FrontMatterSchema;
  /** The entry that Hexo actually reads for a key (aliases resolved: `tag` only when `tags` is absent). */
  effective(key: string): FrontMatterEntry | undefined;
  spec(key: string): KeySpec | undefined;
  report(diagnostic: {
    code: string;
    severity: Severity;
    start: number;
    end: number;
    message: string;
    data?: Record<string, unknown>;
    fixes?: FixData[];
  }): void;
}

export function toCoreFixes(diagnostic: CoreDiagnostic): CoreFix[] {
  const fixes = (diagnostic.data?.fixes as FixData[] | undefined) ?? [];
  return fixes.map((fix) => ({ title: fix.title, code: diagnostic.code, edits: fix.edits, isPreferred: fix.preferred }));
}

/** `toc: 'false'` / `no` / `0` -> false, `'true'` / `yes` / `1` -> true; undefined when not boolean-like. */
export function intendedBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value === 1 ? true : value === 0 ? false : undefined;
  if (typeof value !== 'string') return undefined;
  const word = value.trim().toLowerCase();
  if (['true', 'yes', 'on', 'y', '1', '是', '开', '真'].includes(word)) return true;
  if (['false', 'no', 'off', 'n', '0', '否', '关', '假', ''].includes(word)) return false;
  return undefined;
}
