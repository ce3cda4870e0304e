import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, lineStartingWith, openInEditor, revertDocument, waitFor, workspaceFile } from './helpers';

interface PreviewTestState {
  version: number;
  html: string;
  blocks: Array<{ id: string; startLine: number; html: string }>;
  posted: Array<{ kind: 'full' | 'patch'; version: number; blockIds: string[] }>;
  applied?: { version: number; kind: 'full' | 'patch'; ms: number };
}

const state = (uri: vscode.Uri) => vscode.commands.executeCommand<PreviewTestState | undefined>('mathpost.preview._testState', uri.toString());

describe('the live preview panel', () => {
  afterEach(async () => {
    await closeAllEditors();
  });

  it('opens beside the note and renders its formulas and kl cards with KaTeX', async () => {
    const editor = await openInEditor('source/_posts/kl-divergence.md');
    await vscode.commands.executeCommand('mathpost.openPreviewToSide');
    const shown = await waitFor(async () => {
      const current = await state(editor.document.uri);
      return current?.applied && current;
    }, 'the webview to apply the first render');
    assert.equal(shown.posted[0].kind, 'full');
    assert.match(shown.html, /class="katex"/);
    assert.match(shown.html, /class="mp-kl-card"/);
    assert.match(shown.html, /0\.02526715/, 'the kl card shows D_KL(P‖Q)');
    assert.ok(!/<script/i.test(shown.html));
  });

  it('follows an edit by posting only the changed block, without a full reload', async () => {
    const editor = await openInEditor('source/_posts/kl-divergence.md');
    await vscode.commands.executeCommand('mathpost.openPreviewToSide');
    const first = await waitFor(async () => {
      const current = await state(editor.document.uri);
      return current?.applied && current;
    }, 'the first render');
    const line = lineStartingWith(editor.document, '等号当且仅当');
    await editor.edit((edit) => edit.insert(new vscode.Position(line, 0), '新插入的 $\\alpha + \\beta$ '));
    const version = editor.document.version;
    const updated = await waitFor(async () => {
      const current = await state(editor.document.uri);
      return current?.applied && current.applied.version === version && current;
    }, 'the edit to reach the webview');
    const patches = updated.posted.filter((post) => post.version === version);
    assert.equal(patches.length, 1);
    assert.equal(patches[0].kind, 'patch');
    assert.equal(patches[0].blockIds.length, 1, `one block re-posted (got ${patches[0].blockIds.join(', ')})`);
    assert.match(updated.html, /新插入的/);
    assert.equal(updated.blocks.length, first.blocks.length);
    await revertDocument(editor.document);
  });

  it('renders the open note again when a rendering setting changes, without an edit', async () => {
    const note = 'source/_posts/settings-change.md';
    await vscode.workspace.fs.writeFile(workspaceFile(note), Buffer.from('---\ntitle: settings\n---\n\nPress <kbd>K</kbd> for $x^2$.\n'));
    const config = vscode.workspace.getConfiguration('mathpost');
    try {
      const editor = await openInEditor(note);
      await vscode.commands.executeCommand('mathpost.openPreviewToSide');
      const before = await waitFor(async () => {
        const current = await state(editor.document.uri);
        return current?.applied && current;
      }, 'the first render');
      assert.match(before.html, /&lt;kbd&gt;K&lt;\/kbd&gt;/, 'raw HTML is off by default');
      await config.update('preview.allowHtml', true, vscode.ConfigurationTarget.Workspace);
      const after = await waitFor(async () => {
        const current = await state(editor.document.uri);
        return current && /<kbd>K<\/kbd>/.test(current.html) && current;
      }, 'the preview to render the raw HTML once allowed');
      assert.equal(after.version, editor.document.version, 'the same text, rendered again');
    } finally {
      await config.update('preview.allowHtml', undefined, vscode.ConfigurationTarget.Workspace);
      await closeAllEditors();
      await vscode.workspace.fs.delete(workspaceFile(note));
    }
  });
});
