/**
 * Composition root: build the services, register them, push disposables. Nothing else happens here
 * (no work at import time), so activation stays cheap.
 */
import * as vscode from 'vscode';
import { klFenceRenderer } from './core/kl/card';
import { MathRenderer } from './core/math/katexRenderer';
import type { FenceRenderer } from './core/render/markdown';
import { activatePreview, type PreviewManager } from './preview';
import { CommandManager } from './vscode/commandManager';
import { registerFrontMatterFeatures, type FrontMatterFeatures } from './vscode/frontMatterFeatures';
import { KlDiagnostics } from './vscode/klDiagnostics';
import { registerKlHover } from './vscode/klHover';
import { klSettings } from './vscode/klSettings';
import { MathDiagnosticsProvider } from './vscode/mathDiagnostics';
import { MathAuthoring } from './vscode/mathAuthoring';

/** What `activate` returns: the integration tests reach the services through it. */
export interface MathpostApi {
  frontMatter: FrontMatterFeatures;
  preview: PreviewManager;
  math: MathDiagnosticsProvider;
  kl: KlDiagnostics;
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

  const frontMatter = registerFrontMatterFeatures(context, commands);
  // One blog cache and one KaTeX cache for every feature.
  const findBlog = (notePath: string) => frontMatter.contexts.blogFor(notePath);
  // Built on first use, not here: creating them would load the core (dist/core.js) during activation.
  let math: MathRenderer | undefined;
  let fenceRenderers: Record<string, FenceRenderer> | undefined;
  const sharedMath = (): MathRenderer => (math ??= new MathRenderer());

  const preview = activatePreview(context, {
    extensionUri: context.extensionUri,
    t,
    fs: frontMatter.contexts.fs,
    findBlog,
    onBlogsChanged: frontMatter.contexts.onDidChange,
    get math() {
      return sharedMath();
    },
    get fenceRenderers() {
      return (fenceRenderers ??= { kl: klFenceRenderer(t, () => klSettings()) });
    },
  });

  const mathDiagnostics = new MathDiagnosticsProvider({
    t,
    findBlog,
    get math() {
      return sharedMath();
    },
    debounceMs: () => Math.max(0, vscode.workspace.getConfiguration('mathpost').get<number>('validation.debounceMs', 300)),
  });
  const kl = new KlDiagnostics();
  context.subscriptions.push(mathDiagnostics, kl, registerKlHover());
  // Issue #11: rendered formula on hover, LaTeX completion in math, macros as symbols.
  const mathAuthoring = new MathAuthoring({
    extensionUri: context.extensionUri,
    fs: frontMatter.contexts.fs,
    t,
    findBlog,
    get math() {
      return sharedMath();
    },
  });
  context.subscriptions.push(mathAuthoring);

  const resources = (): MathpostResources => {
    const panels = preview.resources();
    return {
      previewPanels: panels.panels,
      previewSubscriptions: panels.subscriptions,
      pendingPreviewUpdates: panels.pendingUpdates,
      pendingChecks: frontMatter.diagnostics.pendingChecks + mathDiagnostics.pendingChecks + kl.pendingChecks,
    };
  };
  return { frontMatter, preview, math: mathDiagnostics, kl, resources };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
