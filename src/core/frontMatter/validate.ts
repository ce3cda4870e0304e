/**
 * `validateFrontMatter`: one parse, then every rule over the same model. Never throws: a bug in a
 * rule becomes one `frontmatter.internal-error` information diagnostic instead of a broken editor.
 */
import type { CoreDiagnostic, Localize } from '../text';
import { scanBody } from './bodyScan';
import type { BodyScan } from './bodyScan';
import { parseFrontMatter } from './parse';
import type { FrontMatterEntry, ParsedFrontMatter } from './parse';
import type { RuleContext, ValidationContext } from './report';
import { checkBody } from './rules/body';
import { checkBooleans } from './rules/booleans';
import { checkDates } from './rules/dates';
import { checkImages } from './rules/images';
import { checkKeys } from './rules/keys';
import { checkStructure } from './rules/structure';
import { checkTaxonomy } from './rules/taxonomy';
import { builtInSchema } from './schema';
import type { Note } from '../note/note';

export type { ValidationContext } from './report';

export interface FrontMatterAnalysis {
  parsed: ParsedFrontMatter;
  scan: BodyScan;
  diagnostics: CoreDiagnostic[];
}

/** Hexo reads `tag`/`category`/`photo` only when the main key is absent (processor/post.js). */
export function effectiveEntry(parsed: ParsedFrontMatter, key: string, aliases: ReadonlyMap<string, string>): FrontMatterEntry | undefined {
  const direct = parsed.entries.find((entry) => entry.key === key);
  if (direct) return direct;
  for (const [alias, target] of aliases) {
    if (target === key) {
      const aliased = parsed.entries.find((entry) => entry.key === alias);
      if (aliased) return aliased;
    }
  }
  return undefined;
}

/** `source`: the note model of the document version when there is one (its parse is shared). */
export function analyzeFrontMatter(source: Note | string, ctx: ValidationContext, t: Localize): FrontMatterAnalysis {
  const text = typeof source === 'string' ? source : source.text;
  const parsed = typeof source === 'string' ? parseFrontMatter(source) : source.frontMatter;
  const schema = ctx.schema ?? builtInSchema();
  const diagnostics: CoreDiagnostic[] = [];
  const rule: RuleContext = {
    parsed,
    ctx,
    t,
    schema,
    effective: (key) => effectiveEntry(parsed, key, schema.aliases),
    spec: (key) => schema.keys.get(schema.aliases.get(key) ?? key),
    report: ({ fixes, data, ...diagnostic }) => {
      const start = Math.max(0, Math.min(diagnostic.start, text.length));
      const end = Math.max(start, Math.min(diagnostic.end, text.length));
      const merged = fixes && fixes.length > 0 ? { ...data, fixes } : data;
      diagnostics.push({ ...diagnostic, start, end, ...(merged ? { data: merged } : {}) });
    },
  };
  checkStructure(rule);
  if (parsed.status === 'mapping' || parsed.status === 'none' || parsed.status === 'empty') {
    if (parsed.status === 'mapping') {
      checkKeys(rule);
      checkBooleans(rule);
      checkDates(rule);
      checkTaxonomy(rule);
      checkImages(rule);
    } else if (!parsed.split.problem) {
      checkKeys(rule);
    }
  }
  const scan = scanBody(text, parsed.split.bodyStart);
  if (parsed.status !== 'syntax-error') checkBody(rule, scan);
  diagnostics.sort((a, b) => a.start - b.start || a.end - b.end);
  return { parsed, scan, diagnostics };
}

export function validateFrontMatter(text: Note | string, ctx: ValidationContext, t: Localize): CoreDiagnostic[] {
  try {
    return analyzeFrontMatter(text, ctx, t).diagnostics;
  } catch (error) {
    let message: string;
    try {
      message = t(
        'Mathpost could not check this front matter (internal error: {0}). Please report it.',
        error instanceof Error ? error.message : String(error),
      );
    } catch {
      message = 'Mathpost could not check this front matter (internal error).';
    }
    return [{ code: 'frontmatter.internal-error', severity: 'information', start: 0, end: 0, message }];
  }
}
