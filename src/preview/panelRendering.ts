/**
 * A panel's renderer: one NoteRenderer (incremental, cached) for its note and render settings, and the
 * ProgressiveRender that posts it in slices, the visible range first (issue #15). Built again when the note,
 * its blog or a render setting changes; the KaTeX cache and worker pool are the extension's, shared.
 */
import * as vscode from 'vscode';
import type { NoteRenderer } from '../core/render/renderNote';
import type { ProgressiveRender } from '../core/render/progressiveRender';
import { core } from '../coreLoader';
import { type PreviewSettings, renderSettingsKey } from './previewSettings';
import { notePathOf, type PreviewDependencies } from './previewTypes';

export class PanelRendering {
  private renderer: NoteRenderer | undefined;
  private slices: ProgressiveRender | undefined;
  private key = '';
  /** Local images the rendered note links but that did not exist: when one appears, render again. */
  readonly missingImages = new Set<string>();

  constructor(
    private readonly deps: PreviewDependencies,
    private readonly webview: vscode.Webview,
  ) {}

  /** Slices are still to come. */
  get running(): boolean {
    return this.slices?.running === true;
  }

  /** The slices for the note at `uri` with `settings`; `fresh` when they were just built (nothing of theirs is shown). */
  slicesFor(uri: vscode.Uri, settings: PreviewSettings): { slices: ProgressiveRender; fresh: boolean } {
    const key = `${uri.toString()}\u0000${renderSettingsKey(settings)}`;
    if (this.renderer && this.slices && key === this.key) return { slices: this.slices, fresh: false };
    this.slices?.cancel();
    const notePath = notePathOf(uri);
    this.missingImages.clear();
    this.renderer = new (core().NoteRenderer)(
      {
        blog: notePath ? this.deps.findBlog(notePath) : undefined,
        notePath,
        fs: this.deps.fs,
        delimiters: settings.delimiters,
        macros: settings.macros,
        allowHtml: settings.allowHtml,
        allowRemoteImages: settings.allowRemoteImages,
        resourceUri: (path) => this.webview.asWebviewUri(vscode.Uri.file(path)).toString(),
        onMissingImage: (path) => this.missingImages.add(path),
        fenceRenderers: this.deps.fenceRenderers,
        t: this.deps.t,
        stylesAsData: true,
        parallelMath: this.deps.parallelMath,
      },
      this.deps.math,
    );
    this.slices = new (core().ProgressiveRender)(this.renderer);
    this.key = key;
    return { slices: this.slices, fresh: true };
  }

  /** Forgets the renderer (another note, a changed blog): the next `slicesFor` builds a new one. */
  drop(): void {
    this.slices?.cancel();
    this.slices = undefined;
    this.renderer = undefined;
  }
}
