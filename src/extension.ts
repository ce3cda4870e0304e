/**
 * Composition root: build the services, register them, push disposables. Nothing else happens here
 * (no work at import time), so activation stays cheap.
 */
import * as vscode from 'vscode';
import type { MathRenderer } from './core/math/katexRenderer';
import type { NoteCache } from './core/note/note';
import type { FenceRenderer } from './core/render/markdown';
import { core } from './coreLoader';
import { activatePreview, type PreviewManager } from './preview';
import { CommandManager } from './vscode/commandManager';
import { KatexWorkerPool } from './node/katexPool';
import { NoteDiagnostics } from './vscode/diagnostics';
import { FrontMatterContexts } from './vscode/frontMatterContext';
import { type HexoImageEditProvider, registerImagePaste } from './vscode/imagePaste';
import { NewPostCommand } from './vscode/newPostCommand';
import { registerFrontMatterFeatures, type FrontMatterFeatures } from './vscode/frontMatterFeatures';
import { registerKlHover } from './vscode/klHover';
import { klSettings } from './vscode/klSettings';
import { MathCodeActions } from './vscode/mathDiagnostics';
import { MathAuthoring } from './vscode/mathAuthoring';

/** What `activate` returns: the integration tests reach the services through it. */
export interface MathpostApi {
  frontMatter: FrontMatterFeatures;
  preview: PreviewManager;
  /** The one diagnostics pipeline (front matter, math, KL). */
  diagnostics: NoteDiagnostics;
  newPost: NewPostCommand;
  images: HexoImageEditProvider;
  /** What Mathpost holds right now that typing and closing could leak: read by the leak tests. */
  resources(): MathpostResources;
}

export interface MathpostResources {
  previewPanels: number;
  previewSubscriptions: number;
  pendingPreviewUpdates: number;
  pendingChecks: number;
}

export function activate(context: vscode.ExtensionContext): MathpostApi {
  const commands = new CommandManager();
  context.subscriptions.push(commands);
  const t = vscode.l10n.t;

  // One blog cache, one note model per document version and one KaTeX cache for every feature.
  const contexts = new FrontMatterContexts();
  // Built on first use, not here: creating them loads the core (src/coreLoader.ts), which activation must not.
  let notes: NoteCache | undefined;
  let math: MathRenderer | undefined;
  let fenceRenderers: Record<string, FenceRenderer> | undefined;
  const sharedMath = (): MathRenderer => (math ??= new (core().MathRenderer)());
  const sharedNotes = (): NoteCache => (notes ??= new (core().NoteCache)());
  // The Note of a document version: the diagnostics, the math authoring and the preview's formula sync share its scans.
  const noteFor = (document: vscode.TextDocument) => sharedNotes().get(document.uri.toString(), document.version, () => document.getText());
  // KaTeX worker threads for the first render of a note with many formulas (issue #15): started on first use, idle ones end.
  let katexPool: KatexWorkerPool | undefined;
  context.subscriptions.push({ dispose: () => katexPool?.dispose() });
  const diagnostics = new NoteDiagnostics({
    contexts,
    get notes() {
      return sharedNotes();
    },
    math: sharedMath,
  });
  context.subscriptions.push(contexts, diagnostics);
  const frontMatter: FrontMatterFeatures = { contexts, diagnostics };
  registerFrontMatterFeatures(context, commands, frontMatter);
  const findBlog = (notePath: string) => contexts.blogFor(notePath);

  const preview = activatePreview(context, {
    extensionUri: context.extensionUri,
    t,
    fs: frontMatter.contexts.fs,
    findBlog,
    // The preview depends on the blog's config only: a saved post or a validation setting keeps its caches.
    onBlogsChanged: (listener, thisArg, disposables) => contexts.onDidChange((change) => change.config && listener.call(thisArg), undefined, disposables),
    get math() {
      return sharedMath();
    },
    noteFor,
    get parallelMath() {
      return (katexPool ??= new KatexWorkerPool());
    },
    get fenceRenderers() {
      return (fenceRenderers ??= { kl: core().klFenceRenderer(t, () => klSettings()) });
    },
  });

  context.subscriptions.push(
    vscode.languages.registerCodeActionsProvider({ language: 'markdown' }, new MathCodeActions(diagnostics, t), MathCodeActions.metadata),
    registerKlHover(),
  );
  // Issue #11: rendered formula on hover, LaTeX completion in math, macros as symbols.
  const mathAuthoring = new MathAuthoring({
    extensionUri: context.extensionUri,
    fs: frontMatter.contexts.fs,
    t,
    findBlog,
    get math() {
      return sharedMath();
    },
    noteFor,
  });
  context.subscriptions.push(mathAuthoring);
  // The Hexo workflow around the note (issue #14): `hexo new`, images pasted or dropped where the blog finds them.
  const newPost = commands.register(new NewPostCommand(frontMatter.contexts.fs));
  const images = registerImagePaste({ findBlog, fs: frontMatter.contexts.fs });
  context.subscriptions.push(images.registration);

  const resources = (): MathpostResources => {
    const panels = preview.resources();
    return {
      previewPanels: panels.panels,
      previewSubscriptions: panels.subscriptions,
      pendingPreviewUpdates: panels.pendingUpdates,
      pendingChecks: diagnostics.pendingChecks,
    };
  };
  return { frontMatter, preview, diagnostics, newPost, images: images.provider, resources };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
