/**
 * Butterfly's code-block toolbar (its source/js/main.js adds it in the browser, so the blog's HTML does
 * not carry it): a fold button, the language and a copy button above each highlighted block, as the
 * blog's `code_blocks` config says. Only with the Butterfly look. Built with DOM calls and textContent
 * only: nothing from the note becomes markup, and copying is done here, never by note content.
 */
import type { ViewSettings } from '../shared/protocol';

type CodeTools = NonNullable<ViewSettings['codeTools']>;

/** The code a block holds: the code cell of Hexo's table, or Prism's <code>. */
function codeText(figure: Element): string {
  const code = figure.querySelector('td.code pre') ?? figure.querySelector('pre code') ?? figure.querySelector('pre');
  return (code as HTMLElement | null)?.innerText ?? '';
}

/** Butterfly: the second class of figure.highlight, or "Code" for plain/none. */
function languageOf(figure: Element): string {
  const name = figure.classList[1];
  return !name || name === 'plain' ? 'Code' : name;
}

function toolbar(figure: Element, tools: CodeTools): HTMLElement {
  const bar = document.createElement('div');
  bar.className = `highlight-tools${tools.shrink === true ? ' closed' : ''}`;
  if (tools.shrink !== 'none') {
    const fold = document.createElement('button');
    fold.type = 'button';
    fold.className = 'expand';
    fold.title = tools.foldLabel;
    fold.addEventListener('click', () => bar.classList.toggle('closed'));
    bar.appendChild(fold);
  }
  if (tools.language) {
    const language = document.createElement('div');
    language.className = 'code-lang';
    language.textContent = languageOf(figure);
    bar.appendChild(language);
  }
  if (tools.copy) {
    const copy = document.createElement('button');
    copy.type = 'button';
    copy.className = 'copy-button';
    copy.title = tools.copyLabel;
    copy.addEventListener('click', () => {
      void navigator.clipboard.writeText(codeText(figure)).then(() => {
        copy.classList.add('copied');
        copy.title = tools.copiedLabel;
        setTimeout(() => {
          copy.classList.remove('copied');
          copy.title = tools.copyLabel;
        }, 1200);
      });
    });
    bar.appendChild(copy);
  }
  return bar;
}

/** Adds the toolbar to every block under `root` that has none (after a full render or a patch). */
export function decorateCodeBlocks(root: Element, settings: ViewSettings | undefined): void {
  const tools = settings?.codeTools;
  if (!settings?.butterflyStyle || !tools) {
    for (const bar of Array.from(root.querySelectorAll('.highlight-tools'))) bar.remove();
    return;
  }
  for (const figure of Array.from(root.querySelectorAll('figure.highlight'))) {
    if (figure.firstElementChild?.classList.contains('highlight-tools')) continue;
    figure.insertBefore(toolbar(figure, tools), figure.firstChild);
  }
}
