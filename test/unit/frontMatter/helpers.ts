import { findBlog, noteScope } from '../../../src/core/blog/discover';
import type { NoteScope } from '../../../src/core/blog/discover';
import { InMemoryFileSystem } from '../inMemoryFileSystem';
import type { CoreDiagnostic } from '../../../src/core/text';
import { englishText } from '../../../src/core/text';
import type { ValidationContext } from '../../../src/core/frontMatter/report';
import { validateFrontMatter } from '../../../src/core/frontMatter/validate';

/** A Hexo + Butterfly blog like examples/blog: KaTeX with per_page false, Asia/Shanghai. */
export const blogFiles: Record<string, string> = {
  '/blog/_config.yml':
    'title: Notes\ntimezone: Asia/Shanghai\npermalink: :year/:month/:day/:title/\nsource_dir: source\npost_asset_folder: true\ntheme: butterfly\n',
  '/blog/_config.butterfly.yml': 'math:\n  use: katex\n  per_page: false\n',
  '/blog/package.json': '{"dependencies": {"hexo": "^8.1.2", "hexo-theme-butterfly": "^5.7.0"}}',
  '/blog/source/img/cover.png': 'png',
};

export const fixedToday = new Date('2025-07-01T04:05:06Z');

export function blogContext(path = '/blog/source/_posts/note.md', extraFiles: Record<string, string> = {}): ValidationContext {
  const fs = new InMemoryFileSystem({ ...blogFiles, ...extraFiles });
  const blog = findBlog(path, fs);
  return { scope: noteScope(path, blog), blog, fileName: path, today: fixedToday, fs, notePath: path };
}

export function pageContext(): ValidationContext {
  return blogContext('/blog/source/about/index.md');
}

export function contextWith(scope: NoteScope, base = blogContext()): ValidationContext {
  return { ...base, scope };
}

export function validate(text: string, ctx: ValidationContext = blogContext()): CoreDiagnostic[] {
  return validateFrontMatter(text, ctx, englishText);
}

export function codes(text: string, ctx?: ValidationContext): string[] {
  return validate(text, ctx).map((diagnostic) => diagnostic.code);
}

/** The diagnostics with a code, with the text each one covers. */
export function find(text: string, code: string, ctx?: ValidationContext): Array<CoreDiagnostic & { covered: string }> {
  return validate(text, ctx)
    .filter((diagnostic) => diagnostic.code === code)
    .map((diagnostic) => ({ ...diagnostic, covered: text.slice(diagnostic.start, diagnostic.end) }));
}

export function post(frontMatter: string, body = '\nSome text.\n'): string {
  return `---\n${frontMatter}---\n${body}`;
}

/** Split a `$$CURSOR$$` marker out of a fixture. */
export function withCursor(source: string): { text: string; offset: number } {
  const offset = source.indexOf('$$CURSOR$$');
  if (offset < 0) throw new Error('fixture has no $$CURSOR$$');
  return { text: source.slice(0, offset) + source.slice(offset + '$$CURSOR$$'.length), offset };
}
