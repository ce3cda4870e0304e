/**
 * Hover over the front matter: the key's documentation (from the schema data), and for values what
 * Hexo will really store: the date in the blog's zone, the category hierarchies, the tag list, how
 * the theme reads a boolean.
 */
import type { Localize } from '../text';
import { formatHexoDate, formatOffset, instantOf, isValidTimeZone, readDate, wallClockIn, zoneOffsetMinutes } from './dates';
import type { DateReading } from './dates';
import { parseFrontMatter } from './parse';
import type { FrontMatterEntry, ParsedFrontMatter } from './parse';
import type { ValidationContext } from './report';
import { categoryHierarchies, tagNames } from './rules/taxonomy';
import { builtInSchema, localized } from './schema';
import type { FrontMatterSchema, KeySpec } from './schema';
import { effectiveEntry } from './validate';

export interface FrontMatterHover {
  markdown: string;
  start: number;
  end: number;
}

export function hoverFrontMatter(text: string, offset: number, ctx: ValidationContext, t: Localize): FrontMatterHover | undefined {
  try {
    const parsed = parseFrontMatter(text);
    const schema = ctx.schema ?? builtInSchema();
    const entry = parsed.entries.find((candidate) => offset >= candidate.keyStart && offset <= Math.max(candidate.keyEnd, candidate.value?.end ?? 0));
    if (!entry) return undefined;
    const onKey = offset <= entry.keyEnd || !entry.value || offset < entry.value.start;
    const spec = schema.keys.get(schema.aliases.get(entry.key) ?? entry.key);
    if (onKey) return { markdown: keyDocumentation(entry.key, spec, schema, ctx, t), start: entry.keyStart, end: entry.keyEnd };
    const value = valueHover(parsed, entry, spec, schema, ctx, t);
    return { markdown: value ?? keyDocumentation(entry.key, spec, schema, ctx, t), start: entry.value!.start, end: entry.value!.end };
  } catch {
    return undefined;
  }
}

const scopeLabels = (t: Localize): Record<string, string> => ({ post: t('posts only'), page: t('pages only'), both: t('posts and pages') });

export function keyDocumentation(key: string, spec: KeySpec | undefined, schema: FrontMatterSchema, ctx: ValidationContext, t: Localize): string {
  if (!spec) return t('**`{0}`**: not a Hexo or Butterfly 5.7 front-matter key; Hexo keeps it but nothing reads it.', key);
  const lines: string[] = [];
  const alias = schema.aliases.get(key);
  lines.push(`**\`${key}\`** · ${spec.origin} · ${scopeLabels(t)[spec.scope]}${spec.pageType ? ` (type: ${spec.pageType})` : ''}`);
  if (alias) lines.push(t('Alias of `{0}` (used only when `{0}` is absent).', alias));
  const status: Record<string, string> = {
    noEffect: t('⚠️ No effect in Butterfly 5.7.'),
    foreign: t('Read by {0}, not by Hexo or Butterfly 5.7.', spec.origin),
    internal: t('⚠️ Set by {0} itself: do not write it.', spec.origin),
    extra: t('Allowed by your settings.'),
  };
  if (status[spec.status]) lines.push(status[spec.status]);
  const description = localized(spec.description, ctx.locale);
  if (description) lines.push(description);
  const semantics: Record<string, string> = {
    strict: t('Only a real `true`/`false` counts; any other value means the default.'),
    notFalse: t("Only a real `false` turns it off; any other value (even `'false'`) keeps it on."),
    truthy: t("Any non-empty value turns it on (even `'false'`)."),
    hexo: t("Hexo casts strings: `'false'`, `'0'` and empty are false, any other string is true."),
    exactTrue: t('Only a real `true` turns it on.'),
  };
  if (spec.boolean && semantics[spec.boolean]) lines.push(semantics[spec.boolean]);
  if (spec.allowed) lines.push(t('Values: {0}', spec.allowed.map((value) => `\`${value}\``).join(', ')));
  const fallback = localized(spec.default, ctx.locale);
  if (fallback) lines.push(t('Default: {0}', fallback));
  if (spec.source) lines.push(`_${t('Source: {0}', spec.source)}_`);
  return lines.join('\n\n');
}

