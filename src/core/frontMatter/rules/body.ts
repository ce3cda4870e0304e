/**
 * Body checks that depend on the front matter and the blog config: will Butterfly load the math
 * engine for this post, do all `{% tags %}` exist (one unknown tag fails the whole `hexo generate`),
 * and `{{` / `{#` that Nunjucks would eat.
 */
import { basename } from '../../blog/paths';
import type { BodyScan } from '../bodyScan';
import { insertEntry, replace } from '../edits';
import type { FixData, RuleContext } from '../report';
import { closest } from '../suggest';

export function checkBody(rule: RuleContext, scan: BodyScan): void {
  const disableNunjucks = rule.effective('disableNunjucks')?.value;
  const nunjucksOff = disableNunjucks?.kind === 'scalar' && disableNunjucks.value === true;
  if (!nunjucksOff) {
    checkTags(rule, scan);
    checkNunjucks(rule, scan);
  }
  checkMathLoading(rule, scan);
}

function checkTags(rule: RuleContext, scan: BodyScan): void {
  const { ctx, t, schema } = rule;
  const theme = ctx.blog.theme.toLowerCase();
  const themeKnown = schema.custom || theme === '' || theme === 'butterfly';
  const known = new Set<string>([...schema.coreTags, ...(themeKnown ? schema.themeTags : []), ...(ctx.blog.customTags ?? [])]);
  for (const tag of scan.tags) {
    const name = tag.name.startsWith('end') && known.has(tag.name.slice(3)) ? tag.name.slice(3) : tag.name;
    if (known.has(name)) continue;
    const suggestion = closest(name, known);
    const message = themeKnown
      ? t('Unknown tag plugin `{0}`: neither Hexo nor Butterfly 5.7 defines it, and one unknown tag makes the whole `hexo generate` fail.', tag.name)
      : t(
          'Unknown tag plugin `{0}`: Hexo does not define it; check that the theme `{1}` or a plugin does, or `hexo generate` fails.',
          tag.name,
          ctx.blog.theme,
        );
    rule.report({
      start: tag.start,
      end: tag.end,
      code: 'frontmatter.unknown-tag',
      severity: themeKnown ? 'error' : 'information',
      message: suggestion ? `${message} ${t('Did you mean `{0}`?', suggestion)}` : message,
      data: { tag: tag.name, suggestion },
      // A guess: offered, but not applied by "fix all".
      fixes: suggestion ? [{ title: t('Change to `{0}`', suggestion), edits: [replace(tag.start, tag.end, suggestion)] }] : undefined,
    });
  }
}

function checkNunjucks(rule: RuleContext, scan: BodyScan): void {
  const { t } = rule;
  for (const found of scan.nunjucks) {
    const message =
      found.opener === '{{'
        ? t(
            '`{{` is Nunjucks syntax: Hexo evaluates it before Markdown (`$a^{{2}}$` renders as `$a^2$`). Write `{ {`, wrap the text in `{% raw %}…{% endraw %}`, or set `disableNunjucks: true`.',
          )
        : t(
            '`{#` starts a Nunjucks comment: Hexo deletes everything up to the next `#}`. Write `{ #`, wrap the text in `{% raw %}…{% endraw %}`, or set `disableNunjucks: true`.',
          );
    rule.report({
      start: found.start,
      end: found.end,
      code: 'frontmatter.nunjucks-syntax',
      severity: 'warning',
      message,
      fixes: [
        {
          title: t('Insert a space: `{0}`', `${found.opener[0]} ${found.opener[1]}`),
          edits: [replace(found.start + 1, found.start + 1, ' ')],
          preferred: true,
        },
      ],
    });
  }
}

function checkMathLoading(rule: RuleContext, scan: BodyScan): void {
  const { ctx, t, parsed } = rule;
  const blog = ctx.blog;
  if (!scan.firstMath || blog.root === undefined || blog.themeConfigPath === undefined) return;
  if (blog.theme.toLowerCase() !== 'butterfly' && !rule.schema.custom) return;
  const range = scan.firstMath;
  const configName = basename(blog.themeConfigPath);
  const engine = blog.math.use;
  if (engine !== 'katex' && engine !== 'mathjax') {
    rule.report({
      ...range,
      code: 'frontmatter.math-not-loaded',
      severity: 'warning',
      message: t(
        'This note has math, but `{0}` sets no `math.use` (katex or mathjax), so Butterfly loads no math engine and the formulas do not show.',
        configName,
      ),
      data: { configFile: blog.themeConfigPath },
    });
    return;
  }
  const layout = rule.effective('layout')?.value;
  const layoutName = layout?.kind === 'scalar' && typeof layout.value === 'string' && layout.value ? layout.value : undefined;
  const pageType = layoutName ?? (ctx.scope === 'page' ? 'page' : 'post');
  const flagEntry = rule.effective(engine);
  const flag = flagEntry?.value;
  const flagOn = flag?.kind === 'scalar' ? Boolean(flag.value) : flag !== undefined;
  if ((blog.math.perPage && (pageType === 'post' || pageType === 'page')) || flagOn) return;
  const other = engine === 'katex' ? 'mathjax' : 'katex';
  const otherOn = rule.effective(other) !== undefined;
  const reason = !blog.math.perPage
    ? t('`math.per_page` is false in `{0}` and this note has no `{1}: true`', configName, engine)
    : t('`layout: {0}` is neither post nor page, so `math.per_page` does not apply', layoutName ?? '');
  const message =
    t('This note has math, but Butterfly will not load {0} for it: {1}. The formulas will not show.', engine === 'katex' ? 'KaTeX' : 'MathJax', reason) +
    (otherOn ? ' ' + t('(`{0}` is ignored because `math.use` is `{1}`.)', other, engine) : '');
  let fix: FixData | undefined;
  if (flagEntry) {
    fix = {
      title: t('Set `{0}: true`', engine),
      edits: [flagEntry.value ? replace(flagEntry.value.start, flagEntry.value.end, 'true') : replace(flagEntry.afterColon, flagEntry.afterColon, ' true')],
      preferred: true,
    };
  } else if (parsed.status === 'mapping' || parsed.status === 'none') {
    fix = { title: t('Add `{0}: true` to the front matter', engine), edits: [insertEntry(parsed, `${engine}: true`)], preferred: true };
  }
  rule.report({ ...range, code: 'frontmatter.math-not-loaded', severity: 'warning', message, data: { engine }, fixes: fix ? [fix] : undefined });
}
