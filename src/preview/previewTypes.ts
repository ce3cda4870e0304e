/**
 * What a preview panel is given (its dependencies) and what it tells (its render events), apart from the panel
 * itself so the manager, the export command and the tests can name them without the panel's code.
 */
import type * as vscode from 'vscode';
import type { BlogConfig } from '../core/blog/types';
import type { MathRenderer, ParallelMath } from '../core/math/katexRenderer';
import type { FenceRenderer } from '../core/render/renderNote';
import type { ReadOnlyFileSystem } from '../core/fileSystem';
import type { Note } from '../core/note/note';
import type { Localize } from '../core/text';
import type { BlockData } from '../shared/protocol';

export const PREVIEW_VIEW_TYPE = 'mathpost.preview';

export interface PreviewDependencies {
  extensionUri: vscode.Uri;
  t: Localize;
  fs: ReadOnlyFileSystem;
  /** The blog around a note path ('/' separators), or undefined. */
  findBlog(notePath: string): BlogConfig | undefined;
  /** Shared KaTeX cache (also used by the math diagnostics). */
  math: MathRenderer;
  /** The Note of a document's version, shared with the diagnostics and the math authoring. */
  noteFor(document: vscode.TextDocument): Note;
  /** KaTeX worker threads for a note with many new formulas (issue #15). */
  parallelMath?: ParallelMath;
  fenceRenderers?: Record<string, FenceRenderer>;
  /** Fires when a blog's `_config*.yml` changed: the blog read at render time may differ now. */
  onBlogsChanged?: vscode.Event<void>;
}

/** A render of the note posted to the webview: whole (`full`) or the blocks that changed (`patch`, `blockIds`). */
export interface PreviewRender {
  uri: string;
  version: number;
  kind: 'full' | 'patch';
  headerHtml: string;
  /** Every block of the note as rendered now. */
  blocks: readonly BlockData[];
  /** The blocks this message posted. */
  blockIds: string[];
}

/** The webview reports that it has shown a render (and how long applying it took). */
export interface PreviewApplied {
  uri: string;
  version: number;
  kind: 'full' | 'patch';
  ms: number;
}

export function notePathOf(uri: vscode.Uri): string | undefined {
  return uri.scheme === 'file' ? uri.fsPath.replace(/\\/g, '/') : undefined;
}
