/**
 * Key-level rules: unknown keys (with did-you-mean), keys with no effect in Butterfly 5.7, plugin and
 * other-theme keys, internal keys, aliases, post/page scope, empty values, missing title, value types.
 */
import { basename } from '../../blog/paths';
import { insertEntry, removeEntry, replace, yamlScalar } from '../edits';
import type { FrontMatterEntry, FrontMatterValue } from '../parse';
import type { RuleContext } from '../report';
import { localized } from '../schema';
import type { KeySpec } from '../schema';
import { closest } from '../suggest';

export function checkKeys(rule: RuleContext): void {
  const { parsed, ctx, t, schema } = rule;
  const butterflyDescribed = schema.custom || ctx.blog.theme === '' || ctx.blog.theme.toLowerCase() === 'butterfly';
  const pageType = stringValue(rule.effective('type')?.value);
  for (const entry of parsed.entries) {
    const canonical = schema.aliases.get(entry.key) ?? entry.key;
    const spec = schema.keys.get(canonical);
    const keyRange = { start: entry.keyStart, end: entry.keyEnd };
    if (!spec) {
      reportUnknown(rule, entry, butterflyDescribed);
      continue;
    }
    if (canonical !== entry.key && parsed.entries.some((other) => other.key === canonical)) {
      rule.report({
        ...keyRange,
        code: 'frontmatter.alias-ignored',
        severity: 'warning',
        message: t('`{0}` is ignored because `{1}` is also set (Hexo only reads the alias when the main key is absent).', entry.key, canonical),
        data: { key: entry.key, canonical },
      });
      continue;
    }
    reportStatus(rule, entry, spec);
    if (spec.status !== 'active' && spec.status !== 'extra') continue;
    reportScope(rule, entry, spec, pageType);
    if (entry.value === undefined || (entry.value.kind === 'scalar' && entry.value.value === null)) {
      if (canonical !== 'title' && canonical !== 'date') {
        rule.report({
          ...keyRange,
          code: 'frontmatter.empty-value',
          severity: 'hint',
          message: t('`{0}` is empty, so the default applies: {1}.', entry.key, localized(spec.default, ctx.locale)),
          data: { key: entry.key },
        });
      }
      continue;
    }
    checkValueType(rule, entry, spec, entry.value);
  }
  checkTitle(rule);
}

