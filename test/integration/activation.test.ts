import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, closeAllEditors, mathpostExtension, waitFor } from './helpers';

describe('activation', () => {
  after(closeAllEditors);

  it('the packaged extension is installed', () => {
    const extension = mathpostExtension();
    assert.equal(extension.packageJSON.name, 'mathpost');
    assert.equal(extension.packageJSON.publisher, 'mathpost');
  });

  it('activates when a markdown file is opened', async () => {
    const [file] = await vscode.workspace.findFiles('**/*.md', '**/node_modules/**', 1);
    assert.ok(file, 'the test workspace should contain a markdown file');
    const document = await vscode.workspace.openTextDocument(file);
    await vscode.window.showTextDocument(document);
    assert.equal(document.languageId, 'markdown');
    await waitFor(() => mathpostExtension().isActive, `${EXTENSION_ID} to activate`);
  });

  it('registers every command its manifest contributes', async () => {
    const extension = mathpostExtension();
    await extension.activate();
    const contributed: string[] = (extension.packageJSON.contributes?.commands ?? []).map((entry: { command: string }) => entry.command);
    assert.ok(contributed.length > 0, 'the manifest contributes no commands');
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepEqual(
      contributed.filter((id) => !registered.has(id)),
      [],
      'contributed commands that activate() did not register',
    );
  });
});
