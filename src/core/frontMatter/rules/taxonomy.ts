/**
 * Tags and categories as Hexo 8.1.2 reads them (models/post.js setTags / setCategories):
 * a scalar is ONE tag or category (commas do not split), a flat category list is ONE hierarchy,
 * any nested list makes every item its own hierarchy, null and '' entries are dropped.
 */
import type { TextEdit } from '../../text';
import { replace, yamlScalar } from '../edits';
import type { FrontMatterEntry, FrontMatterValue, ListValue } from '../parse';
import type { FixData, RuleContext } from '../report';

const comma = /[,，、]/;

export function checkTaxonomy(rule: RuleContext): void {
  for (const key of ['tags', 'categories']) {
    const entry = rule.effective(key);
    if (!entry?.value) continue;
    if (key === 'tags') checkTags(rule, entry, entry.value);
    else checkCategories(rule, entry, entry.value);
  }
}

function splitNames(text: string): string[] {
  return text
    .split(comma)
    .map((part) => part.trim())
    .filter(Boolean);
}

function checkTags(rule: RuleContext, entry: FrontMatterEntry, value: FrontMatterValue): void {
  const { t } = rule;
  if (value.kind === 'scalar') {
    if (typeof value.value === 'string' && comma.test(value.value)) {
      const names = splitNames(value.value);
      rule.report({
        start: value.start,
        end: value.end,
        code: 'frontmatter.comma-in-name',
        severity: 'warning',
        message: t('`{0}: {1}` is ONE tag named “{2}”: Hexo only splits YAML lists. Write `[{3}]`.', entry.key, value.source, value.value, names.join(', ')),
        data: { key: entry.key },
        fixes:
          names.length > 1
            ? [{ title: t('Make it a list of {0} tags', names.length), edits: [replace(value.start, value.end, flowList(names))], preferred: true }]
            : undefined,
      });
    }
    return;
  }
  if (value.kind !== 'list') {
    rule.report({
      start: value.start,
      end: value.end,
      code: 'frontmatter.wrong-type',
      severity: 'warning',
      message: t('`{0}` should be a list of names.', entry.key),
      data: { key: entry.key },
    });
    return;
  }
  for (const item of value.items) {
    if (item.kind === 'list' || item.kind === 'map') {
      rule.report({
        start: item.start,
        end: item.end,
        code: 'frontmatter.wrong-type',
        severity: 'warning',
        message: t('A tag is a single name; nested lists are only meaningful in `categories`.'),
        data: { key: entry.key },
      });
    } else checkItem(rule, entry, item, 'tag');
  }
}

function checkItem(rule: RuleContext, entry: FrontMatterEntry, item: FrontMatterValue, what: 'tag' | 'category'): void {
  const { t } = rule;
  if (item.kind !== 'scalar') return;
  if (item.value === null || item.value === '') {
    rule.report({
      start: item.start,
      end: Math.max(item.end, item.start),
      code: 'frontmatter.empty-entry',
      severity: 'hint',
      message: t('This empty entry of `{0}` is dropped by Hexo.', entry.key),
      data: { key: entry.key },
    });
  } else if (typeof item.value === 'string' && comma.test(item.value)) {
    rule.report({
      start: item.start,
      end: item.end,
      code: 'frontmatter.comma-in-name',
      severity: 'warning',
      message:
        what === 'tag'
          ? t('“{0}” is ONE tag: a comma inside an entry does not split it.', item.value)
          : t('“{0}” is ONE category: a comma inside an entry does not split it.', item.value),
      data: { key: entry.key },
    });
  }
}

