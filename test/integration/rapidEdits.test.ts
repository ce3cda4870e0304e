import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { lineStartingWith, openInEditor, recordHostErrors, revertDocument, waitFor } from './helpers';
import { previewState } from './previewState';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('typing bursts and closing mid-render', () => {
  const problems = recordHostErrors();

  it('shows the last version after a burst, and nothing runs after the preview is closed', async () => {
    const editor = await openInEditor('source/_posts/kl-divergence.md');
    await vscode.commands.executeCommand('mathpost.openPreviewToSide');
    const uri = editor.document.uri.toString();
    await waitFor(() => previewState(uri)?.applied, 'the first render');

    const line = lineStartingWith(editor.document, '等号当且仅当');
    for (let i = 0; i < 30; i++) {
      await editor.edit((edit) => edit.insert(new vscode.Position(line, 0), `x${i} `), { undoStopBefore: false, undoStopAfter: false });
    }
    const finalVersion = editor.document.version;
    const settled = await waitFor(async () => {
      const state = previewState(uri);
      return state?.applied?.version === finalVersion && state;
    }, 'the last version of the burst in the preview');
    assert.match(settled.html, /x29 x28/);

    // Close the preview in the middle of another burst, then keep typing.
    await editor.edit((edit) => edit.insert(new vscode.Position(line, 0), 'y '));
    await vscode.commands.executeCommand('workbench.action.closeEditorsInOtherGroups');
    for (let i = 0; i < 10; i++) await editor.edit((edit) => edit.insert(new vscode.Position(line, 0), 'z '));
    await sleep(1000);
    assert.equal(previewState(uri), undefined, 'the closed preview is gone');
    assert.deepEqual(problems, [], 'errors in the extension host after dispose');

    await revertDocument(editor.document);
  });
});
