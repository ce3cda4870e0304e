/**
 * One call for the composition root: build the front-matter services, register the providers and
 * commands, and return what tests (and other features) may want to reach.
 */
import * as vscode from 'vscode';
import type { CommandManager } from './commandManager';
import { FixAllFrontMatterCommand, FrontMatterCodeActions } from './frontMatterCodeActions';
import { FrontMatterCompletionProvider, frontMatterTriggerCharacters } from './frontMatterCompletion';
import { FrontMatterContexts } from './frontMatterContext';
import { FrontMatterDiagnostics } from './frontMatterDiagnostics';
import { FrontMatterHoverProvider } from './frontMatterHover';
import { ValidateAllPostsCommand } from './validateBlogCommand';

export interface FrontMatterFeatures {
  contexts: FrontMatterContexts;
  diagnostics: FrontMatterDiagnostics;
  collection: vscode.DiagnosticCollection;
}

const markdown: vscode.DocumentSelector = [{ language: 'markdown' }];

export function registerFrontMatterFeatures(context: vscode.ExtensionContext, commands: CommandManager): FrontMatterFeatures {
  const contexts = new FrontMatterContexts();
  const collection = vscode.languages.createDiagnosticCollection('mathpost');
  const diagnostics = new FrontMatterDiagnostics(collection, contexts);
  context.subscriptions.push(
    contexts,
    collection,
    diagnostics,
    vscode.languages.registerCodeActionsProvider(markdown, new FrontMatterCodeActions(contexts), FrontMatterCodeActions.metadata),
    vscode.languages.registerHoverProvider(markdown, new FrontMatterHoverProvider(contexts)),
    vscode.languages.registerCompletionItemProvider(markdown, new FrontMatterCompletionProvider(contexts), ...frontMatterTriggerCharacters),
  );
  commands.register(new ValidateAllPostsCommand(contexts, diagnostics));
  commands.register(new FixAllFrontMatterCommand(contexts));
  return { contexts, diagnostics, collection };
}