function checkCategories(rule: RuleContext, entry: FrontMatterEntry, value: FrontMatterValue): void {
  const { t } = rule;
  if (value.kind === 'scalar') {
    if (typeof value.value === 'string' && comma.test(value.value)) {
      const names = splitNames(value.value);
      const fixes: FixData[] =
        names.length > 1
          ? [
              { title: t('Make it the hierarchy {0}', names.join(' > ')), edits: [replace(value.start, value.end, flowList(names))] },
              {
                title: t('Make it {0} separate categories', names.length),
                edits: [replace(value.start, value.end, `[${names.map((name) => flowList([name])).join(', ')}]`)],
              },
            ]
          : [];
      rule.report({
        start: value.start,
        end: value.end,
        code: 'frontmatter.comma-in-name',
        severity: 'warning',
        message: t('`{0}: {1}` is ONE category named “{2}”: Hexo only splits YAML lists.', entry.key, value.source, value.value),
        data: { key: entry.key },
        fixes,
      });
    }
    return;
  }
  if (value.kind !== 'list') {
    rule.report({
      start: value.start,
      end: value.end,
      code: 'frontmatter.wrong-type',
      severity: 'warning',
      message: t('`{0}` should be a name, a list (one hierarchy) or a list of lists.', entry.key),
      data: { key: entry.key },
    });
    return;
  }
  for (const item of value.items) {
    if (item.kind === 'list') for (const inner of item.items) checkItem(rule, entry, inner, 'category');
    else if (item.kind === 'map')
      rule.report({
        start: item.start,
        end: item.end,
        code: 'frontmatter.wrong-type',
        severity: 'warning',
        message: t('A category is a name or a list of names, not a mapping.'),
        data: { key: entry.key },
      });
    else checkItem(rule, entry, item, 'category');
  }
  const names = value.items.filter((item) => item.kind === 'scalar' && item.value !== null && item.value !== '');
  if (names.length >= 2 && names.length === value.items.length) {
    const hierarchy = names.map((item) => String((item as { value: unknown }).value)).join(' > ');
    rule.report({
      start: value.start,
      end: value.end,
      code: 'frontmatter.category-hierarchy',
      severity: 'hint',
      message: t('A flat list of categories is ONE hierarchy: {0}. For separate categories write each in its own list: `[[A], [B]]`.', hierarchy),
      data: { key: entry.key },
      fixes: [{ title: t('Make them {0} separate categories', names.length), edits: separateCategories(value) }],
    });
  }
}

function flowList(names: readonly string[]): string {
  return `[${names.map(yamlScalar).join(', ')}]`;
}

/** Wrap every item in its own list: `[A, B]` -> `[[A], [B]]`, `- A` -> `- [A]`. */
function separateCategories(list: ListValue): TextEdit[] {
  return list.items.map((item) => {
    const source = item.kind === 'scalar' ? item.source : '';
    return replace(item.start, item.end, `[${source}]`);
  });
}

/** Hexo's reading of `categories`: the list of hierarchies (for hover). */
export function categoryHierarchies(value: FrontMatterValue | undefined): string[][] {
  if (!value) return [];
  const name = (item: FrontMatterValue): string | undefined =>
    item.kind === 'scalar' && item.value !== null && item.value !== '' ? String(item.value) : undefined;
  if (value.kind === 'scalar') return name(value) ? [[name(value)!]] : [];
  if (value.kind !== 'list') return [];
  if (value.items.some((item) => item.kind === 'list')) {
    return value.items
      .map((item) =>
        item.kind === 'list'
          ? item.items.map(name).filter((part): part is string => part !== undefined)
          : [name(item)].filter((part): part is string => part !== undefined),
      )
      .filter((path) => path.length > 0);
  }
  const path = value.items.map(name).filter((part): part is string => part !== undefined);
  return path.length > 0 ? [path] : [];
}

/** Hexo's reading of `tags`: the tag names (for hover and completion). */
export function tagNames(value: FrontMatterValue | undefined): string[] {
  if (!value) return [];
  if (value.kind === 'scalar') return value.value === null || value.value === '' ? [] : [String(value.value)];
  if (value.kind !== 'list') return [];
  return value.items.flatMap((item) => (item.kind === 'scalar' && item.value !== null && item.value !== '' ? [String(item.value)] : []));
}