function reportUnknown(rule: RuleContext, entry: FrontMatterEntry, butterflyDescribed: boolean): void {
  const { t, schema, ctx } = rule;
  const suggestion = closest(entry.key, [...schema.keys.keys(), ...schema.aliases.keys()]);
  const target = suggestion ? (schema.aliases.get(suggestion) ?? suggestion) : undefined;
  const present = target !== undefined && rule.parsed.entries.some((other) => other.key === target);
  const message = butterflyDescribed
    ? t('Unknown front-matter key `{0}`: Hexo keeps it, but neither Hexo nor Butterfly 5.7 reads it.', entry.key)
    : t(
        '`{0}` is not a Hexo or Butterfly key; the theme `{1}` is not described (add its keys with `mathpost.frontMatter.extraKeys` or a schema file).',
        entry.key,
        ctx.blog.theme,
      );
  const written = rule.parsed.text.slice(entry.keyStart, entry.keyEnd);
  // Keep the key's own quotes (JSON front matter, or a quoted YAML key).
  const renamed = target && /^["']/.test(written) ? written[0] + target + written[0] : target;
  // A key Butterfly ignores is still the likely intent (say so), but not a fix for "fix all": it would then have to
  // remove the key it just wrote (fix all would not settle in one pass; found by the fuzz property).
  const preferred = target !== undefined && schema.keys.get(target)?.status !== 'noEffect';
  const fixes = target && !present ? [{ title: t('Rename to `{0}`', target), edits: [replace(entry.keyStart, entry.keyEnd, renamed!)], preferred }] : undefined;
  rule.report({
    start: entry.keyStart,
    end: entry.keyEnd,
    code: 'frontmatter.unknown-key',
    // Outside a Hexo blog the file may belong to another generator: say it, but quietly.
    severity: butterflyDescribed && ctx.blog.root !== undefined ? 'warning' : 'hint',
    message: target ? `${message} ${t('Did you mean `{0}`?', target)}` : message,
    data: { key: entry.key, suggestion: target },
    fixes,
  });
}

function reportStatus(rule: RuleContext, entry: FrontMatterEntry, spec: KeySpec): void {
  const { t, ctx, parsed } = rule;
  const keyRange = { start: entry.keyStart, end: entry.keyEnd };
  const remove = { title: t('Remove `{0}`', entry.key), edits: [removeEntry(parsed, entry)] };
  if (spec.status === 'noEffect') {
    rule.report({
      ...keyRange,
      code: 'frontmatter.no-effect',
      severity: 'hint',
      message: t('`{0}` has no effect in Butterfly 5.7: {1}', entry.key, localized(spec.description, ctx.locale)),
      data: { key: entry.key, unnecessary: true },
      fixes: [{ ...remove, preferred: true }],
    });
  } else if (spec.status === 'foreign') {
    if (spec.plugin && ctx.blog.dependencies?.includes(spec.plugin)) return;
    // A key of the configured theme itself (e.g. AnZhiYu keys on an AnZhiYu blog) is not foreign.
    if (
      ctx.blog.theme &&
      spec.origin
        .toLowerCase()
        .split(/\s*\/\s*|\s+/)
        .includes(ctx.blog.theme.toLowerCase())
    )
      return;
    rule.report({
      ...keyRange,
      code: 'frontmatter.foreign-key',
      severity: 'information',
      message: t(
        '`{0}` is read by {1}, not by Hexo or Butterfly 5.7; it does nothing unless that is installed. {2}',
        entry.key,
        spec.origin,
        localized(spec.description, ctx.locale),
      ),
      data: { key: entry.key, origin: spec.origin },
    });
  } else if (spec.status === 'internal') {
    rule.report({
      ...keyRange,
      code: 'frontmatter.internal-key',
      severity: 'warning',
      message: t('`{0}` is set by {1} itself; do not write it. {2}', entry.key, spec.origin, localized(spec.description, ctx.locale)),
      data: { key: entry.key },
      fixes: [remove],
    });
  }
}

function reportScope(rule: RuleContext, entry: FrontMatterEntry, spec: KeySpec, pageType: string | undefined): void {
  const { t, ctx } = rule;
  const keyRange = { start: entry.keyStart, end: entry.keyEnd };
  const isPost = ctx.scope === 'post' || ctx.scope === 'draft';
  if (spec.scope === 'post' && ctx.scope === 'page') {
    rule.report({
      ...keyRange,
      code: 'frontmatter.wrong-scope',
      severity: 'warning',
      message: t('`{0}` only works in posts (`source/_posts`); on a page it is ignored.', entry.key),
      data: { key: entry.key },
    });
  } else if (spec.scope === 'page' && isPost) {
    rule.report({
      ...keyRange,
      code: 'frontmatter.wrong-scope',
      severity: 'warning',
      message: t('`{0}` only works on pages (files under `source/` outside `_posts`); in a post it is ignored.', entry.key),
      data: { key: entry.key },
    });
  } else if (spec.pageType && ctx.scope === 'page' && pageType !== spec.pageType) {
    rule.report({
      ...keyRange,
      code: 'frontmatter.wrong-scope',
      severity: 'hint',
      message: t('`{0}` only matters on a page with `type: {1}`.', entry.key, spec.pageType),
      data: { key: entry.key },
    });
  }
}

function checkValueType(rule: RuleContext, entry: FrontMatterEntry, spec: KeySpec, value: FrontMatterValue): void {
  const { t } = rule;
  const range = { start: value.start, end: value.end };
  const data = { key: entry.key };
  const isCollection = value.kind === 'list' || value.kind === 'map';
  switch (spec.type) {
    case 'string':
    case 'url':
    case 'layout':
      if (isCollection)
        rule.report({
          ...range,
          code: 'frontmatter.wrong-type',
          severity: 'warning',
          message: t('`{0}` should be text; Hexo turns this {1} into a string such as `a,b`.', entry.key, value.kind === 'list' ? t('list') : t('mapping')),
          data,
        });
      break;
    case 'number':
      if (value.kind !== 'scalar' || (typeof value.value !== 'number' && !/^\s*-?\d+(\.\d+)?\s*$/.test(String(value.value)))) {
        rule.report({ ...range, code: 'frontmatter.wrong-type', severity: 'warning', message: t('`{0}` should be a number.', entry.key), data });
      }
      break;
    case 'image':
      if (isCollection)
        rule.report({
          ...range,
          code: 'frontmatter.wrong-type',
          severity: 'warning',
          message: t('`{0}` takes one image; a list is not supported here (only the theme config’s `default_cover` can be a list).', entry.key),
          data,
        });
      break;
    case 'mapping':
      if (value.kind !== 'map')
        rule.report({
          ...range,
          code: 'frontmatter.wrong-type',
          severity: 'warning',
          message: t('`{0}` should be a mapping (`key: value` lines indented below it).', entry.key),
          data,
        });
      break;
    default:
      break;
  }
  if (spec.allowed && value.kind === 'scalar' && value.value !== null && !spec.allowed.includes(String(value.value))) {
    const suggestion = closest(String(value.value), spec.allowed);
    rule.report({
      ...range,
      code: 'frontmatter.bad-value',
      severity: 'warning',
      message:
        t('`{0}` is not a value `{1}` understands (expected one of: {2}).', String(value.value), entry.key, spec.allowed.join(', ')) +
        (suggestion ? ' ' + t('Did you mean `{0}`?', suggestion) : ''),
      data: { key: entry.key, suggestion },
      fixes: suggestion
        ? [{ title: t('Change to `{0}`', suggestion), edits: [replace(value.start, value.end, yamlScalar(suggestion))], preferred: true }]
        : undefined,
    });
  }
}

function checkTitle(rule: RuleContext): void {
  const { parsed, ctx, t } = rule;
  if (parsed.status === 'syntax-error' || parsed.status === 'not-mapping' || parsed.split.problem) return;
  if (!parsed.block && ctx.scope === 'other') return;
  const entry = rule.effective('title');
  const value = entry?.value;
  const empty = !entry || value === undefined || (value.kind === 'scalar' && (value.value === null || String(value.value).trim() === ''));
  if (!empty) return;
  const title = suggestedTitle(parsed.text.slice(parsed.split.bodyStart), ctx.fileName);
  const fixes = entry
    ? [
        {
          title: t('Set the title to “{0}”', title),
          edits: [value ? replace(value.start, value.end, yamlScalar(title)) : replace(entry.afterColon, entry.afterColon, ' ' + yamlScalar(title))],
          preferred: true,
        },
      ]
    : [{ title: t('Add `title: {0}`', title), edits: [insertTitle(rule, title)], preferred: true }];
  const block = parsed.block;
  const start = entry ? entry.keyStart : block?.prefixed ? (block.openStart ?? 0) : block ? block.dataStart : 0;
  const end = entry
    ? entry.keyEnd
    : block?.prefixed
      ? (block.openEnd ?? start + 3)
      : block
        ? block.closeEnd
        : Math.min(parsed.text.length, lineLength(parsed.text));
  rule.report({
    start,
    end: Math.max(end, start),
    code: 'frontmatter.missing-title',
    severity: 'warning',
    message: t('The post has no title: Hexo stores an empty title and Butterfly shows “no title”.'),
    data: { title },
    fixes,
  });
}

function insertTitle(rule: RuleContext, title: string) {
  const { parsed } = rule;
  const line = `title: ${yamlScalar(title)}`;
  if (parsed.block?.prefixed && parsed.entries.length > 0) {
    const at = parsed.block.dataStart;
    const eol = parsed.text.slice(parsed.block.openEnd ?? 0, at).includes('\r') ? '\r\n' : '\n';
    return replace(at, at, line + eol);
  }
  return insertEntry(parsed, line);
}

function lineLength(text: string): number {
  const newline = text.search(/\r?\n/);
  return newline === -1 ? text.length : newline;
}

/** Title for a fix: the first Markdown heading of the body, else the file name without extension. */
export function suggestedTitle(body: string, fileName: string): string {
  const heading = /^#{1,6}[ \t]+(.+?)[ \t#]*$/m.exec(body);
  if (heading) return heading[1].trim();
  const name = basename(fileName).replace(/\.[^.]+$/, '');
  return name.replace(/[-_]+/g, ' ').trim() || 'Untitled';
}

export function stringValue(value: FrontMatterValue | undefined): string | undefined {
  return value?.kind === 'scalar' && value.value !== null ? String(value.value) : undefined;
}
