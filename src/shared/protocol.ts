/**
 * Messages between the extension host (src/preview) and the preview webview (src/webview).
 * Plain data only: both sides are compiled separately and talk through postMessage.
 */

export interface BlockData {
  id: string;
  /** First source line (0-based) and the line after the last one. */
  startLine: number;
  endLine: number;
  /** Rendered HTML; elements inside carry `data-offset` (line relative to startLine). */
  html: string;
}

export interface ViewSettings {
  scrollSync: boolean;
  butterflyStyle: boolean;
  /** The panel is locked to its note (kept in the webview state for the serializer). */
  locked: boolean;
  /** With butterflyStyle: the blog's code-block toolbar (Butterfly `code_blocks`) and its labels. */
  codeTools?: { copy: boolean; language: boolean; shrink: boolean | 'none'; copyLabel: string; copiedLabel: string; foldLabel: string };
}

/** Host → webview. */
export type HostMessage =
  | {
      type: 'full';
      version: number;
      /** The note shown (kept by the webview for the serializer). */
      uri: string;
      headerHtml: string;
      blocks: BlockData[];
      settings: ViewSettings;
      /** Scroll to this source line after rendering (restored state or the editor's position). */
      line?: number;
    }
  | {
      type: 'patch';
      version: number;
      removed: string[];
      /** In document order; each goes before the block `beforeId` (null = at the end). */
      added: Array<{ block: BlockData; beforeId: string | null }>;
      /** Kept blocks whose source lines moved. */
      lines: Array<{ id: string; startLine: number; endLine: number }>;
      headerHtml?: string;
    }
  | { type: 'scrollToLine'; line: number }
  | { type: 'cursorLine'; line: number }
  /** The formula at the editor's cursor: the `index`-th formula of the block starting at `line` (-1: none). */
  | { type: 'cursorFormula'; line: number; index: number }
  | { type: 'settings'; settings: ViewSettings };

/** Webview → host. */
export type WebviewMessage =
  | { type: 'ready' }
  /** The preview was scrolled by the user: the source line at its top. */
  | { type: 'scrolled'; line: number }
  /** Double-click: reveal this source line in the editor. */
  | { type: 'revealLine'; line: number }
  /** Double-click on a formula: the `index`-th formula of the block starting at source line `line`. */
  | { type: 'revealFormula'; line: number; index: number }
  /** A link was clicked; the host decides what (if anything) to open. */
  | { type: 'openLink'; href: string }
  /** A message was applied (tests and the benchmark read `ms`). */
  | { type: 'applied'; version: number; kind: 'full' | 'patch'; ms: number };

/** What the webview keeps with `vscode.setState` (read back by the panel serializer). */
export interface WebviewState {
  uri: string;
  line?: number;
  locked?: boolean;
}

export function isWebviewMessage(value: unknown): value is WebviewMessage {
  if (!value || typeof value !== 'object') return false;
  const message = value as { type?: unknown; line?: unknown; href?: unknown; version?: unknown; index?: unknown };
  switch (message.type) {
    case 'ready':
      return true;
    case 'scrolled':
    case 'revealLine':
      return typeof message.line === 'number' && Number.isFinite(message.line);
    case 'revealFormula':
      return (
        typeof message.line === 'number' &&
        Number.isInteger(message.line) &&
        typeof message.index === 'number' &&
        Number.isInteger(message.index) &&
        message.index >= 0
      );
    case 'openLink':
      return typeof message.href === 'string';
    case 'applied':
      return typeof message.version === 'number';
    default:
      return false;
  }
}
