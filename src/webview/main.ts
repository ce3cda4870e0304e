/**
 * The preview webview: displays what the extension host rendered and reports scrolling and clicks.
 * It never renders markdown itself. After the first message it only touches the blocks a patch
 * names, so unchanged formulas and images stay in the DOM (no flicker, no reload, no scroll jump).
 */
import type { HostMessage, ViewSettings, WebviewMessage, WebviewState } from '../shared/protocol';
import { applyInlineStyles, BlockView } from './blocks';
import { decorateCodeBlocks } from './codeTools';
import { ScrollSync } from './scrollSync';

declare function acquireVsCodeApi(): {
  postMessage(message: WebviewMessage): void;
  getState(): WebviewState | undefined;
  setState(state: WebviewState): void;
};

const vscode = acquireVsCodeApi();
const headerElement = document.getElementById('mp-header') as HTMLElement;
const bodyElement = document.getElementById('mp-body') as HTMLElement;
let uri = document.body.dataset.uri ?? '';
const view = new BlockView(headerElement, bodyElement);
let currentSettings: ViewSettings | undefined;
// The shell may hold the note's visible part, painted before this script ran. A webview shown again after it
// was hidden reloads that same HTML, out of date by now: it waits for the host's render instead.
if (vscode.getState()) {
  headerElement.replaceChildren();
  bodyElement.replaceChildren();
} else {
  applyInlineStyles(headerElement);
  applyInlineStyles(bodyElement);
}
const post = (message: WebviewMessage): void => vscode.postMessage(message);
const scroll = new ScrollSync(view, (line) => {
  post({ type: 'scrolled', line });
  vscode.setState({ ...(vscode.getState() ?? { uri }), uri, line });
});

window.addEventListener('message', (event: MessageEvent<HostMessage>) => {
  const message = event.data;
  if (!message || typeof message !== 'object') return;
  const started = performance.now();
  switch (message.type) {
    case 'full':
      uri = message.uri;
      vscode.setState({ ...(vscode.getState() ?? { uri }), uri, line: message.line });
      view.replaceAll(message.headerHtml, message.blocks);
      scroll.contentChanged();
      applySettings(message.settings);
      if (message.line !== undefined) scroll.scrollToLine(message.line);
      if (markedFormula) markFormula(markedFormula.line, markedFormula.index);
      post({ type: 'applied', version: message.version, kind: 'full', ms: performance.now() - started });
      break;
    case 'patch':
      // Only the new blocks can lack toolbars: no query over the whole note (1,400 formulas) on every keystroke.
      for (const element of view.patch(message)) decorateCodeBlocks(element, currentSettings);
      scroll.contentChanged();
      scroll.refreshMarker();
      if (markedFormula) markFormula(markedFormula.line, markedFormula.index);
      post({ type: 'applied', version: message.version, kind: 'patch', ms: performance.now() - started });
      break;
    case 'scrollToLine':
      scroll.scrollToLine(message.line);
      break;
    case 'cursorLine':
      scroll.markCursorLine(message.line);
      break;
    case 'cursorFormula':
      markFormula(message.line, message.index);
      break;
    case 'settings':
      applySettings(message.settings);
      break;
  }
});

function applySettings(settings: ViewSettings): void {
  scroll.enabled = settings.scrollSync;
  vscode.setState({ ...(vscode.getState() ?? { uri }), uri, locked: settings.locked });
  document.body.classList.toggle('mp-butterfly', settings.butterflyStyle);
  currentSettings = settings;
  decorateCodeBlocks(bodyElement, settings);
}

let markedFormula: { line: number; index: number; element?: HTMLElement } | undefined;

/** Highlights the formula at the editor's cursor (kept across patches: re-applied after each one). */
function markFormula(line: number, index: number): void {
  markedFormula?.element?.classList.remove('mp-cursor-formula');
  const element = view.formula(line, index);
  element?.classList.add('mp-cursor-formula');
  markedFormula = { line, index, element };
}

document.addEventListener('dblclick', (event) => {
  const formula = view.formulaAt(event.target as Element);
  if (formula) {
    post({ type: 'revealFormula', line: formula.line, index: formula.index });
    return;
  }
  const line = view.lineAt(event.target as Element);
  if (line !== undefined) post({ type: 'revealLine', line });
});

document.addEventListener('click', (event) => {
  const target = event.target as Element;
  const link = target.closest('a[href]');
  if (link) {
    event.preventDefault();
    const href = link.getAttribute('href') ?? '';
    if (href.startsWith('#')) {
      const anchor = document.getElementById(decodeURIComponent(href.slice(1))) ?? document.getElementById('user-' + decodeURIComponent(href.slice(1)));
      anchor?.scrollIntoView();
    } else {
      post({ type: 'openLink', href });
    }
    return;
  }
  const tab = target.closest('.tabs .tab');
  if (tab) {
    showTab(tab);
    return;
  }
  const hideButton = target.closest('.hide-button');
  if (hideButton) hideButton.parentElement?.classList.add('open');
});

/** Butterfly tabs: the n-th button shows the n-th content (as the theme's own script does). */
function showTab(button: Element): void {
  const tabs = button.closest('.tabs');
  if (!tabs) return;
  const buttons = Array.from(tabs.querySelectorAll(':scope > .nav-tabs > .tab'));
  const index = buttons.indexOf(button);
  buttons.forEach((other, i) => other.classList.toggle('active', i === index));
  Array.from(tabs.querySelectorAll(':scope > .tab-contents > .tab-item-content')).forEach((content, i) => content.classList.toggle('active', i === index));
}

post({ type: 'ready' });
