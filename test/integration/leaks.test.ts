// Nothing outlives a note: after typing bursts, closing the preview mid-render and closing the note, five times
// over, Mathpost holds no preview panel, no subscription of one, no scheduled check and no live timer.
// Timers are counted independently of Mathpost's own bookkeeping: an async_hooks hook records every
// Timeout/Immediate created from the installed extension's files and forgets it when it fires or is cleared.
import * as assert from 'node:assert/strict';
import { createHook } from 'node:async_hooks';
import * as vscode from 'vscode';
import type { MathpostApi } from '../../src/extension';
import { closeAllEditors, lineStartingWith, mathpostExtension, openInEditor, recordHostErrors, revertDocument, waitFor } from './helpers';
import { previewState } from './previewState';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Live timers whose creation stack passes through `extensionPath` (the installed VSIX's dist/). */
function trackTimersOf(extensionPath: string) {
  const live = new Map<number, string>();
  let created = 0;
  const hook = createHook({
    init(asyncId, type) {
      if (type !== 'Timeout' && type !== 'Immediate') return;
      const limit = Error.stackTraceLimit;
      Error.stackTraceLimit = 40;
      const stack = new Error().stack ?? '';
      Error.stackTraceLimit = limit;
      if (!stack.includes(extensionPath)) return;
      created++;
      live.set(
        asyncId,
        stack
          .split('\n')
          .find((line) => line.includes(extensionPath))
          ?.trim() ?? '',
      );
    },
    destroy(asyncId) {
      live.delete(asyncId);
    },
  });
  return { live, created: () => created, enable: () => hook.enable(), disable: () => hook.disable() };
}

describe('no leaks across notes opened, typed in and closed', () => {
  const problems = recordHostErrors();

  it('holds no panel, subscription, scheduled check or timer once five cycles are over', async function () {
    this.timeout(120_000);
    const extension = mathpostExtension();
    await openInEditor('source/_posts/kl-divergence.md');
    const api = extension.exports as MathpostApi;
    const timers = trackTimersOf(extension.extensionPath);
    timers.enable();
    const seenWhileOpen: number[] = [];
    try {
      for (let cycle = 0; cycle < 5; cycle++) {
        const editor = await openInEditor('source/_posts/kl-divergence.md');
        const uri = editor.document.uri.toString();
        await vscode.commands.executeCommand('mathpost.openPreviewToSide');
        await waitFor(async () => previewState(uri)?.applied, `cycle ${cycle}: the first render`);
        const line = lineStartingWith(editor.document, '等号当且仅当');
        for (let i = 0; i < 15; i++)
          await editor.edit((edit) => edit.insert(new vscode.Position(line, 0), `c${cycle}x${i} `), { undoStopBefore: false, undoStopAfter: false });
        seenWhileOpen.push(api.resources().previewSubscriptions);
        // Close the preview while its update and the checks are still scheduled, then type on.
        await vscode.commands.executeCommand('workbench.action.closeEditorsInOtherGroups');
        for (let i = 0; i < 5; i++) await editor.edit((edit) => edit.insert(new vscode.Position(line, 0), 'z '));
        await revertDocument(editor.document);
        await closeAllEditors();
      }
      const settled = await waitFor(
        () => {
          const held = api.resources();
          const idle =
            held.previewPanels === 0 &&
            held.previewSubscriptions === 0 &&
            held.pendingPreviewUpdates === 0 &&
            held.pendingChecks === 0 &&
            timers.live.size === 0;
          return idle && held;
        },
        'Mathpost to hold nothing after the cycles',
        15_000,
      ).catch((error: Error) => {
        throw new Error(`${error.message}: ${JSON.stringify(api.resources())}, live timers created at ${JSON.stringify([...timers.live.values()])}`);
      });
      assert.deepEqual(settled, { previewPanels: 0, previewSubscriptions: 0, pendingPreviewUpdates: 0, pendingChecks: 0 });
      assert.ok(timers.created() > 20, `the hook saw Mathpost's timers (${timers.created()}): the timer count is real`);
      assert.ok(
        seenWhileOpen.every((count) => count > 0),
        `an open preview holds its subscriptions (${seenWhileOpen.join(', ')}): the count is real`,
      );
      await sleep(500);
      assert.deepEqual(problems, [], 'errors in the extension host');
    } finally {
      timers.disable();
    }
  });
});
