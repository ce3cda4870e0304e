// Page helpers that use VS Code the way a person does: click in the Explorer, F1 and type a command title,
// hover a word, look at the Problems panel and the preview. Selectors are VS Code's own DOM classes and
// ARIA labels (stable across releases because screen readers and VS Code's smoke tests rely on them).
const DEFAULT_TIMEOUT = 30_000;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `probe` until it returns a truthy value; throws `what` on timeout. */
export async function waitUntil(probe, what, timeoutMs = DEFAULT_TIMEOUT) {
  const deadline = Date.now() + timeoutMs;
  let lastError;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (error) {
      lastError = error;
    }
    await sleep(200);
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? ` (last error: ${lastError.message})` : ''}`);
}

export class Workbench {
  /** @param {import('playwright-core').Page} page */
  constructor(page, workspaceFolder) {
    this.page = page;
    this.workspaceFolder = workspaceFolder;
  }

  /** Waits until the workbench shows the folder's files in the Explorer. */
  async ready() {
    await this.page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await this.page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60_000 });
  }

  explorerRow(name) {
    return this.page.locator(`.explorer-folders-view .monaco-list-row[aria-label="${name}"]`).first();
  }

  /** Opens `relativePath` (e.g. 'source/_posts/kl-divergence.md') by expanding its folders and clicking it. */
  async openFileFromExplorer(relativePath) {
    const parts = relativePath.split('/');
    for (const folder of parts.slice(0, -1)) {
      const row = this.explorerRow(folder);
      await row.waitFor({ timeout: DEFAULT_TIMEOUT });
      if ((await row.getAttribute('aria-expanded')) !== 'true') await row.click();
      await waitUntil(async () => (await row.getAttribute('aria-expanded')) === 'true', `folder ${folder} to expand`);
    }
    const fileName = parts.at(-1);
    const file = this.explorerRow(fileName);
    await file.waitFor({ timeout: DEFAULT_TIMEOUT });
    // A double click pins the editor (a single click opens a preview tab that the next file would replace).
    await file.dblclick();
    await this.page.locator(`.tabs-container .tab.active[aria-label*="${fileName}"]`).waitFor({ timeout: DEFAULT_TIMEOUT });
    await this.page.locator('.editor-instance .monaco-editor .view-lines').first().waitFor({ timeout: DEFAULT_TIMEOUT });
  }

  /** F1, type `query`, and return the labels the quick pick lists (then close it). */
  async commandPaletteEntries(query) {
    await this.openCommandPalette(query);
    const rows = this.page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
    await rows.first().waitFor({ timeout: DEFAULT_TIMEOUT });
    // The list is filtered as we type; wait until it settles before reading it.
    let previous = '';
    const labels = await waitUntil(async () => {
      const current = await rows.evaluateAll((elements) => elements.map((element) => element.getAttribute('aria-label') ?? ''));
      const key = current.join('\n');
      const stable = key === previous;
      previous = key;
      return stable && current;
    }, `the command palette to settle for "${query}"`);
    await this.page.keyboard.press('Escape');
    return labels;
  }

  async openCommandPalette(text) {
    await this.page.keyboard.press('F1');
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor({ timeout: DEFAULT_TIMEOUT });
    // F1 opens with ">" (command mode) already typed.
    await input.fill(`>${text}`);
  }

  /** Runs a command from the palette by its full title (e.g. "Mathpost: Open Preview"). */
  async runCommand(title) {
    await this.openCommandPalette(title);
    const row = this.page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: title }).first();
    await row.waitFor({ timeout: DEFAULT_TIMEOUT });
    await row.click();
    await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: DEFAULT_TIMEOUT });
  }

  /**
   * Ctrl+G to `line` (1-based; `column` too when given), as a person jumps there: the editor then shows the line
   * and the cursor is on it, with the focus back in the editor.
   */
  async goToLine(line, column) {
    const quickInput = this.page.locator('.quick-input-widget');
    await this.page.keyboard.press('Control+G');
    await quickInput.waitFor({ state: 'visible' });
    await this.page.keyboard.type(column === undefined ? String(line) : `${line}:${column}`);
    await this.page.keyboard.press('Enter');
    await quickInput.waitFor({ state: 'hidden' });
  }

  /**
   * The centre of the first visible occurrence of `text` in the active editor, in page coordinates.
   * Measured with a DOM Range over the line's text nodes because Monaco splits a line into token spans
   * (and re-renders them whenever tokenization catches up), so no single element holds the text.
   */
  async textPosition(text) {
    const lines = this.page.locator('.editor-instance .monaco-editor .view-lines .view-line');
    return lines.evaluateAll((elements, wanted) => {
      for (const line of elements) {
        const walker = line.ownerDocument.createTreeWalker(line, 4 /* NodeFilter.SHOW_TEXT */);
        const nodes = [];
        let joined = '';
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          nodes.push({ node, start: joined.length });
          joined += node.textContent;
        }
        // Monaco renders spaces as U+00A0 in some modes; same length, so offsets stay valid.
        const index = joined.replace(/\u00a0/g, ' ').indexOf(wanted);
        if (index < 0) continue;
        const locate = (offset) => {
          const entry = nodes.findLast((candidate) => candidate.start <= offset);
          return [entry.node, offset - entry.start];
        };
        const range = line.ownerDocument.createRange();
        range.setStart(...locate(index));
        range.setEnd(...locate(index + wanted.length - 1));
        range.setEnd(range.endContainer, range.endOffset + 1);
        const rect = range.getBoundingClientRect();
        return { x: rect.x + rect.width / 2, y: rect.y + rect.height / 2 };
      }
      return null;
    }, text);
  }

  /**
   * Moves the mouse over the first visible occurrence of `text` in the active editor and returns the hover's
   * text once it has settled: VS Code first shows "Loading..." and adds each provider's part as it arrives.
   */
  async hoverText(text) {
    let lastSeen = '';
    return waitUntil(async () => {
      await this.closeHover();
      const point = await this.textPosition(text);
      if (!point) return undefined;
      // Come in along the line itself, so no other line's hover opens on the way; the hover only (re)opens
      // on a mouse move that lands on the text.
      const lineStart = await this.page.locator('.editor-instance .monaco-editor .view-lines').first().boundingBox();
      await this.page.mouse.move(lineStart ? lineStart.x + 2 : point.x - 100, point.y);
      await this.page.mouse.move(point.x, point.y, { steps: 4 });
      const shown = await this.settledHover();
      lastSeen = shown.text;
      return shown.settled && shown.text;
    }, `a settled hover over "${text}"`).catch((error) => {
      throw new Error(`${error.message}; the hover last showed ${JSON.stringify(lastSeen.slice(0, 200))}`);
    });
  }

  /**
   * The hover at the cursor, opened from the keyboard (Ctrl+K Ctrl+I, "Show or Focus Hover"), as a keyboard
   * user reads it. Unlike the mouse, it does not depend on how the page maps pixels to columns, which moves
   * with the fonts installed (CJK text drawn with a fallback font shifts the columns after it).
   */
  async keyboardHoverText() {
    let lastSeen = '';
    return waitUntil(async () => {
      await this.closeHover();
      await this.page.keyboard.press('Control+K');
      await this.page.keyboard.press('Control+I');
      const shown = await this.settledHover();
      lastSeen = shown.text;
      return shown.settled && shown.text;
    }, 'a settled hover at the cursor').catch((error) => {
      throw new Error(`${error.message}; the hover last showed ${JSON.stringify(lastSeen.slice(0, 200))}`);
    });
  }

  /** Closes any hover: a big one left open can cover the text the next one is wanted for. */
  async closeHover() {
    await this.page.mouse.move(5, 5);
    await this.page.keyboard.press('Escape');
    await this.hoverWidget()
      .waitFor({ state: 'hidden', timeout: 3000 })
      .catch(() => {});
  }

  hoverWidget() {
    return this.page.locator('.monaco-hover:not(.hidden)').first();
  }

  /**
   * Waits for a hover to show and stop changing: VS Code first shows "Loading..." and adds each provider's part
   * as it arrives. Returns { text, settled }.
   */
  async settledHover() {
    const hover = this.hoverWidget();
    const readHover = async () => ((await hover.isVisible()) ? (await hover.innerText()).trim() : '');
    await hover.waitFor({ timeout: 3000 }).catch(() => {});
    const settleDeadline = Date.now() + 10_000;
    let previous = await readHover();
    while (previous && Date.now() < settleDeadline) {
      await sleep(300);
      const current = await readHover();
      if (current === previous && !/^Loading\W*$/.test(current)) return { text: current, settled: true };
      previous = current;
    }
    return { text: previous, settled: false };
  }

  /**
   * Shows the Problems panel (a click on the status bar's problems counter, as a person would; it is a toggle,
   * so only when the panel is not showing) and returns one entry per row: { label, text }. The first row of
   * each file is the file itself ("2 problems in file x.md ..."), then its problems, e.g. label
   * "Error: <message> at line 3 and character 3. generated by <source>".
   */
  async problems() {
    const panel = this.page.locator('.part.panel .markers-panel');
    if (!(await panel.isVisible())) {
      await this.page.locator('[id="status.problems"]').click();
      await panel.waitFor({ timeout: DEFAULT_TIMEOUT });
    }
    return panel.locator('.monaco-list-row').evaluateAll((elements) =>
      elements.map((element) => ({
        label: element.getAttribute('aria-label') ?? '',
        text: element.textContent ?? '',
      })),
    );
  }

  /** Waits until some problem row matches `pattern` and returns all rows. */
  async waitForProblem(pattern, timeoutMs = DEFAULT_TIMEOUT) {
    return waitUntil(
      async () => {
        const rows = await this.problems();
        return rows.some((row) => pattern.test(row.label) || pattern.test(row.text)) && rows;
      },
      `a problem matching ${pattern}`,
      timeoutMs,
    );
  }

  /**
   * The frame holding a webview's own HTML: VS Code nests it as iframe.webview > iframe#active-frame
   * (fake.html served by code-server). `contains` narrows to the webview whose body includes that text.
   */
  async webviewFrame(contains = '', timeoutMs = DEFAULT_TIMEOUT) {
    return waitUntil(
      async () => {
        for (const frame of this.page.frames()) {
          if (!frame.url().includes('fake.html') && frame.name() !== 'active-frame') continue;
          const body = await frame
            .locator('body')
            .innerText({ timeout: 1000 })
            .catch(() => '');
          if (body && body.includes(contains)) return frame;
        }
        return undefined;
      },
      `a webview${contains ? ` containing "${contains}"` : ''}`,
      timeoutMs,
    );
  }

  async webviewText(contains = '') {
    const frame = await this.webviewFrame(contains);
    return frame.locator('body').innerText();
  }

  async close() {
    await this.page.close().catch(() => {});
  }
}
