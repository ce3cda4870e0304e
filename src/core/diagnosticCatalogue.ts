/**
 * The documentation of every diagnostic code: a one-line summary and the help text, in English and Simplified
 * Chinese. One catalogue (diagnosticCatalogue.json) feeds docs/diagnostics*.md and the rules of the CLI's SARIF
 * output, so what CI shows and what the docs say cannot drift apart.
 */
import catalogue from './diagnosticCatalogue.json';

export type DocLocale = 'en' | 'zh-cn';

export interface DiagnosticDoc {
  code: string;
  summary: Record<DocLocale, string>;
  help: Record<DocLocale, string>;
}

const FAMILIES: ReadonlyArray<{ prefix: string; title: Record<DocLocale, string> }> = [
  {
    prefix: 'frontmatter.',
    title: { en: 'Front matter and the post body (Hexo 8 + Butterfly 5.7)', 'zh-cn': 'front matter 与正文（Hexo 8 + Butterfly 5.7）' },
  },
  { prefix: 'math.', title: { en: 'Math', 'zh-cn': '公式' } },
  { prefix: 'render.', title: { en: 'Links and rendering', 'zh-cn': '链接与渲染' } },
  { prefix: 'kl.', title: { en: 'KL snippets', 'zh-cn': 'KL 片段' } },
  { prefix: 'mathpost.', title: { en: 'Command line', 'zh-cn': '命令行' } },
];

const docs: readonly DiagnosticDoc[] = Object.entries(catalogue.codes).map(([code, entry]) => ({ code, summary: entry.summary, help: entry.help }));
const byCode = new Map(docs.map((doc) => [doc.code, doc]));

export function allDiagnosticDocs(): readonly DiagnosticDoc[] {
  return docs;
}

export function diagnosticDoc(code: string): DiagnosticDoc | undefined {
  return byCode.get(code);
}

/** docs/diagnostics.md (English) or docs/diagnostics.zh-cn.md, exactly as committed (a unit test compares). */
export function diagnosticsMarkdown(locale: DocLocale): string {
  const lines =
    locale === 'en'
      ? [
          '# Diagnostic codes',
          '',
          'Every problem Mathpost reports, in the editor and from `mathpost check`, has one of these codes.',
          'Generated from `src/core/diagnosticCatalogue.json` by `node scripts/diagnostics-doc.mjs`; the same text is',
          'the help of each rule in `mathpost check --format sarif`.',
          '',
        ]
      : [
          '# 诊断代码',
          '',
          'Mathpost 报告的每个问题（编辑器中和 `mathpost check` 输出中）都带有下列代码之一。',
          '由 `node scripts/diagnostics-doc.mjs` 从 `src/core/diagnosticCatalogue.json` 生成；',
          '`mathpost check --format sarif` 中每条规则的帮助文字与此相同（英文）。',
          '',
        ];
  for (const family of FAMILIES) {
    lines.push(`## ${family.title[locale]}`, '');
    for (const doc of docs.filter((candidate) => candidate.code.startsWith(family.prefix))) {
      lines.push(`### \`${doc.code}\``, '', `**${doc.summary[locale]}.** ${doc.help[locale]}`, '');
    }
  }
  return lines.join('\n');
}