function valueHover(
  parsed: ParsedFrontMatter,
  entry: FrontMatterEntry,
  spec: KeySpec | undefined,
  schema: FrontMatterSchema,
  ctx: ValidationContext,
  t: Localize,
): string | undefined {
  const canonical = schema.aliases.get(entry.key) ?? entry.key;
  if (canonical === 'date' || canonical === 'updated') return dateHover(readDate(entry.value), ctx, t);
  if (canonical === 'categories' || canonical === 'tags') {
    const used = effectiveEntry(parsed, canonical, schema.aliases);
    const ignored = used !== entry ? `\n\n${t('Ignored: `{0}` is also set.', canonical)}` : '';
    if (canonical === 'tags') {
      const names = tagNames(entry.value);
      return (
        (names.length === 0 ? t('Hexo reads no tags here.') : t('Hexo reads {0} tag(s): {1}', names.length, names.map((name) => `\`${name}\``).join(', '))) +
        ignored
      );
    }
    const hierarchies = categoryHierarchies(entry.value);
    if (hierarchies.length === 0) return t('Hexo reads no categories here.') + ignored;
    return t('Categories as Hexo reads them:') + '\n\n' + hierarchies.map((path) => `- ${path.join(' › ')}`).join('\n') + ignored;
  }
  if (spec?.boolean && entry.value?.kind === 'scalar')
    return booleanHover(entry, spec, ctx, t) + '\n\n---\n\n' + keyDocumentation(entry.key, spec, schema, ctx, t);
  return undefined;
}

function booleanHover(entry: FrontMatterEntry, spec: KeySpec, ctx: ValidationContext, t: Localize): string {
  const value = entry.value?.kind === 'scalar' ? entry.value.value : undefined;
  const on = t('**on**');
  const off = t('**off**');
  const theme = t('**the default** ({0})', localized(spec.default, ctx.locale));
  let reading: string;
  switch (spec.boolean) {
    case 'strict':
      reading = typeof value === 'boolean' ? (value ? on : off) : theme;
      break;
    case 'notFalse':
      reading = value === false ? off : value === null ? theme : on;
      break;
    case 'truthy':
      reading = value ? on : off;
      break;
    case 'hexo':
      reading = value === null ? theme : typeof value === 'string' ? (['false', '0', ''].includes(value) ? off : on) : value ? on : off;
      break;
    default:
      reading = value === true ? on : off;
  }
  return t('`{0}` is read as {1}.', entry.key, reading);
}

export function dateHover(reading: DateReading, ctx: ValidationContext, t: Localize): string {
  const zone = isValidTimeZone(ctx.blog.timezone) ? ctx.blog.timezone : '';
  const describe = (clock: Parameters<typeof formatHexoDate>[0]): string => {
    if (!zone) return t('{0} in the build machine’s time zone (the blog sets no `timezone`)', formatHexoDate(clock));
    const instant = instantOf(clock, zone)!;
    return t(
      '{0} in {1} ({2}), i.e. {3}',
      formatHexoDate(clock),
      zone,
      formatOffset(zoneOffsetMinutes(instant, zone) ?? 0),
      new Date(instant).toISOString().replace('.000Z', 'Z'),
    );
  };
  switch (reading.kind) {
    case 'reliable':
      return t('Hexo stores {0}.', describe(reading.wallClock));
    case 'offset':
      return t('Hexo stores {0}: the offset is dropped and the UTC clock time is kept.', describe(reading.wallClock));
    case 'impossible':
      return t('Hexo stores {0}: the date rolls over.', describe(reading.wallClock));
    case 'integer':
      return t('Hexo stores {0}: a number is read as milliseconds since 1970.', describe(reading.wallClock));
    case 'machine-dependent': {
      const examples = ['UTC', zone || 'Asia/Shanghai', 'America/New_York'].filter((name, index, all) => all.indexOf(name) === index);
      return (
        t('Hexo’s result depends on the build machine’s time zone:') +
        '\n\n' +
        examples.map((machine) => `- ${t('built in {0}: {1}', machine, formatHexoDate(wallClockIn(reading.instant, machine)!))}`).join('\n')
      );
    }
    default:
      return t('Hexo cannot read this as a date and uses the file’s time instead.');
  }
}
