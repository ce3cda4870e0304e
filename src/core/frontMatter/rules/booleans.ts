/**
 * Booleans as Butterfly 5.7 / Hexo 8 read them (spec §4). Three theme semantics plus Hexo's cast:
 *  strict   (`typeof === 'boolean'`): a string means "theme default".
 *  notFalse (`!== false`): only a real false turns the feature off; `'false'` keeps it ON.
 *  truthy   (`if (page.katex)`): any non-empty string turns it ON, even `'false'`.
 *  hexo     (warehouse Boolean type): `'false'`, `'0'`, `''` are false, any other string is true.
 */
import { replace } from '../edits';
import type { FrontMatterEntry, ScalarValue } from '../parse';
import { intendedBoolean } from '../report';
import type { RuleContext } from '../report';
import { localized } from '../schema';
import type { KeySpec } from '../schema';

export function checkBooleans(rule: RuleContext): void {
  for (const entry of rule.parsed.entries) {
    const spec = rule.spec(entry.key);
    if (!spec?.boolean || spec.status !== 'active' || entry.value === undefined) continue;
    const value = entry.value;
    if (value.kind !== 'scalar') {
      if (spec.type === 'boolean')
        rule.report({
          start: value.start,
          end: value.end,
          code: 'frontmatter.wrong-type',
          severity: 'warning',
          message: rule.t('`{0}` should be `true` or `false`.', entry.key),
          data: { key: entry.key },
        });
      continue;
    }
    if (value.value === null || typeof value.value === 'boolean') continue;
    checkScalar(rule, entry, spec, value);
  }
}

function checkScalar(rule: RuleContext, entry: FrontMatterEntry, spec: KeySpec, value: ScalarValue): void {
  const { t, ctx } = rule;
  const intended = intendedBoolean(value.value);
  const written = value.source;
  const fix =
    intended === undefined
      ? undefined
      : [{ title: t('Change to `{0}` (a real boolean)', String(intended)), edits: [replace(value.start, value.end, String(intended))], preferred: true }];
  const report = (severity: 'warning' | 'hint', message: string): void =>
    rule.report({ start: value.start, end: value.end, code: 'frontmatter.string-boolean', severity, message, data: { key: entry.key, intended }, fixes: fix });
  const isImage = spec.type === 'image';
  switch (spec.boolean) {
    case 'strict':
      report(
        'warning',
        intended === undefined
          ? t(
              '`{0}: {1}` is not a boolean, so Butterfly ignores it and uses the default ({2}). Write `true` or `false`.',
              entry.key,
              written,
              localized(spec.default, ctx.locale),
            )
          : t(
              '`{0}: {1}` is a string, not a boolean, so Butterfly ignores it and uses the default ({2}). Write `{0}: {3}` without quotes.',
              entry.key,
              written,
              localized(spec.default, ctx.locale),
              String(intended),
            ),
      );
      break;
    case 'notFalse':
      if (intended === false && (!isImage || typeof value.value === 'string')) {
        report(
          'warning',
          t('`{0}: {1}` is not the boolean false: only a real `false` turns this off, so it stays ON. Write `{0}: false` without quotes.', entry.key, written),
        );
      } else if (intended === true && !isImage) {
        report('hint', t('`{0}: {1}` works (anything but `false` keeps it on), but write `{0}: true`.', entry.key, written));
      }
      break;
    case 'truthy':
      if (typeof value.value === 'number') break;
      if (intended === false && value.value !== '') {
        report(
          'warning',
          t(
            '`{0}: {1}` is a non-empty string, which counts as true: Butterfly will turn it ON. Write `{0}: false` without quotes, or remove the key.',
            entry.key,
            written,
          ),
        );
      } else if (intended === true) {
        report('hint', t('`{0}: {1}` works (any non-empty value counts), but write `{0}: true`.', entry.key, written));
      }
      break;
    case 'hexo': {
      const hexoReads = typeof value.value === 'number' ? value.value !== 0 : !['false', '0', ''].includes(String(value.value));
      if (intended !== undefined && hexoReads !== intended) {
        report(
          'warning',
          t(
            'Hexo reads `{0}: {1}` as `{2}` (only the strings “false”, “0” and empty are false). Write `{0}: {3}`.',
            entry.key,
            written,
            String(hexoReads),
            String(intended),
          ),
        );
      } else {
        report('hint', t('Hexo reads `{0}: {1}` as `{2}`, but write a real boolean: `{0}: {2}`.', entry.key, written, String(hexoReads)));
      }
      break;
    }
    case 'exactTrue':
      if (intended === true)
        report('warning', t('`{0}: {1}` is not the boolean true; Butterfly only checks `=== true`, so it stays off. Write `{0}: true`.', entry.key, written));
      break;
    default:
      break;
  }
}
