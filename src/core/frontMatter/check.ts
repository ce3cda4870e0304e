/**
 * The CLI's (and the "Validate All Posts" command's) entry point: find the blog around a file,
 * decide its scope, validate. Pure: the file system comes in as ReadOnlyFileSystem.
 */
import { defaultBlogConfig, findBlog, noteScope } from '../blog/discover';
import type { BlogConfig } from '../blog/types';
import type { ReadOnlyFileSystem } from '../fileSystem';
import type { CoreDiagnostic, Localize } from '../text';
import type { FrontMatterSchema } from './schema';
import { validateFrontMatter } from './validate';
import type { Note } from '../note/note';

export interface CheckOptions {
  /** A blog found earlier (the same for every file of one blog); found from `path` when absent. */
  blog?: BlogConfig;
  schema?: FrontMatterSchema;
  today?: Date;
  locale?: string;
}

/**
 * Diagnostics for one file. Files inside a blog but outside its published sources (README.md,
 * scaffolds with `{{ title }}` placeholders, node_modules) are not posts and get none.
 */
export function checkFile(path: string, text: Note | string, fs: ReadOnlyFileSystem, t: Localize, options: CheckOptions = {}): CoreDiagnostic[] {
  let blog: BlogConfig;
  try {
    blog = options.blog ?? findBlog(path, fs);
  } catch {
    return validateFrontMatter(text, { scope: 'other', blog: defaultBlogConfig(), fileName: path }, t);
  }
  const scope = noteScope(path, blog);
  if (blog.root !== undefined && scope === 'other') return [];
  return validateFrontMatter(
    text,
    { scope, blog, fileName: path, notePath: path, fs, schema: options.schema, today: options.today, locale: options.locale },
    t,
  );
}
