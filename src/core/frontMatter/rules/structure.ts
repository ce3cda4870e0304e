/**
 * Block-level problems: where Hexo (hexo-front-matter 4.2.1 + js-yaml 4) throws, drops the post,
 * or silently treats the front matter as content.
 */
import type { Localize } from '../../text';
import { lineStartOf, replace } from '../edits';
import type { SyntaxProblem } from '../parse';
import type { RuleContext } from '../report';
import { splitFrontMatter } from '../split';

export function checkStructure(rule: RuleContext): void {
  const { parsed, t } = rule;
  const text = parsed.text;
  const problem = parsed.split.problem;
  if (problem) {
    const firstLineEnd = text.search(/\r?\n|$/);
    const messages = {
      unclosed: t(
        'The front matter has no closing line identical to the opening `{0}`, so Hexo reads the whole file as content (no title, no date, no tags).',
        text.slice(text.charCodeAt(0) === 0xfeff ? 1 : 0, firstLineEnd).trim(),
      ),
      'trailing-space': t(
        'The opening separator line has trailing spaces, so Hexo does not recognise the front matter and renders it as content. Remove the spaces.',
      ),
      empty: t('The front matter is empty; Hexo ignores it and renders the separator lines as content.'),
    };
    // Only where the spaces are all that is wrong: with no closing line (or nothing inside) the fixed note would
    // still not be front matter, and a quick fix must make the problem go (found by the fuzz property).
    const trimmed = text.slice(0, firstLineEnd).trimEnd();
    const resolves = problem === 'trailing-space' && splitFrontMatter(trimmed + text.slice(firstLineEnd)).problem === undefined;
    const fixes = resolves ? [{ title: t('Remove the trailing spaces'), edits: [replace(0, firstLineEnd, trimmed)], preferred: true }] : undefined;
    rule.report({
      code: 'frontmatter.not-recognised',
      severity: problem === 'empty' ? 'warning' : 'error',
      start: 0,
      end: Math.max(firstLineEnd, 1),
      message: messages[problem],
      data: { reason: problem },
      fixes,
    });
    return;
  }
  const block = parsed.block;
  if (!block) return;
  if (parsed.status === 'syntax-error') {
    for (const syntax of parsed.syntaxProblems) reportSyntax(rule, syntax);
    return;
  }
  if (parsed.status === 'not-mapping') {
    const start = block.prefixed ? (block.openStart ?? 0) : parsed.rootStart;
    rule.report({
      code: 'frontmatter.not-a-mapping',
      severity: 'error',
      start,
      end: block.prefixed ? (block.openEnd ?? start + 3) : Math.max(parsed.rootEnd, start + 1),
      message: t('The front matter is not a list of `key: value` lines, so Hexo ignores it (no title, no date). Did you forget a colon after a key?'),
    });
  }
}

const hexoDrops = (t: Localize, detail: string): string => t('{0} Hexo will drop this post: `hexo generate` logs “Process failed” and still exits 0.', detail);

function reportSyntax(rule: RuleContext, syntax: SyntaxProblem): void {
  const { parsed, t } = rule;
  const text = parsed.text;
  const lineEnd = (offset: number): number => {
    const match = /\r?\n/.exec(text.slice(offset));
    return match ? offset + match.index : text.length;
  };
  let start = syntax.start;
  let end = Math.max(syntax.end, start);
  let detail: string;
  let fixes: Array<{ title: string; edits: ReturnType<typeof replace>[]; preferred?: boolean }> | undefined;
  const line = text.slice(lineStartOf(text, start), lineEnd(start));
  const entryLine = /^(\s*)([^\s:#][^:#]*?):[ \t]+(.*?)\s*$/.exec(line);
  switch (syntax.code) {
    case 'BLOCK_AS_IMPLICIT_KEY': {
      detail = t('This value contains “: ”, which YAML reads as a second key on the same line. Put the whole value in quotes.');
      if (entryLine) {
        const valueStart = lineStartOf(text, start) + line.indexOf(entryLine[3], entryLine[1].length + entryLine[2].length + 1);
        start = valueStart;
        end = valueStart + entryLine[3].length;
        fixes = [{ title: t('Quote the value'), edits: [replace(start, end, quoteForYaml(entryLine[3]))], preferred: true }];
      }
      break;
    }
    case 'DUPLICATE_KEY': {
      const key = /^[^:]*/.exec(text.slice(start, lineEnd(start)))?.[0].trim() ?? '';
      end = start + Math.max(1, key.length);
      rule.report({
        code: 'frontmatter.duplicate-key',
        severity: 'error',
        start,
        end,
        message: hexoDrops(t, t('The key `{0}` appears twice; js-yaml rejects duplicated keys.', key)),
        data: { key },
      });
      return;
    }
    case 'BAD_SCALAR_START':
      detail = t('A value cannot start with `{0}` unquoted. Put the value in quotes.', text.charAt(start));
      break;
    case 'MULTIPLE_DOCS':
      detail = t('A `---` line inside the front matter starts a second YAML document. The closing line must be identical to the opening one.');
      end = lineEnd(start);
      break;
    case 'MULTILINE_IMPLICIT_KEY':
      detail = t('A key must fit on one line. Is a colon missing, or does a value continue on the next line without indentation?');
      break;
    case 'MISSING_CHAR':
      detail = t('Something is not closed (a quote, `]` or `}`). {0}', syntax.message.split('\n')[0]);
      break;
    case 'UNEXPECTED_TOKEN':
    case 'UNEXPECTED_SCALAR':
      detail = /^\s*[[{]/.test(entryLine?.[3] ?? '')
        ? t('A value that starts with `[` or `{` is read as a list or mapping, and text after its closing bracket is an error. Put the whole value in quotes.')
        : /^\s*['"]/.test(entryLine?.[3] ?? '')
          ? t("There is text after the closing quote. Quote the whole value (inside single quotes write a quote as two: `''`).")
          : t('YAML syntax error: {0}', syntax.message.split('\n')[0]);
      if (entryLine && /^\s*[[{'"]/.test(entryLine[3])) {
        const valueStart = lineStartOf(text, start) + line.indexOf(entryLine[3], entryLine[1].length + entryLine[2].length + 1);
        start = valueStart;
        end = valueStart + entryLine[3].length;
        if (/^[[{]/.test(entryLine[3])) fixes = [{ title: t('Quote the value'), edits: [replace(start, end, quoteForYaml(entryLine[3]))], preferred: true }];
      }
      break;
    case 'BAD_INDENT':
      detail = t('The indentation does not match the lines above (YAML uses spaces; every key of one level starts in the same column).');
      break;
    case 'JSON':
      detail = t(
        'The `;;;` block is not valid JSON; Hexo silently ignores it and reads the whole file as content (no title, no date). Check the quotes and commas here.',
      );
      rule.report({ code: 'frontmatter.json-syntax', severity: 'error', start, end: Math.max(end, start + 1), message: detail });
      return;
    default:
      detail = t('YAML syntax error: {0}', syntax.message.split('\n')[0]);
  }
  if (end <= start) end = start + 1;
  rule.report({
    code: 'frontmatter.yaml-syntax',
    severity: 'error',
    start,
    end: Math.min(end, text.length),
    message: hexoDrops(t, detail),
    data: { yamlCode: syntax.code },
    fixes,
  });
}

/** Single quotes keep everything literal except `'`, which is doubled. */
export function quoteForYaml(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
