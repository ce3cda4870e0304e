/**
 * Command `mathpost.validateAllPosts`: check every post and page of the blog(s) in the workspace (or
 * under the folder picked in the explorer) — front matter, math and KL, through the same pipeline as
 * the editor and `mathpost check` — and fill the Problems panel, with progress and cancellation.
 * Open documents are checked with their unsaved text.
 */
import * as vscode from 'vscode';
import { core } from '../coreLoader';
import type { Command } from './commandManager';
import type { NoteDiagnostics } from './diagnostics';
import type { FrontMatterContexts } from './frontMatterContext';

const maxFiles = 20_000;

export interface ValidateAllResult {
  files: number;
  errors: number;
  warnings: number;
  cancelled: boolean;
}

export class ValidateAllPostsCommand implements Command {
  readonly id = 'mathpost.validateAllPosts';

  constructor(
    private readonly contexts: FrontMatterContexts,
    private readonly diagnostics: NoteDiagnostics,
  ) {}

  async execute(folder?: unknown): Promise<ValidateAllResult> {
    const base = folder instanceof vscode.Uri ? folder : undefined;
    const include = base ? new vscode.RelativePattern(base, '**/*.{md,markdown}') : '**/*.{md,markdown}';
    const files = await vscode.workspace.findFiles(include, '{**/node_modules/**,**/public/**,**/.git/**,**/.deploy_git/**}', maxFiles);
    const openDocuments = new Map(vscode.workspace.textDocuments.map((document) => [document.uri.toString(), document]));
    const result: ValidateAllResult = { files: 0, errors: 0, warnings: 0, cancelled: false };
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Mathpost: checking posts'), cancellable: true },
      async (progress, token) => {
        const step = files.length > 0 ? 100 / files.length : 100;
        for (const [index, uri] of files.entries()) {
          if (token.isCancellationRequested) {
            result.cancelled = true;
            break;
          }
          if (index % 25 === 0) {
            progress.report({ message: vscode.l10n.t('{0} of {1}', index + 1, files.length), increment: index === 0 ? 0 : step * 25 });
            // Yield so the progress notification and cancellation stay responsive.
            await new Promise((resolve) => setTimeout(resolve, 0));
          }
          this.validateOne(uri, openDocuments.get(uri.toString()), result);
        }
      },
    );
    const summary = vscode.l10n.t('Mathpost checked {0} file(s): {1} error(s), {2} warning(s).', result.files, result.errors, result.warnings);
    void vscode.window.showInformationMessage(result.cancelled ? `${summary} ${vscode.l10n.t('(cancelled)')}` : summary);
    return result;
  }

  private validateOne(uri: vscode.Uri, open: vscode.TextDocument | undefined, result: ValidateAllResult): void {
    const ctx = this.contexts.validationContextForPath(uri);
    // Only the posts, drafts and pages of a blog (not READMEs, scaffolds or theme files).
    if (ctx.blog.root === undefined || core().noteScope(ctx.fileName, ctx.blog) === 'other') return;
    const text = open ? open.getText() : this.contexts.fs.readFile(uri.fsPath);
    if (text === undefined) return;
    const converted = this.diagnostics.checkFile(uri, open, text);
    result.files++;
    result.errors += converted.filter((diagnostic) => diagnostic.severity === vscode.DiagnosticSeverity.Error).length;
    result.warnings += converted.filter((diagnostic) => diagnostic.severity === vscode.DiagnosticSeverity.Warning).length;
  }
}
