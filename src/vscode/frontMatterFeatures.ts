/**
 * One call for the composition root: register the front-matter providers and commands over the
 * blog contexts and the one diagnostics pipeline.
 */
import * as vscode from 'vscode';
import type { CommandManager } from './commandManager';
import type { NoteDiagnostics } from './diagnostics';
import { FixAllFrontMatterCommand, FrontMatterCodeActions } from './frontMatterCodeActions';
import { FrontMatterCompletionProvider, frontMatterTriggerCharacters } from './frontMatterCompletion';
import type { FrontMatterContexts } from './frontMatterContext';
import { FrontMatterHoverProvider } from './frontMatterHover';
import { ValidateAllPostsCommand } from './validateBlogCommand';

export interface FrontMatterFeatures {
  contexts: FrontMatterContexts;
  diagnostics: NoteDiagnostics;
}

const markdown: vscode.DocumentSelector = [{ language: 'markdown' }];

export function registerFrontMatterFeatures(context: vscode.ExtensionContext, commands: CommandManager, features: FrontMatterFeatures): void {
  const { contexts, diagnostics } = features;
  context.subscriptions.push(
    vscode.languages.registerCodeActionsProvider(markdown, new FrontMatterCodeActions(contexts, diagnostics), FrontMatterCodeActions.metadata),
    vscode.languages.registerHoverProvider(markdown, new FrontMatterHoverProvider(contexts)),
    vscode.languages.registerCompletionItemProvider(markdown, new FrontMatterCompletionProvider(contexts), ...frontMatterTriggerCharacters),
  );
  commands.register(new ValidateAllPostsCommand(contexts, diagnostics));
  commands.register(new FixAllFrontMatterCommand(contexts));
}
