/**
 * Completion inside the front matter: keys (for this scope, documented, not yet used) at the start
 * of a line; values after `key:` (booleans, allowed values, a date in Hexo's format, tags and
 * categories used elsewhere in the blog, image paths under `source/`).
 */
import type { Localize } from '../text';
import { formatHexoDate, isValidTimeZone, wallClockIn } from './dates';
import { lineStartOf } from './edits';
import { keyDocumentation } from './hover';
import { parseFrontMatter } from './parse';
import { splitFrontMatter } from './split';
import type { ValidationContext } from './report';
import { builtInSchema, localized } from './schema';
import type { KeySpec } from './schema';

export interface CompletionContext extends ValidationContext {
  /** Tag names used in the blog, most used first (from listBlogTaxonomy). */
  tags?: readonly string[];
  categories?: readonly string[];
  /** Site-root image paths (from listBlogImages). */
  images?: readonly string[];
}

export interface FrontMatterCompletion {
  label: string;
  kind: 'key' | 'value';
  insertText: string;
  documentation: string;
  detail: string;
  replaceStart: number;
  replaceEnd: number;
}

export function completeFrontMatter(text: string, offset: number, ctx: CompletionContext, t: Localize): FrontMatterCompletion[] {
  try {
    return complete(text, offset, ctx, t);
  } catch {
    return [];
  }
}

/** Whether completion can offer anything at `offset` (cheap: Hexo's split only, no YAML parse). */
export function isInFrontMatter(text: string, offset: number): boolean {
  const block = splitFrontMatter(text).block;
  return block !== undefined && offset >= block.dataStart && offset <= block.dataEnd;
}

function complete(text: string, offset: number, ctx: CompletionContext, t: Localize): FrontMatterCompletion[] {
  if (!isInFrontMatter(text, offset)) return [];
  const parsed = parseFrontMatter(text);
  const schema = ctx.schema ?? builtInSchema();
  const lineStart = lineStartOf(text, offset);
  const before = text.slice(lineStart, offset);
  const afterMatch = /^[^\s:,\]]*/.exec(text.slice(offset));
  const wordEnd = offset + (afterMatch ? afterMatch[0].length : 0);

  const keyPrefix = /^([A-Za-z_][\w-]*)?$/.exec(before);
  if (keyPrefix) {
    const present = new Set(parsed.entries.filter((entry) => entry.keyStart !== lineStart).map((entry) => entry.key));
    const lineRest = text.slice(offset, text.indexOf('\n', offset) === -1 ? text.length : text.indexOf('\n', offset));
    const hasColon = /^[\w-]*\s*:/.test(lineRest);
    return [...schema.keys.values()]
      .filter((spec) => keyFits(spec, ctx) && !present.has(spec.name))
      .map((spec) => ({
        label: spec.name,
        kind: 'key' as const,
        insertText: hasColon ? spec.name : `${spec.name}: `,
        documentation: keyDocumentation(spec.name, spec, schema, ctx, t),
        detail: `${spec.origin} · ${spec.type}`,
        replaceStart: lineStart,
        replaceEnd: hasColon ? wordEnd : Math.max(wordEnd, offset),
      }));
  }

  const keyLine = /^([A-Za-z_][\w-]*)[ \t]*:[ \t]*(.*)$/.exec(before);
  const itemLine = /^[ \t]+-[ \t]*(\[?)([^\]]*)$/.exec(before);
  let key: string | undefined;
  let typed: string;
  if (keyLine) {
    key = keyLine[1];
    typed = keyLine[2];
  } else if (itemLine) {
    const owner = parsed.entries.filter((entry) => entry.keyStart < lineStart).pop();
    key = owner?.key;
    typed = itemLine[2];
  } else return [];
  if (!key) return [];
  const spec = schema.keys.get(schema.aliases.get(key) ?? key);
  if (!spec) return [];
  // Inside a flow list `[a, b` only the current item is replaced.
  const itemStart = offset - (/[^[\],]*$/.exec(typed)?.[0].trimStart().length ?? 0);
  const values = valueCandidates(spec, ctx, t);
  return values.map((candidate) => ({
    label: candidate.label,
    kind: 'value' as const,
    insertText: candidate.insertText ?? candidate.label,
    documentation: candidate.documentation ?? localized(spec.description, ctx.locale),
    detail: candidate.detail,
    replaceStart: itemStart,
    replaceEnd: wordEnd,
  }));
}

function keyFits(spec: KeySpec, ctx: CompletionContext): boolean {
  if (spec.status === 'noEffect' || spec.status === 'internal') return false;
  if (ctx.scope === 'page') return spec.scope !== 'post';
  if (ctx.scope === 'post' || ctx.scope === 'draft') return spec.scope !== 'page';
  return true;
}

interface Candidate {
  label: string;
  detail: string;
  insertText?: string;
  documentation?: string;
}

function valueCandidates(spec: KeySpec, ctx: CompletionContext, t: Localize): Candidate[] {
  if (spec.allowed) return spec.allowed.map((value) => ({ label: value, detail: spec.name }));
  switch (spec.type) {
    case 'boolean':
      return [
        { label: 'true', detail: t('boolean') },
        { label: 'false', detail: t('boolean') },
      ];
    case 'layout':
      return ['post', 'page', 'false'].map((label) => ({ label, detail: 'layout' }));
    case 'date': {
      const now = ctx.today ?? new Date();
      const zone = isValidTimeZone(ctx.blog.timezone) ? ctx.blog.timezone : '';
      const clock = (zone ? wallClockIn(now.getTime(), zone) : undefined) ?? {
        year: now.getFullYear(),
        month: now.getMonth() + 1,
        day: now.getDate(),
        hour: now.getHours(),
        minute: now.getMinutes(),
        second: now.getSeconds(),
      };
      return [{ label: formatHexoDate(clock), detail: t('now, in Hexo’s format') }];
    }
    case 'tags':
      return (ctx.tags ?? []).map((label) => ({ label, detail: t('tag used in this blog') }));
    case 'categories':
      return (ctx.categories ?? []).map((label) => ({ label, detail: t('category used in this blog') }));
    case 'image': {
      const images = (ctx.images ?? []).map((label) => ({ label, detail: t('image under source/') }));
      return spec.boolean === 'notFalse' ? [...images, { label: 'false', detail: t('none') }] : images;
    }
    default:
      return [];
  }
}
