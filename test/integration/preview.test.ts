import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { BlogOracle, comparableHtml } from '../unit/render/blogHtmlOracle';
import { closeAllEditors, lineStartingWith, openInEditor, revertDocument, waitFor, workspaceFile } from './helpers';

import { previewState } from './previewState';

const state = async (uri: vscode.Uri) => previewState(uri);

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
    const rendered = async (editor: vscode.TextEditor, pattern: RegExp, what: string) =>
      waitFor(async () => {
        const current = await state(editor.document.uri);
        return current?.applied && pattern.test(current.html) && current;
      }, what);
    try {
      const editor = await openInEditor(note);
      await vscode.commands.executeCommand('mathpost.openPreviewToSide');
      await rendered(editor, /<kbd>K<\/kbd>/, 'raw HTML rendered by default, as the blog renders it ("blog")');
      // The former boolean values keep working: false is "off".
      await config.update('preview.allowHtml', false, vscode.ConfigurationTarget.Workspace);
      const off = await rendered(editor, /&lt;kbd&gt;K&lt;\/kbd&gt;/, 'the preview to show the raw HTML as text once turned off');
      assert.equal(off.version, editor.document.version, 'the same text, rendered again');
      await config.update('preview.allowHtml', 'on', vscode.ConfigurationTarget.Workspace);
      await rendered(editor, /<kbd>K<\/kbd>/, 'the preview to render the raw HTML again with "on"');
    } finally {
      await config.update('preview.allowHtml', undefined, vscode.ConfigurationTarget.Workspace);
      await closeAllEditors();
      await vscode.workspace.fs.delete(workspaceFile(note));
    }
  });

  it('shows a post with raw HTML and <!-- more --> as real Hexo renders it', async function () {
    this.timeout(120_000);
    const note = 'source/_posts/raw-html.md';
    const body = [
      '摘要：<u>下划线</u>、<font color="red">红色</font>与 https://example.com/a中文字，后面',
      '<!-- more -->',
      '<center>居中</center>',
      '<img src="https://ok.example/typora.png" alt="image" style="zoom:50%;" />',
      '<details>\n<summary>证明</summary>\n由 Jensen 不等式。\n</details>',
      '<!-- 作者的备注 -->',
      '<table><tr><td colspan="2" align="center">0.5</td></tr></table>',
    ].join('\n\n');
    await vscode.workspace.fs.writeFile(workspaceFile(note), Buffer.from(`---\ntitle: raw html\n---\n\n${body}\n`));
    const oracle = await BlogOracle.start();
    try {
      const expected = comparableHtml(await oracle.render(body));
      const editor = await openInEditor(note);
      await vscode.commands.executeCommand('mathpost.openPreviewToSide');
      const shown = await waitFor(async () => {
        const current = await state(editor.document.uri);
        return current?.applied && current.version === editor.document.version && current;
      }, 'the preview to show the post');
      assert.match(shown.html, /<span id="user-more" data-mp-excerpt="[^"]+"><\/span>/, 'the excerpt divider, labelled');
      // Mathpost prefixes the ids of a note's elements in the webview (`user-`), and posts style attributes as
      // data-mp-style, which the webview applies (the CSP refuses parsed ones); the blog's element is the same.
      const asShown = shown.html.replace(/ id="user-/g, ' id="').replace(/ data-mp-style="/g, ' style="');
      assert.match(shown.html, /<img [^>]*data-mp-style="zoom:50%;?"/, 'the image style, posted for the webview to apply');
      assert.equal(comparableHtml(asShown), expected);
    } finally {
      await oracle.stop();
      await closeAllEditors();
      await vscode.workspace.fs.delete(workspaceFile(note));
    }
  });
});
